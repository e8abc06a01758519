"""New codes get distinct colours from an accessible palette, not all the same blue."""

import pytest

from coding.codebook import actions
from coding.models import Code


def contrast_with_white(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("colour", actions.PALETTE)
def test_each_palette_colour_stands_out_from_the_page(colour):
    assert contrast_with_white(colour) >= 3


def test_new_codes_take_distinct_colours_in_turn(survey, coder):
    codes = [actions.create_code(survey, f"Kode {i}", by=coder) for i in range(len(actions.PALETTE) + 2)]
    first_round = [c.colour for c in codes[:len(actions.PALETTE)]]
    assert sorted(first_round) == sorted(actions.PALETTE)  # all different
    assert [c.colour for c in codes[-2:]] == list(actions.PALETTE[:2])  # then round again


def test_a_chosen_colour_is_kept_and_the_least_used_comes_next(survey, coder):
    Code.objects.create(survey=survey, name="Gammel", colour=actions.PALETTE[0])
    assert actions.create_code(survey, "Valgt", by=coder, colour="#123456").colour == "#123456"
    assert actions.create_code(survey, "Neste", by=coder).colour == actions.PALETTE[1]
