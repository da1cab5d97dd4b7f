import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from freezegun import freeze_time

from knowledge.advisory.models import Report, Response, ResponseState, Visibility
from tests.factories.advisory import ReplyFactory, ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "provider", "staff", "editor"]


@pytest.fixture
def users(provider, outsider, staff, editor_user):
    return {"anonymous": None, "outsider": outsider, "provider": provider, "staff": staff, "editor": editor_user}


def _client(client, users, role):
    if users[role] is not None:
        client.force_login(users[role])
    return client


def _url(proposal, sub=""):
    return proposal.url + sub


def _form(proposal, **extra):
    data = {
        "question": proposal.questions.first().pk,
        "position": "supports",
        "text": "Wij vinden dit een goed plan.",
        "visibility": "public",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_everyone_can_view_the_proposal(client, users, proposal, role):
    response = _client(client, users, role).get(_url(proposal))
    assert response.status_code == 200
    assert proposal.title in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "Log in om te reageren"),
        ("outsider", "hoort niet bij de doelgroep"),
        ("provider", None),
        ("staff", "reageren niet als aanbieder"),
        ("editor", "reageren niet als aanbieder"),
    ],
)
def test_respond_permission(client, users, proposal, role, expected):
    page = _client(client, users, role).get(_url(proposal)).content.decode()
    response = client.post(_url(proposal, "reageren/"), _form(proposal))
    if expected is None:
        assert f'action="{proposal.url}reageren/"' in page
        assert response.status_code == 302
        assert Response.objects.filter(proposal=proposal, author=users[role]).count() == 1
    else:
        assert expected in page  # the page says why before anyone tries
        assert response.status_code == 400
        assert expected in response.content.decode()
        assert not Response.objects.filter(proposal=proposal).exists()


def test_respond_is_post_only(client, provider, proposal):
    client.force_login(provider)
    assert client.get(_url(proposal, "reageren/")).status_code == 405


def test_response_appears_on_the_page_after_posting(client, provider, proposal):
    client.force_login(provider)
    response = client.post(_url(proposal, "reageren/"), _form(proposal, text="Dit is **onze** reactie"), follow=True)
    html = response.content.decode()
    assert "Uw reactie is geplaatst" in html
    assert "<strong>onze</strong>" in html
    assert "Bewerken" in html


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"text": ""}, "Vul een tekst in."),
        ({"text": "x" * 10_001}, "De tekst is te lang"),
        ({"position": ""}, "Kies uw standpunt."),
        ({"question": ""}, "Kies de vraag waarop u reageert."),
    ],
)
def test_bad_input_shows_dutch_error_and_keeps_the_text(client, provider, proposal, extra, message):
    client.force_login(provider)
    data = _form(proposal, text="Mijn zorgvuldig getypte tekst")
    data.update(extra)
    response = client.post(_url(proposal, "reageren/"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    if extra.get("text") is None or "text" not in extra:
        assert "Mijn zorgvuldig getypte tekst" in html
    assert not Response.objects.exists() or not Response.objects.filter(proposal=proposal).exists()


def test_window_closed_while_typing_keeps_the_text(client, provider, proposal):
    client.force_login(provider)
    client.get(_url(proposal))
    with freeze_time(proposal.closes_at + datetime.timedelta(minutes=1)):
        response = client.post(_url(proposal, "reageren/"), _form(proposal, text="Net te laat verstuurd"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "De consultatie is gesloten" in html
    assert "Net te laat verstuurd" in html


def test_attachment_errors_keep_the_text(client, provider, proposal):
    client.force_login(provider)
    fake = SimpleUploadedFile("advies.pdf", b"MZ-not-a-pdf", content_type="application/pdf")
    response = client.post(_url(proposal, "reageren/"), {**_form(proposal, text="Met bijlage"), "attachment": fake})
    html = response.content.decode()
    assert "De bijlage is geen pdf-bestand." in html and "Met bijlage" in html


def test_rate_limit_message(client, provider, proposal):
    client.force_login(provider)
    for _ in range(5):
        assert client.post(_url(proposal, "reageren/"), _form(proposal)).status_code == 302
    response = client.post(_url(proposal, "reageren/"), _form(proposal, text="De zesde"))
    assert "Wacht een minuut" in response.content.decode()
    assert "De zesde" in response.content.decode()


def test_attachment_download_follows_visibility(client, provider, outsider, proposal):
    client.force_login(provider)
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 inhoud", content_type="application/pdf")
    client.post(_url(proposal, "reageren/"), {**_form(proposal, visibility="region_only"), "attachment": pdf})
    response_obj = Response.objects.get(proposal=proposal)
    download = client.get(_url(proposal, f"reactie/{response_obj.pk}/bijlage/"))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(outsider)
    assert client.get(_url(proposal, f"reactie/{response_obj.pk}/bijlage/")).status_code == 404


@pytest.fixture
def open_public_response(proposal, other_provider, other_audience_org):
    proposal.public_during_window = True
    proposal.save_revision().publish()
    return ResponseFactory(proposal=proposal, author=other_provider, organisation=other_audience_org)


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 404), ("outsider", 404), ("provider", 302), ("staff", 302), ("editor", 302)]
)
def test_reply_permission(client, users, open_public_response, role, status):
    proposal = open_public_response.proposal
    response = _client(client, users, role).post(
        _url(proposal, f"reactie/{open_public_response.pk}/reageren/"), {"text": "Goed punt"}
    )
    assert response.status_code == status
    assert open_public_response.replies.count() == (1 if status == 302 else 0)


def test_official_answer_checkbox_only_counts_for_staff(client, staff, provider, open_public_response):
    proposal = open_public_response.proposal
    client.force_login(provider)
    response = client.post(
        _url(proposal, f"reactie/{open_public_response.pk}/reageren/"), {"text": "Officieel?", "is_official": "on"}
    )
    assert "Alleen medewerkers van de regio" in response.content.decode()
    client.force_login(staff)
    client.post(
        _url(proposal, f"reactie/{open_public_response.pk}/reageren/"), {"text": "Ons antwoord", "is_official": "on"}
    )
    assert open_public_response.replies.get().is_official
    html = client.get(_url(proposal)).content.decode()
    assert "Officieel antwoord van de regio" in html


@pytest.fixture
def own_response(proposal, provider, audience_org):
    return ResponseFactory(proposal=proposal, author=provider, organisation=audience_org)


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 404), ("outsider", 404), ("provider", 200), ("staff", 403), ("editor", 403)]
)
def test_edit_permission(client, users, own_response, role, status):
    response = _client(client, users, role).get(_url(own_response.proposal, f"reactie/{own_response.pk}/bewerken/"))
    assert response.status_code == status


