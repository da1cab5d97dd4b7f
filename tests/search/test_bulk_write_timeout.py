"""A bulk write may take longer than a search: through a real proxy that holds every `_bulk` request back, both
index builds (Wagtail's site index and the finder's) finish under a search timeout they would otherwise exceed.

At 100,000 practices on a busy node one bulk chunk took longer than the 5 s search timeout and `update_index`
stopped halfway with "Read timed out". The proxy makes the node that slow on purpose; the negative control shows
that with the search timeout the same writes do time out.
"""

import contextlib
import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from knowledge.models import BestPracticePage
from search import elastic, engine
from tests.factories.search import make_practice

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

DELAY = 1.5  # seconds every bulk request is held back
SEARCH_TIMEOUT = 0.5


class SlowBulkProxy:
    """Forwards every request to the engine; `_bulk` requests wait DELAY seconds first."""

    def __init__(self, target):
        upstream = urlsplit(target)

        class Handler(BaseHTTPRequestHandler):
            def _forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if "_bulk" in self.path:
                    threading.Event().wait(DELAY)
                connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                connection.request(self.command, self.path, body=body or None, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (control)
                    self.wfile.write(data)
                connection.close()

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def slow_engine(live_engine, settings):
    """The configured engine behind the slow proxy, with a short search timeout."""
    proxy = SlowBulkProxy(engine.configured().url)
    name = "OPENSEARCH_URL" if engine.configured().kind == engine.OPENSEARCH else "ELASTICSEARCH_URL"
    setattr(settings, name, proxy.url)
    settings.ELASTICSEARCH_TIMEOUT = SEARCH_TIMEOUT
    settings.ELASTICSEARCH_INDEX_TIMEOUT = 30
    yield proxy
    proxy.close()


def wagtail_index(proxy_url, suffix):
    """Wagtail's engine backend as settings configure it, but talking through the proxy to an index of its own."""
    params = dict(settings.WAGTAILSEARCH_BACKENDS["default"])
    backend_class = import_string(params.pop("BACKEND"))
    params.update(URLS=[proxy_url], INDEX_PREFIX=f"{settings.ELASTICSEARCH_INDEX_PREFIX}_{suffix}_")
    params["TIMEOUT"] = SEARCH_TIMEOUT
    index = backend_class(params).get_index_for_model(BestPracticePage)
    index.reset()
    return index


def test_a_slow_bulk_write_finishes_where_a_search_would_time_out(slow_engine, live_engine, finder_page):
    practices = [make_practice(f"Trage bulk {i}", index=finder_page) for i in range(3)]

    indexed, errors = elastic.rebuild()
    assert errors == []
    assert indexed == BestPracticePage.objects.live().public().count()  # the demo's practices and these three
    live_engine.refresh(index=elastic.index_name())
    body = {"query": {"match_phrase": {"title": "Trage bulk"}}, "size": 10}
    hits = live_engine.search(index=elastic.index_name(), body=body)["hits"]["hits"]
    assert {hit["_source"]["title"] for hit in hits} == {p.title for p in practices}

    index = wagtail_index(slow_engine.url, "slowbulk")
    try:
        index.add_items(BestPracticePage, practices)
        live_engine.refresh(index=index.name)
        hits = live_engine.search(index=index.name, body={"query": {"match_all": {}}})["hits"]["hits"]
        assert {int(hit["_source"]["pk"]) for hit in hits} == {p.pk for p in practices}
    finally:
        index.delete()


def test_with_the_search_timeout_the_same_bulk_write_times_out(slow_engine, settings, finder_page):
    """Negative control: the proxy really holds the writes back longer than a search may take."""
    settings.ELASTICSEARCH_INDEX_TIMEOUT = SEARCH_TIMEOUT
    make_practice("Trage bulk", index=finder_page)
    with pytest.raises(engine.unavailable_errors()):
        elastic.rebuild()
    index = wagtail_index(slow_engine.url, "slowbulkcontrol")
    try:
        with pytest.raises(engine.unavailable_errors()):
            index.add_items(BestPracticePage, list(BestPracticePage.objects.child_of(finder_page)))
    finally:
        index.delete()
