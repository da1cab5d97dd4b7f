"""Wagtail's apps without the v3 API, which this site does not serve (issue #18: memory per worker).

Wagtail 8's images, documents, snippets, redirects and locales register routers and content-type schemas on the v3
API (`wagtail.api.v3.api`: django-ninja and pydantic) in their `AppConfig.ready()`, whether or not the v3 API is
installed and routed. Here it is neither (`wagtail.api.v3` is not in INSTALLED_APPS and urls.py mounts only
/api/v2/), so that work only costs memory and start time: about 15 MB per worker and 0.2 s.

Each config below is Wagtail's own, and its `ready()` is Wagtail's own too: it runs with the v3 modules it imports
stood in for by an empty module (whose `add_router` and `register_content_types` do nothing), then those stand-ins
are removed again. Nothing of Wagtail's is copied, so a Wagtail upgrade costs at most this: if `ready()` imports a
new name from those modules, the site fails to start with an ImportError naming it (add it below); if Wagtail
moves its v3 registrations elsewhere, they load again and the memory comes back (tests/test_wagtail_apps.py fails).
To use the v3 API, put Wagtail's configs back in INSTALLED_APPS (settings/base.py) and remove this module.
"""

import sys
import types

from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.locales.apps import WagtailLocalesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

V3_API = "wagtail.api.v3.api"


class _Unmounted:
    """Stands in for the v3 NinjaAPI object: its routers would never be served."""

    def add_router(self, prefix, router):
        pass


def _stand_in(name):
    module = types.ModuleType(name, "Stand-in for Wagtail's v3 API while an app's ready() runs (kennisplatform).")
    module.api = _Unmounted()
    module.router = None
    module.register_content_types = lambda: None
    return module


class WithoutV3API:
    """Runs the Wagtail app's `ready()` with its v3 API modules stood in for (see the module docstring)."""

    def ready(self):
        names = [V3_API, f"{self.name}.api.v3", f"{self.name}.api.v3.router", f"{self.name}.api.v3.registry"]
        real = {name: sys.modules[name] for name in names if name in sys.modules}
        sys.modules.update({name: _stand_in(name) for name in names})
        try:
            super().ready()
        finally:
            for name in names:
                del sys.modules[name]
            sys.modules.update(real)


class ImagesConfig(WithoutV3API, WagtailImagesAppConfig):
    pass


class DocumentsConfig(WithoutV3API, WagtailDocsAppConfig):
    pass


class SnippetsConfig(WithoutV3API, WagtailSnippetsAppConfig):
    pass


class RedirectsConfig(WithoutV3API, WagtailRedirectsAppConfig):
    pass


class LocalesConfig(WithoutV3API, WagtailLocalesAppConfig):
    pass
