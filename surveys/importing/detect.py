"""Detect (pure, no database): what each column of a parsed table is.

Column roles from header words (Norwegian and English) and from the values; question code and
text from headers such as `3a. I hvilken grad … – på eiernivå`; matrix stems; elaboration
columns ("Utdyp", "Annet, beskriv") as open questions with a parent; the kind of each question
from its values. The result is a mapping (see mapping.py) that the admin can correct.
"""

import re
from collections import Counter

from surveys.text import name_key

KEY, MUNICIPALITY, GROUP, ATTRIBUTE = "key", "municipality", "group", "attribute"
QUESTION, IGNORE = "question", "ignore"
ROLES = [KEY, MUNICIPALITY, GROUP, ATTRIBUTE, QUESTION, IGNORE]
LIKERT, MULTIPLE, SINGLE, OPEN = "likert", "multiple", "single", "open"
KINDS = [LIKERT, SINGLE, MULTIPLE, OPEN]

NOT_APPLICABLE_LABELS = ["Ikke deltatt", "Vet ikke", "Ikke relevant", "Ikke aktuelt", "Ikkje delteke", "Veit ikkje",
                         "Ikkje relevant", "Ikkje aktuelt", "Don't know", "Not applicable", "N/A"]

HEADER_WORDS = {
    KEY: {"svar-id", "svarid", "svar id", "id", "respondent", "respondent-id", "respondent id", "respondentid",
          "response id", "responseid", "submission id", "$submission_id", "submission_id", "løpenummer", "nr",
          "svarnummer", "svar nr", "respons-id"},
    MUNICIPALITY: {"kommune", "kommunenavn", "municipality", "municipality name", "kommune navn"},
    GROUP: {"kommunegruppe", "gruppe", "group", "municipality group", "kommunegruppenavn", "samarbeid"},
    ATTRIBUTE: {"fylke", "county", "rolle", "role", "størrelse", "size", "deltakelse", "region", "kommunenummer",
                "kommunenr", "stilling", "position", "sektor", "sector", "kjønn", "alder", "age", "innbyggere"},
    IGNORE: {"tidspunkt", "timestamp", "tidsstempel", "starttid", "sluttid", "start time", "end time", "innsendt",
             "submitted", "dato", "date"},
}

# `3a. Tekst`, `Q3a: Tekst`, `12) Tekst`, `3.1 Tekst`
CODE_RE = re.compile(r"^\s*(?:(?:Q|Spm\.?|Spørsmål)\s*)?(\d{1,3}(?:\.\d{1,2})?[a-zæøå]{0,2})\s*[.):]?\s+(\S.*)$", re.I)
ITEM_CODE_RE = re.compile(r"^(\d{1,3})([a-zæøå])$", re.I)
ELABORATION_RE = re.compile(r"^(utdyp|begrunn|spesifiser|annet|other|please specify|please explain|elaborate)\b"
                            r"|\butdyp|\bannet,? *\(?(beskriv|spesifiser)|\bother, please", re.I)
STEM_SPLIT_RE = re.compile(r"\s+[–—-]\s+")
# `5`, `5 - I stor grad`, `5. I stor grad`, `1 = Helt uenig`: the label must start with a letter.
SCALE_RE = re.compile(r"^(\d{1,2})(?:\s*[-–—:.)=]?\s*([^\W\d_].*))?$", re.S)
MAX_SCALE = 10
MAX_OPTIONS = 15
MAX_OPTION_LENGTH = 100


def split_header(header):
    """(code, text): `3a. I hvilken grad …` → ("3a", "I hvilken grad …"); no code → ("", header)."""
    match = CODE_RE.match(header)
    if match:
        return match.group(1).lower(), match.group(2).strip()
    return "", header.strip()


def blank(value):
    return not value or not value.strip()


def scale_value(value):
    """(number, label) for a scale cell such as `5 - I stor grad`, else None."""
    match = SCALE_RE.match(value.strip())
    if not match:
        return None
    return int(match.group(1)), (match.group(2) or "").strip()


def choice_separator(values):
    return ";" if any(";" in v for v in values) else ","


def split_choices(value, separator):
    return [part.strip() for part in value.split(separator) if part.strip()]


