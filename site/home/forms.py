"""Admin forms of the foundation: the privacy guard's findings placed where the editor sees them."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from wagtail.admin.forms import WagtailAdminPageForm


class PrivacyGuardedPageForm(WagtailAdminPageForm):
    """Shows the guard's findings in inline children and other non-form fields at the top of the page form."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            placed: dict[str, list] = {}
            for name, messages in errors.error_dict.items():
                placed.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(placed)
        super()._update_errors(errors)
