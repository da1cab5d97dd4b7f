"""The three journeys of the platform, end to end in headless Chromium against the live server with the demo content.

1. A professional finds a best practice about foster care, narrows it down and follows it to the project's KPIs.
2. Registrations for the upcoming kennisatelier: confirmation with calendar file, cancelling through the link,
   the last place, the waiting list and promotion after a cancellation.
3. A provider member responds to an open proposal, replies to another response and reads the region's report.
"""

import re

import pytest
from django.core import mail

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


# --- 1. Finding a best practice ---------------------------------------------------------------------------------


def _practice_with_project():
    """A best practice of the demo whose related project has KPIs (the journey's destination)."""
    from knowledge.models import BestPracticePage

    for practice in BestPracticePage.objects.live().order_by("path"):
        for project in practice.related_projects.live().specific():
            if project.kpis.exists() and practice.region_id and practice.action_line_id:
                return practice, project
    pytest.skip("the demo content has no best practice linked to a project with KPIs")


def test_professional_finds_a_practice_and_follows_it_to_the_project_kpis(page):
    practice, project = _practice_with_project()

    page.goto("/goede-voorbeelden/")
    page.get_by_label("Zoek in goede voorbeelden").fill("pleegzorg")
    page.get_by_role("button", name="Zoeken", exact=True).last.click()
    page.wait_for_url("**/goede-voorbeelden/?*q=pleegzorg*")
    results = page.locator("#finder-results-heading").inner_text()
    if results.startswith("0 "):
        # Never a dead end: the finder offers related topics; the professional follows the foster-family one.
        page.get_by_role("link", name=re.compile("pleeggezin", re.I)).first.click()
        page.wait_for_url("**/goede-voorbeelden/?*")

    # Narrow down by action line and region (checkbox facets with counts, applied without JavaScript).
    page.locator(f"input[name=actielijn][value='{practice.action_line.slug}']").check()
    page.locator(f"input[name=regio][value='{practice.region.slug}']").check()
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url(re.compile(r".*actielijn=.*"))
    assert f"regio={practice.region.slug}" in page.url
    assert f"actielijn={practice.action_line.slug}" in page.url

    page.get_by_role("link", name=practice.title, exact=True).first.click()
    page.wait_for_url(f"**{practice.url}")
    assert page.locator("h1").first.inner_text() == practice.title

    page.locator(f"main a[href='{project.url}']").first.click()
    page.wait_for_url(f"**{project.url}")
    assert project.title in page.locator("h1").first.inner_text()
    kpis = page.locator("#indicatoren")
    assert kpis.is_visible()
    first_kpi = project.kpis.first()
    assert page.get_by_role("heading", name=first_kpi.name).first.is_visible()
    # The chart is an accessible image and its numbers are also in a table.
    assert page.locator("svg[role=img]").count() >= 1
    assert page.locator("table caption").filter(has_text=first_kpi.name).count() == 1


# --- 2. Registering for a kennisatelier ------------------------------------------------------------------------


def _open_kennisatelier():
    from events.models import EventKind, RegistrationState
    from events.selectors import upcoming_events

    for event in upcoming_events():
        if event.kind == EventKind.KENNISATELIER and event.registration_state() == RegistrationState.OPEN:
            return event
    pytest.skip("the demo content has no upcoming kennisatelier with open registration")


def _register(page, event, *, name, email):
    page.goto(event.url)
    form = page.locator("#inschrijven form")
    form.get_by_label("Naam", exact=True).fill(name)
    form.get_by_label("E-mailadres").fill(email)
    form.get_by_label("Organisatie").fill("Jeugdteam Kop van Noord-Holland")
    region = form.get_by_label("Jeugdzorgregio")
    other_region = [o for o in region.locator("option").all_inner_texts() if o and "Food" not in o and "Kies" not in o]
    region.select_option(label=other_region[0])
    form.get_by_label("Rol").select_option(index=1)
    form.get_by_label(re.compile("Ik geef toestemming")).check()
    form.locator("button[type=submit]").click()
    # The same answer for every address (no enumeration); the own view is reached through the e-mail.
    page.wait_for_selector(f"text=We hebben een e-mail gestuurd naar {email}")


def _mail_to(address, subject_part):
    found = [m for m in mail.outbox if address in m.to and subject_part in m.subject]
    assert found, f"no e-mail to {address} about {subject_part!r}: {[(m.to, m.subject) for m in mail.outbox]}"
    return found[-1]


def _attachments(message, mimetype):
    contents = []
    for attachment in message.attachments:
        _name, content, kind = attachment if isinstance(attachment, tuple) else attachment[:3]
        if (kind or "").startswith(mimetype):
            contents.append(content)
    return contents


def _link_in(message):
    return re.search(r"https?://\S+/inschrijving/[^/\s]+/", message.body).group(0)


