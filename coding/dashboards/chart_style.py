"""Colours and text measures of the charts (charts.py): no Django, so they are easy to test.

The graded scale uses ColorBrewer's YlGnBu (Cynthia Brewer, colorbrewer2.org), a sequential
scheme marked safe for colour-blind readers and for print: its lightness falls step by step
from the lowest value to the highest, so the values keep apart when printed in greyscale too.
Its blue #2c7fb8 is replaced by the slightly darker #2171b5 (from ColorBrewer's Blues), so the
white percentages written on it reach a contrast of 4.5 : 1.
"""

import textwrap

INK = "#1c2430"
WHITE = "#ffffff"

# ColorBrewer YlGnBu, light to dark, by number of classes.
YLGNBU = {
    3: ["#edf8b1", "#7fcdbb", "#2171b5"],
    4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2171b5", "#253494"],
    6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2171b5", "#253494"],
    7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2171b5", "#253494", "#081d58"],
}
# The 9-class ramp; longer scales (0–10) blend along it from its second step, since its two
# lightest steps are too close to tell apart on paper.
RAMP = ["#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"]


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def sequential(count):
    """`count` colours from light to dark: the scheme itself for 3–7 values, else an even
    blend along its ramp (a 0–10 scale), or its ends (a 1–2 scale)."""
    if count in YLGNBU:
        return list(YLGNBU[count])
    if count < 3:
        return [YLGNBU[3][0], YLGNBU[3][-1]][:count] if count == 2 else YLGNBU[3][-1:] * count
    ramp = [_rgb(c) for c in RAMP]
    out = []
    for i in range(count):
        position = i * (len(ramp) - 1) / (count - 1)
        low = int(position)
        high = min(low + 1, len(ramp) - 1)
        t = position - low
        mixed = (round(a + (b - a) * t) for a, b in zip(ramp[low], ramp[high], strict=True))
        out.append("#" + "".join(f"{c:02x}" for c in mixed))
    return out


def luminance(colour):
    """WCAG relative luminance of "#rrggbb"."""
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(fill):
    """Ink or white, whichever reads better on the fill."""
    return WHITE if contrast(WHITE, fill) > contrast(INK, fill) else INK


def text_width(text, size):
    """A generous estimate of the text's width in a sans-serif font (no font metrics at hand)."""
    return len(text) * size * 0.58


def wrap(text, width, max_lines):
    """The text in lines of at most `width` characters, the last one ending in "…" if cut."""
    lines = textwrap.wrap(" ".join(str(text).split()), width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines
