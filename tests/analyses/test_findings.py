"""'What the data shows': every number in a sentence equals the table it comes from (checked against pandas
crosstabs, statsmodels' Wilson interval and scipy), and the edge cases read right."""

import re

import pandas as pd
import pytest
from scipy.stats import chi2_contingency, fisher_exact
from statsmodels.stats.proportion import proportion_confint

import framelens
from framelens.agreement import agreement_table
from framelens.dataset.codebook import load_codebook
from framelens.findings import (
    Findings,
    agreement_findings,
    brief_findings,
    claims_findings,
    compare_shares,
    dataset_findings,
    framing_findings,
    naming_findings,
    overview_findings,
    sourcing_findings,
    top_per_group,
)
from framelens.framing import frame_tests
from framelens.stats import independence_test
from helpers import ROOT, VALID

CB = load_codebook()
LABEL = {code: CB.label("bloc", code) for code in CB.codes("bloc")}
FRAME = {CB.label("frame", code).lower(): code for code in CB.codes("frame")}
COMPARE = re.compile(
    r"^(?P<hi>[\w ]+?) outlets framed the events? as (?P<frame>[\w -]+?) in (?P<k>\d+|their only statement)"
    r"(?: of their (?P<n>\d+) statements?)? \((?P<pct>\d+)%, 95% interval (?P<lo_ci>\d+)%–(?P<hi_ci>\d+)%\); "
    r"(?P<lo>[\w ]+?) outlets in (?P<k2>none|\d+) of (?P<n2>\d+) \((?P<pct2>\d+)%, 95% interval "
    r"(?P<lo_ci2>\d+)%–(?P<hi_ci2>\d+)%\)\.$"
)


def wilson_percent(k: int, n: int) -> tuple[int, int]:
    low, high = proportion_confint(k, n, alpha=0.05, method="wilson")
    return round(low * 100), round(high * 100)


def numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


@pytest.fixture(scope="module", params=[ROOT / "data", VALID], ids=["shipped", "fixture"])
def ds(request):
    return framelens.load_dataset(request.param)


def test_the_framing_comparison_is_the_table_s_numbers(ds):
    st = ds.statements
    sentences = framing_findings(st).sentences
    crosstab = pd.crosstab(st["outlet_bloc"].astype(str), st["frame"].astype(str))
    crosstab = crosstab[[c for c in CB.codes("frame") if c in crosstab.columns]]  # ties: the first in codebook order
    n = crosstab.sum(axis=1)
    assert sentences[0] == f"The {len(st)} statements on the events come from {len(n)} blocs."
    found = COMPARE.match(sentences[1])
    assert found, sentences[1]
    bloc = {v: k for k, v in LABEL.items()}
    hi, lo, frame = bloc[found["hi"]], bloc[found["lo"]], FRAME[found["frame"]]
    k = 1 if found["k"] == "their only statement" else int(found["k"])
    assert k == crosstab.loc[hi, frame] and int(found["n"] or 1) == n[hi]
    assert int(found["pct"]) == round(100 * k / n[hi])
    assert (int(found["lo_ci"]), int(found["hi_ci"])) == wilson_percent(k, n[hi])
    k2 = crosstab.loc[lo].get(frame, 0)
    assert (0 if found["k2"] == "none" else int(found["k2"])) == k2 and int(found["n2"]) == n[lo]
    assert (int(found["lo_ci2"]), int(found["hi_ci2"])) == wilson_percent(k2, n[lo])
    # the pair is the frame whose share differs most between blocs, highest and lowest bloc
    shares = crosstab.div(n, axis=0)
    assert frame == (shares.max() - shares.min()).idxmax()
    assert shares.loc[hi, frame] == shares[frame].max() and shares.loc[lo, frame] == shares[frame].min()


def test_the_chance_sentence_carries_the_test_s_p_value(ds):
    sentence = framing_findings(ds.statements).sentences[2]
    p = float(frame_tests(ds.statements)["p_value"].iloc[0])
    shown = re.search(r"\(p (?:= )?(<? ?[\d.]+)\)", sentence).group(1)
    if shown.startswith("<"):
        assert p < 0.001 and "larger than chance" in sentence
    else:
        assert float(shown) == pytest.approx(p, abs=0.005)
        assert ("could be chance" in sentence) == (p >= 0.05)


