"""Fixtures of the suggestion tests."""

import pytest

from tests.coding.suggestions.fixtures import themed_survey


@pytest.fixture
def themed(survey, coder):
    """(answers, labels by answer id, codes by name) of a survey coded on a handful of themes."""
    return themed_survey(survey, coder)
