"""SurveyMonkey's "all individual responses" export, columns expanded (CSV or XLSX).

Row 1 holds each question once over all of its columns (blank or merged cells after it); row 2
holds "Response", "Open-Ended Response", a matrix row's label or a checkbox option; the first
nine columns are metadata. Read as: metadata → the key or ignored (with the reason), a
"Response" column → one question, "Open-Ended Response" → an open question, a checkbox
question's option columns → one multiple-choice column, a matrix question's rows → items of one
matrix, "Other (please specify)" → an open question under its choice question.
"""

import re

from surveys.importing import layouts
from surveys.importing.detect import IGNORE, KEY, MULTIPLE, OPEN, QUESTION, header_role, split_header
from surveys.text import name_key

NAME = "surveymonkey"
HEADER_ROWS = 2
METADATA = {
    "respondent id": (KEY, ""), "respondent-id": (KEY, ""),
    "collector id": (IGNORE, "system"), "innsamler-id": (IGNORE, "system"), "innsamlings-id": (IGNORE, "system"),
    "start date": (IGNORE, "system"), "startdato": (IGNORE, "system"),
    "end date": (IGNORE, "system"), "sluttdato": (IGNORE, "system"),
    "ip address": (IGNORE, "ip"), "ip-adresse": (IGNORE, "ip"),
    "email address": (IGNORE, "email"), "e-postadresse": (IGNORE, "email"),
    "first name": (IGNORE, "name"), "fornavn": (IGNORE, "name"),
    "last name": (IGNORE, "name"), "etternavn": (IGNORE, "name"),
}
CUSTOM_RE = re.compile(r"^(custom data|egendefinerte data)( \d+)?$")
VIEWED = {"question viewed", "spørsmål vist"}
# The parts of a "Contact information" question, which hold personal data.
CONTACT = {"name": "name", "navn": "name", "email address": "email", "e-postadresse": "email",
           "phone number": "phone", "telefonnummer": "phone", "address": "name", "adresse": "name",
           "address 2": "name", "adresse 2": "name"}
RESPONSE = {"response", "svar"}
OPEN_ENDED = {"open-ended response", "åpent svar"}
OTHER_RE = re.compile(r"^(other|annet|andre)\b.*(\((please specify|vennligst spesifiser|spesifiser|beskriv)\)|:)\s*$"
                      r"|^(comment|kommentar)s?$", re.I)


def recognise(table):
    keys = {name_key(h) for h in table.headers}
    ids = ({"respondent id", "collector id"}, {"respondent-id", "innsamler-id"}, {"start date", "end date"},
           {"startdato", "sluttdato"})
    if not any(pair <= keys for pair in ids) or not table.rows:
        return False
    second = {name_key(c) for c in table.rows[0]}
    return bool(second & (RESPONSE | OPEN_ENDED)) or not any(c.strip() for c in table.rows[0][:2])


def _checkbox_column(values, label):
    """A checkbox option's column: blank, or the option's text (or its value, 1) when chosen."""
    filled = {name_key(v) for v in values if v.strip()}
    return filled <= {name_key(label)} or filled == {"1"}


def read(table, codebook=""):
    first = layouts.filled_first_row(table)
    second = [c.strip() for c in table.rows[0]] if table.rows else [""] * len(first)
    body, lines = table.rows[1:], table.lines[1:]
    groups = []  # (question, [column indexes]) in file order
    for index, top in enumerate(first):
        key = name_key(top)
        if key in METADATA or CUSTOM_RE.match(key):
            groups.append((top, [index]))
        elif groups and groups[-1][0] == top and name_key(top) not in METADATA:
            groups[-1][1].append(index)
        else:
            groups.append((top, [index]))
    headers, columns, hints, stems = [], [], {}, {}
    number = 0

    def add(header, values, hint):
        headers.append(header)
        columns.append(values)
        hints[header] = hint

    for question, indexes in groups:
        key = name_key(question)
        if key in METADATA or CUSTOM_RE.match(key):
            role, reason = METADATA.get(key, (IGNORE, "system"))
            add(question, [r[indexes[0]] for r in body], {"role": role, "reason": reason} if reason else {"role": role})
            continue
        if len(indexes) == 1 and header_role(question):  # Kommune, Gruppe …: detect.py knows these
            add(question, [r[indexes[0]] for r in body], {})
            continue
        number += 1
        code, text = split_header(question)
        code = code or str(number)
        viewed = [i for i in indexes if name_key(second[i]) in VIEWED]
        contact = [i for i in indexes if name_key(second[i]) in CONTACT and len(indexes) > 1]
        for i in viewed + contact:  # a randomised question's "viewed" flag; contact details: left out
            add(f"{question} - {second[i]}", [r[i] for r in body],
                {"role": IGNORE, "reason": CONTACT.get(name_key(second[i]), "system")})
        indexes = [i for i in indexes if i not in viewed and i not in contact]
        if not indexes:
            continue
        if len(indexes) == 1 and name_key(second[indexes[0]]) in RESPONSE | OPEN_ENDED | {""}:
            hint = {"role": QUESTION, "code": code, "text": text}
            if name_key(second[indexes[0]]) in OPEN_ENDED:
                hint["kind"] = OPEN
            add(question, [r[indexes[0]] for r in body], hint)
            continue
        other = [i for i in indexes if OTHER_RE.match(second[i]) or name_key(second[i]) in OPEN_ENDED]
        options = [i for i in indexes if i not in other]
        if len(options) == 1 and name_key(second[options[0]]) in RESPONSE | {""}:  # a choice with "Other"
            add(question, [r[options[0]] for r in body], {"role": QUESTION, "code": code, "text": text})
        elif len(options) > 1 and all(_checkbox_column([r[i] for r in body], second[i]) for i in options):
            labels = [second[i] for i in options]
            separator = layouts.separator_for(labels)
            chosen = [[bool(r[i].strip()) for r in body] for i in options]
            add(question, layouts.combine_choices(chosen, labels, separator),
                {"role": QUESTION, "code": code, "text": text, "kind": MULTIPLE, "options": labels,
                 "separator": separator})
        elif options:
            stems[code] = text
            for letter, i in zip("abcdefghijklmnopqrstuvwxyz", options, strict=False):
                header = f"{question} - {second[i]}"
                add(header, [r[i] for r in body],
                    {"role": QUESTION, "code": f"{code}{letter}", "text": f"{text} – {second[i]}", "parent": code})
        for n, i in enumerate(other, start=1):
            header = f"{question} - {second[i]}"
            add(header, [r[i] for r in body], {"role": QUESTION, "code": f"{code}u" + (str(n) if n > 1 else ""),
                                               "text": second[i], "kind": OPEN, "parent": code})
    rows = [list(row) for row in zip(*columns, strict=True)] if columns and body else []
    out = layouts.rebuilt(table, headers, rows, lines[: len(rows)] if rows else [])
    out.hints, out.stems = hints, stems
    return out