def test_the_most_used_frames_are_each_bloc_s_largest_count(ds):
    sentence = framing_findings(ds.statements).sentences[3]
    crosstab = pd.crosstab(ds.statements["outlet_bloc"].astype(str), ds.statements["frame"].astype(str))
    for code, row in crosstab.iterrows():
        part = re.search(rf"{LABEL[code]}, [^;]*?\((?:tied, )?(\d+) of (\d+) statements?", sentence)
        assert part and (int(part[1]), int(part[2])) == (row.max(), row.sum()), (code, sentence)


def test_every_number_in_every_finding_is_in_its_source(ds):
    """Each number of a sentence is a count, N, rounded percentage, interval bound, p or date part of its table."""
    st = ds.statements
    counts = set(pd.crosstab(st["outlet_bloc"], st["frame"]).to_numpy().ravel())
    counts |= set(st["outlet_bloc"].value_counts()) | {len(st), st["outlet"].nunique(), st["event_id"].nunique()}
    for sentence in overview_findings(ds).sentences:
        allowed = counts | set(st.groupby("event_id").size()) | set(st.groupby("outlet_bloc", observed=True).size())
        days = st["published_at"].agg(["min", "max"])
        allowed |= {float(d.day) for d in days} | {float(d.year) for d in days}
        assert set(numbers(sentence)) <= {float(x) for x in allowed}, sentence
    relayed = st["cited_source"].notna()
    own_relayed = pd.crosstab(st["outlet_bloc"].astype(str), relayed)  # columns: own (False), relayed (True)
    own_relayed = own_relayed.reindex([b for b in CB.codes("bloc") if b in own_relayed.index])
    reference = chi2_contingency(own_relayed.to_numpy(), correction=False)
    expected = reference.expected_freq
    if expected.min() >= 1 and (expected < 5).sum() <= 0.2 * expected.size:  # Cochran: scipy's p is the reference
        p = reference.pvalue
    else:  # small counts: the Monte Carlo p of framelens.stats (tested there); here only that the sentence carries it
        p = independence_test(own_relayed.to_numpy()).p_value
    for sentence in sourcing_findings(st, ds.events).sentences:
        if "chance" in sentence:
            shown = re.search(r"\(p (?:= )?(<? ?[\d.]+)\)", sentence).group(1)
            assert p < 0.001 if shown.startswith("<") else float(shown) == pytest.approx(p, abs=0.005), (p, sentence)
            continue
        by = st.groupby(st["outlet_bloc"].astype(str))
        allowed = set(by.size()) | set(relayed.groupby(st["outlet_bloc"].astype(str)).sum())
        hedged = st["stance"].isin(["attributes", "questions"])
        allowed |= set(hedged.groupby(st["outlet_bloc"].astype(str)).sum())
        allowed |= set(st["stance"].notna().groupby(st["outlet_bloc"].astype(str)).sum())
        allowed |= {ds.events["event_id"].nunique(), st["event_id"].nunique()} | set(range(0, 101))  # % and events
        assert set(numbers(sentence)) <= {float(x) for x in allowed}, sentence


def test_claim_findings_count_stances_and_verdicts(ds):
    sentences = claims_findings(ds.statements, ds.claims).sentences
    st = ds.statements[ds.statements["claim_id"].notna()]
    stances = st["stance"].astype(str).value_counts()
    expected = ", ".join(f"{stances.get(c, 0)} {CB.label('stance', c).lower()}" for c in CB.codes("stance"))
    assert sentences[0] == f"{int(stances.sum())} statements took a stance on the {len(ds.claims)} claims: {expected}."
    verdicts = ds.claims["verdict"].astype(str).value_counts()
    for code, k in verdicts.items():
        assert f"{k} {CB.label('verdict', code).lower()}" in sentences[1]
    contested = next(s for s in sentences if s.startswith("The most contested claim"))
    text = re.search(r"“(.*)”", contested).group(1)
    claim_id = ds.claims.loc[ds.claims["claim"] == text, "claim_id"].iloc[0]
    mine = ds.statements[ds.statements["claim_id"] == claim_id]["stance"].astype(str).value_counts()
    k_assert, k_deny = numbers(contested.split("”")[-1])
    assert (k_assert, k_deny) == (mine.get("asserts", 0), mine.get("denies", 0))


