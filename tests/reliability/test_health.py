"""/health/ and the admin warning about a missing task worker, against real processes.

The site runs under gunicorn with production settings on its own PostgreSQL database (behind a TCP proxy the
test kills to take the database away) and its own redis-server (killed to take the cache away); the task worker
is a real ``manage.py db_worker`` process, started and killed by the test.
"""

import json
import re
import time

import pytest
import requests

from .conftest import free_port, gunicorn, production_env, tcp_proxy, worker

# Its processes run on a database of their own, whatever the suite's DATABASE_URL (.ci/run runs it once).
pytestmark = pytest.mark.own_database

SECRETS = ("reliability-test-secret", "postgres://", "redis://", "smtp://", "127.0.0.1", "password")


@pytest.fixture(scope="module")
def site(demo_database, tmp_path_factory, request):
    tmp = tmp_path_factory.mktemp("health")
    redis_server = request.getfixturevalue("module_redis")
    proxy_port = free_port()
    proxy = tcp_proxy(proxy_port, 5432, tmp / "proxy.log").start()
    env = production_env(f"postgres://postgres@127.0.0.1:{proxy_port}/{demo_database}", REDIS_URL=redis_server.url)
    port = free_port()
    server = gunicorn(port, env, tmp / "gunicorn.log").start()
    yield {
        "url": f"http://127.0.0.1:{port}",
        "proxy": proxy,
        "redis": redis_server,
        "env": env,
        "tmp": tmp,
        "server": server,
    }
    server.kill()
    proxy.kill()


def _health(url):
    response = requests.get(f"{url}/health/", timeout=10)
    for secret in SECRETS:
        assert secret not in response.text
    assert response.headers["Content-Type"] == "application/json"
    assert "no-cache" in response.headers["Cache-Control"]
    return response.status_code, json.loads(response.text)


def _editor(url):
    session = requests.Session()
    page = session.get(f"{url}/admin/login/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    session.post(
        f"{url}/admin/login/",
        data={
            "csrfmiddlewaretoken": token,
            "username": "redacteur@foodvalley.example",
            "password": "kennisplatform-demo",
        },
        timeout=10,
    )
    return session


WARNING = "de takenwerker draait niet"


def test_health_reports_each_part_and_the_admin_warns_until_a_worker_runs(site):
    url = site["url"]
    status, body = _health(url)
    assert status == 200
    assert body["status"] == "degraded"  # no worker yet
    assert body["checks"]["database"]["ok"] and body["checks"]["database"]["engine"] == "postgresql"
    assert body["checks"]["cache"] == {**body["checks"]["cache"], "ok": True, "backend": "redis"}
    assert body["checks"]["search"]["ok"] and body["checks"]["search"]["backend"] == "database"
    assert body["checks"]["worker"]["ok"] is False and body["checks"]["worker"]["last_seen"] is None

    editor = _editor(url)
    dashboard = editor.get(f"{url}/admin/", timeout=10).text
    assert WARNING in dashboard.lower()
    assert "Er heeft nog nooit een takenwerker gedraaid" in dashboard

    task_worker = worker(site["env"], site["tmp"] / "worker.log").start()
    try:
        deadline = time.monotonic() + 20
        while not _health(url)[1]["checks"]["worker"]["ok"]:
            assert time.monotonic() < deadline, task_worker.output()[-2000:]
            time.sleep(0.5)
        status, body = _health(url)
        assert (status, body["status"]) == (200, "ok")
        assert body["checks"]["worker"]["seconds_ago"] < 20
        assert WARNING not in editor.get(f"{url}/admin/", timeout=10).text.lower()
    finally:
        task_worker.kill()


def test_health_says_degraded_without_redis_and_down_without_the_database(site):
    url = site["url"]
    site["redis"].kill()
    status, body = _health(url)
    assert status == 200
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    site["redis"].start()

    site["proxy"].kill()
    try:
        status, body = _health(url)
        assert status == 503
        assert body["status"] == "down"
        assert body["checks"]["database"] == {**body["checks"]["database"], "ok": False, "error": "OperationalError"}
    finally:
        site["proxy"].start()
    deadline = time.monotonic() + 15
    while _health(url)[0] != 200:
        assert time.monotonic() < deadline
        time.sleep(0.2)
