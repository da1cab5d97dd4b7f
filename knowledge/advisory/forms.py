from django import forms
from django.utils.translation import gettext_lazy as _

from home.filters import TermChoiceField
from home.widgets import PlainSelect, PlainTextarea

from .models import (
    EXPLANATION_MAX_LENGTH,
    MAX_TEXT_LENGTH,
    OutcomeKind,
    Position,
    ProposalStatus,
    ReportReason,
    Visibility,
)

TEXT_ERRORS = {
    "required": _("Vul een tekst in."),
    "max_length": _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."),
}
MARKDOWN_HELP = _("Opmaak met Markdown: **vet**, *cursief*, lijstjes met - en links als [tekst](https://...).")


class ProposalFilterForm(forms.Form):
    """The index's filters; `themes` are (pk, slug, name) rows (``selectors.proposal_filter_themes``)."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle"))] + list(ProposalStatus.choices), widget=PlainSelect
    )
    theme = TermChoiceField(label=_("Thema"), empty_label=_("Alle thema's"))

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].set_terms(themes)
        self.fields["status"].widget.attrs["class"] = "utrecht-select"
        self.fields["theme"].widget.attrs["class"] = "utrecht-select"


WHOLE_PROPOSAL = ""


class ResponseForm(forms.Form):
    """On every proposal page for the providers who may respond: its selects and text area are written without a
    template render per option (home/widgets.py)."""

    question = forms.TypedChoiceField(label=_("Vraag"), coerce=int, required=False, widget=PlainSelect)
    section = forms.ChoiceField(
        label=_("Waarop reageert u?"),
        required=False,
        widget=PlainSelect,
        help_text=_("Op het hele voorstel of op één passage (het nummer staat bij de passage in de tekst)."),
    )
    organisation = forms.TypedChoiceField(label=_("Namens"), coerce=int, required=False, widget=PlainSelect)
    position = forms.ChoiceField(label=_("Uw standpunt"), choices=Position.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Uw reactie"),
        max_length=MAX_TEXT_LENGTH,
        error_messages=TEXT_ERRORS,
        help_text=MARKDOWN_HELP,
        widget=PlainTextarea(attrs={"rows": 8, "class": "utrecht-textarea"}),
    )
    visibility = forms.ChoiceField(
        label=_("Wie mag uw reactie zien?"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_(
            "Openbaar: zichtbaar voor anderen volgens de regels van dit voorstel. Alleen voor de regio: "
            "alleen de regio en uw eigen organisatie zien haar."
        ),
    )
    attachment = forms.FileField(
        label=_("Bijlage (pdf, maximaal 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    show_author_name = forms.BooleanField(
        label=_("Toon mijn naam bij de reactie"),
        required=False,
        help_text=_(
            "Zonder vinkje staat bij uw reactie alleen de naam van uw organisatie, ook na de sluiting, in het "
            "verslag en in de downloads. De regio en uw eigen organisatie zien altijd wie reageerde."
        ),
    )

    def __init__(self, *args, proposal, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        sections = proposal.sections()
        if sections:
            self.fields["section"].choices = [(WHOLE_PROPOSAL, _("Het hele voorstel"))] + [
                (section.key, section.label) for section in sections
            ]
            self.fields["section"].widget.attrs["class"] = "utrecht-select"
        else:
            del self.fields["section"]
        questions = list(proposal.questions.all())
        if questions:
            self.fields["question"].choices = [("", _("Kies een vraag"))] + [(q.pk, q.text) for q in questions]
            self.fields["question"].required = True
            self.fields["question"].error_messages["required"] = _("Kies de vraag waarop u reageert.")
            self.fields["question"].widget.attrs["class"] = "utrecht-select"
        else:
            del self.fields["question"]
        if len(organisations) > 1:
            self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
            self.fields["organisation"].required = True
            self.fields["organisation"].widget.attrs["class"] = "utrecht-select"
        else:
            del self.fields["organisation"]
        self.fields["position"].error_messages["required"] = _("Kies uw standpunt.")


class ResponseEditForm(forms.Form):
    position = forms.ChoiceField(label=_("Uw standpunt"), choices=Position.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Uw reactie"),
        max_length=MAX_TEXT_LENGTH,
        error_messages=TEXT_ERRORS,
        help_text=MARKDOWN_HELP,
        widget=PlainTextarea(attrs={"rows": 8, "class": "utrecht-textarea"}),
    )
    visibility = forms.ChoiceField(
        label=_("Wie mag uw reactie zien?"), choices=Visibility.choices, widget=forms.RadioSelect
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Uw antwoord"),
        max_length=MAX_TEXT_LENGTH,
        error_messages=TEXT_ERRORS,
        widget=PlainTextarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
    )
    is_official = forms.BooleanField(label=_("Officieel antwoord van de regio"), required=False)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom meldt u deze reactie?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een reden voor uw melding.")},
    )


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden (de auteur ziet deze)"),
        max_length=1000,
        error_messages={"required": _("Geef een reden op; de auteur ziet deze.")},
        widget=PlainTextarea(attrs={"rows": 2, "class": "utrecht-textarea"}),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Wat deed de regio ermee?"), choices=OutcomeKind.choices)
    reason = forms.CharField(
        label=_("Toelichting"),
        max_length=EXPLANATION_MAX_LENGTH,
        error_messages={"required": _("Licht de uitkomst kort toe.")},
        widget=PlainTextarea(attrs={"rows": 2, "class": "utrecht-textarea"}),
    )


class CosignInviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Welke organisaties nodigt u uit om mede te ondertekenen?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één organisatie om uit te nodigen.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = candidates


class CosignDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Mede ondertekenen")), ("decline", _("Afslaan"))],
        error_messages={"required": _("Kies: mede ondertekenen of afslaan.")},
    )