def test_naming_and_agreement_numbers(ds):
    st = ds.statements
    labelled = st[st["actor_label"].notna()]
    assert naming_findings(st).sentences[0] == f"{len(labelled)} statements name the central actor."
    if ds.reliability is not None:
        table = agreement_table(ds.reliability, ds.codebook, n_boot=100)
        sentences = agreement_findings(table).sentences
        best = table.sort_values(["alpha", "variable"], ascending=[False, True]).iloc[0]
        assert f"alpha {best['alpha']:.2f}, 95% interval {best['ci_low']:.2f}–{best['ci_high']:.2f}" in sentences[1]
        assert f"{int(best['n_units'])} statements" in sentences[1]


def test_every_page_gets_three_to_five_sentences(ds):
    st = ds.statements
    event = st["event_id"].value_counts().index[0]
    pages = [
        overview_findings(ds),
        framing_findings(st),
        naming_findings(st),
        claims_findings(st, ds.claims),
        sourcing_findings(st, ds.events),
        brief_findings(ds, event),
        dataset_findings(ds),
    ]
    for page in pages:
        assert 3 <= len(page.sentences) <= 5, page.sentences
        assert all(s.endswith(".") and "_" not in s for s in page.sentences), page.sentences


def long_table(rows):
    t = pd.DataFrame(rows, columns=["bloc", "frame", "count", "n"])
    t["share"] = t["count"] / t["n"]
    return t


def test_a_zero_reads_none_of():
    t = long_table(
        [
            ("russian", "terrorism_sabotage", 4, 11),
            ("russian", "aggression", 7, 11),
            ("ukrainian", "terrorism_sabotage", 0, 10),
            ("ukrainian", "aggression", 10, 10),
        ]
    )
    first, chance = compare_shares(t, "frame", "frame", verb="framed the raid as")
    assert first == (
        "Russian outlets framed the raid as terrorism or sabotage in 4 of their 11 statements (36%, 95% interval "
        "15%–65%); Ukrainian outlets in none of 10 (0%, 95% interval 0%–28%)."
    )
    assert "could be chance" in chance and chance.startswith("With so few statements")
    assert fisher_exact([[4, 7], [0, 10]]).pvalue > 0.05  # an independent exact test agrees: not clear of chance


def test_a_tie_names_both_frames():
    t = long_table([("russian", "aggression", 2, 4), ("russian", "civilian_harm", 2, 4)])
    assert top_per_group(t, "frame", "frame") == (
        "Most used, by bloc: Russian, aggression and harm to civilians (tied, 2 of 4 statements each)."
    )


def test_no_difference_says_so_and_the_test_agrees():
    t = long_table(
        [
            ("russian", "aggression", 5, 10),
            ("russian", "civilian_harm", 5, 10),
            ("western", "aggression", 5, 10),
            ("western", "civilian_harm", 5, 10),
        ]
    )
    first, chance = compare_shares(t, "frame", "frame", verb="framed the events as")
    assert "no difference" in first
    assert "could be chance (p = 1.00)" in chance  # chi-square of identical rows is 0, p = 1


def test_a_single_bloc_has_nothing_to_compare():
    t = long_table([("western", "aggression", 3, 5), ("western", "civilian_harm", 2, 5)])
    sentences = compare_shares(t, "frame", "frame", verb="framed the events as")
    assert sentences[0] == "Only Western outlets have statements here, so there is nothing to compare between blocs."
    assert sentences[1] == (
        "They framed the events as aggression in 3 of their 5 statements (60%, 95% interval 23%–88%)."
    )
    assert wilson_percent(3, 5) == (23, 88)


