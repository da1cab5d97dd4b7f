"""The privacy guard covers every page type and snippet whose text reaches a public channel, through one hook in
the shared base page (home/privacy.py, home.models.BasePage): in code, in the admin and on import.

Channels that show these fields: the page itself, its meta and Open Graph tags (title, seo_title,
search_description, summary), the API, search, feeds and e-mails; all read the same fields, so the guard checks
the fields, not the channels.
"""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import BasePage

PHONE = "Bel 06-12345678"
BSN = "111222333"


def _page_types():
    return sorted(
        (m for m in apps.get_models() if issubclass(m, BasePage) and not m._meta.abstract),
        key=lambda m: m._meta.label,
    )


def test_every_page_type_of_the_project_is_a_guarded_base_page():
    concrete = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
    assert {m._meta.label for m in concrete} == {m._meta.label for m in _page_types()}
    labels = {m._meta.label for m in _page_types()}
    assert {
        "home.HomePage",
        "home.StandardPage",
        "home.NewsIndexPage",
        "home.NewsPage",
        "events.EventIndexPage",
        "events.EventPage",
        "advisory.ProposalIndexPage",
        "advisory.ProposalPage",
        "knowledge.BestPracticePage",
    } <= labels


class _File:
    """A stand-in document or image for a chooser block: what the guard reads is its title and file name."""

    def __init__(self, title):
        self.title = title
        self.file = ContentFile(b"", name="bijlage.pdf")


def _block_value(block, text):
    """A value for `block` with `text` in every text it holds (and a document or image titled `text`)."""
    if isinstance(block, blocks.RichTextBlock):
        return blocks.RichTextBlock().to_python(f"<p>{text}</p>")
    if isinstance(block, DocumentChooserBlock | ImageChooserBlock):
        return _File(text)
    if isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.URLBlock):
        return text
    if isinstance(block, blocks.StructBlock):
        return blocks.StructValue(
            block, [(name, _block_value(child, text)) for name, child in block.child_blocks.items()]
        )
    if isinstance(block, blocks.ListBlock):
        return [_block_value(block.child_block, text)]
    return None


def _stream_cases():
    for model in _page_types():
        for field in model._meta.concrete_fields:
            if isinstance(field, StreamField):
                for name, child in field.stream_block.child_blocks.items():
                    if _block_value(child, PHONE) is not None:
                        yield pytest.param(model, field.name, name, id=f"{model.__name__}.{field.name}.{name}")


def _exempt(model):
    return {"path", "url_path", "draft_title", *model.privacy_exempt_fields, *model.privacy_contact_fields.values()}


