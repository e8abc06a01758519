"""Charts computed in Python and drawn by one template as accessible inline SVG.

Why server-rendered: the CSP forbids inline script and style, a chart library would add a
dependency to vet and ship, and the page, the printable report (and its PDF) and the Word
file must show the same chart: all three render `includes/bar_chart.html` from the objects
made here (the Word file converts that very SVG to PNG). Geometry is computed here; the
template only places rectangles, lines and text with SVG presentation attributes, which the
CSP allows. Everything a reader needs is inside the SVG (legend, n, not-applicable), so a
picture of it stands alone in print and in Word; the title, the description and the data
table beside it carry the same numbers for screen readers.

A graded question is drawn as the report reads it: one 100 % stacked bar per item, its
scale from light (1, worst) to dark (6, best) so the values stay apart in greyscale print and
for colour-blind readers (ColorBrewer YlGnBu, a sequential scheme), a bracket under each of
the pairs 1–2, 3–4, 5–6 with the pair's share, and n and not-applicable beside the bar.
Codes are horizontal bars sorted by answers, with answers and respondents written out.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from coding.dashboards import chart_style as style

WIDTH = 800
LABEL_X = 0
# Graded items: item label | 100 % bar | n and not-applicable
ITEM_LABEL_CHARS = 34
BAR_X = 228
BAR_WIDTH = 380
SIDE_X = BAR_X + BAR_WIDTH + 12
SIDE_CHARS = 28
BAR_HEIGHT = 24
LINE = 15
ROW_GAP = 14
SEGMENT_TEXT_MIN = 30  # narrower segments carry no label (the table has every figure)
PAIR_TEXT_MIN = 56
# Codes: code name | bar | answers and respondents
CODE_LABEL_CHARS = 36
CODE_BAR_X = 250
CODE_BAR_WIDTH = 330
CODE_BAR_HEIGHT = 18
CODE_COLOUR = "#225ea8"


@dataclass
class Text:
    x: float
    y: float
    lines: list
    anchor: str = "start"
    fill: str = style.INK
    size: int = 12
    bold: bool = False


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str = ""


@dataclass
class Chart:
    id: str
    title: str
    description: str
    height: int = 0
    width: int = WIDTH
    rects: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    paths: list = field(default_factory=list)  # SVG path data of the pair brackets and the axis
    items: list = field(default_factory=list)  # what each bar stands for, in order (for tests and alt text)


def not_applicable_label(dists):
    """What the survey calls not-applicable ("Ikke deltatt"), the same in chart and table; the
    general word when the answers used more than one ("Vet ikke" and "Ikke relevant")."""
    if any(d.not_applicable_breakdown for d in dists):
        return _("Not applicable")
    label = next((d.question.not_applicable_labels[0] for d in dists if d.question.not_applicable_labels), "")
    return label or _("Not applicable")


def not_applicable_note(label, dist):
    """"Ikke deltatt 9 av 43 (21 %)": not-applicable on its own base (everyone who answered
    the item), never on the axis of the scale's percentages; each label's count after it when
    there were several ("… (Vet ikke 2, Ikke relevant 2)")."""
    note = _("%(label)s %(count)s of %(total)s (%(percent)s %%)") % {
        "label": label, "count": dist.not_applicable, "total": dist.n + dist.not_applicable,
        "percent": dist.not_applicable_percent}
    return f"{note} ({dist.not_applicable_breakdown})" if dist.not_applicable_breakdown else note


def _shows_not_applicable(dists):
    return any(d.not_applicable or d.question.not_applicable_labels for d in dists)


def _legend(chart, scale, labels, colours, y):
    """One swatch per scale value, the scale's own words beside its ends, wider gaps between
    the pairs 1–2 / 3–4 / 5–6; wraps at a pair when the line is full."""
    x = LABEL_X
    for index, value in enumerate(scale):
        words = labels.get(str(value), "")
        text = f"{value} {words}".strip()
        needed = 18 + style.text_width(text, 12) + 14
        if index % 2 == 0 and index and x + needed > WIDTH:
            x, y = LABEL_X, y + LINE + 4
        chart.rects.append(Rect(x, y - 11, 13, 13, colours[index]))
        chart.texts.append(Text(x + 18, y, [text]))
        x += needed + (16 if index % 2 else 0)
    return y + LINE + 6


def _segments(chart, dist, colours, y):
    """The 100 % bar of one item: widths from the exact shares (they add up to the bar),
    labels from the report's rounded percentages."""
    n = dist.n
    x = BAR_X
    edges = []
    cumulative = 0
    for index, (value, count) in enumerate(dist.counts.items()):
        cumulative += count
        right = BAR_X + (BAR_WIDTH * cumulative / n if n else 0)
        width = right - x
        percent = dist.percents[value]
        if width > 0:
            chart.rects.append(Rect(round(x, 2), y, round(width, 2), BAR_HEIGHT, colours[index],
                                    f"{value}: {percent} % ({count})"))
            ink = style.text_on(colours[index])
            if width >= SEGMENT_TEXT_MIN and style.contrast(ink, colours[index]) >= 4.5:
                chart.texts.append(Text(round(x + width / 2, 2), y + 16, [f"{percent} %"], "middle", ink, 11))
        edges.append(right)
        x = right
    if not n:
        chart.rects.append(Rect(BAR_X, y, BAR_WIDTH, BAR_HEIGHT, "#ffffff", _("No answers")))
    return edges


