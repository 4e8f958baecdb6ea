from django.dispatch import Signal

# Sent after the transaction that placed an order commits.
# Arguments: order (shop.models.Order).
order_placed = Signal()

# Sent after a stock movement commits.
# Arguments: movement (shop.models.StockMovement), level (shop.models.StockLevel).
stock_changed = Signal()
