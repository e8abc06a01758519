"""Signals through which the survey layer lets higher layers react, without importing them."""

from django.dispatch import Signal

# Sent inside an import's transaction, before it changes or removes answers, with
# `answer_ids`: the answers it is about to change or remove. Each receiver returns the ids
# among them that something depends on (the coding app: answers with codings); the import
# keeps those, flags them for review and keeps their previous text.
answers_in_use = Signal()

# Sent before an import is undone, with `answer_ids` (the answers it created or changed)
# and `since` (when it finished). Each receiver returns the ids among them that were built on
# since (the coding app: answers with codings or memos added after `since`); undo is then refused.
answers_used_since = Signal()

# Sent inside an import's transaction after it saved, with `survey` and `run`: the coding app
# links the questions of a new round to the categories carried over from the earlier one.
import_saved = Signal()
