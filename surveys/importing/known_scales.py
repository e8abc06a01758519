"""Known ordered answer scales (pure): graded answers written as their labels.

Survey tools often export a graded answer as its label ("I stor grad", "Helt enig") rather than
its number. A column whose answers are all labels of one known scale is graded by the label's
position: "I svært liten grad" 1 … "I svært stor grad" 6. A label with a leading number
("5 - I stor grad") is read by detect.py's own rule and needs no list.
"""

from surveys.text import name_key

SCALES = [
    # Bokmål and Nynorsk: to what extent
    ["I svært liten grad", "I liten grad", "I noen grad", "I ganske stor grad", "I stor grad", "I svært stor grad"],
    ["I svært liten grad", "I liten grad", "I nokon grad", "I ganske stor grad", "I stor grad", "I svært stor grad"],
    ["I svært liten grad", "I liten grad", "I noen grad", "I stor grad", "I svært stor grad"],
    ["I svært liten grad", "I liten grad", "I nokon grad", "I stor grad", "I svært stor grad"],
    ["I svært liten grad", "I liten grad", "I stor grad", "I svært stor grad"],
    ["Ikke i det hele tatt", "I liten grad", "I noen grad", "I stor grad", "I svært stor grad"],
    # agreement
    ["Helt uenig", "Uenig", "Litt uenig", "Litt enig", "Enig", "Helt enig"],
    ["Helt uenig", "Delvis uenig", "Verken enig eller uenig", "Delvis enig", "Helt enig"],
    ["Helt uenig", "Uenig", "Verken enig eller uenig", "Enig", "Helt enig"],
    ["Helt uenig", "Uenig", "Enig", "Helt enig"],
    ["Helt uenig", "Delvis uenig", "Delvis enig", "Helt enig"],
    ["Heilt ueinig", "Ueinig", "Verken einig eller ueinig", "Einig", "Heilt einig"],
    ["Heilt usamd", "Usamd", "Verken samd eller usamd", "Samd", "Heilt samd"],
    # satisfaction, quality
    ["Svært misfornøyd", "Misfornøyd", "Verken fornøyd eller misfornøyd", "Fornøyd", "Svært fornøyd"],
    ["Svært misnøgd", "Misnøgd", "Verken nøgd eller misnøgd", "Nøgd", "Svært nøgd"],
    ["Svært dårlig", "Dårlig", "Verken god eller dårlig", "God", "Svært god"],
    ["Svært dårlig", "Dårlig", "Middels", "Bra", "Svært bra"],
    # English
    ["Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Agree",
     "Strongly agree"],
    ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
    ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"],
    ["Strongly disagree", "Disagree", "Agree", "Strongly agree"],
    ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"],
    ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"],
    ["Not at all", "To a small extent", "To some extent", "To a large extent", "To a very large extent"],
    ["To a very small extent", "To a small extent", "To some extent", "To a large extent", "To a very large extent"],
    ["Very poor", "Poor", "Fair", "Good", "Excellent"],
]
_KEYS = [[name_key(label) for label in scale] for scale in SCALES]


def candidates(labels, at_least=3):
    """The known scales holding every one of `labels` (at least `at_least` different ones: two
    labels alone may as well be a choice), best first: the one whose labels the answers use
    most, then the longer one."""
    seen = {name_key(label) for label in labels if label and label.strip()}
    if len(seen) < at_least:
        return []
    found = [(len(seen) / len(keys), len(keys), n) for n, keys in enumerate(_KEYS) if seen <= set(keys)]
    return [SCALES[n] for _share, _length, n in sorted(found, reverse=True)]


def match(labels, at_least=3):
    """The best known scale for these labels, or None."""
    found = candidates(labels, at_least)
    return found[0] if found else None


def position(scale, label):
    """1 for the scale's first label, …; None for a label not on it."""
    keys = [name_key(x) for x in scale]
    key = name_key(label)
    return keys.index(key) + 1 if key in keys else None


def numbered(scale):
    """{"1": "I svært liten grad", …} for a known scale."""
    return {str(n): label for n, label in enumerate(scale, start=1)}
