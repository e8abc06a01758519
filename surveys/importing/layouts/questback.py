"""Questback / EFS Survey (Unipark, Tivian) data export, labels as column headings (CSV or XLSX).

`lfdn` is the respondent's running number; `dispcode`, `lastpage`, `quality`, `duration` and
the other columns EFS adds are system columns; a personalised survey's participant columns
(`u_email`, `u_firstname`, `u_lastname` …) are personal data, left out. EFS writes missing codes into the answers:
-66 and -99 (not seen), -77 (seen, not answered), and 0 in a closed question (seen but not
answered). They are missing answers here, never values: they reach no count and no mean.
Grids "Question - Item" become matrices, 0/1 option columns one multiple-choice question.
"""

from surveys.importing import layouts
from surveys.importing.detect import IGNORE, KEY, SCALE_RE, blank
from surveys.text import name_key

NAME = "questback"
HEADER_ROWS = 1
SYSTEM = {"lfdn", "external_lfdn", "tester", "dispcode", "lastpage", "quality", "duration", "datetime",
          "date_of_last_access", "date_of_first_mail", "ats", "sid", "participant_id", "browser", "referer",
          "device_type", "language", "page_history", "hflip", "vflip", "output_mode", "javascript", "flash",
          "session_id", "language_id", "timestamp", "mailsent"}
MISSING = {"-66", "-77", "-99"}
# A personalised survey's participant columns: personal data.
PARTICIPANT = {"u_email": "email", "email": "email", "u_firstname": "name", "u_lastname": "name", "u_name": "name",
               "u_phone": "phone", "u_mobile": "phone", "ip_addr": "ip", "ip": "ip"}


def recognise(table):
    keys = {name_key(h) for h in table.headers}
    return "lfdn" in keys and bool(keys & {"dispcode", "lastpage", "quality", "duration", "tester"})


def read(table, codebook=""):
    hints = {}
    system = []
    for index, header in enumerate(table.headers):
        key = name_key(header)
        if key in SYSTEM or key in PARTICIPANT:
            system.append(index)
            hints[header] = {"role": KEY} if key == "lfdn" else {"role": IGNORE,
                                                                  "reason": PARTICIPANT.get(key, "system")}
    rows = []
    for row in table.rows:
        rows.append([("" if value.strip() in MISSING and i not in system else value) for i, value in enumerate(row)])
    out = layouts.rebuilt(table, list(table.headers), rows, list(table.lines))
    out.hints = hints
    out = layouts.group_grids(out)  # 0/1 option columns are combined before 0 means "not answered"
    closed = [i for i, h in enumerate(out.headers) if name_key(h) not in SYSTEM and _closed(out.column(i))]
    for row in out.rows:
        for i in closed:
            if row[i].strip() == "0":
                row[i] = ""
    return out


def _closed(values):
    """A closed question's column: whole numbers, 0 among them, and values above 1 as well."""
    filled = [v.strip() for v in values if not blank(v)]
    if not filled or not all(SCALE_RE.match(v) and v.isdigit() for v in filled):
        return False
    numbers = {int(v) for v in filled}
    return 0 in numbers and max(numbers) > 1
