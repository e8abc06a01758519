"""The mapping: which column is what, as a JSON-serialisable dict that does not name a survey,
so it can be saved (`SavedMapping`), downloaded and reused for the next file from the same tool.

    {"version": 1, "not_applicable_labels": ["Ikke deltatt", …],
     "columns": [{"header": "Svar-ID", "role": "key"},
                 {"header": "Fylke", "role": "attribute", "name": "fylke"},
                 {"header": "3a. I hvilken grad …", "role": "question", "code": "3a", "text": "…",
                  "kind": "likert", "parent": "3", "scale_min": 1, "scale_max": 6,
                  "scale_labels": {"6": "I svært stor grad"}, "not_applicable_labels": []},
                 {"header": null, "role": "question", "code": "3", …}]}   ← a stem without a column

`validate(table, mapping)` reads every row against the mapping and returns the records to save
and every bad cell.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from surveys.importing.detect import (
    ATTRIBUTE,
    GROUP,
    KEY,
    KINDS,
    LIKERT,
    MULTIPLE,
    MUNICIPALITY,
    OPEN,
    QUESTION,
    ROLES,
    SINGLE,
    blank,
    scale_value,
    split_choices,
)
from surveys.importing.parse import RowError
from surveys.text import name_key

SEPARATORS = (";", ",", "|")


class MappingError(ValueError):
    pass


@dataclass
class Value:
    text: str = ""
    number: int | None = None
    choices: list = field(default_factory=list)
    not_applicable: bool = False


@dataclass
class Record:
    line: int
    key: str
    municipality: str = ""
    group: str = ""
    attributes: dict = field(default_factory=dict)
    answers: dict = field(default_factory=dict)  # code → Value


def questions(mapping):
    return [c for c in mapping["columns"] if c.get("role") == QUESTION]


def clean(mapping):
    """Check a mapping's structure (it may come from an uploaded JSON file); returns it with
    defaults filled in, or raises MappingError."""
    if not isinstance(mapping, dict) or not isinstance(mapping.get("columns"), list):
        raise MappingError(_("The mapping is not a valid mapping file (no list of columns)."))
    labels = mapping.get("not_applicable_labels", [])
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise MappingError(_("The not-applicable labels must be a list of texts."))
    codes = set()
    columns = []
    for raw in mapping["columns"]:
        if not isinstance(raw, dict) or raw.get("role") not in ROLES:
            raise MappingError(_("Every column needs a role among: %(roles)s.") % {"roles": ", ".join(ROLES)})
        column = dict(raw)
        header = column.get("header")
        if header is not None and not isinstance(header, str):
            raise MappingError(_("A column heading must be a text."))
        if column["role"] == QUESTION:
            code = str(column.get("code") or "").strip()
            if not code or len(code) > 20:
                raise MappingError(_("Every question needs a code of at most 20 characters."))
            if code in codes:
                raise MappingError(_("The question code %(code)s is used twice.") % {"code": code})
            codes.add(code)
            column["code"] = code
            column["text"] = str(column.get("text") or header or code)
            if column.get("kind") not in KINDS:
                raise MappingError(_("Question %(code)s has an unknown kind.") % {"code": code})
            column["parent"] = str(column.get("parent") or "")
            if column["kind"] == LIKERT:
                try:
                    column["scale_min"] = int(column.get("scale_min", 1))
                    column["scale_max"] = int(column.get("scale_max", 5))
                except (TypeError, ValueError):
                    raise MappingError(
                        _("Question %(code)s: the scale must be whole numbers.") % {"code": code}) from None
                if column["scale_max"] <= column["scale_min"]:
                    raise MappingError(
                        _("Question %(code)s: the scale's top must be above its bottom.") % {"code": code})
                column.setdefault("scale_labels", {})
                column.setdefault("not_applicable_labels", [])
                codes_raw = column.get("not_applicable_codes") or {}
                if not isinstance(codes_raw, dict):
                    raise MappingError(_("Question %(code)s: the not-applicable codes must map codes to labels.")
                                       % {"code": code})
                column["not_applicable_codes"] = {str(k).strip(): str(v or k).strip() for k, v in codes_raw.items()
                                                  if str(k).strip()}
            if column["kind"] in (SINGLE, MULTIPLE):
                column["options"] = [str(o) for o in column.get("options") or []]
                column["separator"] = column.get("separator") if column.get("separator") in SEPARATORS else ";"
        elif column["role"] == ATTRIBUTE:
            column["name"] = str(column.get("name") or name_key(header or "")) or "attribute"
        elif header is None:
            raise MappingError(_("Only a question may be without a column."))
        columns.append(column)
    for column in columns:
        if column.get("parent") and column["parent"] not in codes:
            raise MappingError(_("Question %(code)s names a parent %(parent)s that is not in the mapping.")
                               % {"code": column["code"], "parent": column["parent"]})
    roles = [c["role"] for c in columns]
    for role in (KEY, MUNICIPALITY, GROUP):
        if roles.count(role) > 1:
            raise MappingError(_("Only one column can have the role %(role)s.") % {"role": role})
    return {"version": 1, "not_applicable_labels": labels, "columns": columns}


def validate(table, mapping):
    """(records, errors): every row read against the mapping; every bad cell as a RowError."""
    errors = list(table.errors)
    index = {h: i for i, h in enumerate(table.headers)}
    mapped = [c["header"] for c in mapping["columns"] if c["header"] is not None]
    missing = [h for h in mapped if h not in index]
    unknown = [h for h in table.headers if h not in set(mapped)]
    for header in missing:
        errors.append(RowError(1, header, "", _("This column is in the mapping but not in the file.")))
    for header in unknown:
        errors.append(RowError(1, header, "", _("This column is in the file but not in the mapping. "
                                                "Add it to the mapping (or mark it as ignored).")))
    if missing:
        return [], errors
    na_keys = {name_key(x) for x in mapping.get("not_applicable_labels", [])}
    columns = [(c, index[c["header"]]) for c in mapping["columns"] if c["header"] is not None]
    key_col = next((i for c, i in columns if c["role"] == KEY), None)
    mun_col = next((i for c, i in columns if c["role"] == MUNICIPALITY), None)
    group_col = next((i for c, i in columns if c["role"] == GROUP), None)
    attributes = [(c["name"], i) for c, i in columns if c["role"] == ATTRIBUTE]
    question_cols = [(c, i, na_keys | {name_key(x) for x in c.get("not_applicable_labels", [])}, {})
                     for c, i in columns if c["role"] == QUESTION]
    records = []
    first_line = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        key = _key(row, key_col, mun_col, group_col, line)
        if not key:
            errors.append(RowError(line, table.headers[key_col], "", _("The respondent key is missing.")))
        elif key in first_line:
            errors.append(RowError(line, table.headers[key_col] if key_col is not None else "", key,
                                   _("The respondent key %(key)s is also on line %(line)s.")
                                   % {"key": key, "line": first_line[key]}))
        else:
            first_line[key] = line
        record = Record(line=line, key=key,
                        municipality=row[mun_col].strip() if mun_col is not None else "",
                        group=row[group_col].strip() if group_col is not None else "")
        for name, i in attributes:
            if not blank(row[i]):
                record.attributes[name] = row[i].strip()
        for column, i, na, cache in question_cols:
            raw = row[i]
            if not raw or raw.isspace():
                continue
            if column["kind"] == OPEN:
                record.answers[column["code"]] = Value(text=raw)
                continue
            found = cache.get(raw)  # graded and choice cells repeat: read each distinct one once
            if found is None:
                found = cache[raw] = read_value(column, raw, na)
            value, message = found
            if message:
                errors.append(RowError(line, table.headers[i], raw, message))
            else:
                record.answers[column["code"]] = value
        records.append(record)
    return records, errors


def _key(row, key_col, mun_col, group_col, line):
    if key_col is not None:
        return row[key_col].strip()
    # No key column: the municipality (or group) names the respondent, else the line number.
    for col in (mun_col, group_col):
        if col is not None and row[col].strip():
            return row[col].strip()
    return str(line)


def _labelled(column, label):
    """(number, label) for an answer written as one of the question's scale labels."""
    key = name_key(label)
    for value, text in (column.get("scale_labels") or {}).items():
        if name_key(text) == key and str(value).lstrip("-").isdigit():
            return int(value), text
    return None