def test_a_single_statement():
    t = long_table(
        [("russian", "aggression", 1, 1), ("western", "aggression", 0, 1), ("western", "civilian_harm", 1, 1)]
    )
    first = compare_shares(t, "frame", "frame", verb="framed the events as")[0]
    assert first.startswith("Russian outlets framed the events as aggression in their only statement (100%, 95%")
    assert wilson_percent(1, 1) == (21, 100) and "21%–100%" in first


def test_empty_inputs_say_there_is_nothing():
    empty = framelens.load_dataset(VALID).statements.iloc[0:0]
    assert framing_findings(empty).sentences == ["There are no statements to compare."]
    assert claims_findings(empty, None).sentences[0].startswith("The dataset has no claims")
    assert agreement_findings(None).sentences[0].startswith("There is no double-coded sample")


def test_html_is_escaped_and_markdown_has_the_heading():
    f = Findings(["Outlet <b> said “x”."])
    assert f.html() == (
        '<section class="framelens-findings">\n<h2 id="what-the-data-shows">What the data shows</h2>\n'
        "<ul><li>Outlet &lt;b&gt; said “x”.</li></ul>\n</section>"
    )
    assert f.markdown() == "## What the data shows\n\n- Outlet <b> said “x”.\n"


def test_show_findings_displays_the_section(monkeypatch):
    import IPython.display

    from framelens.publish.notebook import show_findings

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append(obj))
    show_findings(Findings(["One.", "Two.", "Three."]))
    assert '<h2 id="what-the-data-shows">What the data shows</h2>' in shown[0]["text/html"]
    assert shown[0]["text/markdown"].count("- ") == 3


def test_no_relays_and_a_single_statement_read_plainly():
    ds = framelens.load_dataset(VALID)
    st = ds.statements.assign(cited_source=pd.NA)
    assert sourcing_findings(st).sentences[0] == (
        "No statement credits a cited source, so relaying cannot be compared between blocs."
    )
    one = ds.statements.iloc[:1]
    sentences = framing_findings(one).sentences
    assert sentences[0] == "There is a single statement on the events."
    assert "in their only statement (100%, 95% interval 21%–100%)" in sentences[2]


def test_first_speakers_are_counted_from_the_earliest_statement_per_event(ds):
    from framelens.findings import first_speaker_sentence

    st = ds.statements[ds.statements["event_id"].isin(ds.events["event_id"])]
    first = st.groupby("event_id")["published_at"].transform("min")
    at_first = st[st["published_at"] == first].drop_duplicates(["event_id", "speaker_bloc"])
    counts = at_first["speaker_bloc"].astype(str).value_counts()
    sentence = first_speaker_sentence(ds.statements, ds.events)
    leaders = [CB.label("bloc", b) for b in CB.codes("bloc") if counts.get(b, 0) == counts.max()]
    assert sentence.startswith(leaders[0]) and all(name in sentence for name in leaders)
    assert f"in {counts.max()} of {st['event_id'].nunique()} events" in sentence


def test_grouped_by_speaker_bloc_the_findings_speak_of_speakers_not_outlets(ds):
    st = ds.statements
    framing = " ".join(framing_findings(st, bloc_column="speaker_bloc").sentences)
    naming = " ".join(naming_findings(st, bloc_column="speaker_bloc").sentences)
    for text in (framing, naming):
        assert " speakers " in text and " outlets " not in text, text
    by_outlet = framing_findings(st).sentences[1]
    assert " outlets framed " in by_outlet and "speakers" not in by_outlet
    found = re.match(
        r"^(?P<hi>[\w ]+?) speakers framed the events? as (?P<frame>[\w -]+?) in (?P<k>\d+|their only statement)"
        r"(?: of their (?P<n>\d+) statements?)? \(",
        framing_findings(st, "speaker_bloc").sentences[1],
    )
    assert found
    crosstab = pd.crosstab(st["speaker_bloc"].astype(str), st["frame"].astype(str))  # counted by the speaker's bloc
    bloc = {v: k for k, v in LABEL.items()}
    hi, frame = bloc[found["hi"]], FRAME[found["frame"]]
    k = 1 if found["k"] == "their only statement" else int(found["k"])
    assert k == crosstab.loc[hi, frame] and int(found["n"] or 1) == crosstab.loc[hi].sum()
