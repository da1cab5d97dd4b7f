import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from home.errors import add_to_form
from home.security import client_ip, rate_limited

from . import personal_data, selectors, services
from .forms import AccessRequestForm, AccountDeleteForm, EmailPreferencesForm, InvitationForm, LoginForm
from .models import AccessRequest, EmailPreferences, Invitation
from .permissions import is_editor


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    """Password reset with a limit per address and per e-mail (django-axes only guards the sign-in)."""

    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")
    limit_per_ip = 10
    limit_per_email = 3
    window = 60 * 60

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        by_ip = rate_limited("password-reset-ip", client_ip(self.request), limit=self.limit_per_ip, window=self.window)
        by_email = rate_limited("password-reset-email", email, limit=self.limit_per_email, window=self.window)
        if by_ip or by_email:
            form.add_error(
                None, _("U heeft te vaak om een nieuw wachtwoord gevraagd. Probeer het over een uur opnieuw.")
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        services.password_reset_request(email=email)  # the e-mail goes out from the task worker
        return HttpResponseRedirect(self.get_success_url())


def _preferences(user):
    return EmailPreferences.objects.filter(user=user).first() or EmailPreferences(user=user)


@never_cache
@login_required
def profile(request):
    memberships = request.user.memberships.select_related("organisation").order_by("organisation__name")
    form = EmailPreferencesForm(instance=_preferences(request.user))
    return render(
        request,
        "accounts/profile.html",
        {"memberships": memberships, "preferences_form": form, "data": personal_data.collect(request.user)},
    )


@never_cache
@login_required
@require_POST
def email_preferences(request):
    form = EmailPreferencesForm(request.POST, instance=_preferences(request.user))
    if form.is_valid():
        services.email_preferences_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Uw e-mailvoorkeuren zijn opgeslagen."))
    return redirect("accounts:profile")


@never_cache
@login_required
def personal_data_download(request):
    """AVG: everything the platform holds about the signed-in person, as JSON."""
    data = personal_data.collect(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{timezone.localdate():%Y%m%d}.json"'
    return response


@method_decorator(never_cache, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password through the e-mailed link also proves the address is the person's."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.email_verified(user=form.user)
        return response


@method_decorator(never_cache, name="dispatch")
class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The one-time link of an invitation: set a password, then you are signed in."""

    template_name = "accounts/invitation_accept.html"
    success_url = reverse_lazy("accounts:profile")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.invitation_accepted(user=form.user)
        messages.success(self.request, _("Welkom! Uw wachtwoord is ingesteld en u bent ingelogd."))
        return response


def _require_editor(request):
    if not is_editor(request.user):
        raise PermissionDenied


@never_cache
@login_required
def invite(request):
    _require_editor(request)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(invited_by=request.user, **form.cleaned_data)
        except services.AccountError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Uitnodiging verstuurd naar %(email)s.") % {"email": invitation.user.email})
            return redirect("accounts:invite")
    invitations = Invitation.objects.select_related("user", "organisation")[:50]
    return render(request, "accounts/invite.html", {"form": form, "invitations": invitations})


@never_cache
def access_request(request):
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.pop("website"):
            return redirect("accounts:access_request_done")  # honeypot filled in: a bot
        try:
            services.access_request_submit(**data)
        except services.AccountError as error:
            add_to_form(form, error)
        else:
            return redirect("accounts:access_request_done")
    return render(request, "accounts/access_request.html", {"form": form})


def access_request_done(request):
    return render(request, "accounts/access_request_done.html")


@never_cache
@login_required
def access_requests(request):
    _require_editor(request)
    return render(request, "accounts/access_requests.html", {"pending": selectors.pending_access_requests()})


@never_cache
@login_required
@require_POST
def access_request_decide(request, pk, decision):
    _require_editor(request)
    item = get_object_or_404(AccessRequest, pk=pk)
    try:
        if decision == "goedkeuren":
            services.access_request_approve(access_request=item, user=request.user)
            messages.success(
                request, _("Aanvraag goedgekeurd; %(email)s krijgt een uitnodiging.") % {"email": item.email}
            )
        else:
            services.access_request_reject(access_request=item, user=request.user)
            messages.success(request, _("Aanvraag afgewezen."))
    except services.AccountError as error:
        messages.error(request, error.message)
    return redirect("accounts:access_requests")


@never_cache
@login_required
def account_delete(request):
    """AVG: the signed-in person erases their own account after confirming with their password."""
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Uw account en persoonsgegevens zijn verwijderd."))
        return redirect("/")
    return render(request, "accounts/account_delete.html", {"form": form})