def infer_kind(values, not_applicable=NOT_APPLICABLE_LABELS):
    """The kind of a question column from its non-blank values, with what was learnt:
    {"kind", "numbers", "scale_labels", "not_applicable", "options", "separator"}."""
    values = [v.strip() for v in values if not blank(v)]
    na_keys = {name_key(label) for label in not_applicable}
    info = {"kind": OPEN, "numbers": [], "scale_labels": {}, "not_applicable": [], "options": [], "separator": "",
            "count": len(values), "codes": {}}
    if not values:
        return info
    graded = likert_info(values, na_keys) or known_scale_info(values, na_keys)
    if graded:
        info.update(graded)
        info["kind"] = LIKERT
        return info
    counted = Counter(values)  # in order of first appearance
    distinct = list(counted)
    separator = choice_separator(distinct)
    options = _choice_options(counted, separator)
    if options is not None:
        info.update(kind=MULTIPLE, options=options, separator=separator)
        return info
    if (
        len(distinct) <= MAX_OPTIONS
        and len(distinct) * 2 <= len(values)
        and all(len(v) <= MAX_OPTION_LENGTH for v in distinct)
    ):
        info.update(kind=SINGLE, options=_ordered_options(distinct))
    return info


def _choice_options(counted, separator):
    """The options of a multiple-choice column ({cell: count} in file order), or None when it is
    not one: at most MAX_OPTIONS short options, some cell with several, and options chosen twice
    on average. Free text fails within its first cells instead of splitting every one."""
    options, several, chosen = {}, False, 0
    for value, count in counted.items():
        cell = split_choices(value, separator)
        several = several or len(cell) > 1
        chosen += count * len(cell)
        for option in cell:
            if len(option) > MAX_OPTION_LENGTH:
                return None
            options[option] = None
        if len(options) > MAX_OPTIONS:
            return None
    if several and len(counted) >= len(options) and len(options) * 2 <= chosen:
        return list(options)
    return None


def _ordered_options(options):
    """Options that all start with a number are put in numeric order; others keep file order."""
    numbers = [re.match(r"^\d+", o) for o in options]
    if all(numbers):
        return sorted(options, key=lambda o: int(re.match(r"^\d+", o).group(0)))
    return options


CODE_VALUE_RE = re.compile(r"^-?\d{1,3}$")
RARE_SHARE = 0.1


def likert_info(values, na_keys):
    """Graded when at least 90 % of the cells are integers 0–10 (alone or followed by a label),
    or not-applicable labels; the rest become validation errors. Labels must differ from value
    to value: `2 semester`, `3 semester` is a choice, not a scale. One or two rare codes outside
    the scale (-1, -77, 99, or 9 after a 1–5 scale) are offered as not-applicable codes."""
    numbers, labels, na_seen, bad, codes = [], {}, [], 0, Counter()
    too_many_bad = max(1, len(values) * 0.1)  # `bad` only grows: past this it is no scale
    for value, count in Counter(values).items():  # cells repeat: look at each distinct value once
        if name_key(value) in na_keys:
            na_seen.append(value)
            continue
        parsed = scale_value(value)
        if parsed is None or parsed[0] > MAX_SCALE:
            if CODE_VALUE_RE.match(value):
                codes[value] += count
            else:
                bad += count
                if bad > too_many_bad:
                    return None
            continue
        number, label = parsed
        numbers.extend([number] * count)
        if label:
            if labels.get(number, label) != label:
                return None
            labels[number] = label
    if codes and (len(codes) > 2 or sum(codes.values()) > max(2, len(values) * 0.2)):
        bad += sum(codes.values())
        codes = Counter()
    counted = Counter(numbers)
    for _round in range(2 - len(codes)):  # a rare value far above the rest: 1–5 and 9
        distinct = sorted(counted)
        if len(distinct) < 3 or distinct[-1] in labels:
            break
        top, below = distinct[-1], distinct[-2]
        if top < below + 2 or counted[top] > max(2, len(numbers) * RARE_SHARE):
            break
        codes[str(top)] = counted.pop(top)
    numbers = [n for n in numbers if n in counted]
    if not numbers or bad > max(1, len(values) * 0.1) or bad * 2 > len(numbers):
        return None
    if len(labels) >= 2 and len(set(labels.values())) == 1:
        return None
    if len(set(numbers)) == 1 and not labels and len(numbers) > 3:
        return None
    return {"numbers": numbers, "scale_labels": {str(k): v for k, v in sorted(labels.items()) if k in counted},
            "not_applicable": list(dict.fromkeys(na_seen)),
            "codes": dict(sorted(codes.items(), key=lambda kv: int(kv[0])))}


def known_scale_info(values, na_keys, scale=None):
    """Graded when every answer is a label of one known ordered scale ("I noen grad", "Helt
    enig") or a not-applicable label: each label counts as its position on the scale.
    `scale` picks one of the candidate scales (detect() settles ambiguous columns file-wide)."""
    from surveys.importing import known_scales

    counted = Counter(values)
    if len(counted) > 30 or any(len(v) > 60 for v in counted):
        return None  # texts, not the few short labels of a scale
    labels = [v for v in counted if name_key(v) not in na_keys]
    found = known_scales.candidates(labels)
    if not found:
        return None
    scale = scale if scale in found else found[0]
    numbers = [known_scales.position(scale, v) for v in labels for _ in range(counted[v])]
    return {"numbers": numbers, "scale_labels": known_scales.numbered(scale), "codes": {},
            "not_applicable": [v for v in counted if name_key(v) in na_keys], "known_scales": found}


