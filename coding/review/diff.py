"""The difference between an answer's previous and current text, word by word."""

import difflib
import re

TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """[(kind, text)] where kind is "same", "removed" or "added", in reading order: the words
    that were taken out come before the words put in their place."""
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", "".join(b[j1:j2])))
    return out
