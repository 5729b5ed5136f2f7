import csv
from collections import Counter

from framelens import load_dataset
from framelens.charts.overview import publication_timeline
from framelens.overview import coverage_by_event, coverage_by_outlet, missing_values, publication_counts
from helpers import VALID


def _raw():
    with (VALID / "statements.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_coverage_by_event_matches_a_plain_count():
    ds = load_dataset(VALID)
    table = coverage_by_event(ds)
    expected = Counter((r["event_id"], r["outlet_bloc"]) for r in _raw())
    for (event, bloc), n in expected.items():
        assert table.loc[event, bloc] == n
    assert table.loc["ev-beta", "western"] == 0  # empty cells are 0, not missing
    assert list(table.columns) == ds.codebook.codes("bloc") + ["total"]
    assert table["total"].sum() == len(_raw())
    assert list(table.index) == ["ev-alpha", "ev-beta"]  # ordered by event start


def test_coverage_by_outlet():
    table = coverage_by_outlet(load_dataset(VALID))
    assert table.loc["Outlet R", "statements"] == 3 and table.loc["Outlet R", "events"] == 2
    assert table.index[0] == "Outlet R"


def test_missing_values_counts_empty_cells():
    raw = _raw()
    table = missing_values(load_dataset(VALID))
    for col in ("figure", "cited_source", "secondary_frames"):
        assert table.loc[col, "empty"] == sum(1 for r in raw if r[col] == "")
    assert table.loc["statement_id", "required"]


def test_missing_values_leaves_the_dataset_untouched():
    ds = load_dataset(VALID)
    missing_values(ds)
    assert ds.statements.columns.name is None


def test_publication_counts_sum_to_rows():
    assert publication_counts(load_dataset(VALID)).to_numpy().sum() == 9


def test_timeline_chart_has_title_labels_and_one_series_per_bloc():
    fig = publication_timeline(load_dataset(VALID))
    ax = fig.axes[0]
    assert "N = 9 statements" in ax.get_title()
    assert ax.get_xlabel() and ax.get_ylabel()
    assert len(ax.collections) == 5


def test_timeline_uses_the_shared_bloc_markers():
    import numpy as np
    from matplotlib.markers import MarkerStyle

    from framelens.charts.style import bloc_markers

    ds = load_dataset(VALID)
    ax = publication_timeline(ds).axes[0]
    markers = bloc_markers(ds.codebook)
    labels = [t.get_text().split(" (")[0] for t in ax.get_legend().get_texts()]
    for collection, bloc in zip(ax.collections, labels):
        style = MarkerStyle(markers[bloc])
        expected = style.get_path().transformed(style.get_transform()).vertices
        assert np.allclose(collection.get_paths()[0].vertices, expected), bloc