def read_value(column, raw, na_keys):
    """(Value, None) or (None, message) for one non-blank cell of a question column."""
    kind = column["kind"]
    stripped = raw.strip()
    if kind == OPEN:
        return Value(text=raw), None
    if name_key(stripped) in na_keys:
        return Value(text=stripped, not_applicable=True), None
    na_codes = column.get("not_applicable_codes") or {}
    if stripped in na_codes:  # a code such as 9 or -77: stored with its label, counted apart
        return Value(text=na_codes[stripped], not_applicable=True), None
    if kind == LIKERT:
        low, high = column["scale_min"], column["scale_max"]
        parsed = scale_value(stripped) or _labelled(column, stripped)
        if parsed is None:
            if any(ch.isdigit() for ch in stripped) and any(sep in stripped for sep in ",."):
                return None, _("%(value)s is not a whole number on the scale %(low)s–%(high)s.") % {
                    "value": stripped, "low": low, "high": high}
            return None, _("%(value)s is not a number on the scale %(low)s–%(high)s.") % {
                "value": stripped, "low": low, "high": high}
        number = parsed[0]
        if not low <= number <= high:
            return None, _("%(value)s is outside the scale %(low)s–%(high)s.") % {
                "value": number, "low": low, "high": high}
        return Value(number=number), None
    if kind == SINGLE:
        return Value(choices=[stripped]), None
    parts = split_choices(stripped, column.get("separator") or ";")
    return Value(choices=parts), None
