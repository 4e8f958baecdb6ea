"""The URL matrix over images, documents, collections and embeds, their API and choosers,
and the tag autocompletes, requested by store A's staff of every role with store B's ids
(see ``tests.isolation.probes``)."""

import pytest

from tests.isolation.probes import describe, request_every_probe
from tests.isolation.url_matrix import matrix_params

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("plan", matrix_params("media"))
def test_admin_pattern_with_another_stores_ids(member_client, mine, theirs, plan):
    problems, changed = request_every_probe(member_client, plan, mine, theirs)

    assert not problems and not changed, describe(problems, changed)
