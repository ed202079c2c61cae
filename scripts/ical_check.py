#!/usr/bin/env python3
"""Checks an iCalendar feed strictly and prints its events as JSON (Tests/AppTests/CalendarFeedTests.swift).

RFC 5545 rules checked here beyond what the `icalendar` parser enforces: CRLF line endings, lines of at most 75
octets, VERSION 2.0 and PRODID, every VEVENT with UID, DTSTAMP, DTSTART and DTEND, every TZID used defined by a
VTIMEZONE. Event instants are computed with the feed's own VTIMEZONE (not the system's zone data), so a wrong
VTIMEZONE gives wrong instants. Exit status 1 with the reason on stderr when the feed is not valid.
"""
import datetime
import json
import sys

import icalendar


def fail(reason):
    print(reason, file=sys.stderr)
    sys.exit(1)


def main(path):
    raw = open(path, "rb").read()
    if not raw.endswith(b"\r\n"):
        fail("the feed does not end with CRLF")
    lines = raw.split(b"\r\n")[:-1]
    for number, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {number}: a bare CR or LF")
        if len(line) > 75:
            fail(f"line {number}: {len(line)} octets (at most 75)")
    calendar = icalendar.Calendar.from_ical(raw)
    if calendar.name != "VCALENDAR" or str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
        fail("VCALENDAR with VERSION 2.0 and PRODID expected")
    zones = {str(tz["TZID"]): tz.to_tz() for tz in calendar.walk("VTIMEZONE")}
    events = []
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND"):
            if required not in event:
                fail(f"a VEVENT without {required}")
        instants = []
        for key in ("DTSTART", "DTEND"):
            tzid = event[key].params.get("TZID")
            if tzid not in zones:
                fail(f"{key} uses TZID {tzid!r}, which no VTIMEZONE defines")
            naive = event.decoded(key).replace(tzinfo=None)
            instants.append(naive.replace(tzinfo=zones[tzid]).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        events.append({
            "uid": str(event["UID"]), "start": instants[0], "end": instants[1],
            "sequence": int(event.get("SEQUENCE", 0)), "status": str(event.get("STATUS", "")), "summary": str(event.get("SUMMARY", "")),
        })
    print(json.dumps({"timezones": sorted(zones), "events": events}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