def _pairs(chart, dist, edges, y):
    """A bracket under each pair of values (1–2, 3–4, 5–6) with the pair's share."""
    start = BAR_X
    for index, pair in enumerate(dist.pairs):
        end = edges[min(2 * index + 1, len(edges) - 1)]
        width = end - start
        if width >= 3:
            left, right = round(start + 1, 2), round(end - 1, 2)
            chart.paths.append(f"M{left} {y - 4}V{y}H{right}V{y - 4}")
            text = f"{pair['label']}: {pair['percent']} %" if width >= PAIR_TEXT_MIN else f"{pair['percent']} %"
            if width >= SEGMENT_TEXT_MIN:
                chart.texts.append(Text(round((start + end) / 2, 2), y + 12, [text], "middle", style.INK, 11))
        start = end


def likert_chart(chart_id, title, dists):
    """Each graded item as one 100 % stacked bar (see the module's docstring). Items that
    share a stem ("I hvilken grad har … vært forankret i kommunen") stand under it, labelled
    in their own words ("på eiernivå")."""
    if not dists:
        return None
    scale = list(dists[0].counts)
    colours = style.sequential(len(scale))
    labels = dists[0].question.scale_labels or {}
    chart = Chart(chart_id, title, "")
    y = _legend(chart, scale, labels, colours, 14) + 6
    show_na = _shows_not_applicable(dists)
    na_label = not_applicable_label(dists) if show_na else ""
    stem = None
    parts = []
    for dist in dists:
        question = dist.question
        item = question.item_label
        parent = question.parent if question.parent_id and type(question).parent.is_cached(question) else None
        if parent is not None and parent.id != getattr(stem, "id", None):
            lines = style.wrap(parent.text, 110, 2)
            chart.texts.append(Text(LABEL_X, y + 11, lines, bold=True))
            y += LINE * len(lines) + 6
        stem = parent
        label_lines = style.wrap(item, ITEM_LABEL_CHARS, 4)
        chart.texts.append(Text(LABEL_X, y + 16, label_lines))
        edges = _segments(chart, dist, colours, y)
        _pairs(chart, dist, edges, y + BAR_HEIGHT + 8)
        side = [f"n = {dist.n}"]
        if show_na:
            note = not_applicable_note(na_label, dist)
            side += style.wrap(note, SIDE_CHARS, 2)
        chart.texts.append(Text(SIDE_X, y + 16, side, size=11))
        chart.items.append(item)
        height = max(LINE * len(label_lines) + 4, BAR_HEIGHT + 24, LINE * len(side) + 4)
        y += height + ROW_GAP
        shares = ", ".join(f"{v}: {p} %" for v, p in dist.percents.items())
        pairs = ", ".join(f"{p['label']}: {p['percent']} %" for p in dist.pairs)
        part = f"{item}: n = {dist.n}; {shares}; {pairs}"
        if show_na:
            part += f"; {not_applicable_note(na_label, dist)}"
        parts.append(part)
    ends = ", ".join(f"{v} = {labels[str(v)]}" for v in scale if labels.get(str(v)))
    chart.description = (f"{ends}. " if ends else "") + ". ".join(parts)
    chart.height = y - ROW_GAP + 8
    return chart


def code_chart(chart_id, title, counts):
    """counts: [(Code, answers, respondents)] → one horizontal bar per code, the most used
    first, with "N answers · M respondents" written beside it."""
    if not counts:
        return None
    ranked = sorted(counts, key=lambda row: (-row[1], -row[2], row[0].name.casefold()))
    top = max(answers for _c, answers, _r in ranked) or 1
    chart = Chart(chart_id, title, "")
    y = 6
    parts = []
    for code, answers, respondents in ranked:
        lines = style.wrap(code.name, CODE_LABEL_CHARS, 2)
        height = max(LINE * len(lines), CODE_BAR_HEIGHT)
        width = round(CODE_BAR_WIDTH * answers / top, 2)
        figures = _("%(answers)s answers · %(respondents)s respondents") % {
            "answers": answers, "respondents": respondents}
        chart.texts.append(Text(LABEL_X, y + 13, lines))
        if width:
            chart.rects.append(Rect(CODE_BAR_X, y, width, CODE_BAR_HEIGHT, CODE_COLOUR, f"{code.name}: {figures}"))
        chart.texts.append(Text(CODE_BAR_X + width + 6, y + 13, [figures]))
        chart.items.append(code.name)
        parts.append(f"{code.name}: {figures}")
        y += height + 8
    chart.paths.append(f"M{CODE_BAR_X} 0V{y}")
    chart.description = "; ".join(parts)
    chart.height = y
    return chart


def category_charts(category, counts, dists):
    """The category's two charts with the titles the page, the report and Word all use."""
    return (
        likert_chart(f"graded-{category.id}", _("Graded questions: %(category)s") % {"category": category.name}, dists),
        code_chart(f"codes-{category.id}", _("Answers per code: %(category)s") % {"category": category.name}, counts),
    )
