"""Finding personal data in one text: pure functions, no database.

`find(text, places=…, org_numbers=False)` returns `Hit(kind, start, end, value)` in text order,
without overlaps. What counts:

- **email**: an address with a dot in its domain.
- **phone**: a Norwegian number of 8 digits (first digit 2–9) written together or in the usual
  groupings (`12345678`, `123 45 678`, `12 34 56 78`, `1234 5678`), with or without `+47`/`0047`.
- **national_id**: fødselsnummer or D-number: 11 digits (or 6 + 5) whose birth date is a real
  date (D-number: day + 40) and that pass both mod-11 checks. Eleven digits that fail are not one.
- **org_number** (only when asked): 9 digits starting with 8 or 9 that pass the mod-11 check.
- **name**: from the shipped gazetteer (`data/names.json`, common Norwegian given names and
  surnames): a title such as "rektor" followed by capitalised words; a given name followed by
  capitalised name words; a given name alone; an "-sen" surname alone. Given names that are also
  ordinary words ("Per", "Liv", "Dag") count only beside another name or after a title. Place
  names (shipped, plus the `places` the caller passes: the survey's municipalities) and ordinary
  capitalised words are never names.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "names.json"

EMAIL = "email"
PHONE = "phone"
NATIONAL_ID = "national_id"
ORG_NUMBER = "org_number"
NAME = "name"


@dataclass(frozen=True)
class Hit:
    kind: str
    start: int
    end: int
    value: str


@cache
def gazetteer():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    lower = {key: frozenset(w.lower() for w in data[key]) for key in data if not key.startswith("_")}
    return lower


EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_GROUPS = r"(?:\d{8}|\d{3} \d{2} \d{3}|\d{2} \d{2} \d{2} \d{2}|\d{4} \d{4}|\d{3} \d{5})"
PHONE_RE = re.compile(rf"(?<![\d+])(?:(?:\+|00)47[ -]?)?(?=[2-9]){_GROUPS}(?![\d])(?! \d)")
NATIONAL_ID_RE = re.compile(r"(?<!\d)\d{6} ?\d{5}(?!\d)")
ORG_NUMBER_RE = re.compile(r"(?<!\d)[89]\d{2} ?\d{3} ?\d{3}(?!\d)")
WORD = r"[A-ZÆØÅÉ][a-zæøåéèüöäA-ZÆØÅ]*[a-zæøåéèüöä](?:-[A-ZÆØÅ][a-zæøåéèüöä]+)?"
WORD_RE = re.compile(WORD)
SENTENCE_END = re.compile(r"(?:^|[.!?:;…\n\u2022]|^\s*[-–*])\s*[\"«(]?$")


def digits(value):
    return re.sub(r"\D", "", value)


def is_national_id(value):
    """Fødselsnummer or D-number: a real birth date and both mod-11 control digits right."""
    d = [int(c) for c in digits(value)]
    if len(d) != 11:
        return False
    day, month = d[0] * 10 + d[1], d[2] * 10 + d[3]
    if day > 40:
        day -= 40  # D-number
    try:
        date(2000, month, day)  # a leap year, so 29 February passes
    except ValueError:
        return False
    k1 = 11 - sum(w * x for w, x in zip((3, 7, 6, 1, 8, 9, 4, 5, 2), d, strict=False)) % 11
    k1 = 0 if k1 == 11 else k1
    k2 = 11 - sum(w * x for w, x in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), d[:9] + [k1], strict=True)) % 11
    k2 = 0 if k2 == 11 else k2
    return k1 < 10 and k2 < 10 and d[9] == k1 and d[10] == k2


def is_org_number(value):
    d = [int(c) for c in digits(value)]
    if len(d) != 9 or d[0] not in (8, 9):
        return False
    k = 11 - sum(w * x for w, x in zip((3, 2, 7, 6, 5, 4, 3, 2), d, strict=False)) % 11
    k = 0 if k == 11 else k
    return k < 10 and d[8] == k


def _pattern_hits(text, org_numbers):
    hits = [Hit(EMAIL, m.start(), m.end(), m.group()) for m in EMAIL_RE.finditer(text)]
    hits += [Hit(NATIONAL_ID, m.start(), m.end(), m.group())
             for m in NATIONAL_ID_RE.finditer(text) if is_national_id(m.group())]
    if org_numbers:
        hits += [Hit(ORG_NUMBER, m.start(), m.end(), m.group())
                 for m in ORG_NUMBER_RE.finditer(text) if is_org_number(m.group())]
    hits += [Hit(PHONE, m.start(), m.end(), m.group()) for m in PHONE_RE.finditer(text)]
    return hits


def _sentence_start(text, pos):
    return bool(SENTENCE_END.search(text[max(0, pos - 12):pos])) or pos == 0


def _name_hits(text, places):
    g = gazetteer()
    given, ambiguous, surnames = g["given"], g["given_ambiguous"], g["surnames"]
    not_names = g["places"] | g["stopwords"] | places
    words = list(WORD_RE.finditer(text))
    hits, i = [], 0

    def name_like(word):
        w = word.lower()
        return w in given or w in ambiguous or w in surnames

    def title_before(m):
        """A title such as "rektor" or "pedagogisk leder" right before (at most ": " between)."""
        before = text[max(0, m.start() - 60):m.start()]
        stripped = before.rstrip(" :,")
        if not 1 <= len(before) - len(stripped) <= 3 or not stripped or stripped[-1].isspace():
            return False
        tokens = stripped.split()[-2:]
        last = tokens[-1].lower()
        return last in g["titles"] or (len(tokens) == 2 and " ".join(tokens).lower() in g["titles"])

    while i < len(words):
        m = words[i]
        word = m.group()
        # the run of capitalised words that follow directly (one space apart)
        run = [m]
        while i + len(run) < len(words) and len(run) < 4:
            nxt = words[i + len(run)]
            if text[run[-1].end():nxt.start()] != " ":
                break
            run.append(nxt)
        low = word.lower()
        after_title = title_before(m) and low not in not_names
        if low in given or low in ambiguous or after_title:
            taken = [m]
            for nxt in run[1:]:
                w = nxt.group().lower()
                if name_like(nxt.group()) or (w not in not_names and (low in given or after_title)):
                    taken.append(nxt)
                else:
                    break
            alone = len(taken) == 1
            if not alone or after_title or (low in given and low not in not_names):
                hits.append(Hit(NAME, taken[0].start(), taken[-1].end(), text[taken[0].start():taken[-1].end()]))
                i += len(taken)
                continue
        elif low not in not_names and len(run) > 1 and run[1].group().lower() in surnames \
                and not _sentence_start(text, m.start()) and _surname_shaped(run[1].group()):
            hits.append(Hit(NAME, m.start(), run[1].end(), text[m.start():run[1].end()]))
            i += 2
            continue
        elif low in surnames and _surname_shaped(word) and low not in not_names:
            hits.append(Hit(NAME, m.start(), m.end(), word))
        i += 1
    return hits


def _surname_shaped(word):
    """Surnames that are never ordinary words or places ("Hansen", "Nguyen") may stand alone."""
    return word.lower().endswith(("sen", "son", "ssen")) or word.lower() in {"nguyen", "skjæveland"}


def find(text, *, places=frozenset(), org_numbers=False):
    """Every finding in `text`, in order, without overlaps (patterns win over names)."""
    places = frozenset(p.lower() for p in places)
    chosen = []
    for hit in _pattern_hits(text, org_numbers) + _name_hits(text, places):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)
