from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from home.widgets import PlainEmailInput, PlainSelect, PlainTextarea, PlainTextInput

from .models import EventKind, QuestionKind, RegistrationRole
from .selectors import region_rows
from .services import ANSWER_MAX_LENGTH, MAX_LENGTHS, NO, REQUIRED, TOO_LONG, YES, audience_error, question_field

WIDGET_CLASSES = {
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.EmailInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    PlainSelect: "utrecht-select utrecht-select--html-select",
    PlainTextInput: "utrecht-textbox utrecht-textbox--html-input",
    PlainEmailInput: "utrecht-textbox utrecht-textbox--html-input",
    PlainTextarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}


class AccessibleFormMixin:
    """Utrecht classes on the widgets, and help text and errors tied to the input (aria-describedby)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = WIDGET_CLASSES.get(type(field.widget))
            if css:
                field.widget.attrs["class"] = f"{css} {field.widget.attrs.get('class', '')}".strip()
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = [f"id_{name}_error"]
                if self.fields[name].help_text:
                    described.append(f"id_{name}_helptext")
                widget.attrs["aria-describedby"] = " ".join(described)
                widget.attrs["aria-invalid"] = "true"


def region_choices() -> list[tuple[int, str]]:
    """(pk, name) of every region, for the registration form's region select (``selectors.region_rows``)."""
    return [(pk, name) for pk, _slug, name in region_rows()]


class RegistrationForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=MAX_LENGTHS["name"],
        widget=PlainTextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=MAX_LENGTHS["email"],
        help_text=_("Hierheen sturen we de bevestiging met de link om af te melden."),
        widget=PlainEmailInput(attrs={"autocomplete": "email"}),
    )
    organisation_name = forms.CharField(
        label=_("Organisatie"),
        max_length=MAX_LENGTHS["organisation_name"],
        widget=PlainTextInput(attrs={"autocomplete": "organization"}),
    )
    region = forms.ModelChoiceField(
        label=_("Jeugdzorgregio"),
        queryset=Organisation.objects.regions().order_by("name"),
        empty_label=_("Kies uw regio"),
        help_text=_("De regio waar u of uw organisatie werkt."),
        widget=PlainSelect,
    )
    role = forms.ChoiceField(
        label=_("Rol"), choices=[("", _("Kies uw rol"))] + list(RegistrationRole.choices), widget=PlainSelect
    )
    needs = forms.CharField(
        label=_("Toegankelijkheid of dieetwensen"),
        required=False,
        max_length=MAX_LENGTHS["needs"],
        widget=PlainTextarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld een rolstoelplek, ringleiding of vegetarische lunch."),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om mijn gegevens te gebruiken voor deze bijeenkomst, volgens de privacyverklaring."
        ),
        error_messages={"required": _("Zonder uw toestemming kunnen we u niet inschrijven.")},
    )
    # Honeypot: hidden from people (CSS class kp-honeypot), filled in by bots.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False, widget=PlainTextInput)

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for name, limit in MAX_LENGTHS.items():
            # the service's message, in the language of this request
            self.fields[name].error_messages["max_length"] = TOO_LONG[name] % {"limit": limit}
        if event is not None and event.is_for_selected_regions:
            # only the regions that may register are offered; another one posted gets the audience's message
            region = self.fields["region"]
            region.queryset = event.allowed_regions()
            region.error_messages["invalid_choice"] = audience_error(event)
            region.help_text = _("Alleen mensen uit deze regio's kunnen zich inschrijven.")
        else:
            # The options shown (the field's queryset still checks what is posted): what its iterator would yield.
            region = self.fields["region"]
            region.widget.choices = [("", region.empty_label), *region_choices()]

        self.questions = list(event.questions.all()) if event is not None else []
        add_question_fields(self, self.questions)

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]

    def answers(self) -> dict[str, str]:
        return question_answers(self)


