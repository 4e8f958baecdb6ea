"""The cross-store URL matrix: every admin URL pattern, requested by store A's staff of
every role with store B's ids.

``url_matrix`` enumerates the patterns and says how each is requested (or why it is
excused), ``matrix_stores`` fills the two stores with an object of every kind, ``probes``
makes the requests and checks the answers. The test modules request the patterns of one
concern each (``url_matrix.CONCERNS``); ``test_matrix_coverage`` proves that every pattern
is probed or excused, and ``test_matrix_merchant_fixes`` that the fixes still leave the
merchant their own store's objects.

Leaks found and being fixed elsewhere are listed in ``url_matrix.KNOWN_LEAKS``: their
pattern's test is a strict xfail, so it fails once the fix lands and the entry has to go.
"""
