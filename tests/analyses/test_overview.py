import csv
from collections import Counter

from framelens import load_dataset
from framelens.charts.overview import publication_timelines
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


def test_timelines_one_panel_per_event_on_its_own_dates():
    """A panel per event (9 statements: 6 in ev-alpha, 3 in ev-beta), each axis spanning only that event's times."""
    import matplotlib.dates as mdates

    ds = load_dataset(VALID)
    panels = publication_timelines(ds)
    assert len(panels) == 2
    assert "(N = 6 statements" in panels[0].axes[0].get_title() and "(N = 3 statements" in panels[1].axes[0].get_title()
    for fig, ev in zip(panels, ["ev-alpha", "ev-beta"]):
        ax = fig.axes[0]
        times = ds.statements.loc[ds.statements["event_id"] == ev, "published_at"].dt.tz_convert(None)
        assert sum(len(c.get_offsets()) for c in ax.collections) == len(times)
        lo, hi = (mdates.num2date(x).replace(tzinfo=None) for x in ax.get_xlim())
        assert lo <= times.min() and times.max() <= hi and (hi - lo).days < 30  # not the whole dataset's span
        assert ax.get_xlabel()


def test_timeline_uses_the_shared_bloc_markers():
    import numpy as np
    from matplotlib.colors import to_hex
    from matplotlib.markers import MarkerStyle

    from framelens.charts.style import bloc_colours, bloc_markers

    ds = load_dataset(VALID)
    ax = publication_timelines(ds)[0].axes[0]
    markers, colours = bloc_markers(ds.codebook), bloc_colours(ds.codebook)
    labels = [t.get_text().split(" (")[0].replace(" ", "_") for t in ax.get_yticklabels()]
    for collection in ax.collections:
        row = round(float(np.mean(collection.get_offsets()[:, 1])))
        bloc = labels[row]
        style = MarkerStyle(markers[bloc])
        expected = style.get_path().transformed(style.get_transform()).vertices
        assert np.allclose(collection.get_paths()[0].vertices, expected), bloc
        assert to_hex(collection.get_facecolor()[0]) == colours[bloc].lower(), bloc
