import datetime

import factory

from home.models import NewsPage

from .pages import PublishedPageFactory


class NewsPageFactory(PublishedPageFactory):
    """A published news item below the demo's news index."""

    class Meta:
        model = NewsPage

    title = "Testnieuws"
    slug = factory.Sequence(lambda n: f"testnieuws-{n}")
    date = factory.LazyFunction(datetime.date.today)
