"""Start building the fault tests' PostgreSQL demo template as the run starts, in a process of its own.

The template (tests/reliability/conftest.py, `_build_demo_template`: a real PostgreSQL with the real migrations and
the demo) took some 39 s of one worker, in the middle of the run, while a second worker that needed it waited on the
lock. Loaded by pytest.ini (`-p tests.reliability.prebuild`): the controller (or a run without xdist) starts the
build at configure time when the run includes a test file that uses `demo_database`, so it overlaps with the
workers' own start (their migrate and demo load) and is there when the first fault test asks. The build takes the
same lock as the workers: a worker that asks earlier waits for it, or, if this process failed, builds the template
itself and shows the error. Nothing Django here: this module is imported before Django is set up.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "tests" / "reliability"


def _files_that_use_the_template() -> list[Path]:
    return [path for path in sorted(FOLDER.glob("test_*.py")) if "demo_database" in path.read_text()]


def _selected(config) -> bool:
    """Whether one of the run's arguments covers a test file that needs the template."""
    if config.option.collectonly or config.getoption("help", False):
        return False
    files = _files_that_use_the_template()
    for arg in config.args or [str(ROOT)]:
        path = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        if any(file == path or file.is_relative_to(path) for file in files):
            return True
    return False


class _Build:
    process: subprocess.Popen | None = None


@pytest.hookimpl(trylast=True)  # after the tmp_path plugin's configure, whose base folder the workers share
def pytest_configure(config):
    if hasattr(config, "workerinput") or not _selected(config):
        return
    from tests.migrated_database import pg_admin, shared_dir

    try:
        pg_admin("SELECT 1")
    except Exception:  # no PostgreSQL: the fixture skips (or, in CI, fails) with the reason, as before
        return
    directory = shared_dir(config._tmp_path_factory)
    directory.mkdir(parents=True, exist_ok=True)
    log = open(directory / "reliability-demo-build.log", "ab")  # noqa: SIM115 (the child holds it)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site")])}
    _Build.process = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.prebuild", str(directory)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    log.close()


@pytest.hookimpl(tryfirst=True)  # before tests/conftest.py drops the template by its name file
def pytest_sessionfinish(session):
    process, _Build.process = _Build.process, None
    if process is None:
        return
    if process.poll() is None:  # the run ended before the build did (no fault test ran, or it was interrupted)
        process.terminate()  # the build drops its half-built database (SIGTERM below)
    process.wait(timeout=60)


def main(shared_dir: str) -> None:
    from tests.reliability.conftest import _build_demo_template

    def stop(signum, frame):
        raise SystemExit(1)

    signal.signal(signal.SIGTERM, stop)
    print(_build_demo_template(Path(shared_dir)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
