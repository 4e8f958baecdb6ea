"""The WCAG contrast the theme editor warns about (the same formula runs in its script)."""

import pytest

from themes.contrast import contrast_ratio, contrast_warning, relative_luminance
from themes.presets import PRESET_DEFAULTS, Preset


def test_luminance_runs_from_black_to_white():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#FFFFFF") == pytest.approx(1)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#000000", "#ffffff", 21),
        ("#ffffff", "#000000", 21),  # the order does not matter
        ("#777777", "#777777", 1),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
        ("#777777", "#ffffff", 4.48),
    ],
)
def test_contrast_ratio_matches_wcags_published_values(a, b, ratio):
    assert contrast_ratio(a, b) == pytest.approx(ratio, abs=0.01)


def test_a_pair_that_passes_aa_gets_no_warning():
    assert contrast_warning("#767676", "#ffffff") is None


def test_a_failing_pair_is_named_with_its_ratio_rounded_down():
    warning = contrast_warning("#777777", "#ffffff")

    assert warning.startswith(
        "Text colour #777777 on background colour #ffffff has a contrast of only 4.4:1."
    )
    assert "at least 4.5:1" in warning


@pytest.mark.parametrize("preset", Preset.values)
def test_every_presets_own_text_and_background_pass_aa(preset):
    defaults = PRESET_DEFAULTS[preset]

    assert contrast_warning(defaults.text_color, defaults.background_color) is None
