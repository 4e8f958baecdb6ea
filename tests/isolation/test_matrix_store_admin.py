"""The URL matrix over the views of ``tenants``: the store's staff and invitations, the
account's email change and the operator's store views, requested by store A's staff of
every role with store B's ids (see ``tests.isolation.probes``)."""

import pytest

from tests.isolation.probes import describe, request_every_probe
from tests.isolation.url_matrix import matrix_params

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("plan", matrix_params("store_admin"))
def test_admin_pattern_with_another_stores_ids(member_client, mine, theirs, plan):
    problems, changed = request_every_probe(member_client, plan, mine, theirs)

    assert not problems and not changed, describe(problems, changed)
