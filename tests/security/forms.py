"""Find every POST form of the demo site and fill it in: the hostile-input suite attacks what it finds.

New page types and forms are covered automatically: one URL per live Wagtail page type, plus the account pages.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.contrib.auth.models import Group

EXTRA_URLS = ["/account/inloggen/", "/account/wachtwoord-vergeten/", "/account/toegang-aanvragen/", "/account/"]
HONEYPOT_HINTS = ("honeypot", "kp-honeypot")
# Tables that legitimately grow on a refused request (audit of failed sign-ins, sessions).
UNTRACKED = {"axes", "sessions", "django_tasks_database", "django_tasks_db"}
# Created by rendering a page (resized copies of an image, a cache), not by the request's data.
UNTRACKED_MODELS = {"wagtailimages.Rendition"}


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: list = field(default_factory=list)
    honeypot: bool = False
    required: bool = False


@dataclass
class Form:
    page: str
    action: str
    fields: list
    multipart: bool = False

    def __str__(self):
        names = ",".join(f.name for f in self.fields if f.kind != "hidden")
        return f"{self.action} (on {self.page}: {names})"


class _FormParser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms = []
        self.current = None
        self.stack = []  # (tag, is_honeypot)
        self.select = None
        self.textarea = None

    def _in_honeypot(self):
        return any(flag for _tag, flag in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = attrs.get("class") or ""
        if tag not in ("input", "br", "img", "meta", "link", "hr", "option"):
            self.stack.append((tag, any(h in classes for h in HONEYPOT_HINTS) or "aria-hidden" in attrs))
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                action = urljoin(self.page, attrs.get("action") or self.page)
                multipart = (attrs.get("enctype") or "") == "multipart/form-data"
                self.current = Form(page=self.page, action=action, fields=[], multipart=multipart)
            return
        if self.current is None or "name" not in attrs:
            if tag == "option" and self.select is not None:
                self.select.options.append(attrs.get("value", ""))
            return
        honeypot = self._in_honeypot() or any(h in classes for h in HONEYPOT_HINTS)
        required = "required" in attrs or attrs.get("aria-required") == "true"
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            self.current.fields.append(
                Field(attrs["name"], kind, attrs.get("value") or "", honeypot=honeypot, required=required)
            )
        elif tag == "textarea":
            self.textarea = Field(attrs["name"], "textarea", honeypot=honeypot, required=required)
            self.current.fields.append(self.textarea)
        elif tag == "select":
            self.select = Field(attrs["name"], "select", honeypot=honeypot, required=required)
            self.current.fields.append(self.select)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if self.stack and tag != "input":
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == tag:
                    del self.stack[i:]
                    break
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None


def forms_in(html: str, page: str) -> list:
    parser = _FormParser(page)
    parser.feed(html)
    return parser.forms


def page_urls(per_type: int = 6) -> list:
    """Up to ``per_type`` live pages of every page type (the demo tree), plus the account pages.

    More than one per type: an upcoming event has a registration form, a past one does not.
    """
    from collections import Counter

    from wagtail.models import Page

    seen, urls = Counter(), []
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        if seen[type(page)] >= per_type:
            continue
        seen[type(page)] += 1
        url = page.get_url()
        if url:
            urls.append(urlsplit(url).path)
    return urls + EXTRA_URLS


def discover(client) -> list:
    """Every POST form on the pages this client can see (skipping the same action twice)."""
    found, actions = [], set()
    for url in page_urls():
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in forms_in(response.content.decode(), url):
            key = (urlsplit(form.action).path, tuple(sorted(f.name for f in form.fields)))
            if key not in actions:
                actions.add(key)
                found.append(form)
    return found


def fill(form: Form, text: str, *, email: str = "test.persoon@example.nl") -> dict:
    """Values for every field: ``text`` in free-text fields, something valid elsewhere, honeypots left empty."""
    data = {}
    radios_done = set()
    for f in form.fields:
        if f.honeypot:
            data[f.name] = ""
        elif f.kind == "hidden":
            if f.name != "csrfmiddlewaretoken":
                data[f.name] = f.value
        elif f.kind in ("text", "search", "textarea", "password", "tel"):
            data[f.name] = text
        elif f.kind == "email":
            data[f.name] = email
        elif f.kind == "url":
            data[f.name] = "https://example.nl/"
        elif f.kind == "number":
            data[f.name] = f.value or "1"
        elif f.kind == "checkbox":
            data.setdefault(f.name, [])
            data[f.name] = [*data[f.name], f.value or "on"]
        elif f.kind == "radio":
            if f.name not in radios_done:
                radios_done.add(f.name)
                data[f.name] = f.value
        elif f.kind == "select":
            choices = [o for o in f.options if o]
            data[f.name] = choices[0] if choices else ""
        elif f.kind == "file":
            continue
        else:
            data[f.name] = f.value
    return data


def provider_member():
    """A signed-in member of a care provider from the demo content (sees the advisory response forms)."""
    from django.contrib.auth import get_user_model

    from accounts import groups

    group = Group.objects.filter(name=groups.PROVIDER_MEMBERS).first()
    users = get_user_model().objects.filter(groups=group, is_active=True) if group else None
    return users.order_by("pk").first() if users is not None else None


def row_counts() -> dict:
    """Rows per table, for 'nothing changed in the database'."""
    counts = {}
    for model in apps.get_models():
        if model._meta.app_label in UNTRACKED or model._meta.label in UNTRACKED_MODELS:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.label] = model._default_manager.count()
    return counts


def changed_tables(before: dict, after: dict) -> dict:
    return {label: (before[label], after.get(label)) for label in before if before[label] != after.get(label)}