def test_edit_saves_and_shows_new_text(client, provider, own_response):
    client.force_login(provider)
    url = _url(own_response.proposal, f"reactie/{own_response.pk}/bewerken/")
    response = client.post(
        url, {"position": "concerns", "text": "Aangepaste tekst", "visibility": "public"}, follow=True
    )
    assert "Aangepaste tekst" in response.content.decode()
    assert own_response.versions.count() == 2


def test_edit_after_30_minutes_shows_reason_and_keeps_text(client, provider, own_response):
    client.force_login(provider)
    url = _url(own_response.proposal, f"reactie/{own_response.pk}/bewerken/")
    with freeze_time(timezone.now() + datetime.timedelta(minutes=31)):
        response = client.post(url, {"position": "concerns", "text": "Te laat bewerkt", "visibility": "public"})
    html = response.content.decode()
    assert response.status_code == 400 and "30 minuten" in html and "Te laat bewerkt" in html


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_permission(client, users, own_response, role):
    client = _client(client, users, role)
    client.post(_url(own_response.proposal, f"reactie/{own_response.pk}/intrekken/"))
    own_response.refresh_from_db()
    expected = ResponseState.WITHDRAWN if role == "provider" else ResponseState.ACTIVE
    assert own_response.state == expected


@pytest.fixture
def closed_public_response(demo_site, other_provider, other_audience_org):
    now = timezone.now()
    proposal = make_proposal(opens_at=now - datetime.timedelta(days=10), closes_at=now - datetime.timedelta(days=1))
    return ResponseFactory(proposal=proposal, author=other_provider, organisation=other_audience_org)


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("outsider", 302), ("provider", 302), ("staff", 302), ("editor", 302)]
)
def test_report_permission(client, users, closed_public_response, role, status):
    url = _url(closed_public_response.proposal, f"reactie/{closed_public_response.pk}/melden/")
    response = _client(client, users, role).post(url, {"reason": "spam"})
    assert response.status_code == status
    if role == "anonymous":
        assert "/account/inloggen/" in response["Location"]
        assert not Report.objects.exists()
    else:
        assert Report.objects.filter(reporter=users[role]).count() == 1


