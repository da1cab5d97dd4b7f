from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


@login_required
def profile(request):
    memberships = request.user.memberships.select_related("organisation").order_by("organisation__name")
    return render(request, "accounts/profile.html", {"memberships": memberships})
