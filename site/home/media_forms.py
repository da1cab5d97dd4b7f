"""The document and image forms of the admin with the privacy guard (settings WAGTAILDOCS_DOCUMENT_FORM_BASE,
WAGTAILIMAGES_IMAGE_FORM_BASE). Separate from `home.forms` because these import the document and image models,
which `home.models` cannot wait for."""

import os

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .privacy import check_fields


class _GuardedTitleMixin:
    """A document's or image's title is the link text on every page that shows it, its file name is in the public
    URL: both pass the guard (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE)."""

    def clean(self):
        cleaned = super().clean()
        title = cleaned.get("title") or ""
        upload = cleaned.get("file")
        name = os.path.basename(getattr(upload, "name", "") or "")
        fields = [("title", self.fields["title"].label, title)]
        if "file" in self.fields:
            fields.append(("file", self.fields["file"].label, name))
        for field, messages in check_fields(fields).items():
            for message in messages:
                self.add_error(field, message)
        return cleaned


class PrivacyGuardedDocumentForm(_GuardedTitleMixin, BaseDocumentForm):
    pass


class PrivacyGuardedImageForm(_GuardedTitleMixin, BaseImageForm):
    pass
