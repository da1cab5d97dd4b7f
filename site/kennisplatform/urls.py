from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import URLResolver, include, path, re_path
from django.views.i18n import set_language
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.locales import ContentLanguagePrefixPattern
from home.locales import serve as serve_page
from home.sitemaps import sitemap
from home.views import favicon, health, robots_txt, switch_language

from .api import api_router

handler400 = "home.errors.bad_request"
handler403 = "home.errors.permission_denied"
handler500 = "home.errors.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("account/", include("accounts.urls")),
    path("zoeken/", include("search.urls")),
    path("api/v2/", api_router.urls),
    path("taal/", set_language, name="set_language"),
    path("taal/<str:code>/", switch_language, name="switch_language"),
    path("sitemap.xml", sitemap),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("health/", health, name="health"),
    path("favicon.ico", favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own helpers (wagtail.urls without its page route): password-protected pages, the front-end sign-in.
urlpatterns += [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "_util/login/",
        auth_views.LoginView.as_view(template_name="wagtailcore/login.html"),
        name="wagtailcore_login",
    ),
]

# Wagtail's page serving last: it owns every other path. Dutch pages unprefixed (contract), translations under
# their language (/en/…); routed by the URL's language, not the interface's (home/locales.py).
urlpatterns += [
    URLResolver(
        ContentLanguagePrefixPattern(),
        [
            # Calendar files below a page (/kennisateliers/agenda.ics, routed by the page): Wagtail's pattern
            # needs a "/".
            re_path(r"^((?:[\w\-]+/)+[\w\-]+\.ics)$", serve_page, name="wagtail_serve_ics"),
            re_path(r"^((?:[\w\-]+/)*)$", serve_page, name="wagtail_serve"),
        ],
    )
]
