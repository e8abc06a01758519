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


# Words right before a name when someone is named as a contact or thanked: after these even a
# given name that is also an ordinary word ("Spør Bjørn", "Hilsen Tone") is a name.
CUES = ("spør", "spør etter", "ring", "ringe", "ringte", "ringde", "kontakt", "kontakte", "kontaktet",
        "kontakta", "hilsen", "helsing", "mvh", "takk til", "takk, ", "snakk med", "snakket med", "snakka med",
        "v/")
# The endings of Norwegian surnames (patronymics and farm names): a capitalised word with one of
# them right after an unknown capitalised word, in the middle of a sentence, makes a name.
SURNAME_ENDINGS = ("sen", "son", "ssen", "stad", "heim", "land", "vik", "dal", "dahl", "berg", "bakken", "haug",
                   "rud", "lie", "nes", "seth", "set", "voll", "vold", "gård", "gaard", "strand", "bust", "eide",
                   "tveit", "rød", "holm", "lund", "mo", "bø", "by", "li", "aas", "ås", "rem", "fjord", "næs")
JOINS = (" og ", ", ", " eller ", " & ", " / ")


def _name_hits(text, places):
    g = gazetteer()
    given, ambiguous, surnames = g["given"], g["given_ambiguous"], g["surnames"]
    not_names = g["places"] | g["stopwords"] | places
    words = list(WORD_RE.finditer(text))
    hits, i = [], 0

    def is_given(word):
        """A given name, hyphenated ones ("Anne-Lise", "Jon-Erik") too."""
        w = word.lower()
        return w in given or ("-" in w and all(p in given or p in ambiguous for p in w.split("-")))

    def name_like(word):
        w = word.lower()
        return is_given(word) or w in ambiguous or w in surnames

    def title_before(m):
        """A title such as "rektor" or "pedagogisk leder" right before (at most ": " between)."""
        before = text[max(0, m.start() - 60):m.start()]
        stripped = before.rstrip(" :,")
        if not 1 <= len(before) - len(stripped) <= 3 or not stripped or stripped[-1].isspace():
            return False
        tokens = stripped.split()[-2:]
        last = tokens[-1].lower()
        return last in g["titles"] or (len(tokens) == 2 and " ".join(tokens).lower() in g["titles"])

    def cue_before(m):
        before = text[max(0, m.start() - 14):m.start()].lower()
        return any(before.endswith(cue + ("" if cue.endswith((" ", "/")) else " ")) for cue in CUES)

    def apposition(run):
        """", Name Surname," in the middle of a sentence: two or three capitalised words between
        commas (or a comma and the sentence's end), the last shaped like a surname."""
        before = text[max(0, run[0].start() - 2):run[0].start()]
        after = text[run[-1].end():run[-1].end() + 1]
        return (before == ", " and after in (",", ".", "") and len(run) in (2, 3)
                and all(m.group().lower() not in not_names for m in run) and _surname_shaped(run[-1].group()))

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
        after_title = low not in not_names and (title_before(m) or (name_like(word) and cue_before(m)))
        if is_given(word) or low in ambiguous or after_title:
            taken = [m]
            for nxt in run[1:]:
                w = nxt.group().lower()
                if name_like(nxt.group()) or (w not in not_names and (is_given(word) or after_title)):
                    taken.append(nxt)
                else:
                    break
            alone = len(taken) == 1
            if not alone or after_title or (is_given(word) and low not in not_names):
                hits.append(Hit(NAME, taken[0].start(), taken[-1].end(), text[taken[0].start():taken[-1].end()]))
                i += len(taken)
                continue
        elif low not in not_names and len(run) > 1 and not _sentence_start(text, m.start()) \
                and run[1].group().lower() not in not_names and _surname_shaped(run[1].group()):
            hits.append(Hit(NAME, m.start(), run[1].end(), text[m.start():run[1].end()]))
            i += 2
            continue
        elif len(run) > 1 and apposition(run[:3] if len(run) >= 3 and _surname_shaped(run[2].group()) else run[:2]):
            last = run[2] if len(run) >= 3 and _surname_shaped(run[2].group()) else run[1]
            hits.append(Hit(NAME, m.start(), last.end(), text[m.start():last.end()]))
            i += 3 if last is not run[1] else 2
            continue
        elif low in surnames and _surname_shaped(word) and low not in not_names:
            hits.append(Hit(NAME, m.start(), m.end(), word))
        i += 1
    return hits + _coordinated(text, words, hits, ambiguous, not_names)


def _coordinated(text, words, hits, ambiguous, not_names):
    """A given name that is also an ordinary word, joined by "og" or a comma to a name found
    ("Tone og Liv Berit Halvorsen", "Per, Kari og Ola") is a name too."""
    found = [(h.start, h.end) for h in hits]
    extra = []
    changed = True
    while changed:
        changed = False
        for m in words:
            low = m.group().lower()
            if low not in ambiguous or low in not_names or any(s <= m.start() < e for s, e in found):
                continue
            for s, e in found:
                if any(text[m.end():s] == j or text[e:m.start()] == j for j in JOINS):
                    extra.append(Hit(NAME, m.start(), m.end(), m.group()))
                    found.append((m.start(), m.end()))
                    changed = True
                    break
    return extra


def _surname_shaped(word):
    """A word shaped like a Norwegian surname: a patronymic or farm-name ending ("Hansen",
    "Bjørnstad", "Myklebust")."""
    w = word.lower()
    return len(w) > 3 and w.endswith(SURNAME_ENDINGS)


def find(text, *, places=frozenset(), org_numbers=False):
    """Every finding in `text`, in order, without overlaps (patterns win over names)."""
    places = frozenset(p.lower() for p in places)
    chosen = []
    for hit in _pattern_hits(text, org_numbers) + _name_hits(text, places):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)
