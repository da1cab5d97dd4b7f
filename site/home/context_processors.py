from django.conf import settings


def site_navigation(request):
    """Main navigation: the contract's sections in a fixed order (paths are part of the contract)."""
    from django.utils.translation import gettext as _

    items = [
        ("/projecten/", _("Projecten")),
        ("/goede-voorbeelden/", _("Goede voorbeelden")),
        ("/casusevaluaties/", _("Casusevaluaties")),
        ("/kennisateliers/", _("Kennisateliers")),
        ("/adviestafel/", _("Adviestafel")),
        ("/nieuws/", _("Nieuws")),
    ]
    path = request.path
    return {
        "main_navigation": [{"url": url, "label": label, "current": path.startswith(url)} for url, label in items],
        "platform_name": settings.WAGTAIL_SITE_NAME,
    }
