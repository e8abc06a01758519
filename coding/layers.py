"""Whose codings a user may see, and which layer a dashboard or export reads.

A *layer* is one coder's codings, all coders' codings, or the consensus layer (the
reconciled decisions). In blind mode a coder sees only their own layer until an admin opens
the comparison; admins and reviewers (who do not code) see every layer.

`layer_rows` is the one source dashboards, the report, exports and `survey_summary` count
from: a queryset of Coding or ConsensusDecision rows, both of which have `answer` and `code`,
so the same lookups (`answer__respondent`, `code__placements__category`) work on every layer.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from coding.models import Coding, ConsensusDecision
from veiledning import roles

ALL = "all"
CONSENSUS = "consensus"


def sees_all_layers(user, survey):
    if not survey.others_layers_hidden():
        return True
    return roles.can(user, roles.MANAGE_AGREEMENT) or not roles.can(user, roles.CODE)


def visible_codings(user, survey, codings=None):
    """The one rule for whose codings a person sees: every coding of the survey (or of
    `codings`, a narrower queryset of its codings) that `user` may see — in blind mode a
    coder sees only their own. `user=None` is the system itself: no narrowing."""
    if codings is None:
        codings = Coding.objects.filter(answer__question__survey=survey)
    if user is not None and not sees_all_layers(user, survey):
        codings = codings.filter(coder=user)
    return codings


def parse_layer(value, user, survey):
    """A layer from a query parameter: "all", "consensus" or a coder's id. Unknown or
    forbidden values fall back to what the user may see (never an error, never a leak)."""
    if value == CONSENSUS:
        return CONSENSUS
    if value and value.isdigit():
        coder_id = int(value)
        if sees_all_layers(user, survey) or coder_id == user.id:
            return coder_id
    return ALL if sees_all_layers(user, survey) else user.id


def layer_rows(survey, layer, user):
    """The rows of `layer`: Codings (one coder's or every visible coder's) or the present
    consensus decisions. `user=None` means the system itself (the summary command): no
    blind-mode narrowing. Rows are found through their code's survey (a code and the answers
    it codes belong to one survey), which spares counting queries a join through every answer
    and question."""
    if layer == CONSENSUS:
        return ConsensusDecision.objects.filter(code__survey=survey, present=True)
    codings = visible_codings(user, survey, Coding.objects.filter(code__survey=survey))
    if layer != ALL:
        codings = codings.filter(coder_id=layer)
    return codings


def layer_key(survey, layer, user):
    """A cache key part naming the layer and whose layers `user` sees (for memoised counts)."""
    scope = "all" if user is None or sees_all_layers(user, survey) else f"u{user.pk}"
    return f"{layer}:{scope}"


def layer_pairs(survey, layer, user):
    """(answer_id, code_id) pairs present in `layer`, as a values queryset with those keys."""
    return layer_rows(survey, layer, user).values("answer_id", "code_id").distinct()


def layer_choices(survey, user):
    """[(value, label)] of the layers `user` may pick, for a <select>."""
    from django.utils.translation import gettext

    if not sees_all_layers(user, survey):
        return [(str(user.id), gettext("My codings")), (CONSENSUS, gettext("Consensus"))]
    # EXISTS per user stops at the first coding: cheap even with 150,000 codings.
    coders = (
        get_user_model()
        .objects.filter(Exists(Coding.objects.filter(coder=OuterRef("pk"), code__survey=survey)))
        .order_by("username")
        .only("id", "username", "first_name", "last_name")
    )
    choices = [(ALL, gettext("All coders")), (CONSENSUS, gettext("Consensus"))]
    choices += [(str(c.id), c.get_full_name() or c.username) for c in coders]
    return choices


def layer_label(layer, choices):
    return dict(choices).get(str(layer), str(layer))
