"""Rewriting one text with labels in place of findings, and carrying spans over: pure functions.

`replace(text, pieces)` takes [(start, end, label)] (sorted, not overlapping) and returns the new
text and a `Shift` that maps an old offset to the new text. A span that ends inside a replaced
stretch ends after its label; one that starts inside starts at its label; so a coding on
"Per Hansen tok ansvar" becomes a coding on "[Person 1] tok ansvar": the same words.
"""

import re

LABELS = {
    "email": "[e-post]",
    "phone": "[telefon]",
    "national_id": "[fødselsnummer]",
    "org_number": "[org.nr.]",
}


class Shift:
    def __init__(self, moves):
        self.moves = moves  # [(old_start, old_end, new_start, new_end)]

    def start(self, pos):
        return self._map(pos, inside_to_start=True)

    def end(self, pos):
        return self._map(pos, inside_to_start=False)

    def _map(self, pos, *, inside_to_start):
        delta = 0
        for old_start, old_end, new_start, new_end in self.moves:
            if pos >= old_end:
                delta = new_end - old_end
            elif pos > old_start:
                return new_start if inside_to_start else new_end
            else:
                break
        return pos + delta


def replace(text, pieces):
    out, moves, last = [], [], 0
    for start, end, label in pieces:
        out.append(text[last:start])
        new_start = sum(len(p) for p in out)
        out.append(label)
        moves.append((start, end, new_start, new_start + len(label)))
        last = end
    out.append(text[last:])
    return "".join(out), Shift(moves)


def name_key(value):
    return re.sub(r"\s+", " ", value).strip().casefold()


class PersonLabels:
    """The same person, the same label across a survey: "Per Hansen" and a later "Hansen" (or
    "Per") alone are [Person 1] when exactly one full name labelled so far holds that word."""

    def __init__(self, first=1):
        self.first = first  # after an earlier run: the next free number (the names are gone)
        self.labels = {}

    def label(self, value):
        key = name_key(value)
        if key in self.labels:
            return self.labels[key]
        if " " not in key:
            owners = {label for name, label in self.labels.items() if key in name.split(" ")}
            if len(owners) == 1:
                return self.labels.setdefault(key, owners.pop())
        label = f"[Person {len(set(self.labels.values())) + self.first}]"
        self.labels[key] = label
        return label
