"""gunicorn.conf.py: preloading the app, and keeping its memory shared with the forked workers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Reads the config as gunicorn does, then calls its pre_fork hook as the master does before each fork; prints
# the preload setting and how many objects the garbage collector then leaves alone (gc.get_freeze_count()).
PROBE = """
import gc, runpy, types
config = runpy.run_path("gunicorn.conf.py")
class Cfg:
    preload_app = config["preload_app"]
config["pre_fork"](types.SimpleNamespace(cfg=Cfg), None)
print(config["preload_app"], gc.get_freeze_count())
"""


def probe(preload):
    env = {k: v for k, v in os.environ.items() if k != "GUNICORN_PRELOAD"}
    if preload is not None:
        env["GUNICORN_PRELOAD"] = preload
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    preload_app, frozen = result.stdout.split()
    return preload_app == "True", int(frozen)


@pytest.mark.parametrize("preload", [None, "true"])
def test_a_preloaded_app_is_frozen_before_each_fork(preload):
    preload_app, frozen = probe(preload)

    assert preload_app
    assert frozen > 1000  # the config's and gunicorn's objects at least; with the app, all of Django's


def test_without_preload_there_is_nothing_to_freeze():
    preload_app, frozen = probe("false")

    assert not preload_app
    assert frozen == 0
