"""Tests that need a real service (search engine, Redis, PostgreSQL, a binary) skip without it, with the reason.

CI sets KP_REQUIRE_SERVICES=1 after starting every service (.ci/run): there a missing service fails the test
instead, so nothing can pass by skipping.
"""

import os

import pytest


def services_required() -> bool:
    return os.environ.get("KP_REQUIRE_SERVICES", "") not in ("", "0")


def service_missing(reason: str):
    """Skip (locally) or fail (in CI) the calling test because `reason`."""
    if services_required():
        pytest.fail(f"{reason} (KP_REQUIRE_SERVICES is set: a missing service is a failure)")
    pytest.skip(reason)
