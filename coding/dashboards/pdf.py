"""The printable report as a PDF: the same HTML as the report page's body (the same charts,
tables and words), laid out by WeasyPrint on A4 with the report's print style sheet.

WeasyPrint lays out HTML and CSS itself (over Debian's pango for text), so the PDF needs no
browser on the server; it is given no way to fetch anything (the charts are inline SVG, the
style sheets are read from the static files), so an answer's text can never make it load a
file or an address. `report_pdf` is a plain function of the survey, the layer and the
reader, so a background worker can call it as it is."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML

from coding.dashboards.compare import with_comparison
from coding.dashboards.report import report_content

STYLESHEETS = ("css/base.css", "css/dashboard.css")


def _no_fetching(url, *args, **kwargs):
    raise ValueError(f"the report fetches nothing: {url[:40]}")


def report_pdf(survey, *, layer, user, language="nb", compare=""):
    """The report of `survey` in `layer`, as `user` may see it, as PDF bytes (A4); beside the
    round with the short name `compare` when one is given."""
    with translation.override(language):
        content = with_comparison(report_content(survey, layer, user), compare)
        html = render_to_string("coding/dashboards/report_pdf.html", content)
    stylesheets = [CSS(filename=finders.find(path), url_fetcher=_no_fetching) for path in STYLESHEETS]
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(stylesheets=stylesheets)
