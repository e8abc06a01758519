"""Bar charts computed in Python and drawn by a template as accessible inline SVG.

Why server-rendered: the CSP forbids inline script and style, a chart library would add a
dependency to vet and ship, the report must print (and export to Word) exactly what the
screen shows, and a screen reader needs the same numbers as a table anyway. Geometry is
computed here; `templates/coding/includes/bar_chart.html` only places rectangles and text
with SVG presentation attributes (fill, x, y, width), which the CSP allows.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

LABEL_WIDTH = 190
BAR_AREA = 360
VALUE_WIDTH = 110
BAR_HEIGHT = 16
BAR_GAP = 3
GROUP_GAP = 12
TOP = 8
LABEL_CHARS = 28
# Series colours for graded items side by side (owner / leader / teacher): dark enough for
# white-on-colour never to be needed (values are written beside the bars, in ink).
SERIES_COLOURS = ["#0b5cad", "#b35900", "#1b6b33", "#6a3d9a", "#a4161a", "#4d5866"]


@dataclass
class Bar:
    series: str
    value: float
    text: str
    fill: str
    x: int = 0
    y: int = 0
    width: int = 0
    height: int = BAR_HEIGHT
    text_x: int = 0
    text_y: int = 0


@dataclass
class Group:
    label: str
    short_label: str
    bars: list
    label_y: int = 0


@dataclass
class Chart:
    id: str
    title: str
    description: str
    groups: list
    legend: list = field(default_factory=list)  # [(name, colour)] when there are several series
    notes: list = field(default_factory=list)  # lines shown under the chart (not-applicable, own base)
    width: int = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height: int = 0
    label_x: int = LABEL_WIDTH - 8
    axis_x: int = LABEL_WIDTH


def _short(label):
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(chart_id, title, description, groups, series=None, max_value=None):
    """groups: [(label, [(value, text, fill or None), …one per series])]; series: [name, …]
    (one name per bar in a group, or None for a single series). Values scale to the largest
    (or `max_value`, e.g. 100 for percentages)."""
    series = series or [""]
    top = max_value or max((v for _label, bars in groups for v, _t, _f in bars), default=0) or 1
    y = TOP
    out = []
    for label, bars in groups:
        drawn = []
        start = y
        for index, (value, text, fill) in enumerate(bars):
            name = series[index] if index < len(series) else ""
            width = round(BAR_AREA * value / top) if value else 0
            colour = fill or SERIES_COLOURS[index % len(SERIES_COLOURS)]
            shown = f"{name}: {text}" if name and len(series) > 1 else text
            drawn.append(
                Bar(
                    name,
                    value,
                    shown,
                    colour,
                    LABEL_WIDTH,
                    y,
                    width,
                    BAR_HEIGHT,
                    LABEL_WIDTH + width + 6,
                    y + BAR_HEIGHT - 4,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        out.append(Group(str(label), _short(str(label)), drawn, (start + y - BAR_GAP) // 2 + 4))
        y += GROUP_GAP
    legend = (
        [(name, SERIES_COLOURS[i % len(SERIES_COLOURS)]) for i, name in enumerate(series)] if len(series) > 1 else []
    )
    return Chart(chart_id, title, description, out, legend, height=y - GROUP_GAP + TOP)


def not_applicable_label(dists):
    """What the survey calls not-applicable ("Ikke deltatt"), the same in chart and table."""
    label = next((d.question.not_applicable_labels[0] for d in dists if d.question.not_applicable_labels), "")
    return label or _("Not applicable")


def not_applicable_note(label, dist, name=""):
    """"3a: Ikke deltatt 9 of 43 (21 %)": not-applicable on its own base (everyone who
    answered the item), never on the axis of the scale's percentages."""
    text = _("%(label)s %(count)s of %(total)s (%(percent)s %%)") % {
        "label": label, "count": dist.not_applicable, "total": dist.n + dist.not_applicable,
        "percent": dist.not_applicable_percent}
    return f"{name}: {text}" if name else text


def likert_chart(chart_id, title, dists, labels=None):
    """Graded items side by side, as the report's figures: for every scale value one bar per
    item with its percentage of the item's n (one base per chart). Not-applicable is not a bar
    on that axis: each item's count of it is a note under the chart, on its own base."""
    labels = labels or [d.question.code for d in dists]
    if not dists:
        return None
    scale = list(dists[0].counts)
    groups = []
    for value in scale:
        groups.append(
            (
                str(value),
                [
                    (d.percents.get(value, 0), f"{d.percents.get(value, 0)} % ({d.counts.get(value, 0)})", None)
                    for d in dists
                ],
            )
        )
    series = [f"{name} (n = {d.n})" for name, d in zip(labels, dists, strict=True)]
    notes = []
    if any(d.not_applicable for d in dists) or any(d.question.not_applicable_labels for d in dists):
        label = not_applicable_label(dists)
        notes = [not_applicable_note(label, d, name) for name, d in zip(labels, dists, strict=True)]
    description = "; ".join(
        f"{name}: n = {d.n}, " + ", ".join(f"{v}: {p} %" for v, p in d.percents.items())
        for name, d in zip(labels, dists, strict=True)
    )
    if notes:
        description += ". " + "; ".join(notes)
    chart = bar_chart(chart_id, title, description, groups, series=labels, max_value=100)
    chart.notes = notes
    # Always a legend, even for one item: it carries each item's n, the base of its bars.
    chart.legend = [(name, SERIES_COLOURS[i % len(SERIES_COLOURS)]) for i, name in enumerate(series)]
    return chart


def code_chart(chart_id, title, counts):
    """counts: [(Code, answers, respondents)] → one bar per code (answers), in the code's colour."""
    groups = [
        (code.name, [(answers, f"{answers} ({respondents})", code.colour)]) for code, answers, respondents in counts
    ]
    description = "; ".join(f"{code.name}: {answers}" for code, answers, _r in counts)
    return bar_chart(chart_id, title, description, groups)
