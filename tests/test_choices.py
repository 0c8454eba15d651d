"""Labels of choice parameters and how the report header shows settings."""

from __future__ import annotations

from cslib.core.choices import CHOICE_LABELS, choice_label, choice_parameters
from cslib.reporting.provenance import add_provenance, run_record

PAGE = (
    '<html><body><header class="cslib-header"><p class="cslib-meta">x</p></header>'
    "<main></main></body></html>"
)


def test_every_option_of_every_choice_parameter_has_both_labels() -> None:
    found = choice_parameters()
    assert ("01_delphi_weights", "weight_method") in found
    for (stem, name), options in found.items():
        assert name in CHOICE_LABELS, f"{stem}.{name} has no labels in cslib.core.choices"
        for option in options:
            zh, en = CHOICE_LABELS[name][option]
            assert zh and en and zh != option, (stem, name, option)
    for name, labels in CHOICE_LABELS.items():  # no label for an option that does not exist
        declared = {o for (_, n), opts in found.items() if n == name for o in opts}
        assert set(labels) <= declared, name


def test_header_shows_a_setting_by_its_label_with_the_code_in_brackets() -> None:
    record = run_record(
        "01_delphi_weights",
        {"weight_method": "rank_sum", "n_boot": 500, "ratings_path": "", "lang": "zh"},
    )
    zh = add_provenance(PAGE, record, "zh", stem="01_delphi_weights")
    assert "赋权方法：秩和法 (<code>rank_sum</code>)" in zh
    assert "weight_method" not in zh.split("rank_sum")[0].rsplit("赋权方法", 1)[1]
    assert "= <code>rank_sum" not in zh and "weight_method</code>) =" not in zh
    assert "自助法次数：500 (<code>n_boot</code>)" in zh
    en = add_provenance(PAGE, record, "en", stem="01_delphi_weights")
    assert "how ratings become weights: rank sum (<code>rank_sum</code>)" in en
    assert choice_label("weight_source", "delphi_mean", "zh+en") == (
        "德尔菲评分（均值归一化法） · Delphi ratings (normalised means)"
    )
