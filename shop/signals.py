from django.dispatch import Signal

# Sent after the transaction that placed an order commits.
# Arguments: order (shop.models.Order).
order_placed = Signal()

# Sent after a stock movement commits.
# Arguments: movement (shop.models.StockMovement), level (shop.models.StockLevel).
stock_changed = Signal()

# Sent after the transaction that cancelled an order (and put its stock back) commits.
# Arguments: order (shop.models.Order).
order_cancelled = Signal()

# Sent after the transaction that moved an order to another status (other than cancelled,
# which sends ``order_cancelled``) commits.
# Arguments: order (shop.models.Order), previous (the status it had).
order_status_changed = Signal()

# Sent after the transaction that allocated arrived stock to a pre-ordered order line
# commits. Arguments: allocation (shop.models.PreorderAllocation).
preorder_allocated = Signal()

# Sent after a variant's available stock (on hand less held) fell to or under its low-stock
# threshold while some remain; at most once a day per variant.
# Arguments: variant (shop.models.ProductVariant), level (shop.models.StockLevel).
stock_low = Signal()

# Sent after a variant's available stock reached zero (or less, on backorder).
# Arguments: variant (shop.models.ProductVariant), level (shop.models.StockLevel).
stock_out = Signal()

# Sent after a sold-out variant has units available again.
# Arguments: variant (shop.models.ProductVariant), level (shop.models.StockLevel).
stock_back_in = Signal()

# Sent after a variant that was low or sold out has more than its threshold again.
# Arguments: variant (shop.models.ProductVariant), level (shop.models.StockLevel).
stock_replenished = Signal()

# Sent after the transaction that added an entry to an order's timeline commits: placed,
# payment received or failed, fulfilled, shipped, delivered, cancelled, refunded, returns,
# notes (``shop.data.OrderEvent.Kind``). Emails follow these.
# Arguments: event (shop.models.OrderEvent).
order_event_recorded = Signal()
