"""Scales (pure): one scale per graded question, not per file.

A question's scale runs from 0 (when 0 was answered) or 1 to its highest answer; a question
whose highest answer falls short of the file's most common top (a 1–6 question nobody gave 6)
is lifted to it, and a stray answer above it (a 7 in a 1–6 file) stays a bad cell the admin
sees; a 0/1 column never sets or takes another question's scale. Items of one
matrix share their scale. Rare codes (-77, 99, 9 after 1–5) become not-applicable codes, each
keeping its own label; so does the value just above the file's usual top (7 in a file of 1–6
questions), which survey tools use for "Ikke deltatt" or "Vet ikke".
"""

from collections import Counter

from surveys.importing.detect import LIKERT, QUESTION

SCALE_KEYS = ("scale_min", "scale_max", "scale_labels", "not_applicable_labels", "not_applicable_codes")


def common_maximum(infos):
    """The most common highest answer among graded columns that reach at least 3 (None if none)."""
    maxima = Counter(max(i["numbers"]) for i in infos if i["kind"] == LIKERT and i["numbers"]
                     and max(i["numbers"]) >= 3)
    if not maxima:
        return None
    top = max(maxima.values())
    return max(m for m, c in maxima.items() if c == top)


def scale_for(info, common_max, hint=None):
    """scale_min, scale_max, scale_labels, not_applicable_labels and not_applicable_codes for one
    graded column, from what infer_kind learnt and what the tool's layout said (`hint`)."""
    hint = hint or {}
    numbers = list(info["numbers"])
    codes = dict(info.get("codes") or {})
    na_codes = {str(k): str(v) for k, v in (hint.get("not_applicable_codes") or {}).items()}
    for code, count in list(codes.items()):  # a far value that the file's scale reaches is a value
        if code not in na_codes and common_max and 0 <= int(code) <= common_max:
            numbers.extend([int(code)] * count)
            del codes[code]
    for code in codes:
        na_codes.setdefault(code, code)
    numbers = [n for n in numbers if str(n) not in na_codes]
    extra = (common_max or 0) + 1  # 7 on a 1–6 file: the tool's code for "Ikke deltatt", "Vet ikke" …
    if common_max and numbers and max(numbers) == extra and min(numbers) >= 0 and "scale_max" not in hint \
            and str(extra) not in (hint.get("scale_labels") or {}) and str(extra) not in info["scale_labels"] \
            and numbers.count(extra) > max(2, len(numbers) * 0.1) and len(set(numbers)) > 2:
        na_codes[str(extra)] = str(extra)
        numbers = [n for n in numbers if n != extra]
    labels = {**{str(k): v for k, v in (hint.get("scale_labels") or {}).items() if str(k) not in na_codes},
              **info["scale_labels"]}
    low = 0 if (numbers and min(numbers) == 0) or "0" in labels else 1
    high = max(numbers) if numbers else low + 1
    if common_max and 3 <= high < common_max:
        high = common_max
    above = sum(1 for n in numbers if common_max and n > common_max)
    if above and above <= max(2, len(numbers) * 0.1):  # a stray 7 in a 1–6 file: shown as a bad cell
        high = common_max
    label_values = [int(k) for k in labels if k.lstrip("-").isdigit()]
    if label_values:
        high = max(high, max(label_values))
        low = min(low, max(0, min(label_values)))
    if "scale_min" in hint and "scale_max" in hint:  # the tool said (a linear scale 0–10)
        low, high = min(low, int(hint["scale_min"])), max(high, int(hint["scale_max"]))
    if high <= low:
        high = low + 1
    return {"scale_min": low, "scale_max": high,
            "scale_labels": dict(sorted(labels.items(), key=lambda kv: int(kv[0]))),
            "not_applicable_labels": info["not_applicable"], "not_applicable_codes": na_codes}


def add_stems(columns, stems):
    """Matrix headings the layout named but the file has no column for, before their first item."""
    codes = {c.get("code") for c in columns if c["role"] == QUESTION}
    out = []
    for column in columns:
        parent = column.get("parent") if column["role"] == QUESTION else ""
        if parent and parent in stems and parent not in codes:
            stem = {"header": None, "role": QUESTION, "code": parent, "text": stems[parent], "kind": column["kind"],
                    "parent": ""}
            stem.update({k: column[k] for k in SCALE_KEYS + ("options", "separator") if k in column})
            out.append(stem)
            codes.add(parent)
        out.append(column)
    return out


def share_within_matrices(columns):
    """Items of one matrix (and their heading) get one scale: the widest of the items'."""
    items = {}
    for column in columns:
        if column["role"] == QUESTION and column.get("kind") == LIKERT and column.get("parent"):
            items.setdefault(column["parent"], []).append(column)
    stems = {c["code"]: c for c in columns if c["role"] == QUESTION}
    for parent, group in items.items():
        low = min(c["scale_min"] for c in group)
        high = max(c["scale_max"] for c in group)
        labels = {}
        for c in group:
            labels.update(c.get("scale_labels") or {})
        stem = stems.get(parent)
        members = group + ([stem] if stem is not None and stem.get("kind") == LIKERT else [])
        for c in members:
            c["scale_min"], c["scale_max"] = low, high
            c["scale_labels"] = {**labels, **(c.get("scale_labels") or {})}
