import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "kennisplatform.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Kq2" * 10,
    "ALLOWED_HOSTS": "kennisplatform.example.nl",
    "DATABASE_URL": "sqlite:////tmp/kennisplatform-check.sqlite3",
    "EMAIL_URL": "smtp://mail.example.nl:587/?tls=True",
    "BASE_URL": "https://kennisplatform.example.nl",
}


def _manage(*args, env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and k not in {"EMAIL_URL", "BASE_URL"}
    }
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    env = dict(PRODUCTION_ENV)
    env.pop("SECRET_KEY")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = dict(PRODUCTION_ENV)
    env.pop("ALLOWED_HOSTS")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


@pytest.mark.parametrize("email_url", [None, "", "console:", "memory:"])
def test_production_refuses_to_start_without_a_real_mail_server(email_url):
    env = dict(PRODUCTION_ENV)
    if email_url is None:
        env.pop("EMAIL_URL")
    else:
        env["EMAIL_URL"] = email_url
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "EMAIL_URL must be set" in result.stderr


def test_production_refuses_to_start_without_base_url():
    env = dict(PRODUCTION_ENV)
    env.pop("BASE_URL")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "BASE_URL must be set" in result.stderr


def test_check_deploy_is_clean_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_dev_defaults_use_sqlite_under_var_and_database_search():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]
    code = (
        "import sys; sys.path.insert(0, 'site');"
        "import kennisplatform.settings.dev as s;"
        "print(s.DATABASES['default']['NAME']); print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND']);"
        "print(s.CACHES['default']['BACKEND'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL"}}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True).stdout
    lines = out.splitlines()
    assert lines[0].endswith("var/db.sqlite3")
    assert lines[1] == "search.backends.database"  # Wagtail's database backend, Dutch-aware
    assert lines[2].endswith("LocMemCache")


def test_services_switch_on_from_the_environment():
    code = (
        "import sys; sys.path.insert(0, 'site');"
        "import kennisplatform.settings.dev as s;"
        "print(s.DATABASES['default']['ENGINE']); print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND']);"
        "print(s.CACHES['default']['BACKEND'])"
    )
    env = dict(os.environ)
    env.update(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/x",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    lines = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True).stdout
    lines = lines.splitlines()
    assert lines == [
        "django.db.backends.postgresql",
        "search.backends.engines.Elasticsearch8SearchBackend",
        "home.cache_backends.ResilientRedisCache",
    ]
