"""Ranking codes for an answer by how alike it is to the answers coded with each. No Django here:
texts and labels in, ranked (code, score, evidence) out, so the benchmark and the tests drive it
directly.

Text similarity is the cosine of two TF-IDF vectors side by side: character n-grams within
words (3–5 characters: compounds such as "skoleeier" share "skole" with "skolen", and Bokmål and
Nynorsk spellings share most of their n-grams) and stemmed words (the Snowball Norwegian
stemmer: "samlingene" and "samling" are one word). The vectoriser is fitted once on all of a
survey's free-text answers (coded or not), so a change in the coding only changes the labels,
never the vectors: `TextModel` is kept while the answers stay the same, `Suggester` pairs it
with one layer's labels and is cheap to rebuild.

A code's score for an answer is the cosine between the answer and the mean of the answers
coded with the code: how much it reads like that code's answers taken together. Words every
code's answers share (openers, fillers such as "takk for tilbudet") weigh about the same for
every code, while the words and word parts that run through a code's answers add up; so an
answer worded as no coded answer was still lands near its theme when some of its words or word
parts do, where the nearest few coded answers are often those that share its filler. Each
code's sum of vectors is kept as its squared length only (x·sum is the sum of x's similarities
to the code's answers), so new codings update it exactly and cheaply. The evidence is the three
coded answers most like this one among all those coded with the code (a suggested code has at
least three, so there are always two or three to show), the nearest first.

scikit-learn, SciPy and NumPy are imported inside the functions that need them, so the rest of
the app does not load them at start-up.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field

EVIDENCE = 3
MIN_CODED_ANSWERS = 20
MIN_ANSWERS_PER_CODE = 3
CHAR_WEIGHT = 0.7  # the share of the cosine that comes from character n-grams (the rest: stems)

WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = None


def normalise(text):
    return unicodedata.normalize("NFC", text or "").lower()


@functools.lru_cache(maxsize=200_000)
def stem(word):
    global _STEMMER
    if _STEMMER is None:
        import snowballstemmer

        _STEMMER = snowballstemmer.stemmer("norwegian")
    return _STEMMER.stemWord(word)


def stems(text):
    """The stems of `text`'s words (lower case), in order."""
    return [stem(w) for w in WORD.findall(normalise(text))]


def _stem_analyser(text):
    return stems(text)


