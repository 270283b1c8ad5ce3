"""The independent oracle of dateutil-oracle.property.unit.test.ts: python-dateutil's RRULE expansion.

Reads a JSON list of cases from stdin ({"start": local ISO date-time, "rrule", "n", "untilYear"}) and
writes, for each, the first n occurrences as local (floating) ISO date-times, or the error it raised.
The rule is expanded from DTSTART = start in local time, bounded by UNTIL = 1 January of untilYear.
"""
import json
import sys
from datetime import datetime

from dateutil.rrule import rrulestr

answers = []
for case in json.load(sys.stdin):
    try:
        rule = rrulestr(f"{case['rrule']};UNTIL={case['untilYear']}0101T000000", dtstart=datetime.fromisoformat(case['start']))
        times = []
        for time in rule:
            times.append(time.isoformat())
            if len(times) >= case['n']:
                break
        answers.append({'times': times})
    except Exception as error:  # the comparison reports it
        answers.append({'error': str(error)})
json.dump(answers, sys.stdout)
