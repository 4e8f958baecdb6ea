"""Merchant A, signed in to the admin, sees and touches nothing of store B.

The tests run on the two stores of ``filled_stores`` (``tests.stores``): ``mine`` is
Alpha, ``theirs`` is Beta, and ``merchant_client`` is Alpha's owner. The modules written
on the stores' *surfaces* (``surfaces.py``) add, for each store, a document, tags, locked
pages, a workflow of its own and a draft in a review both stores' staff may act on, and an
agent who owns both stores and has switched to Beta with the store switcher.
"""
