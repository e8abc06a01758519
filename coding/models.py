"""Interpretation: codes, categories, themes, codings, memos, quotes, consensus, audit."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from surveys.models import Answer, Question, Survey


class Code(models.Model):
    """An inductive code in a survey's codebook; codes nest (parent) to any depth."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#4c72b0")
    # False for a heading that only groups other codes (REFI-QDA isCodable="false"): it is
    # never applied to an answer, in the coding view or through any other write.
    codable = models.BooleanField(_("can be applied"), default=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Optimistic locking: a stale edit form (G3) is refused when this has moved on.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        constraints = [
            models.UniqueConstraint(Lower("name"), "survey", name="code_name_unique_per_survey"),
            models.CheckConstraint(condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="code_colour_hex"),
        ]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A cross-cutting theme drawn from several categories (the report's four)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="theme_name_unique_per_survey"),
        ]

    def __str__(self):
        return self.name


class Category(models.Model):
    """A category of the board (forventninger, forankring …) with its finding ("funn")."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    finding = models.TextField(_("finding"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    archived = models.BooleanField(_("archived"), default=False)
    codes = models.ManyToManyField(Code, through="CategoryCode", related_name="categories", blank=True)
    # The graded questions read beside this category's codes on its dashboard.
    questions = models.ManyToManyField(Question, related_name="categories", blank=True)
    themes = models.ManyToManyField(Theme, related_name="categories", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="category_name_unique_per_survey"),
        ]

    def __str__(self):
        return self.name


class CarriedLink(models.Model):
    """A question-to-category link carried over from an earlier round, waiting for the new
    round's questions: after each import into `category`'s survey, the graded question with
    this code (or, failing that, this text) is linked to the category. `question` is the one
    it linked; it waits again when that question goes (an undone import), never otherwise, so
    a link the admin removed later is not put back by the next import."""

    category = models.ForeignKey("Category", on_delete=models.CASCADE, related_name="carried_links")
    question_code = models.CharField(max_length=20)
    question_text = models.TextField()
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.question_code} → {self.category_id}"


class CategoryCode(models.Model):
    """A code's card in a category's column. A code may sit in several categories."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="placements")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="placements")
    position = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="code_once_per_category"),
        ]

    def __str__(self):
        return f"{self.code} → {self.category}"


class CodingQuerySet(models.QuerySet):
    def for_survey(self, survey):
        return self.filter(answer__question__survey=survey)

    def by(self, user):
        return self.filter(coder=user)


class Coding(models.Model):
    """One coder's code on an answer: the whole answer (no span) or the span [start, end)
    in Unicode code points over the answer's text. Each coder codes in their own layer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="codings")
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="codings")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings")
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CodingQuerySet.as_manager()

    class Meta:
        ordering = ["answer_id", "start", "id"]
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "code", "coder"], condition=Q(start__isnull=True),
                name="coding_whole_answer_unique",
            ),
            models.UniqueConstraint(
                fields=["answer", "code", "coder", "start", "end"], condition=Q(start__isnull=False),
                name="coding_span_unique",
            ),
            models.CheckConstraint(
                condition=(Q(start__isnull=True) & Q(end__isnull=True))
                | (Q(start__isnull=False) & Q(end__isnull=False) & Q(end__gt=models.F("start"))),
                name="coding_span_well_formed",
            ),
        ]
        indexes = [
            models.Index(fields=["coder", "answer"], name="coding_coder_answer"),
            models.Index(fields=["code", "answer"], name="coding_code_answer"),
        ]

    def __str__(self):
        return f"{self.code} on {self.answer_id} by {self.coder_id}"

    @property
    def is_span(self):
        return self.start is not None


class ConsensusDecision(models.Model):
    """The reconciled (consensus) layer: whether a code applies to an answer, decided once."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="consensus")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="consensus")
    present = models.BooleanField()
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "code"], name="one_consensus_per_answer_code"),
        ]

    def __str__(self):
        return f"{self.code} {'+' if self.present else '-'} {self.answer_id}"


class Memo(models.Model):
    """A note on exactly one of: an answer, a code, a category."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memos")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="memos")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, null=True, blank=True, related_name="memos")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True, related_name="memos")
    text = models.TextField(_("text"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(answer__isnull=False, code__isnull=True, category__isnull=True)
                    | Q(answer__isnull=True, code__isnull=False, category__isnull=True)
                    | Q(answer__isnull=True, code__isnull=True, category__isnull=False)
                ),
                name="memo_has_one_target",
            ),
            # One memo per answer and author (the workspace's "my memo"), even from two tabs.
            models.UniqueConstraint(
                fields=["answer", "author"], condition=Q(answer__isnull=False), name="memo_one_per_answer_and_author"
            ),
        ]

    def __str__(self):
        return self.text[:40]


class Quote(models.Model):
    """An answer starred as a quote for a category, in the order the report shows them."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="quotes")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="quotes")
    position = models.PositiveIntegerField(default=0)
    starred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "answer"], name="quote_once_per_category"),
        ]

    def __str__(self):
        return f"{self.category}: {self.answer_id}"


