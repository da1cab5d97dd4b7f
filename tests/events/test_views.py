import datetime
import re
import time

import pytest
from django.utils import timezone

from events.models import Registration, RegistrationStatus
from events.tokens import make_token
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db


def _form_data(region, **overrides):
    data = {
        "name": "Anouk de Vries",
        "email": "anouk@voorbeeld.example",
        "organisation_name": "Gemeente Ede",
        "region": str(region.pk),
        "role": "policy",
        "needs": "Rolstoelplek",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def _registration_url(registration):
    event = registration.event
    return event.url + event.reverse_subpage("registration", kwargs={"token": make_token(registration)})


def test_event_page_shows_places_left_and_an_accessible_form(client, event):
    register(event)
    response = client.get(event.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "nog 2 plaatsen" in html
    assert 'for="id_email"' in html and 'aria-describedby="id_email_helptext"' in html
    assert "kp-honeypot" in html
    assert "webinar.voorbeeld.example/geheim" not in html  # the online link is for confirmed registrants only


def test_registering_through_the_form_confirms_and_shows_the_own_view(client, event, food_valley, mailoutbox):
    response = client.post(event.url, _form_data(food_valley), REMOTE_ADDR="10.0.0.1")

    registration = Registration.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == event.url  # the own view is reached through the e-mail (no enumeration)
    assert registration.needs == "Rolstoelplek" and registration.region == food_valley
    assert "We hebben een e-mail gestuurd naar anouk@voorbeeld.example" in client.get(event.url).content.decode()
    [message] = mailoutbox
    assert _registration_url(registration) in message.body
    own = client.get(_registration_url(registration))
    html = own.content.decode()
    assert "Bevestigd" in html
    assert "webinar.voorbeeld.example/geheim" in html  # confirmed: online link shown
    assert "plaatsen" not in html  # no remaining-places counter once in


def test_full_event_offers_the_waiting_list_and_shows_the_position(client, event, food_valley):
    for _ in range(3):
        register(event)
    page = client.get(event.url).content.decode()
    assert "vol: wachtlijst" in page and "Zet mij op de wachtlijst" in page

    client.post(event.url, _form_data(food_valley), REMOTE_ADDR="10.0.0.2")
    html = client.get(_registration_url(Registration.objects.get(email="anouk@voorbeeld.example"))).content.decode()
    assert "Op de wachtlijst, plaats 1" in html
    assert "webinar.voorbeeld.example/geheim" not in html
    assert "Verlaat de wachtlijst" in html


def test_duplicate_email_answers_like_a_new_registration_and_mails_the_owner(client, event, food_valley, mailoutbox):
    first = register(event, email="anouk@voorbeeld.example")
    mailoutbox.clear()
    response = client.post(event.url, _form_data(food_valley, email="ANOUK@voorbeeld.example"), REMOTE_ADDR="10.0.0.3")
    assert (response.status_code, response["Location"]) == (302, event.url)
    assert event.registrations.count() == 1
    [message] = mailoutbox
    assert message.to == ["anouk@voorbeeld.example"] and "al ingeschreven" in message.subject
    assert _registration_url(first) in message.body


def test_missing_fields_are_reported_next_to_the_field(client, event, food_valley):
    response = client.post(event.url, _form_data(food_valley, consent="", name=""), REMOTE_ADDR="10.0.0.4")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Zonder uw toestemming kunnen we u niet inschrijven." in html
    assert 'id="id_name_error"' in html
    assert not event.registrations.exists()


def test_honeypot_refuses_without_registering(client, event, food_valley):
    response = client.post(event.url, _form_data(food_valley, website="http://spam.example"), REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 400
    assert "kon niet worden verwerkt" in response.content.decode()
    assert not event.registrations.exists()


def test_rate_limit_per_client_address(client, event, food_valley, settings):
    settings.EVENT_REGISTRATION_RATE_LIMIT = (3, 600)
    for n in range(3):
        response = client.post(
            event.url, _form_data(food_valley, email=f"p{n}@voorbeeld.example"), REMOTE_ADDR="10.9.9.9"
        )
        assert response.status_code == 302
    response = client.post(event.url, _form_data(food_valley, email="p4@voorbeeld.example"), REMOTE_ADDR="10.9.9.9")
    html = response.content.decode()
    assert response.status_code == 429
    assert "te vaak verstuurd" in html
    assert 'value="p4@voorbeeld.example"' in html
    assert event.registrations.count() == 3
    # Another address is not affected.
    response = client.post(event.url, _form_data(food_valley, email="p5@voorbeeld.example"), REMOTE_ADDR="10.9.9.10")
    assert response.status_code == 302


def test_not_yet_open_event_shows_when_and_refuses_a_post(client, event_index, food_valley):
    event = EventPageFactory(registration_opens_at=timezone.now() + datetime.timedelta(days=3))
    html = client.get(event.url).content.decode()
    assert "nog niet geopend" in html and 'name="email"' not in html
    response = client.post(event.url, _form_data(food_valley), REMOTE_ADDR="10.0.0.6")
    assert response.status_code == 400
    assert "nog niet geopend" in response.content.decode()
    assert not event.registrations.exists()


def test_closed_registration_is_refused(client, event_index, food_valley):
    event = EventPageFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.post(event.url, _form_data(food_valley), REMOTE_ADDR="10.0.0.7")
    assert "gesloten" in response.content.decode()
    assert not event.registrations.exists()


def test_past_event_shows_outcomes_and_no_form(client, event_index, food_valley):
    start = timezone.now() - datetime.timedelta(days=30)
    event = EventPageFactory(start=start, end=start + datetime.timedelta(hours=3), outcomes="<p>Wat we leerden</p>")
    html = client.get(event.url).content.decode()
    assert "Leeropbrengsten" in html and "Wat we leerden" in html
    assert 'name="email"' not in html
    response = client.post(event.url, _form_data(food_valley), REMOTE_ADDR="10.0.0.8")
    assert not event.registrations.exists()
    assert response.status_code == 400


def test_cancel_through_the_signed_link_promotes_the_next(client, event, mailoutbox):
    confirmed = [register(event) for _ in range(3)]
    waiting = register(event)
    url = _registration_url(confirmed[0])
    assert "Afmelden" in client.get(url).content.decode()

    response = client.post(url, {"action": "cancel"})
    assert response.status_code == 302
    confirmed[0].refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed[0].status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert any(m.to == [waiting.email] and "vrijgekomen" in m.subject for m in mailoutbox)
    assert "U bent afgemeld" in client.get(response["Location"]).content.decode()


def test_leave_the_waiting_list_with_one_click_from_the_email(client, event):
    for _ in range(3):
        register(event)
    waiting = register(event)
    response = client.post(_registration_url(waiting), {"action": "cancel"})
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CANCELLED
    assert "niet meer op de wachtlijst" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("kind", ["garbage", "tampered", "other_registration", "no_signature"])
def test_invalid_or_tampered_links_change_nothing(client, event, kind):
    registration = register(event)
    other = register(event)
    token = make_token(registration)
    bad = {
        "garbage": "zomaar-iets",
        "tampered": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "other_registration": f"{other.pk}-{token.split('-', 1)[1]}",
        "no_signature": str(registration.pk),
    }[kind]
    url = event.url + event.reverse_subpage("registration", kwargs={"token": bad})

    get = client.get(url)
    post = client.post(url, {"action": "cancel"})

    assert get.status_code == post.status_code == 404
    assert "Deze link werkt niet" in get.content.decode()
    assert "Er is niets aan uw inschrijving veranderd" in post.content.decode()
    assert set(event.registrations.values_list("status", flat=True)) == {RegistrationStatus.CONFIRMED}


def test_a_token_only_works_on_its_own_event(client, event, event_index):
    registration = register(event)
    other_event = EventPageFactory()
    url = other_event.url + other_event.reverse_subpage("registration", kwargs={"token": make_token(registration)})
    assert client.get(url).status_code == 404


def test_event_page_renders_in_a_fixed_number_of_queries(client, event, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    register(event)
    client.get(event.url)  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(event.url)

    event.programme = [
        ("item", {"start_time": datetime.time(9 + i), "title": f"Onderdeel {i}", "speakers": [{"name": "Spreker"}]})
        for i in range(5)
    ]
    event.save_revision().publish()
    for _ in range(8):
        register(event)
    client.get(event.url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(event.url)
    assert response.status_code == 200 and "Onderdeel 4" in response.content.decode()
    assert len(many) == len(few)
    with django_assert_max_num_queries(20):
        client.get(event.url)


def _card(html, title):
    start = html.index(title)
    return html[start : html.index("</li>", start)]


def test_index_lists_upcoming_with_places_then_past_with_outcomes_in_fixed_queries(
    client, event_index, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    full = EventPageFactory(title="Vol atelier", capacity=1)
    register(full)
    EventPageFactory(title="Open atelier", capacity=12)
    start = timezone.now() - datetime.timedelta(days=20)
    EventPageFactory(title="Oud atelier", start=start, end=start + datetime.timedelta(hours=2), outcomes="<p>Oogst</p>")
    client.get(event_index.url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(event_index.url).content.decode()
    assert "vol: wachtlijst" in _card(html, "Vol atelier")
    assert "nog 12 plaatsen" in _card(html, "Open atelier")
    assert "Oogst" in _card(html, "Oud atelier")
    assert html.index("Open atelier") < html.index("Oud atelier")

    for _ in range(6):
        register(EventPageFactory())
    client.get(event_index.url)  # warm-up again: publishing forgot the cached site lookup (home/sites.py)
    with CaptureQueriesContext(connection) as many:
        client.get(event_index.url)
    assert len(many) == len(few)
    with django_assert_max_num_queries(20):
        client.get(event_index.url + "?soort=webinar&thema=leren-en-ontwikkelen&regio=food-valley")


def test_index_filters_by_kind_theme_and_region(client, event_index, arnhem):
    from knowledge.taxonomy import MainTheme

    webinar = EventPageFactory(title="Webinar voor Arnhem", kind="webinar")
    webinar.audience_kind = "selected"
    webinar.audience_regions.set([arnhem])
    webinar.themes.set([MainTheme.objects.get(slug="leren-en-ontwikkelen")])
    webinar.save_revision().publish()
    EventPageFactory(title="Werkbezoek voor iedereen", kind="werkbezoek")

    html = client.get(event_index.url, {"soort": "webinar"}).content.decode()
    assert "Webinar voor Arnhem" in html and "Werkbezoek voor iedereen" not in html
    html = client.get(event_index.url, {"thema": "leren-en-ontwikkelen"}).content.decode()
    assert "Webinar voor Arnhem" in html and "Werkbezoek voor iedereen" not in html
    html = client.get(event_index.url, {"regio": "food-valley"}).content.decode()
    assert "Webinar voor Arnhem" not in html and "Werkbezoek voor iedereen" in html  # open events match every region
    html = client.get(event_index.url, {"regio": "onbekend", "soort": "webinar"}).content.decode()
    assert "Webinar voor Arnhem" in html  # an unknown slug is ignored, the valid filter still applies


def test_cached_event_page_gives_each_visitor_a_working_form_and_fresh_places(
    event, food_valley, settings, django_capture_on_commit_callbacks, monkeypatch
):
    """The event page comes from the anonymous page cache, yet its CSRF-protected form works for every visitor
    and a registration shows up in the places left within PAGE_CACHE_COUNTER_SECONDS."""
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 60
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get(event.url)["X-Cache"] == "MISS"
    page = second.get(event.url)
    html = page.content.decode()
    assert page["X-Cache"] == "HIT"
    assert "nog 3 plaatsen" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert "csrftoken" in page.cookies

    with django_capture_on_commit_callbacks(execute=True):
        response = second.post(
            event.url, {**_form_data(food_valley), "csrfmiddlewaretoken": token}, REMOTE_ADDR="10.0.0.9"
        )

    assert response.status_code == 302
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 1
    assert Client().get(event.url)["X-Cache"] == "STALE"
    later = time.time() + settings.PAGE_CACHE_COUNTER_SECONDS + 1
    monkeypatch.setattr("home.cache._now", lambda: later)
    after = Client().get(event.url)
    assert after["X-Cache"] == "MISS"
    assert "nog 2 plaatsen" in after.content.decode()
    assert "nog 2 plaatsen" in Client().get(event.get_parent().url).content.decode()


def test_a_cached_token_from_someone_else_is_refused(event, food_valley, settings):
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 60
    Client().get(event.url)
    other = Client(enforce_csrf_checks=True).get(event.url)
    stolen = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', other.content.decode()).group(1)
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(event.url)

    response = visitor.post(event.url, {**_form_data(food_valley), "csrfmiddlewaretoken": stolen})

    assert response.status_code == 403
    assert not Registration.objects.filter(event=event).exists()
