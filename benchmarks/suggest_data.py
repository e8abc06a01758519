"""A synthetic coder for the suggestion benchmark and tests: answers on a handful of themes,
each theme worded many ways (synonyms, compounds, inflections, Bokmål and Nynorsk spellings),
coded by their themes. No database: (texts, labels) lists that the engine reads directly."""

import random

THEMES = {
    "Tid": [
        "for lite tid", "knapp tid", "tidspress", "tiden strakk ikke til", "tida var for knapp",
        "hadde ikke tid nok", "for få timer", "timene ble for få", "det manglet tid til", "tidsbruken",
        "lite tid mellom samlingene", "tidsrammen var for stram", "vi rakk ikke", "det ble tidkrevende",
        "for kort tid", "tida gjekk fort", "me hadde lite tid",
    ],
    "Forankring": [
        "forankring i ledelsen", "rektor var med", "skoleeier stilte opp", "ledelsen var involvert",
        "godt forankret hos skolelederne", "leiinga var med", "manglende forankring",
        "forankringen var svak", "kommunalsjefen deltok", "ledergruppa tok eierskap",
        "eierskapet hos ledelsen", "skolelederen fulgte opp", "rektorane var engasjerte",
        "toppledelsen forankret arbeidet", "støtte fra ledelsen",
    ],
    "Samarbeid": [
        "samarbeid mellom skolene", "godt samarbeid", "samarbeidet med kulturskolen",
        "vi samarbeidet på tvers", "nettverk mellom kommunene", "samarbeidde godt",
        "deling av erfaringer", "erfaringsdeling i nettverket", "samhandling med barnehagene",
        "felles møter med nabokommunen", "lærerne samarbeidet", "tett samarbeid",
        "samarbeidsarenaer", "vi delte erfaringar", "kollegasamarbeid",
    ],
    "Kompetanse": [
        "kompetanseheving for lærerne", "økt kompetanse", "faglig påfyll", "kursene var nyttige",
        "vi lærte mye", "ny kunnskap om", "kompetansen økte", "etterutdanning", "kurs for ansatte",
        "lærte nye metoder", "faglig utvikling", "kunnskapen ble styrket", "me lærte mykje",
        "opplæring av veilederne", "kompetanseutvikling i kollegiet",
    ],
    "Økonomi": [
        "for lite penger", "økonomien var stram", "manglende midler", "budsjettet strakk ikke til",
        "tilskuddet var for lite", "kostnadene ble høye", "økonomiske rammer", "vikarutgifter",
        "pengene tok slutt", "midlene var små", "økonomisk støtte", "dyrt å frikjøpe lærere",
        "budsjettkutt i kommunen", "finansieringen var usikker", "lite pengar",
    ],
    "Digitale verktøy": [
        "digitale verktøy", "teams-møtene fungerte", "nettmøter", "digitale samlinger",
        "videomøter", "de digitale plattformene", "it-verktøyene", "opptak av forelesninger",
        "digital undervisning", "nettbaserte kurs", "digitalisering", "læringsplattformen",
        "skjermbasert veiledning", "digitale møter sparte reisetid", "nettsamlingane",
    ],
}
# The themes are not equally common (as in real answers): the baseline of always suggesting the
# three most frequent codes then lands near one half.
WEIGHTS = {"Tid": 20, "Forankring": 18, "Samarbeid": 17, "Kompetanse": 16, "Økonomi": 15,
           "Digitale verktøy": 14}
OPENERS = ["", "Vi opplevde at", "Det var slik at", "Kort sagt:", "Jeg synes", "Vår erfaring er at",
           "Generelt", "Eg meiner", "Hos oss", "I kommunen vår"]
FILLERS = ["det var bra.", "det kunne vært bedre.", "alt i alt greit.", "takk for tilbudet.",
           "vi vil gjerne fortsette.", "ellers ingen kommentarer.", "dette må vi jobbe videre med.",
           "det er viktig for oss.", "", ""]


def make_answers(n, seed=16, second_theme=0.3, wordings=None):
    """(texts, labels): n answer texts and, for each, the set of theme names it was coded with.
    `wordings` 0 or 1 keeps every other wording of each theme (the even or the odd ones), so a
    benchmark can ask about answers worded in ways no coded answer was."""
    rng = random.Random(seed)
    ways = THEMES if wordings is None else {t: w[wordings::2] for t, w in THEMES.items()}
    names = list(THEMES)
    weights = [WEIGHTS[t] for t in names]
    texts, labels = [], []
    for _ in range(n):
        themes = {rng.choices(names, weights)[0]}
        if rng.random() < second_theme:
            themes.add(rng.choices(names, weights)[0])
        parts = [rng.choice(OPENERS)]
        for theme in rng.sample(sorted(themes), len(themes)):
            parts.append(rng.choice(ways[theme]))
            if rng.random() < 0.4:
                parts.append("og " + rng.choice(ways[theme]))
            parts.append(rng.choice([",", ".", " –"]))
        parts.append(rng.choice(FILLERS))
        texts.append(" ".join(p for p in parts if p).replace(" ,", ",").replace(" .", "."))
        labels.append(themes)
    return texts, labels
