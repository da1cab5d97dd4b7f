"""Real counterparts for the fault tests: a redis-server process (and an SMTP server) the test starts and kills."""

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import redis
import requests

from tests import migrated_database
from tests.migrated_database import DB_PREFIX, PG, pg_admin, shared_dir

TEMPLATE_NAME_FILE = "reliability-demo-database"


REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisProcess:
    """A private redis-server on a free port (never the shared one on 6379), without persistence."""

    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL, as when the host runs out of memory: no goodbye to the clients."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


class BlackHole:
    """A port where a TCP connection never completes, as for a Redis host that is gone (packets dropped): a
    listening socket with a full accept queue, which Linux answers by dropping the SYN."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(0)
        self.port = self.server.getsockname()[1]
        self.fillers = []
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", self.port))
            self.fillers.append(filler)
        time.sleep(0.1)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def close(self) -> None:
        for sock in (*self.fillers, self.server):
            sock.close()


class SilentServer:
    """A port that accepts connections and never answers, as for a Redis that hangs (swapping, stopped with
    SIGSTOP): the connection succeeds, every command waits for the socket timeout."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                self.accepted.append(self.server.accept()[0])
            except OSError:
                return

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def close(self) -> None:
        for sock in (*self.accepted, self.server):
            sock.close()


def skip_without(reason: str):
    """Skip with the reason; in CI (KP_REQUIRE_SERVICES, .ci/run) a missing counterpart is a failure instead."""
    if os.environ.get("KP_REQUIRE_SERVICES"):
        pytest.fail(f"{reason}; KP_REQUIRE_SERVICES is set, so the fault tests may not skip")
    pytest.skip(reason)


def _redis(directory):
    if not os.path.exists(REDIS_SERVER):
        skip_without("redis-server is not installed (apt-get install redis-server)")
    server = RedisProcess(directory)
    server.start()
    return server


@pytest.fixture
def redis_server(tmp_path):
    server = _redis(tmp_path)
    yield server
    server.kill()


@pytest.fixture(scope="module")
def module_redis(tmp_path_factory):
    server = _redis(tmp_path_factory.mktemp("redis"))
    yield server
    server.kill()


def resilient_cache(url: str, **options) -> dict:
    """CACHES as production builds them from REDIS_URL (settings/base.py), with a short retry for the tests."""
    return {
        "default": {
            "BACKEND": "home.cache_backends.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "kennisplatform",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_SECONDS": 0.2, **options},
        }
    }


ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def base_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_", "PYTEST"))}
    for name in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "OPENSEARCH_URL", "EMAIL_URL", "PAGE_CACHE_SECONDS"):
        env.pop(name, None)
    env.update({"PYTHONPATH": f"{ROOT}:{ROOT / 'site'}", **extra})
    return env


def manage(*args, env, timeout=300):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


class Process:
    """A child process the test starts and kills (gunicorn, the TCP proxy), its output in a file."""

    def __init__(self, args, *, env, log_path, ready):
        self.args, self.env, self.log_path, self.ready = args, env, log_path, ready
        self.process = None

    def start(self, timeout=60):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 (closed in kill)
        self.process = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + timeout
        while not self.ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.args[:3]} did not start:\n{Path(self.log_path).read_text()[-3000:]}")
            time.sleep(0.1)
        return self

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.process:
            self.log.close()

    def output(self) -> str:
        return Path(self.log_path).read_text(errors="replace")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def tcp_proxy(listen_port: int, target_port: int, log_path) -> Process:
    return Process(
        [PYTHON, str(ROOT / "tests/reliability/tcp_proxy.py"), str(listen_port), "127.0.0.1", str(target_port)],
        env=base_env(),
        log_path=log_path,
        ready=lambda: port_open(listen_port),
    )


def gunicorn(port: int, env: dict, log_path) -> Process:
    """The site as production runs it (gunicorn.conf.py, gthread), one worker so its memory cache is the only one."""
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1", "GUNICORN_THREADS": "2"}

    def ready():
        try:
            return requests.get(f"http://127.0.0.1:{port}/robots.txt", timeout=2).status_code < 500
        except requests.RequestException:
            return False

    return Process(
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py"], env=env, log_path=log_path, ready=ready
    )


def worker(env: dict, log_path) -> Process:
    """The task worker as systemd runs it (docs/deploy.md), polling every half second."""
    return Process(
        [PYTHON, "manage.py", "db_worker", "--interval", "0.5", "--no-reload", "--no-startup-delay", "-v", "2"],
        env=env,
        log_path=log_path,
        ready=lambda: True,
    )


def pg_query(database: str, sql: str, *params):
    with psycopg.connect(**{**PG, "dbname": database}) as conn:
        return conn.execute(sql, params).fetchall()


def production_env(database_url: str, **extra) -> dict:
    """The environment /etc/kennisplatform.env would hold, for tests/reliability/settings.py (production)."""
    values = {
        "DJANGO_SETTINGS_MODULE": "tests.reliability.settings",
        "SECRET_KEY": "reliability-test-secret-" + "Zq8w3" * 10,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BASE_URL": "https://kennisplatform.example.nl",
        "EMAIL_URL": "smtp://127.0.0.1:1/",  # nothing listens: the tests that send mail give their own server
        "SECURE_SSL_REDIRECT": "false",
        "TRUSTED_PROXY_COUNT": "0",
        "DATABASE_URL": database_url,
    }
    return base_env(**{**values, **extra})


def _build_demo_template(shared_dir: Path) -> str:
    """The name of a PostgreSQL database with the demo loaded (a copy of the run's migrated database, then
    load_demo with BASE_URL set), built by the first xdist worker that asks and copied by the others: one build per
    run instead of one per worker (a load_demo in a subprocess costs some 20 s of a 2-core CI run). The controller
    drops it at the end (pytest_sessionfinish in tests/conftest.py)."""
    name_file = shared_dir / TEMPLATE_NAME_FILE
    shared_dir.mkdir(parents=True, exist_ok=True)
    with open(shared_dir / "reliability-demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait here until the template is there
        if name_file.exists():
            return name_file.read_text()
        migrated = migrated_database.ensure(shared_dir)
        name = f"{DB_PREFIX}_{uuid.uuid4().hex[:8]}_demo"
        pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{migrated}"')
        try:
            manage("load_demo", env=production_env(f"postgres://postgres@127.0.0.1:5432/{name}"))
        except BaseException:
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            raise
        name_file.write_text(name)
        return name


def drop_demo_template(shared_dir: Path) -> None:
    migrated_database.drop_named(shared_dir / TEMPLATE_NAME_FILE)
    migrated_database.drop(shared_dir)


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    """A PostgreSQL database of this test module's own with the demo loaded: a copy of the run's template (above),
    so what one module's processes write (a worker's heartbeat, queued e-mails) never reaches another module, on
    this xdist worker or another. Per worker, test_health found the heartbeat of test_smtp's task worker when it
    ran after it."""
    try:
        pg_admin("SELECT 1")
    except psycopg.Error as error:
        skip_without(f"no PostgreSQL on 127.0.0.1:5432 ({error.__class__.__name__})")
    template = _build_demo_template(shared_dir(tmp_path_factory))
    name = f"{DB_PREFIX}_{uuid.uuid4().hex[:8]}"
    # Nobody connects to the template after its build, so the copy never meets "is being accessed by other users".
    pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield name
    finally:
        pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
