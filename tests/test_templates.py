"""Template hygiene that Django does not check: a `{# … #}` comment must close on its own
line, or Django prints the rest of it into the page."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_one_line_comments_close_on_their_line():
    unclosed = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert len(list(TEMPLATES.rglob("*.html"))) > 10
    assert not unclosed, f"use {{% comment %}} for comments over several lines: {unclosed}"
