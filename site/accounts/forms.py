from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import AccessRequest


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("E-mailadres of gebruikersnaam"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("Deze combinatie van e-mailadres en wachtwoord kennen we niet. Let op hoofdletters."),
        "inactive": _("Dit account is niet actief."),
    }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"), widget=forms.EmailInput(attrs={"class": "utrecht-textbox"}))
    first_name = forms.CharField(
        label=_("Voornaam"), max_length=150, widget=forms.TextInput(attrs={"class": "utrecht-textbox"})
    )
    last_name = forms.CharField(
        label=_("Achternaam"), max_length=150, widget=forms.TextInput(attrs={"class": "utrecht-textbox"})
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=None, widget=forms.Select(attrs={"class": "utrecht-select"})
    )

    def __init__(self, *args, **kwargs):
        from .models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(kind="municipality").order_by("name")


class AccessRequestForm(forms.Form):
    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres van uw werk"),
        widget=forms.EmailInput(attrs={"class": "utrecht-textbox", "autocomplete": "email"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Uw organisatie (zorgaanbieder)"), queryset=None, widget=forms.Select(attrs={"class": "utrecht-select"})
    )
    job_title = forms.CharField(
        label=_("Functie"), max_length=120, required=False, widget=forms.TextInput(attrs={"class": "utrecht-textbox"})
    )
    motivation = forms.CharField(
        label=_("Toelichting"),
        max_length=AccessRequest._meta.get_field("motivation").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
    )
    website = forms.CharField(  # honeypot: out of the tab order, so people never reach it (aria-hidden wrapper)
        required=False,
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        from .models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.providers().order_by("name")


class EmailPreferencesForm(forms.ModelForm):
    class Meta:
        from .models import EmailPreferences

        model = EmailPreferences
        fields = ["proposal_opened", "proposal_reminder", "replies", "reports"]
        widgets = {name: forms.CheckboxInput(attrs={"class": "utrecht-checkbox"}) for name in fields}


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter bevestiging dat u het zelf bent."),
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en persoonsgegevens definitief worden verwijderd."),
        error_messages={"required": _("Vink aan dat u uw account wilt verwijderen.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password
