"""Read the project's .ics output the way independent calendar programs do, and return what they would show.

Three readers: icalendar (what the project writes with), vobject (Python, its own VTIMEZONE parser) and Mozilla's
ical.js (the parser of Thunderbird's and many web calendars) run with Node from `ical_read.mjs` beside this file.
Each returns the calendar's METHOD and per VEVENT its UID, SEQUENCE, STATUS and start/end in UTC.
"""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

ROOT = Path(__file__).resolve().parents[2]
ICAL_JS = ROOT / "node_modules" / "ical.js" / "package.json"
SCRIPT = Path(__file__).with_name("ical_read.mjs")
UTC = datetime.UTC


def _utc(value: datetime.datetime) -> str:
    assert value.tzinfo is not None, f"floating time {value}: the reader did not find the time zone"
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_with_icalendar(content: bytes) -> dict:
    calendar = Calendar.from_ical(content)
    events = [
        {
            "uid": str(vevent["UID"]),
            "sequence": int(vevent.get("SEQUENCE", 0)),
            "status": str(vevent["STATUS"]) if "STATUS" in vevent else None,
            "start": _utc(vevent.decoded("DTSTART")),
            "end": _utc(vevent.decoded("DTEND")),
        }
        for vevent in calendar.walk("VEVENT")
    ]
    return {"method": str(calendar["METHOD"]), "events": events}


def read_with_vobject(content: bytes) -> dict:
    calendar = vobject.readOne(content.decode("utf-8"))
    events = [
        {
            "uid": vevent.uid.value,
            "sequence": int(vevent.sequence.value) if hasattr(vevent, "sequence") else 0,
            "status": vevent.status.value if hasattr(vevent, "status") else None,
            "start": _utc(vevent.dtstart.value),
            "end": _utc(vevent.dtend.value),
        }
        for vevent in calendar.contents.get("vevent", [])
    ]
    return {"method": calendar.method.value, "events": events}


def ical_js_missing() -> str:
    if shutil.which("node") is None:
        return "node is not installed: the ical.js reader cannot run (CI has it)"
    if not ICAL_JS.exists():
        return "node_modules/ical.js is missing: run `npm install --no-audit --no-fund` (CI does)"
    return ""


def read_with_ical_js(content: bytes, tmp_path: Path) -> dict:
    reason = ical_js_missing()
    if reason:
        pytest.skip(reason)
    path = tmp_path / "event.ics"
    path.write_bytes(content)
    done = subprocess.run(
        ["node", str(SCRIPT), str(path)], capture_output=True, text=True, timeout=60, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    for event in result["events"]:
        assert event["zone"] in ("Europe/Amsterdam", "UTC"), f"ical.js fell back to {event['zone']!r}"
        del event["zone"]
    return result
