from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

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

# Calendar files below a page (/kennisateliers/agenda.ics, routed by the page): Wagtail's own pattern needs a "/".
urlpatterns += [re_path(r"^((?:[\w\-]+/)+[\w\-]+\.ics)$", wagtail_views.serve, name="wagtail_serve_ics")]

# Wagtail's page serving last: it owns every other path.
urlpatterns += [path("", include(wagtail_urls))]
