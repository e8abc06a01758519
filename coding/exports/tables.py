"""Exports of codings: tables as row generators, and two writers (CSV for Excel, XLSX).

Every table is (header, rows) where rows is a generator reading the database in chunks
(`iterator(chunk_size=…)`, server-side cursors on PostgreSQL), so memory does not grow with
the row count. Every cell is formula-safe: CSV prefixes a text cell that begins with
= + - @ tab CR or NUL with an apostrophe; XLSX stores every text cell as an inline string (never a
formula), so reloading it with openpyxl finds no cell of type "f".
"""

import csv
import io
import tempfile
from collections import defaultdict

from django.db.models import F
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from coding import counts, layers
from coding.dashboards import stats
from coding.exports.xlsx import write_xlsx
from coding.models import Category, CategoryCode, Code
from surveys.models import Answer

CHUNK = 5000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
FORMULA_CHARS = frozenset(FORMULA_START)


def csv_safe(value):
    """A CSV cell that Excel and LibreOffice will not evaluate."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return value


def _local(moment, zone=None):
    """Local wall-clock time without a zone (Excel has none), to the second."""
    if moment is None:
        return None
    return moment.astimezone(zone or timezone.get_current_timezone()).replace(tzinfo=None, microsecond=0)


# --------------------------------------------------------------------------- tables
def answers_table(survey, rows):
    """One row per non-empty free-text answer, with the codes it holds in the layer."""
    header = [
        _("Answer"),
        _("Question"),
        _("Question text"),
        _("Respondent"),
        _("Participation"),
        _("Answer text"),
        _("Codes"),
    ]

    alone, grouped = _("alone"), _("in a group")  # translated now, not while streaming

    def generate():
        pairs = (
            rows.values_list("answer_id", "code__name").distinct().order_by("answer_id", "code__name").iterator(CHUNK)
        )
        pending = next(pairs, None)
        answers = (
            Answer.objects.for_survey(survey)
            .textual()
            .order_by("id")
            .values_list(
                "id", "question__code", "question__text", "respondent__external_key", "respondent__group_id", "text"
            )
            .iterator(CHUNK)
        )
        for answer_id, code, question_text, key, group_id, text in answers:
            names = []
            while pending is not None and pending[0] <= answer_id:
                if pending[0] == answer_id:
                    names.append(pending[1])
                pending = next(pairs, None)
            yield [answer_id, code, question_text, key, grouped if group_id else alone, text, "; ".join(names)]

    return header, generate()


def codings_table(survey, rows, layer):
    """Codings in long form: one row per coding (or consensus decision) in the layer."""
    header = [
        _("Answer"),
        _("Question"),
        _("Respondent"),
        _("Code"),
        _("Coder"),
        _("Start"),
        _("End"),
        _("Span text"),
        _("Created"),
    ]

    consensus = _("consensus (%(user)s)")

    def generate():
        if layer == layers.CONSENSUS:
            qs = rows.order_by("answer_id", "id").values_list(
                "answer_id",
                "answer__question__code",
                "answer__respondent__external_key",
                "code__name",
                "decided_by__username",
                "decided_at",
            )
            for answer_id, question, key, code, who, decided_at in qs.iterator(CHUNK):
                yield [answer_id, question, key, code, consensus % {"user": who}, None, None, "", _local(decided_at)]
            return
        qs = rows.order_by("answer_id", "start", "id").values_list(
            "answer_id",
            "answer__question__code",
            "answer__respondent__external_key",
            "code__name",
            "coder__username",
            "start",
            "end",
            # Substring in the database, by characters (code points) as the spans count.
            Substr("answer__text", F("start") + 1, F("end") - F("start")),
            "created_at",
        )
        zone = timezone.get_current_timezone()
        for answer_id, question, key, code, coder, start, end, span, created in qs.iterator(CHUNK):
            yield [answer_id, question, key, code, coder, start, end, span or "", _local(created, zone)]

    return header, generate()


def frequency_table(survey, rows):
    """Every code with its parent, categories, answers and respondents in the layer."""
    header = [_("Code"), _("Parent code"), _("Categories"), _("Answers"), _("Respondents")]

    def generate():
        codes = list(Code.objects.filter(survey=survey).select_related("parent").order_by("name"))
        per_code = counts.code_counts(rows, [c.id for c in codes])
        placed = defaultdict(list)
        for code_id, name in (
            CategoryCode.objects.filter(code__survey=survey)
            .order_by("category__order", "category_id")
            .values_list("code_id", "category__name")
        ):
            placed[code_id].append(name)
        for code in codes:
            count = per_code.get(code.id, {})
            yield [
                code.name,
                code.parent.name if code.parent_id else "",
                "; ".join(placed[code.id]),
                count.get("answers", 0),
                count.get("respondents", 0),
            ]

    return header, generate()


def crosstab_table(survey, rows, attribute, categories):
    """Codes × attribute value per category, with row percentages; small cells as "<N"."""
    choices = dict(stats.attribute_choices(survey))
    codes = counts.placed_codes(categories)
    tables = [(c, stats.crosstab(survey, stats.CategoryData.load(rows, codes[c.id]), attribute)) for c in categories]
    columns = sorted({col for _c, table in tables for col in table.columns}, key=str.casefold)
    header = [_("Category"), _("Code")]
    for column in columns:
        header += [f"{choices.get(attribute, attribute)}: {column}", f"{column} %"]
    header.append(_("Total"))

    def generate():
        for category, table in tables:
            index = {col: i for i, col in enumerate(table.columns)}
            for code, cells, total in table.rows:
                line = [category.name, code.name]
                for column in columns:
                    cell = cells[index[column]] if column in index else None
                    if cell is None:
                        line += [0, ""]
                    elif cell.suppressed:
                        line += [cell.shown, "–"]
                    else:
                        line += [cell.count, cell.percent]
                line.append(total.shown if total.suppressed else total.count)
                yield line

    return header, generate()


# --------------------------------------------------------------------------- writers
def csv_chunks(header, rows, batch=2000):
    """UTF-8 with BOM, `;`, CRLF, RFC 4180 quoting: what Excel opens without a wizard.
    Yields text in batches of rows; memory holds one batch."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_safe(v) for v in header])
    yield "\ufeff" + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    danger = FORMULA_CHARS
    for count, row in enumerate(rows, start=1):
        # csv_safe inlined: this loop runs once per cell of 150,000-row exports.
        writer.writerow([("'" + v if v[:1] in danger else v) if v.__class__ is str else v for v in row])
        if count % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def xlsx_file(title, header, rows):
    """The table as an XLSX file (coding.exports.xlsx streams the sheet into the zip as rows come),
    in an anonymous temporary file that the response streams and that vanishes on close.
    Returns the open file, at its start."""
    out = tempfile.TemporaryFile()
    write_xlsx(out, title, header, rows)
    out.seek(0)
    return out


def categories_for(survey, category_id):
    qs = Category.objects.filter(survey=survey, archived=False).order_by("order", "id")
    if category_id is not None:
        qs = qs.filter(pk=category_id)
    return list(qs)
