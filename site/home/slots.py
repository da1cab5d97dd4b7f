"""Places a lower floor leaves for apps above it to fill, so that arrows between apps point down.

A floor that needs something from an app above it (the home page's teasers, the best-practice finder behind a
knowledge page) declares a ``Slot``; the app above fills it in its ``AppConfig.ready()``. The same pattern as
``accounts.personal_data.register``.
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import ImproperlyConfigured


class Slot:
    def __init__(self, name: str) -> None:
        self.name = name
        self._providers: dict[str, Callable[..., Any]] = {}

    def provide(self, key: str, provider: Callable[..., Any]) -> None:
        self._providers[key] = provider

    def __getitem__(self, key: str) -> Callable[..., Any]:
        try:
            return self._providers[key]
        except KeyError:
            raise ImproperlyConfigured(f"{self.name}: no app provides {key!r}; is it in INSTALLED_APPS?") from None

    def items(self) -> Iterator[tuple[str, Callable[..., Any]]]:
        return iter(self._providers.items())


# Teasers on the home page: context name -> function(request) returning the items to show.
HOME_TEASERS = Slot("home page teasers")
