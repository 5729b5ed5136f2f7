"""Reader tables: every rule of framelens.publish.readable, and the codebook labels it reads."""

import pandas as pd
import yaml

from framelens.dataset.codebook import DEFAULT_CODEBOOK, load_codebook
from framelens.publish.readable import date_text, interval, number, p_value, percent, readable


def test_every_shipped_vocabulary_value_has_its_own_label():
    raw = yaml.safe_load(DEFAULT_CODEBOOK.read_text(encoding="utf-8"))
    missing = [
        (v, c) for v, spec in raw["vocabularies"].items() for c, body in spec["values"].items() if "label" not in body
    ]
    assert missing == []
    cb = load_codebook()
    assert cb.label("bloc", "russian_independent") == "Independent Russian"
    assert cb.label("frame", "terrorism_sabotage") == "Terrorism or sabotage"
    assert cb.label("verdict", "likely_true") == "Likely true"
    assert cb.label("verdict", "false") == "False"  # quoted in YAML, not read as a boolean


def test_a_value_without_a_label_falls_back_to_its_humanised_code(tmp_path):
    text = DEFAULT_CODEBOOK.read_text(encoding="utf-8").replace("        label: Likely true\n", "")
    (tmp_path / "codebook.yml").write_text(text, encoding="utf-8")
    cb = load_codebook(tmp_path / "codebook.yml")
    assert "label" not in cb.vocabularies["verdict"].values["likely_true"]
    assert cb.label("verdict", "likely_true") == "Likely true"
    assert cb.label("verdict", "likely_false") == "Likely false"


def test_codes_become_labels_in_cells_lists_headers_and_the_index():
    t = pd.DataFrame(
        {
            "frame": pd.Categorical(["civilian_harm"]),
            "assert_blocs": ["ukrainian; russian_independent"],
            "western": [2],
        },
        index=pd.Index(["russian"], name="bloc"),
    )
    out = readable(t)
    assert out.columns.tolist() == ["bloc", "frame", "assert blocs", "Western"]
    assert out.iloc[0].tolist() == ["Russian", "Harm to civilians", "Ukrainian; Independent Russian", "2"]


def test_headings_are_words_and_count_of_n_reads_out_of():
    out = readable(pd.DataFrame({"count": [3], "n": [9], "share": [1 / 3], "ci_low": [0.12], "ci_high": [0.65]}))
    assert out.columns.tolist() == ["statements", "out of", "share", "95% interval"]
    assert readable(pd.DataFrame({"n": [4], "p_value": [0.2]})).columns.tolist() == ["statements", "p"]


def test_whole_numbers_lose_dot_zero_and_others_keep_two_decimals():
    out = readable(pd.DataFrame({"figure": [39.0, 1500.0, 0.8009, float("nan")]}))
    assert out["figure"].tolist() == ["39", "1,500", "0.80", ""]
    assert number(7) == "7" and number(2.5) == "2.50"


def test_shares_are_whole_percentages_and_never_round_to_0_or_100():
    assert [percent(x) for x in (0, 0.1, 0.364, 0.365, 0.004, 0.996, 1)] == [
        "0%",
        "10%",
        "36%",
        "36%",
        "<1%",
        ">99%",
        "100%",
    ]
    out = readable(pd.DataFrame({"share_own": [0.1], "share": [0.1]}))
    assert out.iloc[0].tolist() == ["10%", "10%"]  # one precision for 0.1 and 0.100


def test_intervals_are_one_column_as_percent_for_shares_and_numbers_otherwise():
    shares = readable(pd.DataFrame({"share": [0.5], "ci_low": [0.26], "ci_high": [0.781]}))
    assert shares["95% interval"].tolist() == ["26%–78%"]
    alpha = readable(pd.DataFrame({"alpha": [0.8], "ci_low": [0.6702], "ci_high": [0.8829]}))
    assert alpha.columns.tolist() == ["alpha", "95% interval"] and alpha["95% interval"].tolist() == ["0.67–0.88"]
    assert interval(float("nan"), 0.3) == ""


