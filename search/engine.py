"""The search engine beneath site search and the finder: which one is configured, and how to talk to it.

`configured()` is the one answer to "is an engine on?" (OPENSEARCH_URL first, then ELASTICSEARCH_URL); which backend
answers search is built on it (`search.backends.get_backend()`).
`transport()` returns the engine's transport. elasticsearch-dsl describes every mapping, query, facet and
highlight and reads every response (search/elastic.py); only the transport differs per engine, because the
Elasticsearch 8 client refuses to talk to OpenSearch (it checks the product header) and opensearch-py speaks the
same REST API with plain dicts. The client libraries are imported when an engine is configured, not at start-up.
"""

import contextlib
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

OPENSEARCH = "opensearch"
ELASTICSEARCH = "elasticsearch"


@dataclass(frozen=True)
class EngineConfig:
    kind: str  # OPENSEARCH or ELASTICSEARCH
    url: str
    timeout: float


def configured() -> EngineConfig | None:
    """The configured engine, or None when the database answers everything."""
    timeout = float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 5))
    if url := getattr(settings, "OPENSEARCH_URL", ""):
        return EngineConfig(OPENSEARCH, url, timeout)
    if url := getattr(settings, "ELASTICSEARCH_URL", ""):
        return EngineConfig(ELASTICSEARCH, url, timeout)
    return None


def bulk_write(bulk, client, actions, **kwargs):
    """Run a client library's `helpers.bulk` with the write timeout (ELASTICSEARCH_INDEX_TIMEOUT), on either client.

    A search must fail fast (ELASTICSEARCH_TIMEOUT) so the database can answer instead; a bulk of hundreds of
    documents on a busy node takes longer than that, and one timed-out chunk aborts `update_index` halfway (seen at
    100,000 practices under load: "Read timed out. (read timeout=5.0)")."""
    timeout = float(getattr(settings, "ELASTICSEARCH_INDEX_TIMEOUT", 60))
    if hasattr(client, "options"):  # elasticsearch 8/9: per-request options live on a copy of the client
        return bulk(client.options(request_timeout=timeout), actions, **kwargs)
    return bulk(client, actions, request_timeout=timeout, **kwargs)


def unavailable_errors() -> tuple[type[BaseException], ...]:
    """What the client libraries raise when the engine is unreachable, times out or refuses: the fallback's trigger.

    Both families are listed whichever engine is configured: Wagtail's backend and our transport may use either."""
    errors: list[type[BaseException]] = [OSError]
    with contextlib.suppress(ImportError):
        import opensearchpy  # noqa: PLC0415  (optional dependency)

        errors.append(opensearchpy.exceptions.OpenSearchException)
    with contextlib.suppress(ImportError):
        import elastic_transport  # noqa: PLC0415  (optional dependency, with the elasticsearch client)

        errors += [elastic_transport.TransportError, elastic_transport.ApiError]
    return tuple(errors)


class Transport:
    """The few REST calls the finder makes, the same on every engine; bodies and responses are plain dicts."""

    def __init__(self, client, helpers, not_found):
        self.client = client
        self._helpers = helpers
        self._not_found = not_found

    def _body(self, response) -> dict:
        return response

    def info(self) -> dict:
        return self._body(self.client.info())

    def search(self, *, index: str, body: dict) -> dict:
        return self._body(self.client.search(index=index, body=body))

    def put_document(self, *, index: str, id: str, document: dict) -> None:
        self.client.index(index=index, id=id, body=document)

    def delete_document(self, *, index: str, id: str) -> None:
        with contextlib.suppress(self._not_found):  # never indexed, or already gone
            self.client.delete(index=index, id=id)

    def bulk(self, actions) -> tuple[int, list]:
        return bulk_write(self._helpers.bulk, self.client, actions, chunk_size=500, raise_on_error=False)

    def index_exists(self, *, index: str) -> bool:
        return bool(self.client.indices.exists(index=index))

    def create_index(self, *, index: str, body: dict) -> None:
        self.client.indices.create(index=index, body=body)

    def delete_index(self, *, index: str) -> None:
        with contextlib.suppress(self._not_found):
            self.client.indices.delete(index=index)

    def put_settings(self, *, index: str, settings: dict) -> None:
        self.client.indices.put_settings(index=index, body={"index": settings})

    def refresh(self, *, index: str) -> None:
        self.client.indices.refresh(index=index)

    def update_analysis(self, *, index: str, analysis: dict) -> None:
        """Analysis settings (synonyms) can only change on a closed index."""
        self.client.indices.close(index=index)
        try:
            self.client.indices.put_settings(index=index, body={"analysis": analysis})
        finally:
            self.client.indices.open(index=index)


class ElasticsearchTransport(Transport):
    def _body(self, response) -> dict:
        return response.body  # elastic_transport.ObjectApiResponse


def _open(config: EngineConfig) -> Transport:
    if config.kind == OPENSEARCH:
        import opensearchpy  # noqa: PLC0415  (optional dependency: only when OpenSearch is configured)
        from opensearchpy import helpers  # noqa: PLC0415

        client = opensearchpy.OpenSearch(hosts=[config.url], timeout=config.timeout, max_retries=0)
        return Transport(client, helpers, opensearchpy.NotFoundError)
    import elasticsearch  # noqa: PLC0415  (optional dependency: only when Elasticsearch is configured)
    from elasticsearch import helpers as es_helpers  # noqa: PLC0415

    es_client = elasticsearch.Elasticsearch(
        hosts=[config.url], request_timeout=config.timeout, max_retries=0, retry_on_timeout=False
    )
    return ElasticsearchTransport(es_client, es_helpers, elasticsearch.NotFoundError)


@lru_cache(maxsize=4)
def _transport_for(config: EngineConfig) -> Transport:
    return _open(config)


def transport() -> Transport:
    """The configured engine's transport (one client per configuration, reused across requests)."""
    config = configured()
    if config is None:
        raise RuntimeError("No search engine is configured (OPENSEARCH_URL or ELASTICSEARCH_URL).")
    return _transport_for(config)
