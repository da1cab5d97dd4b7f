"""Database unreachable: cached pages keep coming for visitors, everyone else gets a Dutch 503 with Retry-After.

Real PostgreSQL, really unreachable: the test creates its own database on the local PostgreSQL server, loads the
demo into it, and runs the site under gunicorn (gunicorn.conf.py, production settings from
tests/reliability/settings.py) with DATABASE_URL pointing at a TCP proxy process in front of PostgreSQL. Killing
that proxy (SIGKILL) resets the site's open database connections and refuses new ones, as a crashed or
partitioned database server would; the shared PostgreSQL server itself keeps running. Starting the proxy again
is the database coming back.
"""

import re
import time

import pytest
import requests

from .conftest import free_port, gunicorn, production_env, tcp_proxy

# Its processes run on a database of their own, whatever the suite's DATABASE_URL (.ci/run runs it once).
pytestmark = pytest.mark.own_database


@pytest.fixture(scope="module")
def site(demo_database, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("database-down")
    proxy_port = free_port()
    proxy = tcp_proxy(proxy_port, 5432, tmp / "proxy.log").start()
    port = free_port()
    # Pages fresh for 2 s, then re-rendered: an out-of-date copy must stand in while the database is away.
    env = production_env(f"postgres://postgres@127.0.0.1:{proxy_port}/{demo_database}", PAGE_CACHE_SECONDS="2")
    server = gunicorn(port, env, tmp / "gunicorn.log").start()
    yield {"url": f"http://127.0.0.1:{port}", "proxy": proxy, "server": server}
    server.kill()
    proxy.kill()


def _sign_in(url: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{url}/account/inloggen/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = session.post(
        f"{url}/account/inloggen/",
        data={
            "csrfmiddlewaretoken": token,
            "username": "redacteur@foodvalley.example",
            "password": "kennisplatform-demo",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    return session


def test_cached_pages_keep_coming_and_the_rest_gets_a_dutch_503_until_the_database_returns(site):
    url, proxy, server = site["url"], site["proxy"], site["server"]
    editor = _sign_in(url)
    assert editor.get(f"{url}/account/", timeout=10).status_code == 200
    for path in ("/", "/nieuws/"):
        assert requests.get(url + path, timeout=10).headers["X-Cache"] == "MISS"
    assert requests.get(f"{url}/", timeout=10).headers["X-Cache"] == "HIT"
    home_title = re.search(r"<title>(.*?)</title>", requests.get(f"{url}/", timeout=10).text).group(1)

    proxy.kill()
    time.sleep(2.2)  # every stored page is now out of date: rendering it again needs the database

    started = time.monotonic()
    for path in ("/", "/nieuws/", "/"):
        response = requests.get(url + path, timeout=10)
        assert response.status_code == 200, path
        assert response.headers["X-Cache"] == "STALE"
    assert home_title in requests.get(f"{url}/", timeout=10).text

    never_cached = requests.get(f"{url}/projecten/", timeout=10)
    signed_in = editor.get(f"{url}/", timeout=10)
    token = editor.cookies["csrftoken"]  # the unmasked secret is a valid token too
    posted = editor.post(f"{url}/account/e-mailvoorkeuren/", data={"csrfmiddlewaretoken": token}, timeout=10)
    for response in (never_cached, signed_in, posted):
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "60"
        assert "Tijdelijk niet beschikbaar" in response.text
        assert "Probeer het over een minuut opnieuw" in response.text
        assert "Traceback" not in response.text
    assert (time.monotonic() - started) / 7 < 1.0  # a refused database answers fast, no hanging workers

    proxy.start()  # the database is back; gunicorn is not restarted
    deadline = time.monotonic() + 15
    while requests.get(f"{url}/projecten/", timeout=10).status_code != 200:
        assert time.monotonic() < deadline, "the site did not recover by itself"
        time.sleep(0.2)
    assert requests.get(f"{url}/", timeout=10).headers["X-Cache"] in {"MISS", "HIT"}
    assert editor.get(f"{url}/account/", timeout=10).status_code == 200  # still signed in

    log = server.output()
    assert log.count("Database onbereikbaar") == 1  # one warning for the outage, not one per request
    assert "Service Unavailable" not in log and "Internal Server Error" not in log
