"""Reads of the codebook: what a merge of two codes would move, shown before it is confirmed."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from coding import layers
from coding.models import CategoryCode, Coding, ConsensusDecision, Memo


def merge_duplicates(source, target):
    """`source`'s codings that `target` already has (the same answer, coder and passage): in a
    merge they collapse into `target`'s."""
    same = {"answer": OuterRef("answer"), "coder": OuterRef("coder")}
    whole = Exists(Coding.objects.filter(code=target, start__isnull=True, **same))
    span = Exists(Coding.objects.filter(code=target, start=OuterRef("start"), end=OuterRef("end"), **same))
    return Coding.objects.filter(code=source).filter(Q(whole, start__isnull=True) | Q(span, start__isnull=False))


@dataclass
class MergePreview:
    moving: int = 0                  # codings that become the target's
    collapsing: int = 0              # codings the target already has
    answers: int = 0                 # answers coded with the source
    per_coder: list = field(default_factory=list)   # [(user name, codings moving)]
    categories: list = field(default_factory=list)  # [(category name, the target is there already)]
    children: list = field(default_factory=list)    # names of the sub-codes that move under the target
    memos: int = 0
    decisions: int = 0               # consensus decisions on the source


def merge_preview(source, target, user):
    """What merging `source` into `target` would do, counted over the codings `user` may see
    (in blind mode a coder's own): the same rules as codebook.actions.merge_codes."""
    own = layers.visible_codings(user, source.survey, Coding.objects.filter(code=source))
    duplicates = merge_duplicates(source, target).filter(pk__in=own.values("pk"))
    per_coder = (own.exclude(pk__in=duplicates.values("pk")).values_list("coder__username")
                 .annotate(n=Count("id")).order_by("coder__username"))
    target_in = set(CategoryCode.objects.filter(code=target).values_list("category_id", flat=True))
    placements = (CategoryCode.objects.filter(code=source, category__archived=False)
                  .order_by("category__order", "category_id").values_list("category_id", "category__name"))
    collapsing = duplicates.count()
    return MergePreview(
        moving=own.count() - collapsing, collapsing=collapsing,
        answers=own.values("answer_id").distinct().count(), per_coder=list(per_coder),
        categories=[(name, pk in target_in) for pk, name in placements],
        children=list(source.children.order_by("name").values_list("name", flat=True)),
        memos=Memo.objects.filter(code=source).count(),
        decisions=ConsensusDecision.objects.filter(code=source).count(),
    )