def add_question_fields(form, questions, *, initial: dict | None = None) -> None:
    """One form field per question of the event (`question_<id>`), before the consent box. The service checks
    the answers again (`services.clean_answers`), so a hand-made post cannot store what the form would refuse."""
    fields = {}
    for question in questions:
        common = {"label": question.label, "required": question.required, "help_text": question.help_text}
        required_message = _("Beantwoord de vraag “%(question)s”.") % {"question": question.label}
        if question.kind == QuestionKind.CHOICE:
            choices = [("", _("Maak een keuze"))] + [(c, c) for c in question.choice_list()]
            field = forms.ChoiceField(choices=choices, **common)
        elif question.kind == QuestionKind.YES_NO:
            field = forms.ChoiceField(choices=[("", _("Maak een keuze")), (YES, _("Ja")), (NO, _("Nee"))], **common)
        else:
            field = forms.CharField(max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}), **common)
            field.error_messages["max_length"] = _(
                "Uw antwoord op “%(question)s” is te lang: gebruik hoogstens %(limit)s tekens."
            ) % {"question": question.label, "limit": ANSWER_MAX_LENGTH}
        field.error_messages["required"] = required_message
        field.error_messages["invalid_choice"] = _("Kies een van de mogelijkheden bij “%(question)s”.") % {
            "question": question.label
        }
        css = WIDGET_CLASSES.get(type(field.widget))
        if css:
            field.widget.attrs["class"] = css
        if question.help_text:
            field.widget.attrs["aria-describedby"] = f"id_{question_field(question)}_helptext"
        fields[question_field(question)] = field
        if initial is not None:
            form.initial.setdefault(question_field(question), initial.get(question.answer_key, ""))
    # keep consent (and the honeypot) last
    tail = {name: form.fields.pop(name) for name in ("consent", "website") if name in form.fields}
    form.fields.update(fields)
    form.fields.update(tail)


def question_answers(form) -> dict[str, str]:
    data = getattr(form, "cleaned_data", {})
    return {question.answer_key: data.get(question_field(question), "") for question in form.questions}


class RegistrationDetailsForm(AccessibleFormMixin, forms.Form):
    """What registrants change themselves through their signed link (the e-mail address stays: it is the link)."""

    name = RegistrationForm.base_fields["name"]
    organisation_name = RegistrationForm.base_fields["organisation_name"]
    region = RegistrationForm.base_fields["region"]
    role = RegistrationForm.base_fields["role"]
    needs = RegistrationForm.base_fields["needs"]

    def __init__(self, *args, registration, **kwargs):
        event = registration.event
        initial = {
            "name": registration.name,
            "organisation_name": registration.organisation_name,
            "region": registration.region_id,
            "role": registration.role,
            "needs": registration.needs,
        }
        super().__init__(*args, initial=initial, **kwargs)
        for name, limit in MAX_LENGTHS.items():
            if name in self.fields:
                self.fields[name].error_messages["max_length"] = TOO_LONG[name] % {"limit": limit}
        for name, message in REQUIRED.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        if event.is_for_selected_regions:
            region = self.fields["region"]
            region.queryset = event.allowed_regions()
            region.error_messages["invalid_choice"] = audience_error(event)
        self.questions = list(event.questions.all())
        add_question_fields(self, self.questions, initial=registration.answers or {})

    def answers(self) -> dict[str, str]:
        return question_answers(self)


class EventFilterForm(forms.Form):
    """The index's filters; `themes` and `regions` are (slug, name) rows."""

    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten"))] + EventKind.choices, widget=PlainSelect
    )
    thema = forms.ChoiceField(label=_("Thema"), required=False, widget=PlainSelect)
    regio = forms.ChoiceField(label=_("Voor regio"), required=False, widget=PlainSelect)

    def __init__(self, *args, themes, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = [("", _("Alle thema's")), *themes]
        self.fields["regio"].choices = [("", _("Alle regio's")), *regions]
        for field in self.fields.values():
            field.widget.attrs["class"] = WIDGET_CLASSES[PlainSelect]

    def cleaned_filters(self) -> dict:
        """The valid filters only: an unknown slug in one field does not drop the others."""
        data = getattr(self, "cleaned_data", {})
        pairs = {"kind": data.get("soort"), "theme": data.get("thema"), "region": data.get("regio")}
        return {key: value for key, value in pairs.items() if value}


class MessageForm(AccessibleFormMixin, forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 10}))


class CheckInForm(forms.Form):
    """Typed by an editor or pasted by a scanner (which ends with Enter, submitting the form)."""

    code = forms.CharField(
        label=_("Incheckcode"),
        max_length=40,
        error_messages={"required": _("Vul een incheckcode in."), "max_length": _("Deze code is onbekend.")},
        help_text=_("Staat in de bevestigingsmail van de deelnemer, bijvoorbeeld 123-AB7KQ9."),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