def test_report_twice_shows_error(client, provider, closed_public_response):
    client.force_login(provider)
    url = _url(closed_public_response.proposal, f"reactie/{closed_public_response.pk}/melden/")
    client.post(url, {"reason": "spam"})
    response = client.post(url, {"reason": "offensive"})
    assert "U heeft deze reactie al gemeld." in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("outsider", 403), ("provider", 403), ("staff", 403), ("editor", 302)]
)
def test_hide_permission(client, users, closed_public_response, role, status):
    url = _url(closed_public_response.proposal, f"reactie/{closed_public_response.pk}/verbergen/")
    response = _client(client, users, role).post(url, {"reason": "Bevat een naam van een cliënt"})
    assert response.status_code == status
    closed_public_response.refresh_from_db()
    assert (closed_public_response.state == ResponseState.HIDDEN) == (role == "editor")


def test_hidden_response_shows_reason_to_author_only(client, editor_user, other_provider, closed_public_response):
    client.force_login(editor_user)
    client.post(
        _url(closed_public_response.proposal, f"reactie/{closed_public_response.pk}/verbergen/"),
        {"reason": "Bevat een naam van een cliënt"},
    )
    client.force_login(other_provider)
    html = client.get(_url(closed_public_response.proposal)).content.decode()
    assert "Bevat een naam van een cliënt" in html and closed_public_response.body_markdown in html
    client.logout()
    html = client.get(_url(closed_public_response.proposal)).content.decode()
    assert closed_public_response.body_markdown not in html


@pytest.mark.parametrize("sub", ["export-csv/", "export-xlsx/", "verslag-print/"])
@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("outsider", 403), ("provider", 403), ("staff", 200), ("editor", 200)]
)
def test_export_permission(client, users, proposal, sub, role, status):
    """Region staff export the proposals of their own region (test_region_staff covers another region's)."""
    response = _client(client, users, role).get(_url(proposal, sub))
    assert response.status_code == status


def test_outcome_page_for_staff_only(client, staff, provider, closed_public_response):
    url = _url(closed_public_response.proposal, f"reactie/{closed_public_response.pk}/uitkomst/")
    client.force_login(provider)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    response = client.post(url, {"outcome": "adopted", "reason": "Opgenomen in het plan."}, follow=True)
    assert "Opgenomen in het plan." in response.content.decode()


# Page content ----------------------------------------------------------------------------------------------


def test_open_page_shows_time_left_and_responding_organisations(client, proposal, provider, other_provider):
    ResponseFactory(proposal=proposal, organisation=provider.memberships.get().organisation)
    ResponseFactory(proposal=proposal, organisation=other_provider.memberships.get().organisation)
    html = client.get(_url(proposal)).content.decode()
    assert 'class="utrecht-data-list__item-value kp-organisation-count">2<' in html
    assert "kp-time-left" in html and "dag" in html
    # Public responses are hidden from visitors while this proposal is open.
    assert "Openbare reacties worden zichtbaar nadat de consultatie is gesloten." in html


def test_processed_proposal_links_responses_to_the_report(client, demo_site):
    html = client.get("/adviestafel/vervolg-inhoudelijke-lijnen-vanaf-2022/").content.decode()
    assert "Lees het verslag" in html
    assert "verslag/#vraag-" in html
    report = client.get("/adviestafel/vervolg-inhoudelijke-lijnen-vanaf-2022/verslag/").content.decode()
    assert "U zei" in report and "Wij deden" in report and "Overgenomen" in report


def test_report_page_404_before_processing(client, proposal):
    assert client.get(_url(proposal, "verslag/")).status_code == 404


def test_index_lists_open_first_with_closing_date_and_filters(client, demo_site):
    now = timezone.now()
    closed = make_proposal(
        title="Gesloten voorstel", opens_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(days=1)
    )
    opened = make_proposal(title="Open voorstel", closes_at=now + datetime.timedelta(days=1))
    html = client.get("/adviestafel/").content.decode()
    assert html.index(opened.title) < html.index(closed.title)
    assert "sluit op" in html
    only_closed = client.get("/adviestafel/?status=closed").content.decode()
    assert closed.title in only_closed and opened.title not in only_closed
    themed = client.get("/adviestafel/?theme=voorzieningen-zo-thuis-mogelijk").content.decode()
    assert "Vervolg van de inhoudelijke lijnen vanaf 2022" in themed and opened.title not in themed


