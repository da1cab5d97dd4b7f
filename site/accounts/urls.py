from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("e-mailvoorkeuren/", views.email_preferences, name="email_preferences"),
    path("mijn-gegevens.json", views.personal_data_download, name="personal_data"),
    path("verwijderen/", views.account_delete, name="account_delete"),
    path("uitnodigen/", views.invite, name="invite"),
    path("uitnodiging/<uidb64>/<token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("toegang-aanvragen/", views.access_request, name="access_request"),
    path("toegang-aanvragen/verstuurd/", views.access_request_done, name="access_request_done"),
    path("aanvragen/", views.access_requests, name="access_requests"),
    path(
        "aanvragen/<int:pk>/<str:decision>/",
        views.access_request_decide,
        name="access_request_decide",
    ),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-ingesteld/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
