"""The agreement table as CSV (for Excel: UTF-8 with BOM, `;`) and XLSX, through the shared
formula-safe writers of coding/exports.py. Figures are rounded to four decimals; undefined
figures are empty cells."""

from django.utils.translation import gettext as _

from coding.exports import tables as exports


def table_rows(result, codes, coders, threshold):
    """Header and rows: overall first, then one row per code. Shares as percent 0–100."""
    names = {u.id: u.username for u in coders}
    pairs = [f"{names[a]} | {names[b]}" for a, b in result.pairs]
    header = [_("Code"), _("Units"), _("Used"), _("Percent agreement"), _("Prevalence (percent)"),
              _("Krippendorff's alpha"), _("Gwet's AC1"),
              *[_("Kappa %(pair)s") % {"pair": p} for p in pairs], _("Below threshold")]
    rows = [[_("Overall (pooled)"), result.units, sum(c.used for c in result.codes), _pct(result.percent),
             _pct(result.prevalence), _round(result.alpha), _round(result.ac1),
             *[_round(result.kappa[p]) for p in result.pairs], _below(result.alpha, threshold)]]
    for code, row in zip(codes, result.codes, strict=True):
        rows.append([code.name, row.units, row.used, _pct(row.percent), _pct(row.prevalence), _round(row.alpha),
                     _round(row.ac1),
                     *[_round(row.kappa[p]) for p in result.pairs], _below(row.alpha, threshold)])
    return header, rows


def _pct(share):
    return None if share is None else round(share * 100, 2)


def _round(value):
    return None if value is None else round(value, 4)


def _below(alpha, threshold):
    if alpha is None:
        return _("undefined")
    return _("yes") if alpha < threshold else _("no")


def to_csv(header, rows):
    return "".join(exports.csv_chunks(header, rows)).encode("utf-8")


def to_xlsx(header, rows, title):
    with exports.xlsx_file(title, header, rows) as out:
        return out.read()