@pytest.mark.django_db  # a page instance looks up its content type
@pytest.mark.parametrize("model", _page_types(), ids=lambda m: m.__name__)
def test_every_text_field_of_every_page_type_reaches_the_guard(model):
    """News, standard, home, event and proposal pages too; a field added later is checked without a change."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices and f.name not in _exempt(model)
    ]
    assert {"title", "slug", "seo_title", "search_description", "summary"} <= {f.name for f in fields}
    for field in fields:
        page = model(**{field.name: PHONE})
        assert field.name in page.privacy_errors(), f"{model.__name__}.{field.name}"


@pytest.mark.django_db  # a page instance looks up its content type
@pytest.mark.parametrize("model, field_name, block_name", list(_stream_cases()))
def test_every_block_of_every_streamfield_reaches_the_guard(model, field_name, block_name):
    """Headings, paragraphs, quotes, captions, alt texts, the programme's speakers, links, and the titles of chosen
    documents and images."""
    block = model._meta.get_field(field_name).stream_block
    page = model(
        **{field_name: blocks.StreamValue(block, [(block_name, _block_value(block.child_blocks[block_name], PHONE))])}
    )
    errors = page.privacy_errors()
    assert field_name in errors and "06-12345678" in errors[field_name][0]


# In code: pages created with add_child(), save_revision().publish() and save() are refused.


@pytest.mark.django_db
def test_a_news_page_with_personal_data_in_its_body_is_refused_in_code(demo_site):
    from home.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get()
    page = NewsPage(
        title="Nieuw bericht",
        slug="nieuw-bericht",
        date=datetime.date(2026, 1, 5),
        body=[("paragraph", f"<p>BSN {BSN}</p>")],
    )
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=page)
    assert "body" in error.value.message_dict
    assert not NewsPage.objects.filter(slug="nieuw-bericht").exists()


@pytest.mark.django_db
def test_publishing_a_changed_standard_page_in_code_is_refused(demo_site):
    from home.models import StandardPage

    page = StandardPage.objects.get(slug="privacy")
    page.search_description = "Vragen? Mail j.jansen@example.nl"
    with pytest.raises(ValidationError) as error:
        page.save_revision().publish()
    assert "search_description" in error.value.message_dict
    assert "j.jansen" not in StandardPage.objects.get(pk=page.pk).search_description


@pytest.mark.django_db
def test_the_home_page_intro_is_guarded(demo_site):
    demo_site.intro = "<p>Het gezin woont op 6711 AB 12.</p>"
    with pytest.raises(ValidationError) as error:
        demo_site.save()
    assert "intro" in error.value.message_dict


@pytest.mark.django_db
def test_event_pages_are_guarded_but_the_venue_and_a_functional_contact_are_allowed(demo_site):
    from tests.factories.events import EventPageFactory

    event = EventPageFactory(venue_address="Lindelaan 12\n6711 AB Ede", contact_email="kennisateliers@regio.example")
    assert event.live
    with pytest.raises(ValidationError) as error:
        EventPageFactory(seo_title="Atelier met moeder, 06-12345678")
    assert "seo_title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        EventPageFactory(contact_email="marieke.jansen@regio.example")
    assert "contact_email" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        EventPageFactory(
            programme=[
                (
                    "item",
                    {
                        "start_time": datetime.time(13),
                        "title": "Casus",
                        "description": "De jongen, geboren 12-03-2011",
                        "speakers": [],
                    },
                )
            ]
        )
    assert "programme" in error.value.message_dict


@pytest.mark.django_db
def test_proposal_pages_and_their_questions_are_guarded(demo_site):
    from tests.factories.advisory import make_proposal

    with pytest.raises(ValidationError) as error:
        make_proposal(body=[("paragraph", "<p>Zie het dossier van 3811ab 12a</p>")])
    assert "body" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_proposal(questions=("Wat vindt u? Bel 0318-123456.",))
    assert "questions" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_proposal(general_summary=f"Reactie over BSN {BSN}")
    assert "general_summary" in error.value.message_dict


# Documents: attached in a StreamField, linked from rich text, and in the document editor itself.


def _document(title, name="bijlage.pdf"):
    return get_document_model().objects.create(title=title, file=ContentFile(b"%PDF-1.4", name=name))


@pytest.mark.django_db
def test_a_document_linked_from_rich_text_is_guarded_by_its_title_and_file_name(demo_site):
    from home.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get()
    by_title = _document(f"Verslag BSN {BSN}")
    by_name = _document("Verslag", name=f"verslag-{BSN}.pdf")
    for number, document in enumerate((by_title, by_name)):
        link = f'<p>Lees <a linktype="document" id="{document.pk}">het verslag</a>.</p>'
        page = NewsPage(
            title="Verslag", slug=f"verslag-{number}", date=datetime.date(2026, 1, 5), body=[("paragraph", link)]
        )
        with pytest.raises(ValidationError) as error:
            index.add_child(instance=page)
        assert BSN in error.value.message_dict["body"][0]
    fine = _document("Jaarverslag 2025")
    page = NewsPage(
        title="Jaarverslag",
        slug="jaarverslag",
        date=datetime.date(2026, 1, 5),
        body=[("paragraph", f'<p><a linktype="document" id="{fine.pk}">Jaarverslag</a></p>')],
    )
    index.add_child(instance=page)
    assert page.pk


@pytest.mark.django_db
def test_a_document_attached_to_an_event_is_guarded(demo_site):
    from tests.factories.events import EventPageFactory

    document = _document("Presentatie", name="presentatie-06-12345678.pdf")
    with pytest.raises(ValidationError) as error:
        EventPageFactory(materials=[("document", {"document": document, "title": ""})])
    assert "materials" in error.value.message_dict


@pytest.mark.django_db
def test_the_document_editor_refuses_personal_data_in_a_title(demo_site, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("beheer", "beheer@voorbeeld.example", "x"))
    document = _document("Verslag")
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Verslag over de jongen, geboren 12 maart 2011", "collection": document.collection_id, "tags": ""},
    )
    assert response.status_code == 200
    assert "persoonsgegevens (geboortedatum)" in response.content.decode()
    document.refresh_from_db()
    assert document.title == "Verslag"


# The admin: the same hook for page types outside knowledge.


@pytest.mark.django_db
def test_the_admin_refuses_personal_data_in_a_news_body_and_promote_tab(demo_site, editor_client):
    from home.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get()
    data = nested_form_data(
        {
            "title": "Nieuwsbericht",
            "slug": "nieuwsbericht-admin",
            "summary": "",
            "date": "2026-01-05",
            "body": streamfield([("paragraph", rich_text(f"<p>BSN {BSN}</p>"))]),
            "search_description": "Bel +31 6 1234 5678",
            "seo_title": "",
        }
    )
    response = editor_client.post(f"/admin/pages/add/home/newspage/{index.pk}/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "persoonsgegevens (burgerservicenummer)" in html and BSN in html
    assert "persoonsgegevens (telefoonnummer)" in html
    assert not NewsPage.objects.filter(slug="nieuwsbericht-admin").exists()


@pytest.mark.django_db
def test_the_snippet_editor_refuses_personal_data_in_a_taxonomy_description(demo_site, editor_client):
    from knowledge.models import Phase

    phase = Phase.objects.first()
    response = editor_client.post(
        f"/admin/snippets/knowledge/phase/edit/{phase.pk}/",
        {"name": phase.name, "slug": phase.slug, "description": "Vraag het aan moeder@example.nl", "sort_order": 1},
    )
    assert response.status_code == 200
    assert "persoonsgegevens (e-mailadres)" in response.content.decode()
    phase.refresh_from_db()
    assert "moeder@example.nl" not in phase.description


@pytest.mark.django_db
def test_organisation_names_are_guarded(demo_site):
    from accounts.models import Organisation, OrganisationKind

    organisation = Organisation(name="Pleeggezin, 06-12345678", slug="pleeggezin", kind=OrganisationKind.OTHER)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "name" in error.value.message_dict


# The designated contact of a statement page is allowed and shown; a personal one is refused.


@pytest.mark.django_db
def test_a_statement_shows_its_functional_contact_and_refuses_a_personal_one(demo_site, client):
    from home.models import StandardPage

    page = StandardPage.objects.get(slug="privacy")
    page.contact_role = "Functionaris gegevensbescherming"
    page.contact_phone = "0318-123456"
    page.contact_email = "privacy@regiofoodvalley.example"
    page.save_revision().publish()
    html = client.get("/privacy/").content.decode()
    assert 'href="mailto:privacy@regiofoodvalley.example"' in html and 'href="tel:0318123456"' in html
    page.contact_email = "p.de.vries@regiofoodvalley.example"
    with pytest.raises(ValidationError) as error:
        page.save_revision()
    assert "contact_email" in error.value.message_dict


@pytest.mark.django_db
def test_the_synonym_editor_refuses_personal_data(demo_site, editor_client):
    """Synonyms reach the public through suggestions and "did you mean": the guard reads them too."""
    from search.models import Synonym

    response = editor_client.post(
        "/admin/snippets/search/synonym/add/",
        {"term": "Pleegzorg", "synonyms": f"pleeggezin\nBSN {BSN}", "language": ""},
    )
    assert response.status_code == 200
    assert "persoonsgegevens (burgerservicenummer)" in response.content.decode()
    assert not Synonym.objects.filter(synonyms__contains=BSN).exists()