def test_registration_confirmation_cancellation_and_waiting_list(page):
    from icalendar import Calendar

    from events.models import EventPage, Registration, RegistrationStatus

    event = _open_kennisatelier()
    taken = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
    # The editors set the capacity so that two places are left (and no limit per region).
    EventPage.objects.filter(pk=event.pk).update(capacity=taken + 2, max_per_region=None)

    # Someone from another region registers and gets the confirmation with the calendar file.
    _register(page, event, name="Anouk de Boer", email="anouk@kopvannoordholland.example")
    confirmation = _mail_to("anouk@kopvannoordholland.example", "Inschrijving bevestigd")
    page.goto(_link_in(confirmation))
    assert page.locator(".kp-registration-status").inner_text() == "Bevestigd"
    ics = _attachments(confirmation, "text/calendar")
    assert len(ics) == 1
    calendar = Calendar.from_ical(ics[0])
    vevent = next(c for c in calendar.walk("VEVENT"))
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.start

    # A second person fills the last place; a third lands on the waiting list.
    _register(page, event, name="Bram Visser", email="bram@voorbeeld.example")
    _mail_to("bram@voorbeeld.example", "Inschrijving bevestigd")
    _register(page, event, name="Cor Smit", email="cor@voorbeeld.example")
    waiting = _mail_to("cor@voorbeeld.example", "wachtlijst")
    assert "op plaats 1" in waiting.body
    page.goto(_link_in(waiting))
    assert page.locator(".kp-registration-status").inner_text() == "Op de wachtlijst, plaats 1"

    # The first person cancels through the link in the e-mail; the third is promoted and told.
    page.goto(_link_in(confirmation))
    page.get_by_role("button", name="Afmelden").click()
    assert page.get_by_text("U bent afgemeld").is_visible()
    promoted = _mail_to("cor@voorbeeld.example", "plaats voor u vrijgekomen")
    page.goto(_link_in(promoted))
    assert page.locator(".kp-registration-status").inner_text() == "Bevestigd"
    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses["cor@voorbeeld.example"] == RegistrationStatus.CONFIRMED
    assert statuses["anouk@kopvannoordholland.example"] == RegistrationStatus.CANCELLED
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
    assert confirmed == taken + 2  # never more than the capacity


# --- 3. The advisory table --------------------------------------------------------------------------------------


def test_provider_responds_replies_and_reads_the_report(page):
    from accounts.demo import DEMO_PASSWORD
    from knowledge.advisory.models import ProposalPage, Response
    from tests.security.forms import provider_member

    member = provider_member()
    open_proposals = [p for p in ProposalPage.objects.live().specific() if p.status == "open"]
    reported = [p for p in ProposalPage.objects.live().specific() if getattr(p, "report_is_published", False)]
    if member is None or not open_proposals or not reported:
        pytest.skip("the demo content lacks a provider member, an open proposal or a published report")
    proposal = open_proposals[0]

    sign_in(page, username=member.username, password=DEMO_PASSWORD)
    page.wait_for_url("**/account/**")
    page.goto(proposal.url)

    form = page.locator("form").filter(has=page.get_by_role("button", name="Reactie plaatsen"))
    question = form.get_by_label("Vraag")
    if question.count():
        question.select_option(index=1)
    form.get_by_label("Steunt onder voorwaarden").check()
    form.get_by_label("Uw reactie").fill(
        "Wij steunen dit **mits** er ruimte blijft voor maatwerk.\n\n- eerst de wachtlijsten\n- dan de tarieven"
    )
    form.get_by_role("button", name="Reactie plaatsen").click()
    page.wait_for_selector("text=Uw reactie is geplaatst")
    created = Response.objects.filter(proposal=proposal, author=member).latest("pk")
    mine = page.locator(f"article#reactie-{created.pk}")
    assert "ruimte blijft voor maatwerk" in mine.inner_text()
    assert mine.locator("strong").first.inner_text() == "mits"  # Markdown rendered
    assert mine.locator("li", has_text="eerst de wachtlijsten").count() == 1  # a Markdown list
    assert "**" not in mine.inner_text()

    # Reply to another response this member can see (others' responses may be hidden until the window closes).
    others = [
        a.get_attribute("id")
        for a in page.locator("article.kp-response").filter(has=page.locator("summary", has_text="Antwoorden")).all()
        if a.get_attribute("id") != f"reactie-{created.pk}"
    ]
    assert others, "no other response to reply to"
    by_others = {f"reactie-{pk}" for pk in Response.objects.exclude(author=member).values_list("pk", flat=True)}
    article = page.locator(f"article#{next((o for o in others if o in by_others), others[0])}")
    article.locator("summary", has_text="Antwoorden").click()
    article.get_by_label("Uw antwoord").fill("Herkenbaar: bij ons speelt hetzelfde in de wijkteams.")
    article.get_by_role("button", name="Antwoord plaatsen").click()
    page.wait_for_selector("text=Herkenbaar: bij ons speelt hetzelfde in de wijkteams.")

    # Later: the region's report on a processed proposal ("u zei, wij deden").
    report_page = reported[0]
    page.goto("/adviestafel/")
    page.get_by_role("link", name=report_page.title).first.click()
    page.get_by_role("link", name="Lees het verslag: u zei, wij deden").click()
    assert "verslag" in page.url or "Verslag" in page.locator("h1").first.inner_text()
    assert page.locator("main").inner_text().strip()