def test_index_query_count_is_fixed(client, demo_site, django_assert_max_num_queries):
    for _ in range(3):
        proposal = make_proposal()
        ResponseFactory(proposal=proposal)
    with django_assert_max_num_queries(25) as before:
        client.get("/adviestafel/")
    for _ in range(6):
        make_proposal()
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/adviestafel/")


def test_proposal_page_query_count_is_fixed(client, proposal, provider, django_assert_max_num_queries):
    client.force_login(provider)
    org = provider.memberships.get().organisation
    for _ in range(2):
        ReplyFactory(response=ResponseFactory(proposal=proposal, organisation=org, author=provider))
    client.get(_url(proposal))
    with django_assert_max_num_queries(60) as before:
        client.get(_url(proposal))
    for _ in range(8):
        ReplyFactory(response=ResponseFactory(proposal=proposal, organisation=org, author=provider))
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(_url(proposal))


# Other channels --------------------------------------------------------------------------------------------


def test_search_finds_only_public_responses_of_closed_consultations(client, demo_site, proposal, provider):
    """Issue 14: public responses of a closed consultation are searchable; a region-only one of an open proposal
    never is, and no response text is shown in the results."""
    closed = make_proposal(
        opens_at=timezone.now() - datetime.timedelta(days=5), closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    ResponseFactory(proposal=closed, body_markdown="Zoekwoordtoverberg openbaar")
    ResponseFactory(proposal=proposal, visibility=Visibility.REGION_ONLY, body_markdown="Zoekwoordtoverberg geheim")
    client.force_login(provider)
    html = client.get("/zoeken/?q=Zoekwoordtoverberg").content.decode()
    assert response_html_absent(html)
    assert closed.url in html  # found through its public response, after closing
    assert proposal.url not in html  # a region-only response of an open proposal finds nothing


def response_html_absent(html):
    return "Zoekwoordtoverberg openbaar" not in html and "Zoekwoordtoverberg geheim" not in html


def test_api_does_not_expose_responses(client, proposal):
    ResponseFactory(proposal=proposal, visibility=Visibility.REGION_ONLY, body_markdown="Geheime regiotekst")
    listing = client.get("/api/v2/pages/?type=advisory.ProposalPage&fields=*")
    detail = client.get(f"/api/v2/pages/{proposal.pk}/")
    for response in (listing, detail):
        assert response.status_code == 200
        assert "Geheime regiotekst" not in response.content.decode()
        assert "responses" not in response.json()
    assert "responses" not in detail.json()


def test_home_page_lists_open_proposals(client, proposal):
    html = client.get("/").content.decode()
    assert proposal.title in html
    assert AnonymousUser  # the home page uses open_proposals(user=...)


@pytest.mark.parametrize(
    ("role", "sees_public", "sees_region_only"),
    [
        ("anonymous", True, False),
        ("outsider", True, False),
        ("provider", True, True),  # the region-only response is their own organisation's
        ("staff", True, True),
        ("editor", True, True),
    ],
)
def test_page_after_closing_shows_public_to_all_and_region_only_to_region_and_own_org(
    client, users, demo_site, provider, audience_org, other_provider, role, sees_public, sees_region_only
):
    now = timezone.now()
    proposal = make_proposal(opens_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(days=1))
    ResponseFactory(proposal=proposal, author=other_provider, body_markdown="Openbare inbreng na sluiting")
    ResponseFactory(
        proposal=proposal,
        author=provider,
        organisation=audience_org,
        visibility=Visibility.REGION_ONLY,
        body_markdown="Alleen voor de regio bedoeld",
    )
    html = _client(client, users, role).get(_url(proposal)).content.decode()
    assert ("Openbare inbreng na sluiting" in html) == sees_public
    assert ("Alleen voor de regio bedoeld" in html) == sees_region_only
    ResponseFactory(proposal=proposal, visibility=Visibility.REGION_ONLY, body_markdown="Van een ander")
    html = client.get(_url(proposal)).content.decode()
    assert ("Van een ander" in html) == (role in ("staff", "editor"))