def _settle_known_scales(columns, infos, na_keys):
    """A column whose labels fit several known scales ("I liten grad", "I stor grad", "I svært
    stor grad" are on the 5- and the 6-point scale) takes the one the file's other columns use."""
    votes = Counter(tuple(i["known_scales"][0]) for i in infos.values() if len(i.get("known_scales", ())) == 1)
    for column, values in columns:
        info = infos.get(column.get("code")) if column["role"] == QUESTION else None
        if not info or len(info.get("known_scales", ())) < 2:
            continue
        best = max(info["known_scales"], key=lambda scale: votes.get(tuple(scale), 0))
        if best is not info["known_scales"][0]:
            info.update(known_scale_info([v.strip() for v in values if not blank(v)], na_keys, best))


def header_role(header):
    key = name_key(header).strip(" :?*")
    for role, words in HEADER_WORDS.items():
        if key in words:
            return role
    return None


def detect(table, *, not_applicable=NOT_APPLICABLE_LABELS, known_municipalities=()):
    """A mapping (dict, see mapping.py) for `table`. `known_municipalities` are name keys of
    municipalities already in the database, to recognise a municipality column by its values.
    What the tool's layout knew (`table.hints`, `table.stems`) wins over what is guessed."""
    from surveys.importing import personal, scales

    columns = []
    codes_in_file = set(table.stems or {})  # matrix headings the layout named take their codes
    hints = table.hints or {}
    for index, header in enumerate(table.headers):
        values = table.column(index)
        hint = hints.get(header, {})
        column = {"header": header, "role": hint.get("role") or header_role(header)}
        code, text = split_header(header)
        if hint.get("code"):
            code, text = hint["code"], hint.get("text") or text
        if code and column["role"] is None:
            column["role"] = QUESTION
        column["code"], column["text"] = code, text
        if code:
            codes_in_file.add(code)
        if hint.get("reason"):
            column["reason"] = hint["reason"]
        elif column["role"] in (None, ATTRIBUTE, IGNORE) and not code:
            found = personal.reason(header, values)
            if found:
                column["role"], column["reason"] = IGNORE, found
        elif column["role"] == QUESTION:  # a question whose answers are e-mail addresses, phone numbers …
            found = personal.from_values([v.strip() for v in values if not blank(v)])
            if found:
                column["role"], column["reason"] = IGNORE, found
        columns.append((column, values))

    _roles_from_values(columns, known_municipalities)
    _assign_codes(columns, codes_in_file)
    questions = [c for c, _v in columns if c["role"] == QUESTION]
    infos = {}
    for column, values in columns:
        if column["role"] == QUESTION:
            infos[column["code"]] = infer_kind(values, not_applicable)
        elif column["role"] == ATTRIBUTE:
            column["name"] = name_key(column["header"]).strip(" :?*")
        for key in ("code", "text"):
            if column["role"] != QUESTION:
                column.pop(key, None)
    _settle_known_scales(columns, infos, {name_key(label) for label in not_applicable})
    common_max = scales.common_maximum(infos.values())
    for column in questions:
        info = infos[column["code"]]
        hint = hints.get(column["header"], {})
        kind = hint.get("kind") or info["kind"]
        column.update(kind=kind, parent=hint.get("parent", ""))
        if kind == LIKERT:
            column.update(scales.scale_for(info, common_max, hint))
        elif kind in (SINGLE, MULTIPLE):
            column.update(options=hint.get("options") or info["options"],
                          separator=hint.get("separator") or info["separator"] or ";")
    out_columns = [c for c, _v in columns]
    out_columns = _link_parents(out_columns, infos, table.stems or {})
    out_columns = scales.add_stems(out_columns, table.stems or {})
    scales.share_within_matrices(out_columns)
    return {
        "version": 1,
        "not_applicable_labels": list(not_applicable),
        "columns": out_columns,
    }


