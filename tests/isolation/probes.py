"""The requests the matrix makes for one pattern, and what each answer must not show.

For each probed pattern:

- with B's ids (every B page: live, draft, in moderation, the store root; every revision
  of a page with several), GET and POST: 403 or 404 (405 for a method the view does not
  take, when the other method was refused), nothing of B in the body, nothing of B changed;
- mixed, for views taking two ids: one of them A's, the other B's (A's page with B's
  revision, task state or destination; B's page with A's): refused the same way;
- with A's own ids, GET: any answer, nothing of B in it (filters, choosers and menus that
  would list every store);
- with B's ids in the query string only (bulk actions, ``?id=``, GET and POST): refused;
  choosers' chosen-multiple may answer 200 with an empty result;
- id-less views, GET, plain and with B's words and ids in the query (search terms and the
  filters of Wagtail's listings), following redirects: 200, 302, 403 or 404, nothing of B
  in any body. A's own ids get the same query string.

Requests naming B's ids carry ``X-Requested-With: XMLHttpRequest`` (``XHR``) so that
Wagtail answers a permission refusal with a 403 instead of a redirect to the dashboard.
"""

import itertools
from dataclasses import dataclass

from django.urls import reverse

from tests.helpers import XHR
from tests.isolation.matrix_stores import fingerprint
from tests.isolation.url_matrix import (
    ANSWER_ALIKE,
    LISTING_QUERIES,
    LISTING_QUERY,
    NO_MIXED,
    Id,
    is_chosen_multiple,
)

POST_DATA = {
    "title": "Hijacked by Alpha",
    "slug": "hijacked-by-alpha",
    "new_title": "Hijacked by Alpha",
    "new_slug": "hijacked-by-alpha",
    "copy_subpages": "on",
    "publish_copies": "on",
    "name": "Hijacked by Alpha",
    "email": "hijacked@alpha.test",
    "status": "closed",
    "is_editing": "1",
    "restriction_type": "password",
    "password": "hijacked-42",
    "comment": "Hijacked by Alpha",
    "action-publish": "action-publish",
}


@dataclass(frozen=True)
class Probe:
    label: str  # "B", "mixed", "query" (B's ids in the query only), "own" or "id-less"
    url: str
    query: dict


def _url(pattern, kwargs):
    if pattern.name is None:
        return "/" + pattern.route.replace("^.*/$", "no-such-admin-view/")
    return reverse(pattern.name, kwargs=kwargs)


def _fill(plan, fixed, kinds, query_kind, pick):
    """One probe's URL and query, each id kind's value given by ``pick(param, kind)``."""
    kwargs = {**fixed, **{param: pick(param, kind) for param, kind in kinds.items()}}
    query = {"id": [pick("id", query_kind)]} if query_kind else {}
    return _url(plan.pattern, kwargs), query


def _listing_query(plan, theirs):
    query = LISTING_QUERIES.get(plan.pattern.name, LISTING_QUERY)
    return {
        key: theirs.value(value.kind, theirs.subjects[0]) if isinstance(value, Id) else value
        for key, value in query.items()
    }


def probes(plan, mine, theirs):
    """Every request the plan makes: with B's ids, mixed, A's own, or id-less."""
    found = []
    listing_query = _listing_query(plan, theirs)
    for fixed, kinds, query_kind in plan.choices:
        if not kinds and not query_kind:
            url = _url(plan.pattern, fixed)
            found += [Probe("id-less", url, {}), Probe("id-less", url, listing_query)]
            continue
        if not kinds:  # ids in the query only: chosen-multiple, bulk actions
            url, query = _fill(
                plan, fixed, kinds, query_kind, lambda p, k: theirs.value(k, theirs.subjects[0])
            )
            found.append(Probe("query", url, query))
            continue
        for subject in theirs.subjects:
            url, query = _fill(
                plan, fixed, kinds, query_kind, lambda p, k, s=subject: theirs.value(k, s)
            )
            found.append(Probe("B", url, query))
        for subject in mine.subjects[:2]:
            url, _ = _fill(plan, fixed, kinds, None, lambda p, k, s=subject: mine.value(k, s))
            found.append(Probe("own", url, listing_query))
        if len(kinds) > 1 and plan.pattern.name not in NO_MIXED:
            for own_param in kinds:

                def pick(param, kind, own_param=own_param):
                    side = mine if param == own_param else theirs
                    return side.value(kind, side.subjects[0])

                url, query = _fill(plan, fixed, kinds, query_kind, pick)
                found.append(Probe("mixed", url, query))
    unique = {}
    for probe in found:
        unique.setdefault((probe.label, probe.url, str(probe.query)), probe)
    return list(unique.values())


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def markers_shown(response, side):
    """The words of ``side`` that the response shows."""
    body = _body(response).lower()
    return [marker for marker in side.markers if marker.lower() in body]


REFUSED = (403, 404)
ID_LESS_ANSWERS = (200, 302, 403, 404)


def check(client, plan, probe, theirs):
    """The problems one probe shows, as readable lines."""
    problems = []
    where = f"{probe.label} {probe.url}{'?' + str(probe.query) if probe.query else ''}"

    def leaks(response, method):
        found = markers_shown(response, theirs)
        if found:
            problems.append(f"{where} {method} {response.status_code} shows {found}")

    if probe.label == "id-less":
        response = client.get(probe.url, probe.query, follow=True)
        for hop in [*response.redirect_chain]:
            if not hop[0].startswith("/admin/"):
                problems.append(f"{where} redirects out of the admin to {hop[0]}")
        if response.status_code not in ID_LESS_ANSWERS:
            problems.append(f"{where} GET answered {response.status_code}")
        leaks(response, "GET")
        return problems
    if probe.label == "own":
        leaks(client.get(probe.url, probe.query), "GET")
        return problems

    # B's ids, or mixed: refused, by GET and by POST (or 405 for a method the view does
    # not take, if the other one was refused).
    post_url = probe.url + (
        "?" + "&".join(f"id={v}" for v in probe.query["id"]) if probe.query else ""
    )
    get = client.get(probe.url, probe.query, **XHR)
    post = client.post(post_url, POST_DATA, **XHR)
    statuses = {"GET": get.status_code, "POST": post.status_code}
    for method, response in (("GET", get), ("POST", post)):
        leaks(response, method)
    if plan.pattern.name in ANSWER_ALIKE:
        return problems
    if probe.label == "query" and is_chosen_multiple(plan.pattern):
        # Choosers answer an unknown id with an empty result.
        if get.status_code == 200 and get.json().get("result"):
            problems.append(f"{where} GET returns {get.json()['result']}")
        return problems
    refused = [method for method, status in statuses.items() if status in REFUSED]
    allowed = (*REFUSED, 405) if refused else REFUSED
    for method, status in statuses.items():
        if status not in allowed:
            problems.append(f"{where} {method} answered {status}")
    return problems


def request_every_probe(client, plan, mine, theirs):
    """Make every probe of ``plan`` as ``client``: the problems the answers show, and the
    parts of store B's fingerprint that changed."""
    before = theirs.baseline
    problems = list(
        itertools.chain.from_iterable(
            check(client, plan, probe, theirs) for probe in probes(plan, mine, theirs)
        )
    )
    after = fingerprint(theirs)
    changed = sorted(key for key in before if before[key] != after[key])
    return problems, changed


def describe(problems, changed):
    return "\n".join([*problems, *([f"changed: {changed}"] if changed else [])])
