"""A codebook for files whose answers are codes (pure): what the codes and ids mean.

Three forms are read, told apart by their content:

- Nettskjema's form elements as JSON (the form's "elements" export): each element's
  `externalElementId`, `text`, `elementType`, answer options (`externalAnswerOptionId`,
  `text`), matrix rows (`subElements`) and a linear scale's range;
- Nettskjema's codebook file: blocks of `variable<TAB>label`, then `code<TAB>label` lines;
- lines typed by hand, one `name=text` each: `forventning=I hvilken grad …` names a question,
  `roller.leder=Kulturskoleleder` an option or a matrix row, `1=I svært liten grad` labels a code
  in every question, `forventning.7=Vet ikke` a code in one question.
"""

import json
import re
from collections import OrderedDict

TAG_RE = re.compile(r"<[^>]+>")


def _text(value):
    return " ".join(TAG_RE.sub(" ", str(value or "")).split())


class Codebook:
    def __init__(self):
        self.questions = {}  # id → text
        self.types = {}  # id → Nettskjema element type
        self.options = {}  # id → OrderedDict(code → label): answer options (codes, or checkbox options)
        self.rows = {}  # id → {row id → text}
        self.scoped = {}  # id → OrderedDict(name → text) from name=text lines: options, rows or codes
        self.common = OrderedDict()  # code → label in every question
        self.ranges = {}  # id → (min, max) of a linear scale

    # --- reading --------------------------------------------------------------------------

    @classmethod
    def parse(cls, text):
        book = cls()
        text = (text or "").lstrip("\ufeff").strip()
        if text[:1] in "[{":
            try:
                data = json.loads(text)
            except ValueError:
                data = None
            if data is not None:
                book._read_elements(data.get("elements", data) if isinstance(data, dict) else data)
                return book
        if "\t" in text and "=" not in text.split("\n", 1)[0]:
            book._read_tabbed(text)
        else:
            book._read_lines(text)
        return book

    def _read_elements(self, elements):
        for element in elements if isinstance(elements, list) else []:
            if not isinstance(element, dict) or not element.get("externalElementId"):
                continue
            ident = str(element["externalElementId"]).strip()
            self.questions[ident] = _text(element.get("text")) or ident
            self.types[ident] = str(element.get("elementType") or "")
            options = OrderedDict()
            for option in element.get("answerOptions") or []:
                code = str(option.get("externalAnswerOptionId") or "").strip()
                if code:
                    options[code] = _text(option.get("text") or option.get("textOrAltText")) or code
            self.options[ident] = options
            self.rows[ident] = {str(sub.get("externalElementId")).strip(): _text(sub.get("text"))
                                for sub in element.get("subElements") or [] if sub.get("externalElementId")}
            low, high = element.get("minimumValue"), element.get("maximumValue")
            if self.types[ident] == "LINEAR_SCALE" and isinstance(low, int) and isinstance(high, int) and low < high:
                self.ranges[ident] = (low, high)
                if element.get("minimumValueText"):
                    options.setdefault(str(low), _text(element["minimumValueText"]))
                if element.get("maximumValueText"):
                    options.setdefault(str(high), _text(element["maximumValueText"]))

    def _read_tabbed(self, text):
        variable, blanks = None, 2
        for line in text.splitlines():
            if not line.strip():
                blanks += 1
                continue
            if line.startswith("*"):
                blanks = 2
                continue
            name, _tab, label = line.partition("\t")
            name, label = name.strip(), label.strip()
            if blanks >= 2 or variable is None:
                variable = name
                if label and label != "null":
                    self.questions[name] = label
            elif name:
                self.scoped.setdefault(variable, OrderedDict())[name] = label or name
            blanks = 0

    def _read_lines(self, text):
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            name, _sep, label = line.partition("=")
            name, label = name.strip(), label.strip()
            if not name or not label:
                continue
            if name.lstrip("-").isdigit():
                self.common[name] = label
            elif "." in name:
                question, _dot, part = name.rpartition(".")
                self.scoped.setdefault(question, OrderedDict())[part] = label
                self.questions.setdefault(name, label)  # `sp3.a=…` also names a matrix row's column
            else:
                self.questions[name] = label

    # --- asking ---------------------------------------------------------------------------

    def knows(self, ident):
        return ident in self.questions or ident in self.types or ident in self.scoped

    def type_of(self, ident):
        return self.types.get(ident, "")

    def question_text(self, ident):
        return self.questions.get(ident) or ident

    def option_text(self, ident, code):
        return (self.options.get(ident) or {}).get(code) or (self.scoped.get(ident) or {}).get(code) or code

    def row_text(self, ident, row):
        return (self.rows.get(ident) or {}).get(row) or (self.scoped.get(ident) or {}).get(row) \
            or self.questions.get(f"{ident}.{row}") or row

    def code_labels(self, ident, values=(), common=True):
        """{code: label} for one question's answers: its own options, else its `ident.code`
        lines (codes: numbers, or values the column holds; not a matrix's row names), else the
        codes labelled for every question."""
        if self.options.get(ident):
            return OrderedDict(self.options[ident])
        seen = {v.strip() for v in values}
        scoped = OrderedDict((k, v) for k, v in (self.scoped.get(ident) or {}).items()
                             if k not in (self.rows.get(ident) or {}) and (k.lstrip("-").isdigit() or k in seen))
        return scoped or (OrderedDict(self.common) if common else scoped)

    def scale_range(self, ident):
        return self.ranges.get(ident)

    def flat(self):
        out = dict(self.questions)
        for ident, parts in {**self.scoped, **self.options}.items():
            out.update({f"{ident}.{k}": v for k, v in parts.items()})
        out.update(self.common)
        return out