def test_cluster_and_bootstrap_bounds_read_as_named_intervals_and_a_lone_bound_keeps_its_name():
    table = pd.DataFrame(
        {
            "share": [0.5],
            "ci_low": [0.26],
            "ci_high": [0.781],
            "cluster_ci_low": [0.1],
            "cluster_ci_high": [0.9],
            "boot_low": [0.2],
            "boot_high": [0.7],
            "design_effect": [2.0],
        }
    )
    out = readable(table)
    assert out.columns.tolist() == [
        "share",
        "95% interval",
        "cluster 95% interval",
        "bootstrap 95% interval",
        "design effect",
    ]
    assert out.iloc[0].tolist() == ["50%", "26%–78%", "10%–90%", "20%–70%", "2"]
    assert readable(pd.DataFrame({"ci_low": [0.2]})).columns.tolist() == ["ci low"]


def test_p_values():
    assert [p_value(p) for p in (0.0712, 0.0049, 0.00001, 0.5)] == ["0.07", "0.005", "< 0.001", "0.50"]


def test_dates_show_a_time_and_zone_only_where_the_data_has_one():
    days = pd.Series(pd.to_datetime(["2023-05-22", None], utc=True))
    assert date_text(days).tolist() == ["22 May 2023", ""]
    times = pd.Series(pd.to_datetime(["2023-05-22T15:20:00Z", "2023-05-03T00:00:00Z"]))
    assert date_text(times).tolist() == ["22 May 2023, 15:20 UTC", "3 May 2023, 00:00 UTC"]
    naive = readable(pd.DataFrame({"start_date": pd.to_datetime(["2022-04-01"])}))
    assert naive.iloc[0, 0] == "1 April 2022"


def test_booleans_are_yes_and_no():
    out = readable(pd.DataFrame({"required": [True, False]}))
    assert out["required"].tolist() == ["yes", "no"]


def test_wide_tables_with_two_header_levels_read_as_one_heading():
    wide = pd.DataFrame(
        [[3, 0.333]],
        index=pd.Index(["aggression"], name="frame"),
        columns=pd.MultiIndex.from_tuples([("russian (N=9)", "count"), ("russian (N=9)", "share")]),
    )
    out = readable(wide)
    assert out.columns.tolist() == ["frame", "Russian (N = 9) statements", "Russian (N = 9) share"]
    assert out.iloc[0].tolist() == ["Aggression", "3", "33%"]


def test_the_original_table_is_unchanged_and_text_is_kept():
    t = pd.DataFrame({"quote": ["<b>x</b>", None], "bloc": ["other", None]})
    before = t.copy()
    out = readable(t)
    pd.testing.assert_frame_equal(t, before)
    assert out["quote"].tolist() == ["<b>x</b>", ""] and out["bloc"].tolist() == ["Other", ""]


def test_a_code_outside_the_vocabulary_is_kept_as_it_is():
    assert readable(pd.DataFrame({"bloc": ["no_such_bloc"]}))["bloc"].tolist() == ["no_such_bloc"]


def test_variables_read_as_words_but_csv_column_names_stay():
    out = readable(pd.DataFrame({"variable": ["label_valence"], "column": ["outlet_bloc"]}))
    assert out.iloc[0].tolist() == ["valence", "outlet_bloc"]


def test_columns_made_only_of_codes_get_labels_and_counts_lose_their_n():
    confusions = pd.DataFrame({"value_a": ["aggression"], "value_b": ["civilian_harm"], "n_outlets": [3]})
    out = readable(confusions)
    assert out.columns.tolist() == ["value a", "value b", "outlets"]
    assert out.iloc[0].tolist() == ["Aggression", "Harm to civilians", "3"]
    mixed = readable(pd.DataFrame({"source": ["aggression", "TASS"]}))  # not all codes: text kept as it is
    assert mixed["source"].tolist() == ["aggression", "TASS"]