@functools.lru_cache(maxsize=200_000)
def _word_grams(word):
    """The 3–5 character n-grams of " word " (the spaces mark its start and end)."""
    padded = f" {word} "
    return tuple(padded[i:i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def _char_analyser(text):
    """Character n-grams within words, word by word from a cache: the words of a survey's
    answers repeat, so this is many times faster than scikit-learn's own "char_wb"."""
    grams = []
    for word in WORD.findall(text):
        grams.extend(_word_grams(word))
    return grams


@dataclass
class Suggestion:
    code_id: int
    score: float
    evidence: list  # answer ids, most similar first


class TextModel:
    """TF-IDF vectors of a survey's answers (rows in the order of `answer_ids`)."""

    def __init__(self, answer_ids, texts):
        import numpy as np
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize

        self.answer_ids = list(answer_ids)
        self.row = {answer_id: i for i, answer_id in enumerate(self.answer_ids)}
        texts = [normalise(t) for t in texts]
        self.chars = TfidfVectorizer(analyzer=_char_analyser, sublinear_tf=True, dtype=np.float32)
        self.words = TfidfVectorizer(analyzer=_stem_analyser, sublinear_tf=True, dtype=np.float32)
        if not texts:
            self.vectors = sparse.csr_matrix((0, 0), dtype=np.float32)
            return
        chars = self.chars.fit_transform(texts) * (CHAR_WEIGHT ** 0.5)
        try:
            words = self.words.fit_transform(texts) * ((1 - CHAR_WEIGHT) ** 0.5)
        except ValueError:  # no word at all (only punctuation)
            words = sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        self.vectors = normalize(sparse.hstack([chars, words], format="csr"))

    @property
    def nbytes(self):
        v = self.vectors
        arrays = (v.data.nbytes + v.indices.nbytes + v.indptr.nbytes) if v.shape[0] else 0
        vocab = sum(len(k) + 60 for k in getattr(self.chars, "vocabulary_", {}))
        vocab += sum(len(k) + 60 for k in getattr(self.words, "vocabulary_", {}))
        return arrays + vocab


@dataclass
class Suggester:
    """One layer's labels over a TextModel: {answer_id: {code_id, …}} of the coded answers.
    `with_added` takes in new codings without rebuilding: the vectors are shared, and only the
    changed answers' labels, the changed codes' rows and their sums' lengths are computed anew."""

    model: TextModel
    labels: dict
    coded: object = None  # a bool per row of model.vectors: coded in this layer
    code_rows: dict = field(default_factory=dict)  # code_id -> array of the rows of the answers coded with it
    sum_norms: dict = field(default_factory=dict)  # code_id -> squared length of the sum of those rows' vectors

    def __post_init__(self):
        import numpy as np
        from scipy import sparse

        if self.coded is not None:
            return  # made by with_added
        self.coded = np.zeros(self.model.vectors.shape[0], dtype=bool)
        rows = {}
        for answer_id, codes in self.labels.items():
            row = self.model.row.get(answer_id)
            if row is None or not codes:
                continue
            self.coded[row] = True
            for code_id in codes:
                rows.setdefault(code_id, []).append(row)
        self.code_rows = {c: np.asarray(r, dtype=np.int64) for c, r in rows.items()}
        if not rows:
            return
        codes = list(self.code_rows)
        member = sparse.csr_matrix(
            (np.ones(sum(len(r) for r in self.code_rows.values()), dtype=np.float32),
             np.concatenate([self.code_rows[c] for c in codes]),
             np.cumsum([0, *(len(self.code_rows[c]) for c in codes)])),
            shape=(len(codes), self.model.vectors.shape[0]))
        sums = member @ self.model.vectors  # one row per code: the sum of its answers' vectors
        lengths = np.asarray(sums.multiply(sums).sum(axis=1), dtype=np.float64).ravel()
        self.sum_norms = dict(zip(codes, lengths.tolist(), strict=True))

    def with_added(self, pairs):
        """A Suggester with the (answer_id, code_id) `pairs` added to this one's labels."""
        import numpy as np

        labels, code_rows, coded = dict(self.labels), dict(self.code_rows), self.coded.copy()
        sum_norms = dict(self.sum_norms)
        new_rows = {}
        for answer_id, code_id in pairs:
            codes = labels.get(answer_id, set())
            if code_id in codes:
                continue
            labels[answer_id] = codes | {code_id}
            row = self.model.row.get(answer_id)
            if row is not None:
                coded[row] = True
                new_rows.setdefault(code_id, []).append(row)
        vectors = self.model.vectors
        for code_id, rows in new_rows.items():
            # |s + d|² = |s|² + 2 s·d + |d|², s the code's sum so far, d the sum of the new rows
            old = code_rows.get(code_id, np.zeros(0, dtype=np.int64))
            added = np.asarray(vectors[rows].sum(axis=0), dtype=np.float64).ravel()
            cross = float((vectors[old] @ added).sum()) if len(old) else 0.0
            sum_norms[code_id] = sum_norms.get(code_id, 0.0) + 2 * cross + float(added @ added)
            code_rows[code_id] = np.concatenate([old, np.asarray(rows, dtype=np.int64)])
        return Suggester(self.model, labels, coded, code_rows, sum_norms)

    @property
    def code_support(self):
        """code_id -> the number of coded answers with it."""
        return {c: len(rows) for c, rows in self.code_rows.items()}

    @property
    def coded_answers(self):
        return int(self.coded.sum())

    def usable_codes(self):
        """Codes with enough examples to be suggested."""
        return {c for c, rows in self.code_rows.items() if len(rows) >= MIN_ANSWERS_PER_CODE}

    def too_little(self):
        """True when the layer holds too little coding to suggest from (never guess)."""
        return self.coded_answers < MIN_CODED_ANSWERS or not self.usable_codes()

    def suggest(self, answer_id, *, exclude_codes=(), limit=5, leave_out=True):
        """Ranked Suggestions for `answer_id` (best first). A code's score is the cosine between
        this answer and the mean of the answers coded with it (all the vectors have length one
        or zero, so it lies in 0–1): with x this answer's vector and s the sum of the code's,
        x·s / |s|, where x·s is the sum of x's similarities to the code's answers. The answer
        itself never counts, neither in a code's mean nor as evidence; `exclude_codes` (already
        applied, dismissed) are left out."""
        row = self.model.row.get(answer_id)
        if row is None or self.too_little():
            return []
        sims = self.model.vectors @ self.model.vectors[row].toarray().ravel()  # CSR × dense: fast
        itself = float(sims[row])  # |x|²: 1, or 0 for an answer without words
        scores = {}
        for code_id in self.usable_codes() - set(exclude_codes):
            rows = self.code_rows[code_id]
            dot, length = float(sims[rows].sum()), self.sum_norms[code_id]
            if leave_out and code_id in self.labels.get(answer_id, ()):
                dot, length = dot - itself, length - 2 * dot + itself  # the code's sum without this answer
            if dot > 0 and length > 1e-12:
                scores[code_id] = min(1.0, dot / length ** 0.5)
        if leave_out:
            sims[row] = -1.0
        ranked = sorted(scores, key=lambda c: (-scores[c], c))[:limit]
        return [Suggestion(c, round(scores[c], 3), self._evidence(c, sims)) for c in ranked]

    def _evidence(self, code_id, sims):
        """The coded answers most like this one among those coded with `code_id` (the answer
        itself, marked -1, left out), nearest first."""
        import numpy as np

        rows = self.code_rows[code_id]
        rows = rows[sims[rows] >= 0]
        best = rows[np.argsort(-sims[rows], kind="stable")[:EVIDENCE]]
        return [self.model.answer_ids[i] for i in best]


def marked(text, stems_to_mark):
    """`text` in pieces [(piece, is_shared)] where the words whose stem is in `stems_to_mark`
    are marked. The pieces are plain text: templates escape them."""
    pieces, at = [], 0
    for match in WORD.finditer(text):
        if stem(match.group().lower()) in stems_to_mark:
            if match.start() > at:
                pieces.append((text[at:match.start()], False))
            pieces.append((match.group(), True))
            at = match.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


STOP_WORDS = (
    "og i på at det er som en et til av for med har de vi ikke var den du jeg kan seg så om "
    "men fra ble være vil skal eller mer noe hva dette alle enn oss vår våre sin sitt sine "
    "eg ikkje me vart ein eit kva noko mykje hadde har alt greit synes syns meiner mener bra"
)


@functools.cache
def stop_stems():
    """The stems of the commonest function words and fillers (stemmed at first use: the server
    starts without the stemmer)."""
    return frozenset(stems(STOP_WORDS))


def shared_stems(text_a, text_b):
    """The stems two texts share, less the commonest function words."""
    return (set(stems(text_a)) & set(stems(text_b))) - stop_stems()
