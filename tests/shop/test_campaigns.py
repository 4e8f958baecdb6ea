"""Campaigns across their boundaries, with a frozen clock: at the start everything the
campaign touches is published, at the end everything is put back exactly as it was, edits
made during the campaign are kept as drafts, and clashing campaigns are refused."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import PageLogEntry

from shop.data import Campaign, Product, Promotion
from shop.exceptions import CampaignRefused
from shop.models import StorePage
from shop.promotions import book
from shop.services.campaigns import (
    cancel_campaign,
    change_running_campaign,
    end_campaign_now,
    save_campaign,
)
from shop.tasks import run_campaigns_task
from tenancy.scope import store_scope
from tests.shop.campaign_factories import (
    BEFORE,
    END,
    LIVE_COLOUR,
    SALE_COLOUR,
    START,
    STORE_ZONE,
    plan_for,
    prepare,
    run_at,
    schedule,
)
from tests.themes.editor import theme_of

pytestmark = pytest.mark.django_db


def fresh(store, prepared):
    with store_scope([store.site.pk]):
        return {
            "landing": StorePage.objects.get(pk=prepared.landing.pk),
            "home": prepared.home.__class__.objects.get(pk=prepared.home.pk),
            "promotion": Promotion.objects.get(pk=prepared.promotion.pk),
            "theme": theme_of(store),
            "product": Product.objects.get(pk=prepared.product.pk),
        }


def test_nothing_changes_before_the_start_and_everything_at_it(store):
    prepared = prepare(store)
    campaign = schedule(store, prepared)

    assert run_at(START - timedelta(seconds=1)).started == []
    now = fresh(store, prepared)
    assert not now["landing"].live
    assert now["home"].title == "Welcome"
    assert not now["promotion"].live
    assert now["theme"].primary_color == LIVE_COLOUR
    assert now["product"].status == Product.Status.DRAFT

    assert run_at(START).started == [campaign.pk]
    now = fresh(store, prepared)
    assert now["landing"].live
    assert now["home"].live and now["home"].title == "Black Friday is on"
    assert now["promotion"].live and now["promotion"].value == 20
    assert now["theme"].primary_color == SALE_COLOUR
    assert now["product"].status == Product.Status.ACTIVE
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.RUNNING
    assert campaign.started_at == START


def test_the_end_puts_back_exactly_what_was_there(store):
    prepared = prepare(store)
    schedule(store, prepared)
    run_at(START)

    assert run_at(END - timedelta(seconds=1)).ended == []
    run_at(END)

    now = fresh(store, prepared)
    assert not now["landing"].live
    assert now["home"].live and now["home"].title == "Welcome"
    assert not now["promotion"].live
    assert now["theme"].live and now["theme"].primary_color == LIVE_COLOUR
    assert now["product"].status == Product.Status.DRAFT
    # The draft the campaign published was the campaign's: it is not left waiting.
    home = now["home"]
    assert not home.has_unpublished_changes
    # The history says what the campaign did.
    actions = set(PageLogEntry.objects.filter(page=home).values_list("action", flat=True))
    assert {"shop.campaign.publish", "shop.campaign.restore"} <= actions


def test_edits_made_during_the_campaign_are_kept_as_drafts(store):
    prepared = prepare(store)
    schedule(store, prepared)
    run_at(START)
    with time_machine.travel(START + timedelta(days=1), tick=False), store_scope([store.site.pk]):
        home = prepared.home.__class__.objects.get(pk=prepared.home.pk)
        home.title = "Black Friday: last day"
        home.save_revision().publish()  # published mid-campaign
        theme = theme_of(store)
        theme.primary_color = "#00aa00"
        theme.save_revision()  # a draft mid-campaign

    run_at(END)

    now = fresh(store, prepared)
    assert now["home"].title == "Welcome"
    assert now["home"].has_unpublished_changes
    assert now["home"].latest_revision.as_object().title == "Black Friday: last day"
    assert now["theme"].primary_color == LIVE_COLOUR
    assert now["theme"].has_unpublished_changes
    assert now["theme"].latest_revision.as_object().primary_color == "#00aa00"


def test_each_boundary_is_crossed_once_however_often_the_beat_runs(store):
    prepared = prepare(store)
    schedule(store, prepared)

    assert run_at(START).started
    assert not run_at(START + timedelta(minutes=1)).started
    with time_machine.travel(END, tick=False):
        assert run_campaigns_task() == {"started": 0, "ended": 1, "failed": 0}
        assert run_campaigns_task() == {"started": 0, "ended": 0, "failed": 0}
    home = fresh(store, prepared)["home"]
    actions = list(
        PageLogEntry.objects.filter(page=home, action__startswith="shop.campaign.").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["shop.campaign.publish", "shop.campaign.restore"]


def test_the_campaigns_promotion_applies_from_its_first_second_to_its_last(store):
    prepared = prepare(store)
    schedule(store, prepared)
    site_id, promotion_id = store.site.pk, prepared.promotion.pk

    with time_machine.travel(BEFORE, tick=False):
        assert book.offer_at(site_id, promotion_id, START - timedelta(seconds=1)) is None
        assert book.offer_at(site_id, promotion_id, START).value == 20
        assert book.offer_at(site_id, promotion_id, END - timedelta(seconds=1)).value == 20
        assert book.offer_at(site_id, promotion_id, END) is None
        assert book.next_boundary(site_id, BEFORE) == START
    run_at(START + timedelta(seconds=30))
    # Running, before the beat has ended it: the book ends it on the second all the same.
    with time_machine.travel(END, tick=False):
        assert book.offer_at(site_id, promotion_id, END - timedelta(seconds=1)).value == 20
        assert book.offer_at(site_id, promotion_id, END) is None


def test_a_live_promotion_changed_by_a_campaign_comes_back_as_it_was(store):
    prepared = prepare(store)
    with time_machine.travel(BEFORE, tick=False), store_scope([store.site.pk]):
        promotion = Promotion.objects.get(pk=prepared.promotion.pk)
        promotion.value = 5
        promotion.save_revision().publish()  # 5 % live before the campaign
        promotion.value = 20
        promotion.save_revision()  # 20 % drafted for it
        prepared.promotion = promotion
    schedule(store, prepared)
    site_id = store.site.pk

    with time_machine.travel(BEFORE, tick=False):
        assert book.offer_at(site_id, promotion.pk, START - timedelta(seconds=1)).value == 5
        assert book.offer_at(site_id, promotion.pk, START).value == 20
        assert book.offer_at(site_id, promotion.pk, END).value == 5
    run_at(START)
    with time_machine.travel(START, tick=False):
        assert book.offer_at(site_id, promotion.pk, END).value == 5
    run_at(END)
    assert fresh(store, prepared)["promotion"].value == 5
    assert fresh(store, prepared)["promotion"].live


def test_a_campaign_touching_what_another_touches_at_an_overlapping_time_is_refused(store):
    prepared = prepare(store)
    schedule(store, prepared)

    in_store_time = timezone.override(STORE_ZONE)
    with time_machine.travel(BEFORE, tick=False), store_scope([store.site.pk]), in_store_time:
        with pytest.raises(CampaignRefused) as refused:
            save_campaign(
                site_id=store.site.pk,
                plan=plan_for(
                    prepared,
                    name="Cyber Monday",
                    starts_at=END - timedelta(hours=1),
                    ends_at=END + timedelta(days=1),
                ),
            )
        # Back to back is not an overlap.
        save_campaign(
            site_id=store.site.pk,
            plan=plan_for(prepared, name="Cyber Monday", starts_at=END, ends_at=END + timedelta(1)),
        )

    messages = refused.value.messages
    assert len(messages) == 5
    assert "“Black Friday” already changes the page “Black Friday” from Fri 27 Nov" in (messages[0])
    assert any("the product “Sale mug”" in message for message in messages)


def test_a_campaign_that_ends_before_it_starts_or_in_the_past_is_refused(store):
    prepared = prepare(store)
    with time_machine.travel(BEFORE, tick=False), store_scope([store.site.pk]):
        with pytest.raises(CampaignRefused, match="must end after it starts"):
            save_campaign(site_id=store.site.pk, plan=plan_for(prepared, ends_at=START))
        with pytest.raises(CampaignRefused, match="must end in the future"):
            save_campaign(
                site_id=store.site.pk,
                plan=plan_for(
                    prepared,
                    starts_at=BEFORE - timedelta(days=2),
                    ends_at=BEFORE - timedelta(days=1),
                ),
            )
    with store_scope([store.site.pk]):
        assert not Campaign.objects.exists()


def test_an_object_wagtail_publishes_during_the_campaign_is_refused(store):
    prepared = prepare(store)
    with time_machine.travel(BEFORE, tick=False), store_scope([store.site.pk]):
        landing = StorePage.objects.get(pk=prepared.landing.pk)
        landing.go_live_at = START + timedelta(hours=2)
        landing.save_revision().publish()  # scheduled by Wagtail itself
        prepared.landing = StorePage.objects.get(pk=landing.pk)
        with (
            timezone.override(STORE_ZONE),
            pytest.raises(CampaignRefused, match="scheduled to go live at Fri 27 Nov 2026, 02:00"),
        ):
            save_campaign(site_id=store.site.pk, plan=plan_for(prepared))


def test_a_running_campaign_keeps_what_it_touches_but_can_end_earlier(store):
    prepared = prepare(store)
    campaign = schedule(store, prepared)
    run_at(START)
    moment = START + timedelta(hours=1)
    with time_machine.travel(moment, tick=False), store_scope([store.site.pk]):
        fewer = plan_for(prepared)
        fewer.objects = fewer.objects[:1]
        with pytest.raises(CampaignRefused, match="only its name and end can change"):
            save_campaign(site_id=store.site.pk, plan=fewer, campaign=campaign)
        ended = end_campaign_now(campaign=campaign)

    assert ended.state == Campaign.State.ENDED
    assert ended.ends_at == moment
    assert fresh(store, prepared)["home"].title == "Welcome"


def test_a_running_campaigns_end_cannot_move_into_another_campaign(store):
    prepared = prepare(store)
    campaign = schedule(store, prepared)
    schedule(store, prepared, name="Cyber Monday", starts_at=END, ends_at=END + timedelta(1))
    run_at(START)

    with time_machine.travel(START + timedelta(hours=1), tick=False), store_scope([store.site.pk]):
        with pytest.raises(CampaignRefused, match="“Cyber Monday” already changes"):
            change_running_campaign(
                campaign=campaign, name="Black Friday", ends_at=END + timedelta(hours=2)
            )
        with pytest.raises(CampaignRefused, match="must end in the future"):
            change_running_campaign(
                campaign=campaign, name="Black Friday", ends_at=START + timedelta(minutes=30)
            )
        moved = change_running_campaign(
            campaign=campaign, name="Black Friday weekend", ends_at=END - timedelta(hours=1)
        )

    assert (moved.name, moved.ends_at) == ("Black Friday weekend", END - timedelta(hours=1))
    assert run_at(END - timedelta(hours=1)).ended == [campaign.pk]


def test_a_cancelled_campaign_changes_nothing(store):
    prepared = prepare(store)
    campaign = schedule(store, prepared)
    with store_scope([store.site.pk]):
        cancel_campaign(campaign=campaign)

    assert run_at(START).started == []
    assert not fresh(store, prepared)["landing"].live


def test_the_command_runs_what_the_beat_runs(store):
    from io import StringIO

    from django.core.management import call_command

    prepared = prepare(store)
    schedule(store, prepared)
    out = StringIO()
    with time_machine.travel(START, tick=False):
        call_command("run_campaigns", stdout=out)
        call_command("run_campaigns", stdout=out)

    assert out.getvalue().splitlines() == [
        "1 campaign(s) started, 0 ended, 0 failed (tried again at the next run).",
        "0 campaign(s) started, 0 ended, 0 failed (tried again at the next run).",
    ]
