"""Signals through which the survey layer lets higher layers react, without importing them."""

from django.dispatch import Signal

# Sent inside an import's transaction, before it changes or removes answers, with
# `answer_ids`: the answers it is about to change or remove. Each receiver returns the ids
# among them that something depends on (the coding app: answers with codings); the import
# keeps those, flags them for review and keeps their previous text.
answers_in_use = Signal()
