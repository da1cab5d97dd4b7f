"""Wagtail's user bar on the pages an editor visits, kept per editor and page until the next purge.

Rendering it took about a fifth of an editor's page (5.5 of 30 ms of CPU): five items that each test the page's
permissions, the content checker's configuration, the admin profile read for its language and theme, and the
parent page read for "add a page". What it shows follows from:

- the editor's permissions, general and on pages, which are read on every request anyway (accounts.backends) and
  are part of the key, so a changed role shows at once;
- the page, its owner and its place in the tree (publishing, moving and deleting purge: home.signal_handlers);
- the language, the scheme and host it links to, and the admin profile (theme, language), whose save purges.

Previews and revisions are rendered as Wagtail renders them, and so is every user bar while a
``construct_wagtail_userbar`` hook is registered: a hook's items may depend on anything in the request.
"""

import hashlib

from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance, wagtailuserbar
from wagtail.permission_policies.pages import PagePermissionPolicy

from .cache import remember


def _key(request, user, page) -> str:
    parts = [
        user.pk,
        user.is_superuser,
        sorted(user.get_all_permissions()),
        translation.get_language(),
        request.build_absolute_uri("/"),
    ]
    if page is not None and page.pk:
        page_permissions = PagePermissionPolicy().get_cached_permissions_for_user(user)
        parts += [
            page.pk,
            page.owner_id,
            sorted((p.page.path, p.permission.codename) for p in page_permissions),
        ]
    return "userbar:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def render_userbar(context, position="bottom-right") -> str:
    """``{% wagtailuserbar %}``, from the cache when nothing but the key's parts can change it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return ""  # Wagtail's own test, before anything is read
    varies = (
        getattr(request, "is_preview", False)
        or getattr(request, "in_preview_panel", False)
        or hasattr(request, "revision_id")
        or hooks.get_hooks("construct_wagtail_userbar")
    )
    if varies:
        return wagtailuserbar(context, position)
    page = get_page_instance(context)
    key = _key(request, user, page) + f":{position}"
    return mark_safe(remember(key, lambda: str(wagtailuserbar(context, position))))  # noqa: S308 (Wagtail's HTML)
