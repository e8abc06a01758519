"""python manage.py agreement SLUG --coders kari,ola [--questions 2b,3d] [--sample NAME] [--json]

Prints the inter-coder agreement of the named coders (answer as the unit): overall and per
code, percent agreement, Krippendorff's alpha, Gwet's AC1 (with the code's prevalence) and
Cohen's kappa per pair. Undefined figures
are null in JSON and "–" in the table. See coding/agreement.py for the definitions."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from coding.agreement.queries import AnswerSet, agreement_for
from coding.models import AgreementSample
from surveys.models import Survey


def _names(value):
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class Command(BaseCommand):
    help = "Inter-coder agreement of a survey's coders: percent, Cohen's kappa, Krippendorff's alpha."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--coders", required=True, help="comma-separated usernames, at least two")
        parser.add_argument("--questions", default="", help="comma-separated question codes, e.g. 2b,3d")
        parser.add_argument("--sample", default="", help="the name of an agreement sample")
        parser.add_argument("--count-empty", action="store_true",
                            help="sample answers a coder left without codes count as 'no code applies'")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        survey = Survey.objects.for_command(options["slug"])
        usernames = list(dict.fromkeys(_names(options["coders"])))
        if len(usernames) < 2:
            raise CommandError("Give at least two coders: --coders USER1,USER2")
        users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
        unknown = [name for name in usernames if name not in users]
        if unknown:
            raise CommandError(f"Unknown user(s): {', '.join(unknown)}")
        coders = [users[name] for name in usernames]

        answer_set = AnswerSet(count_empty=options["count_empty"])
        codes = _names(options["questions"])
        if codes:
            questions = {q.code: q for q in survey.questions.filter(code__in=codes)}
            missing = [c for c in codes if c not in questions]
            if missing:
                raise CommandError(f"Unknown question(s) in {survey.slug}: {', '.join(missing)}")
            answer_set.questions = [questions[c] for c in codes]
        if options["sample"]:
            try:
                answer_set.sample = survey.samples.get(name=options["sample"])
            except AgreementSample.DoesNotExist:
                raise CommandError(f"No sample named {options['sample']!r} in {survey.slug}.") from None

        result, code_list = agreement_for(survey, coders, answer_set)
        names = {u.id: u.username for u in coders}
        data = {
            "units": result.units,
            "overall": {"percent": _pct(result.percent), "alpha": result.alpha, "ac1": result.ac1,
                        "prevalence": result.prevalence},
            "codes": [
                {
                    "code": code.name,
                    "units": row.units,
                    "used": row.used,
                    "percent": _pct(row.percent),
                    "alpha": row.alpha,
                    "ac1": row.ac1,
                    "prevalence": row.prevalence,
                    "kappa": {f"{names[a]}|{names[b]}": k for (a, b), k in row.kappa.items()},
                }
                for code, row in zip(code_list, result.codes, strict=True)
            ],
        }
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{survey.title}: {result.units} units, coders {', '.join(usernames)}")
        self.stdout.write(f"overall: percent {_fmt(_pct(result.percent), 1)}  alpha {_fmt(result.alpha)}"
                          f"  AC1 {_fmt(result.ac1)}")
        for row in data["codes"]:
            kappas = "  ".join(f"κ {pair} {_fmt(k)}" for pair, k in row["kappa"].items())
            self.stdout.write(f"{row['code'][:40]:40}  used {row['used']:6}  % {_fmt(row['percent'])}"
                              f"  α {_fmt(row['alpha'])}  AC1 {_fmt(row['ac1'])}  {kappas}")


def _pct(share):
    """Percent agreement as 0–100 (the computation keeps a 0–1 share)."""
    return None if share is None else round(share * 100, 6)


def _fmt(value, digits=3):
    return "–" if value is None else f"{value:.{digits}f}"
