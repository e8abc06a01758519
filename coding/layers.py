"""Whose codings a user may see, and which layer a dashboard or export reads.

A *layer* is one coder's codings, all coders' codings, or the consensus layer (the
reconciled decisions). In blind mode a coder sees only their own layer until an admin opens
the comparison; admins and reviewers (who do not code) see every layer.
"""

from django.db.models import Q

from coding.models import Coding, ConsensusDecision
from veiledning import roles

ALL = "all"
CONSENSUS = "consensus"


def sees_all_layers(user, survey):
    if not survey.others_layers_hidden():
        return True
    return roles.can(user, roles.MANAGE_AGREEMENT) or not roles.can(user, roles.CODE)


def visible_codings(user, survey):
    """Every coding of the survey that `user` may see (blind mode respected)."""
    codings = Coding.objects.filter(answer__question__survey=survey)
    if not sees_all_layers(user, survey):
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


def layer_pairs(survey, layer, user):
    """(answer_id, code_id) pairs present in `layer`, as a values queryset with those keys.

    Dashboards and exports count from this, so the three layers read the same way."""
    if layer == CONSENSUS:
        return ConsensusDecision.objects.filter(answer__question__survey=survey, present=True).values(
            "answer_id", "code_id"
        )
    codings = visible_codings(user, survey)
    if layer != ALL:
        codings = codings.filter(coder_id=layer)
    return codings.values("answer_id", "code_id").distinct()


def layer_filter(survey, layer, user, prefix=""):
    """A Q over Answer (prefix "") or Code ("answer__" inverted) — kept simple: callers
    usually filter Coding via `layer_pairs`. Returned for answer querysets: answers that hold
    at least one coding in the layer."""
    if layer == CONSENSUS:
        return Q(**{f"{prefix}consensus__present": True})
    q = Q(**{f"{prefix}codings__isnull": False})
    if not sees_all_layers(user, survey):
        q &= Q(**{f"{prefix}codings__coder": user})
    elif layer != ALL:
        q &= Q(**{f"{prefix}codings__coder_id": layer})
    return q
