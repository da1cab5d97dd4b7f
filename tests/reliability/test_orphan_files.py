"""A request that fails after its upload was written leaves no orphan file in MEDIA_ROOT (home/uploads.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from knowledge.advisory import services
from knowledge.advisory.models import ConsultationQuestion, Position, Response, Visibility
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import make_proposal

pytestmark = pytest.mark.django_db


def _files(root):
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def _pdf():
    return SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n% reactie met persoonsgegevens\n", content_type="application/pdf")


@pytest.mark.django_db(transaction=True)  # the service's transaction is the outermost: it really commits or not
def test_a_response_that_fails_after_its_attachment_was_stored_leaves_no_file(demo_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal = make_proposal()
    question = proposal.questions.get()
    user = provider_member(OrganisationFactory(name="Aanbieder Bijlage", is_contracted=True))
    # The question disappears meanwhile (an editor removed it): the response row fails its foreign key when the
    # transaction commits, after the attachment was written.
    ConsultationQuestion.objects.filter(pk=question.pk).delete()
    with pytest.raises(IntegrityError):
        services.response_submit(
            proposal=proposal,
            user=user,
            position=Position.SUPPORTS,
            text="Wij steunen het voorstel.",
            visibility=Visibility.PUBLIC,
            question=question,
            attachment=_pdf(),
        )
    assert not Response.objects.filter(author=user).exists()
    assert _files(tmp_path) == []


def test_a_stored_response_keeps_its_attachment(demo_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal = make_proposal()
    user = provider_member(OrganisationFactory(name="Aanbieder Bijlage", is_contracted=True))
    response = services.response_submit(
        proposal=proposal,
        user=user,
        position=Position.SUPPORTS,
        text="Wij steunen het voorstel.",
        visibility=Visibility.PUBLIC,
        question=proposal.questions.get(),
        attachment=_pdf(),
    )
    assert [str(path) for path in _files(tmp_path)] == [response.attachment.name]