def _roles_from_values(columns, known_municipalities):
    """Roles for columns whose header said nothing: a municipality column by its values, the
    respondent key as the first column of unique short values, short headers as attributes."""
    known = set(known_municipalities)
    for column, values in columns:
        if column["role"] is None and known:
            filled = [name_key(v) for v in values if not blank(v)]
            if filled and sum(1 for v in filled if v in known) >= 0.8 * len(filled):
                column["role"] = MUNICIPALITY
    if not any(c["role"] == KEY for c, _v in columns):
        for column, values in columns:
            if column["role"] is None and values and all(not blank(v) and len(v) <= 40 for v in values) \
                    and len({v.strip() for v in values}) == len(values) and len(column["header"].split()) <= 3:
                column["role"] = KEY
                break
    for column, values in columns:
        if column["role"] is None:
            words = column["header"].split()
            short_values = all(len(v) <= 40 for v in values)
            if len(words) <= 2 and short_values and not column["header"].endswith("?") \
                    and not ELABORATION_RE.search(column["header"]):
                column["role"] = ATTRIBUTE
            else:
                column["role"] = QUESTION


def _assign_codes(columns, codes_in_file):
    """Questions without a code in their heading get the next free number; duplicates get a suffix."""
    used = set()
    next_number = 1
    for column, _values in columns:
        if column["role"] != QUESTION:
            continue
        code = column["code"]
        if not code or code in used:
            if code:
                base, n = code, 2
                while f"{base}-{n}" in used or f"{base}-{n}" in codes_in_file:
                    n += 1
                code = f"{base}-{n}"
            else:
                while str(next_number) in used or str(next_number) in codes_in_file:
                    next_number += 1
                code = str(next_number)
            column["code"] = code
        used.add(code)
        if not column["text"]:
            column["text"] = column["header"]


def _item_stem(code):
    match = ITEM_CODE_RE.match(code or "")
    return match.group(1) if match else ""


def _link_parents(columns, infos, stems=()):
    """Elaboration columns become open questions under the question before them (or the one
    their code names: `3u` → `3`), and so does an open column coded as the text beside a
    question (`sp2u`, `q4_annet`) when no heading says so; matrix items `3a`, `3b` hang under their stem `3`, which is
    added (without a column) when the file has none."""
    questions = [c for c in columns if c["role"] == QUESTION]
    by_code = {c["code"]: c for c in questions}
    stem_codes = set(stems) | {m.group(1) for m in (ITEM_CODE_RE.match(c) for c in by_code) if m}
    previous = None
    for column in questions:
        if ELABORATION_RE.search(column["text"]) and previous is not None and not column["parent"]:
            column["kind"] = OPEN
            for key in ("scale_min", "scale_max", "scale_labels", "not_applicable_labels", "not_applicable_codes",
                        "options", "separator"):
                column.pop(key, None)
            base = re.sub(r"_?[a-zæøå]+$", "", column["code"])
            if base != column["code"] and (base in by_code or base in stem_codes):
                column["parent"] = base
            else:  # after a matrix's last item: the matrix
                column["parent"] = previous["parent"] or _item_stem(previous["code"]) or previous["code"]
            continue
        base = re.sub(r"[_.]?(u|utdyp|annet|other|tekst|text)$", "", column["code"], flags=re.I)
        # `sp2u`, `q4_annet`: a text beside the question its code names
        if column["kind"] == OPEN and not column["parent"] and base != column["code"] \
                and (base in stem_codes or base in by_code and by_code[base]["kind"] != OPEN):
            column["parent"] = base
            continue
        previous = column
    out = []
    stems_added = set()
    for column in columns:
        match = ITEM_CODE_RE.match(column.get("code", "")) if column["role"] == QUESTION else None
        if match and not column["parent"]:
            stem_code = match.group(1)
            parts = STEM_SPLIT_RE.split(column["text"], maxsplit=1)
            siblings = [c for c in questions if ITEM_CODE_RE.match(c["code"] or "")
                        and ITEM_CODE_RE.match(c["code"]).group(1) == stem_code and c is not column]
            if stem_code in by_code:
                column["parent"] = stem_code
                stem = by_code[stem_code]
                if stem["kind"] == OPEN and not infos[stem_code]["count"] and column["kind"] != OPEN:
                    _copy_kind(stem, column)
            elif len(parts) == 2 and siblings:
                column["parent"] = stem_code
                if stem_code not in stems_added:
                    stems_added.add(stem_code)
                    stem = {"header": None, "role": QUESTION, "code": stem_code, "text": parts[0].strip(),
                            "kind": column["kind"], "parent": ""}
                    _copy_kind(stem, column)
                    by_code[stem_code] = stem
                    out.append(stem)
        out.append(column)
    return out


def _copy_kind(stem, item):
    stem["kind"] = item["kind"]
    for key in ("scale_min", "scale_max", "scale_labels", "not_applicable_labels", "not_applicable_codes", "options",
                "separator"):
        if key in item:
            stem[key] = item[key]
