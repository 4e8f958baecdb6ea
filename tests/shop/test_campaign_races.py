"""Campaigns under concurrency, on PostgreSQL with real threads (ADR 48): two editors
planning clashing campaigns at the same moment get one campaign and one refusal with its
reason, and beats that overlap start a campaign once."""

import pytest
import time_machine

from shop.exceptions import CampaignRefused
from shop.models import Campaign
from shop.services.campaigns import run_campaigns, save_campaign
from tenancy.scope import store_scope
from tests.races import race
from tests.shop.campaign_factories import BEFORE, START, plan_for, prepare
from tests.tenants.factories import StoreFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql_only", "restore_initial_data"),
]

PLANNERS = 4


def test_clashing_campaigns_planned_at_once_give_one_campaign_and_refusals():
    store = StoreFactory(slug="campaign-race")
    prepared = prepare(store)

    def plan(index):
        with store_scope([store.site.pk]):
            return save_campaign(
                site_id=store.site.pk, plan=plan_for(prepared, name=f"Sale {index}")
            )

    # The clock is moved for every thread at once: time-machine patches the process.
    with time_machine.travel(BEFORE, tick=True):
        outcomes = race(plan, PLANNERS)

    planned = [outcome for outcome in outcomes if isinstance(outcome, Campaign)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, CampaignRefused)]
    assert len(planned) == 1 and len(refused) == PLANNERS - 1, outcomes
    assert all(f"“{planned[0].name}” already changes" in str(error) for error in refused)
    with store_scope([store.site.pk]):
        assert Campaign.objects.count() == 1


def test_overlapping_beats_start_a_campaign_once():
    store = StoreFactory(slug="campaign-beats")
    prepared = prepare(store)
    with time_machine.travel(BEFORE, tick=True), store_scope([store.site.pk]):
        campaign = save_campaign(site_id=store.site.pk, plan=plan_for(prepared))

    with time_machine.travel(START, tick=True):
        outcomes = race(lambda index: run_campaigns().started, 3)

    assert sorted(len(started) for started in outcomes) == [0, 0, 1], outcomes
    with store_scope([store.site.pk]):
        home = prepared.home.__class__.objects.get(pk=prepared.home.pk)
        assert home.title == "Black Friday is on"
        publishes = home.revisions.filter(approved_go_live_at=None).count()
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.RUNNING
    assert publishes == 3  # live before, the sale's draft, and one campaign publish
