"""home.errors.DomainError and add_to_form: the one shape of a refusal and the one way it reaches a form."""

from django import forms

from accounts.services import AccountError
from events.services import RegistrationError
from home.errors import DomainError, add_to_form
from home.outbox import OutboxError
from knowledge.advisory.services import AdvisoryError


class _Form(forms.Form):
    email = forms.CharField(required=False)


def _bound():
    form = _Form({"email": "x"})
    assert form.is_valid()
    return form


def test_an_error_about_a_field_of_the_form_lands_on_that_field_with_its_code():
    form = _bound()
    add_to_form(form, RegistrationError("Dit adres is al ingeschreven.", code="duplicate", field="email"))
    assert form.errors == {"email": ["Dit adres is al ingeschreven."]}
    assert form.has_error("email", code="duplicate")


def test_an_error_about_another_field_or_none_lands_on_the_whole_form():
    form = _bound()
    add_to_form(form, AdvisoryError("Kies een vraag.", field="question"))  # not a field of this form
    add_to_form(form, AccountError("Alleen redacteuren kunnen mensen uitnodigen."))
    assert form.non_field_errors() == ["Kies een vraag.", "Alleen redacteuren kunnen mensen uitnodigen."]
    assert "email" not in form.errors


def test_every_domain_error_has_message_code_and_field():
    for kind in (RegistrationError, AccountError, AdvisoryError, OutboxError):
        error = kind("Niet toegestaan.")
        assert isinstance(error, DomainError)
        assert (error.message, error.code, error.field, str(error)) == (
            "Niet toegestaan.",
            "invalid",
            None,
            error.message,
        )
