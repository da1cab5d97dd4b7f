"""One way for each thing (issue 16), read from the source with `ast`: one mail builder, one domain-error base
mapped onto forms by one helper, signal handlers connected only by each app's `register_signal_handlers()`.

Each check is a function over source text, so its negative control feeds it the old way and sees it caught.
"""

import ast

import pytest

from tests.architecture.test_layers import project_modules

MAIL_BUILDER = "home.mail"
ERROR_BASE = "home.errors"
MESSAGE_CLASSES = {"EmailMessage", "EmailMultiAlternatives"}


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            yield node, func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def own_message_builders(source: str) -> list[int]:
    """Lines that construct an e-mail message themselves instead of calling home.mail.template_message."""
    return [node.lineno for node, name in _calls(ast.parse(source)) if name in MESSAGE_CLASSES]


def own_error_bases(source: str) -> list[str]:
    """Error classes that derive from Exception directly instead of from home.errors.DomainError."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name.endswith("Error"):
            bases = {getattr(base, "id", getattr(base, "attr", None)) for base in node.bases}
            if "Exception" in bases:
                found.append(node.name)
    return found


def own_form_mappings(source: str) -> list[int]:
    """`form.add_error(..., error.message)`: a view putting a domain error on a form by hand."""
    lines = []
    for node, name in _calls(ast.parse(source)):
        if name == "add_error" and any(isinstance(arg, ast.Attribute) and arg.attr == "message" for arg in node.args):
            lines.append(node.lineno)
    return lines


def _receiver(call) -> str | None:
    return ast.unparse(call.args[0]) if call.args else None


def connects_outside_registration(source: str) -> list[int]:
    """`signal.connect(...)` anywhere but inside a `register_signal_handlers()` function, or in a function that
    puts back a receiver it took off itself (home.indexing pauses Wagtail's search handler: no wiring of its own)."""
    tree = ast.parse(source)
    allowed = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "register_signal_handlers":
            allowed |= {id(inner) for inner in ast.walk(node)}
        elif isinstance(node, ast.FunctionDef):
            calls = list(_calls(node))
            paused = {_receiver(call) for call, name in calls if name == "disconnect"}
            allowed |= {id(call) for call, name in calls if name == "connect" and _receiver(call) in paused}
    return [node.lineno for node, name in _calls(tree) if name == "connect" and id(node) not in allowed]


def _project_sources():
    for module, path in project_modules():
        yield module, path.read_text()


def test_only_home_mail_builds_an_email_message():
    found = {
        module: lines
        for module, source in _project_sources()
        if module != MAIL_BUILDER and (lines := own_message_builders(source))
    }
    assert found == {}


def test_every_domain_error_derives_from_the_one_base():
    found = {
        module: names
        for module, source in _project_sources()
        if module != ERROR_BASE and (names := own_error_bases(source))
    }
    assert found == {}


def test_views_put_domain_errors_on_forms_with_the_one_helper():
    found = {module: lines for module, source in _project_sources() if (lines := own_form_mappings(source))}
    assert found == {}


def test_signals_are_connected_only_in_register_signal_handlers_called_from_ready():
    sources = dict(_project_sources())
    found = {module: lines for module, source in sources.items() if (lines := connects_outside_registration(source))}
    assert found == {}
    apps = {module.rsplit(".", 1)[0] for module in sources if module.endswith(".signal_handlers")}
    assert apps >= {"home", "events", "knowledge.advisory", "search"}
    for app in apps:
        ready = next(
            node
            for node in ast.walk(ast.parse(sources[f"{app}.apps"]))
            if isinstance(node, ast.FunctionDef) and node.name == "ready"
        )
        assert "register_signal_handlers" in {name for _node, name in _calls(ready)}, app


@pytest.mark.parametrize(
    "check, old_way",
    [
        (
            own_message_builders,
            "def _message():\n    return EmailMultiAlternatives(subject='s', body='b', to=['a@b.nl'])\n",
        ),
        (own_error_bases, "class AccountError(Exception):\n    pass\n"),
        (own_form_mappings, "def view(form, error):\n    form.add_error(None, error.message)\n"),
        (
            connects_outside_registration,
            "class Config:\n    def ready(self):\n        post_save.connect(handler, sender=Registration)\n",
        ),
        (  # a pause that puts back one receiver and wires another
            connects_outside_registration,
            "def pause():\n    post_save.disconnect(theirs)\n    post_save.connect(ours)\n",
        ),
    ],
)
def test_negative_control_each_check_catches_the_old_way(check, old_way):
    assert check(old_way)