class AgreementSample(models.Model):
    """A reproducible random sample of answers that two or more coders code independently."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="samples")
    name = models.CharField(_("name"), max_length=120)
    seed = models.BigIntegerField()
    stratified = models.BooleanField(default=False)
    answers = models.ManyToManyField(Answer, related_name="samples")
    coders = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="samples")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="sample_name_unique_per_survey"),
        ]

    def __str__(self):
        return self.name


class SuggestionDecision(models.Model):
    """What a coder did with a suggested code for an answer: accepted it (`coding` is the
    ordinary coding it became, shown as "suggested", with the score kept) or dismissed it (never
    offered again for that answer). Codings applied from "code similar answers" share a `batch`,
    so the whole batch can be undone."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="+")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="+")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    # The coding an accepted suggestion became; NULL once the coder removes that coding.
    coding = models.OneToOneField(Coding, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="suggestion")
    score = models.FloatField()
    evidence = models.JSONField(default=list, blank=True)  # the answer ids the suggestion rested on
    batch = models.UUIDField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "code", "coder"], name="one_suggestion_decision"),
        ]

    def __str__(self):
        return f"{self.decision} {self.code_id} on {self.answer_id} by {self.coder_id}"


class AuditEvent(models.Model):
    """Who changed codes, categories and codings, when, and (for board moves) why.

    Rows point at what they concern with nullable links that survive deletion (SET_NULL);
    `data` keeps the names as they were, so history reads right after a rename or merge."""

    class Action(models.TextChoices):
        CODING_ADDED = "coding_added", _("Coding added")
        CODING_REMOVED = "coding_removed", _("Coding removed")
        CODE_CREATED = "code_created", _("Code created")
        CODE_CHANGED = "code_changed", _("Code changed")
        CODE_MERGED = "code_merged", _("Code merged")
        CODE_DELETED = "code_deleted", _("Code deleted")
        CODE_PLACED = "code_placed", _("Code placed in category")
        CODE_UNPLACED = "code_unplaced", _("Code removed from category")
        CATEGORY_CREATED = "category_created", _("Category created")
        CATEGORY_CHANGED = "category_changed", _("Category changed")
        MEMO_WRITTEN = "memo_written", _("Memo written")
        CONSENSUS_DECIDED = "consensus_decided", _("Consensus decided")
        AGREEMENT_SETTINGS = "agreement_settings", _("Agreement settings changed")
        SAMPLE_DRAWN = "sample_drawn", _("Double-coding sample drawn")
        QUOTE_STARRED = "quote_starred", _("Quote starred")
        QUOTE_UNSTARRED = "quote_unstarred", _("Quote unstarred")
        QUOTE_MOVED = "quote_moved", _("Quote moved")
        SUGGESTION_ACCEPTED = "suggestion_accepted", _("Suggestion accepted")
        SUGGESTION_DISMISSED = "suggestion_dismissed", _("Suggestion dismissed")
        SIMILAR_CODED = "similar_coded", _("Similar answers coded")
        SIMILAR_UNDONE = "similar_undone", _("Coding of similar answers undone")
        IMPORTED = "imported", _("Imported")
        EXPORTED = "exported", _("Exported")
        SURVEY_CHANGED = "survey_changed", _("Survey settings changed")
        ANSWER_REVIEWED = "answer_reviewed", _("Changed answer marked as reviewed")
        PERSONAL_DATA_SCANNED = "personal_data_scanned", _("Answers searched for personal data")
        FINDING_DECIDED = "finding_decided", _("Personal-data finding decided")
        PSEUDONYMISED = "pseudonymised", _("Personal data pseudonymised")
        RETENTION_SET = "retention_set", _("Delete-by date set")
        RETENTION_APPLIED = "retention_applied", _("Delete-by date reached")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    answer = models.ForeignKey(Answer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    code = models.ForeignKey(Code, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    rationale = models.TextField(_("rationale"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.action} by {self.actor_id}"


# Features' own models, loaded with the app's: personal data found in answers (privacy) and one
# person's keys (shortcuts).
from coding.privacy.models import Finding, RetainedOriginal  # noqa: E402, F401
from coding.shortcuts.models import ShortcutSettings  # noqa: E402, F401
