"""Suggested codes for every free-text answer a coder has not coded, for scripts:

    python manage.py suggest_codes SLUG --coder USER --json

prints {"answers": [{"answer": id, "text": "...", "suggestions": [{"code": "<code name>",
"score": <float>, "evidence": [<answer ids>]}, ...]}, ...]}, suggestions best first. The
suggestions learn from the coder's own codings (or, with --layer consensus, the consensus)."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from coding.models import Code, Coding, SuggestionDecision
from coding.suggestions import queries
from surveys.models import Survey


class Command(BaseCommand):
    help = "Print suggested codes, with scores and evidence, for the answers a coder has not coded."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--coder", required=True, help="The coder's username.")
        parser.add_argument("--layer", choices=["own", "consensus"], default="own",
                            help="Learn from the coder's own codings (default) or the consensus.")
        parser.add_argument("--limit", type=int, default=3, help="Suggestions per answer (default 3).")
        parser.add_argument("--json", action="store_true", help="Print JSON (the only format).")

    def handle(self, slug, coder, layer, limit, **options):
        survey = Survey.objects.for_command(slug)
        user = get_user_model().objects.filter(username=coder).first()
        if user is None:
            raise CommandError(f"No user with the username {coder!r}.")
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        # The command acts as the system: the consensus layer is the system's to read.
        learn_from = queries.CONSENSUS if layer == "consensus" else user.pk
        result = queries.suggester(survey, learn_from)
        if result.too_little():
            self.stderr.write(queries.status_message(result))
        names = dict(Code.objects.filter(survey=survey).values_list("id", "name"))
        coded = set(Coding.objects.filter(coder=user, code__survey=survey).values_list("answer_id", flat=True))
        dismissed = {}
        for answer_id, code_id in SuggestionDecision.objects.filter(coder=user, code__survey=survey).values_list(
                "answer_id", "code_id"):
            dismissed.setdefault(answer_id, set()).add(code_id)
        out = []
        for answer_id, text in queries.answers(survey).order_by("id").values_list("id", "text"):
            if answer_id in coded:
                continue
            found = result.suggest(answer_id, exclude_codes=dismissed.get(answer_id, ()), limit=limit)
            out.append({
                "answer": answer_id,
                "text": text,
                "suggestions": [{"code": names[s.code_id], "score": s.score, "evidence": s.evidence}
                                for s in found if s.code_id in names],
            })
        self.stdout.write(json.dumps({"answers": out}, ensure_ascii=False, indent=2))
