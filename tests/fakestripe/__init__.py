"""A fake Stripe for the tests: a local HTTP server the real library talks to, and the
webhook events Stripe would send, signed as Stripe signs them."""
