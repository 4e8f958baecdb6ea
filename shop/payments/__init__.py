"""Card payments with Stripe (ADR 42): the client and keys (``stripe_client``), the
PaymentIntent of an order and abandoned card orders (``services``), the webhook
(``webhooks``, ``handlers``), card refunds (``refunds``) and the shopper's payment pages
(``views``)."""
