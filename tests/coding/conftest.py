"""Fixtures both directions of REFI-QDA exchange share: a project file exported from a small
coded survey, and thresholds low enough that it counts as large (the background worker's)."""

import pytest

from coding.models import Code, Coding
from coding.refi.export import build_qdpx
from tests.conftest import make_answer, make_question


@pytest.fixture
def large(settings):
    settings.BACKGROUND_ABOVE = {**settings.BACKGROUND_ABOVE, "refi_bytes": 10, "rows": 0}


@pytest.fixture
def exported(survey, coder):
    answer = make_answer(make_question(survey, "1"), text="Et svar om samarbeid")
    Coding.objects.create(answer=answer, code=Code.objects.create(survey=survey, name="Samarbeid"), coder=coder)
    return build_qdpx(survey)
