"""What the data shows: three to five plain sentences per page, filled in from the analysis tables by fixed
templates (no hand-written text, no language model). Every sentence carries its N and its uncertainty (a 95%
interval or a test) and is hedged when N is small or a test finds no difference beyond chance.

>>> f = framing_findings(ds.statements)
>>> 3 <= len(f.sentences) <= 5 and f.sentences[0].startswith("The 9 statements")
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from framelens.dataset.codebook import Codebook, load_codebook
from framelens.publish.readable import interval, number, p_value, percent
from framelens.stats import independence_test, wilson_interval

SMALL_N = 30  # fewer statements than this in a group compared: the sentence says so
ALPHA_LEVEL = 0.05  # a test's p at or above this: "could be chance"
HEADING = "What the data shows"
ANCHOR = "what-the-data-shows"  # the heading's id: the page's table of contents links to it


@dataclass(frozen=True)
class Findings:
    """A few plain sentences about one page, brief or dataset.

    >>> Findings(["One.", "Two."]).markdown()
    '## What the data shows\\n\\n- One.\\n- Two.\\n'
    """

    sentences: list[str] = field(default_factory=list)

    def html(self) -> str:
        """The section as HTML: an H2 and one list item per sentence, every sentence escaped."""
        items = "".join(f"<li>{html.escape(s)}</li>" for s in self.sentences)
        return f'<section class="framelens-findings">\n<h2 id="{ANCHOR}">{HEADING}</h2>\n<ul>{items}</ul>\n</section>'

    def markdown(self) -> str:
        """The section as Markdown: an H2 and one bullet per sentence."""
        return f"## {HEADING}\n\n" + "".join(f"- {s}\n" for s in self.sentences)


def _codebook(codebook: Codebook | None) -> Codebook:
    return codebook or load_codebook()


def _lower(label: str) -> str:
    """A label inside a sentence: "Terrorism or sabotage" -> "terrorism or sabotage" (acronyms kept)."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the word, singular or plural.

    >>> plural(1, "statement"), plural(0, "statement"), plural(2, "claim")
    ('1 statement', '0 statements', '2 claims')
    """
    return f"{number(n)} {word if n == 1 else (many or word + 's')}"


def share_phrase(k: int, n: int, their: bool = True) -> str:
    """ "4 of their 11 statements (36%, 95% interval 15%–65%)"; "none of their 10 statements"; a Wilson interval
    always, since a share of a few statements moves a lot.

    >>> share_phrase(4, 11)
    '4 of their 11 statements (36%, 95% interval 15%–65%)'
    >>> share_phrase(0, 10, their=False)
    'none of 10 statements (0%, 95% interval 0%–28%)'
    >>> share_phrase(1, 1)
    'their only statement (100%, 95% interval 21%–100%)'
    """
    low, high = wilson_interval(k, n)
    whose = "their " if their else ""
    count = "none" if k == 0 else number(k)
    uncertainty = f"({percent(k / n)}, 95% interval {interval(low, high)})"
    if n == 1 and k == 1:
        return f"{whose or 'the '}only statement {uncertainty}"
    return f"{count} of {whose}{plural(n, 'statement')} {uncertainty}"


def short_share(k: int, n: int) -> str:
    """The second group of a comparison, after "; Ukrainian outlets in ...".

    >>> short_share(0, 10), short_share(3, 9)
    ('none of 10 (0%, 95% interval 0%–28%)', '3 of 9 (33%, 95% interval 12%–65%)')
    """
    low, high = wilson_interval(k, n)
    return f"{'none' if k == 0 else number(k)} of {number(n)} ({percent(k / n)}, 95% interval {interval(low, high)})"


def chance_sentence(p: float, smallest_n: int, what: str = "this difference") -> str:
    """The hedge: whether a test finds a difference beyond chance, and a warning when a group is small ("" when the
    test could not be run).

    >>> chance_sentence(0.07, 10)
    'With so few statements, this difference could be chance (p = 0.07).'
    >>> chance_sentence(0.0001, 90, "the differences between blocs")
    'The differences between blocs are larger than chance would give (p < 0.001).'
    """
    if p is None or np.isnan(p):
        return ""
    shown = p_value(p)
    p_text = f"p {shown}" if shown.startswith("<") else f"p = {shown}"
    if p >= ALPHA_LEVEL:
        lead = "With so few statements, " if smallest_n < SMALL_N else "By a test over all groups, "
        return f"{lead}{what} could be chance ({p_text})."
    verb = "are" if what.split()[1:2] == ["differences"] else "is"
    small = ", though some groups are small" if smallest_n < SMALL_N else ""
    return f"{what[:1].upper()}{what[1:]} {verb} larger than chance would give ({p_text}){small}."


def members(bloc_column: str) -> str:
    """Who belongs to a bloc when statements are grouped by ``bloc_column``: outlets, or the speakers quoted.

    >>> members("outlet_bloc"), members("speaker_bloc")
    ('outlets', 'speakers')
    """
    return "speakers" if bloc_column == "speaker_bloc" else "outlets"


def _groups(long: pd.DataFrame, group: str) -> pd.DataFrame:
    return long[long["n"] > 0].drop_duplicates(group)[[group, "n"]]


def compare_shares(
    long: pd.DataFrame,
    code_column: str,
    vocabulary: str,
    *,
    group: str = "bloc",
    verb: str,
    who: str = "outlets",
    codebook: Codebook | None = None,
) -> list[str]:
    """Sentences comparing groups in a long shares table (group, code, count, n): the code whose share differs most
    between groups, its highest and lowest group, and a test of the whole group x code table.

    ``verb`` is how a sentence says a group used a code: "framed the events as" -> "Russian outlets framed the events
    as terrorism or sabotage in 4 of their 11 statements (...); Ukrainian outlets in none of 10." ``who`` names a
    bloc's members ("outlets", or "speakers" when statements are grouped by the speaker's bloc).
    """
    cb = _codebook(codebook)
    present = long[long["n"] > 0]
    groups = _groups(long, group)
    if present.empty:
        return ["There are no statements to compare."]
    bloc = cb.vocabularies["bloc"]
    code_label = cb.vocabularies[vocabulary].label
    if len(groups) == 1:
        g, n = groups.iloc[0]
        top = present.sort_values(["count", code_column], ascending=[False, True], kind="stable").iloc[0]
        return [
            f"Only {bloc.label(g)} {who} have statements here, so there is nothing to compare between blocs.",
            f"They {verb} {_lower(code_label(top[code_column]))} in {share_phrase(int(top['count']), int(n))}.",
        ]
    spread = present.groupby(code_column, observed=True, sort=False)["share"].agg(lambda s: s.max() - s.min())
    if float(spread.max()) == 0:
        sentences = ["Every option has the same share of every bloc's statements: no difference to report."]
    else:
        code = spread.index[int(np.argmax(spread.to_numpy()))]  # first in codebook order on a tie
        rows = present[present[code_column] == code].sort_values(["share", group], ascending=[False, True])
        hi, lo = rows.iloc[0], rows.iloc[-1]
        sentences = [
            f"{bloc.label(hi[group])} {who} {verb} {_lower(code_label(code))} in "
            f"{share_phrase(int(hi['count']), int(hi['n']))}; {bloc.label(lo[group])} {who} in "
            f"{short_share(int(lo['count']), int(lo['n']))}."
        ]
    table = present.pivot_table(index=group, columns=code_column, values="count", aggfunc="sum", observed=True)
    test = independence_test(table.fillna(0).to_numpy())
    sentences.append(chance_sentence(test.p_value, int(groups["n"].min()), "the differences between blocs"))
    return [s for s in sentences if s]


def top_per_group(long: pd.DataFrame, code_column: str, vocabulary: str, codebook: Codebook | None = None) -> str:
    """One sentence: each bloc's most used code, with its count of N (ties named together).

    >>> long = pd.DataFrame({"bloc": ["russian"] * 2, "frame": ["aggression", "civilian_harm"],
    ...                      "count": [2, 2], "n": [4, 4], "share": [0.5, 0.5]})
    >>> top_per_group(long, "frame", "frame")
    'Most used, by bloc: Russian, aggression and harm to civilians (tied, 2 of 4 statements each).'
    """
    cb = _codebook(codebook)
    parts = []
    for g, rows in long[long["n"] > 0].groupby("bloc", sort=False, observed=True):
        best = rows[rows["count"] == rows["count"].max()]
        names = [_lower(cb.vocabularies[vocabulary].label(c)) for c in best[code_column]]
        k, n = int(best["count"].iloc[0]), int(best["n"].iloc[0])
        tied = f"{', '.join(names[:-1])} and {names[-1]} (tied, " if len(names) > 1 else f"{names[0]} ("
        each = " each" if len(names) > 1 else ""
        parts.append(f"{cb.vocabularies['bloc'].label(g)}, {tied}{number(k)} of {plural(n, 'statement')}{each})")
    return "Most used, by bloc: " + "; ".join(parts) + "." if parts else ""


def framing_findings(
    statements: pd.DataFrame, bloc_column: str = "outlet_bloc", scope: str = "the events", codebook=None
) -> Findings:
    """Notebook 02 (and a brief): which frame each bloc used most, where blocs differ most, and whether the
    difference is beyond chance."""
    from framelens.framing import frame_shares

    shares = frame_shares(statements, bloc_column, codebook=codebook)
    groups = _groups(shares, "bloc")
    if groups.empty:
        return Findings(["There are no statements to compare."])
    total = int(groups["n"].sum())
    lead = (
        f"There is a single statement on {scope}."
        if total == 1
        else f"The {plural(total, 'statement')} on {scope} come from {plural(len(groups), 'bloc')}."
    )
    compared = compare_shares(
        shares, "frame", "frame", verb=f"framed {scope} as", who=members(bloc_column), codebook=codebook
    )
    return Findings([s for s in [lead, *compared, top_per_group(shares, "frame", "frame", codebook)] if s][:5])


def naming_findings(statements: pd.DataFrame, bloc_column: str = "outlet_bloc", codebook=None) -> Findings:
    """Notebook 03: how far each bloc's words for the central actor were delegitimising, and the word it used most."""
    from framelens.naming import label_counts, valence_shares

    shares = valence_shares(statements, bloc_column, codebook=codebook)
    groups = _groups(shares, "bloc")
    if groups.empty:
        return Findings(["No statement names the central actor, so there are no words to compare."])
    total = int(groups["n"].sum())
    lead = f"{plural(total, 'statement')} {'names' if total == 1 else 'name'} the central actor."
    compared = compare_shares(
        shares,
        "label_valence",
        "label_valence",
        verb="used words that were",
        who=members(bloc_column),
        codebook=codebook,
    )
    labels = label_counts(statements, bloc_column)
    words = []
    cb = _codebook(codebook)
    for g, rows in labels.groupby("bloc", sort=False, observed=True):
        top = rows.sort_values(["count", "label"], ascending=[False, True]).iloc[0]
        spelling = str(top["originals"]).split(";")[0].strip()
        ties = int((rows["count"] == top["count"]).sum()) - 1
        tied = f", tied with {plural(ties, 'other')}" if ties else ""
        words.append(f"{cb.label('bloc', g)}, “{spelling}” ({number(top['count'])} of {number(top['n'])}{tied})")
    said = ["The word each bloc used most: " + "; ".join(words) + "."] if words else []
    return Findings([s for s in [lead[:1].upper() + lead[1:], *compared, *said] if s][:5])


def claims_findings(statements: pd.DataFrame, claims: pd.DataFrame | None, codebook=None) -> Findings:
    """Notebook 04: how many claims, what the verdicts were, the most contested claim, and the source with the
    longest record of claims that proved right or wrong."""
    from framelens.claims import claim_ledger
    from framelens.credibility import corroboration, track_record

    if claims is None or claims.empty:
        return Findings(["The dataset has no claims, so there is nothing to say about who asserted what."])
    cb = _codebook(codebook)
    ledger = claim_ledger(statements, claims)
    by_stance = ledger.groupby("stance", observed=True)["n"].sum()
    stances = ", ".join(
        f"{number(by_stance.get(code, 0))} {_lower(cb.label('stance', code))}" for code in cb.codes("stance")
    )
    sentences = [
        f"{plural(int(by_stance.sum()), 'statement')} took a stance on the {plural(len(claims), 'claim')}: {stances}.",
    ]
    verdicts = claims["verdict"].astype(object).dropna().value_counts()
    if len(verdicts):
        listed = ", ".join(
            f"{number(verdicts[c])} {_lower(cb.label('verdict', c))}" for c in cb.codes("verdict") if c in verdicts
        )
        sentences.append(f"What public reporting established, for {plural(int(verdicts.sum()), 'claim')}: {listed}.")
    cor = corroboration(statements, claims)
    contested = cor[(cor["n_asserts"] > 0) & (cor["n_denies"] > 0)]
    if len(contested):
        key = np.minimum(contested["n_asserts"], contested["n_denies"])
        row = contested.loc[key.sort_values(ascending=False, kind="stable").index[0]]
        sentences.append(
            f"The most contested claim, “{row['claim']}”, was asserted in {plural(int(row['n_asserts']), 'statement')} "
            f"and denied in {number(row['n_denies'])}."
        )
    record = track_record(statements, claims)  # by outlet, in its own voice, one vote per claim
    scored = record[record["claims"] > 0]
    if len(scored):
        top = scored.iloc[0]
        k, n = int(top["k"]), int(top["claims"])
        low, high = wilson_interval(k, n)
        hedge = " With so few, the share is uncertain." if n < SMALL_N else ""
        sentences.append(
            f"In its own voice, {top['outlet']} has the longest record: on {plural(n, 'settled claim')} it took a "
            f"side on, it was borne out on {number(k)} ({percent(k / n)}, 95% interval {interval(low, high)}).{hedge}"
        )
    return Findings(sentences[:5])


def sourcing_findings(statements: pd.DataFrame, events: pd.DataFrame | None = None, codebook=None) -> Findings:
    """Notebook 05: which bloc's outlets relayed others most and least, how often they hedged, and who spoke first."""
    from framelens.sourcing import sourcing_shares

    shares = sourcing_shares(statements).reset_index()
    shares = shares[shares["n"] > 0]
    if shares.empty:
        return Findings(["There are no statements to compare."])
    long = pd.DataFrame(
        {
            "bloc": np.repeat(shares["bloc"].to_numpy(), 2),
            "kind": ["relayed", "own"] * len(shares),
            "count": np.column_stack([shares["n_relayed"], shares["n_own"]]).ravel(),
            "n": np.repeat(shares["n"].to_numpy(), 2),
        }
    )
    long["share"] = long["count"] / long["n"]
    sentences = []
    if len(shares) == 1:
        row = shares.iloc[0]
        sentences.append(
            f"Only {_codebook(codebook).label('bloc', row['bloc'])} outlets have statements here; they relayed "
            f"others in {share_phrase(int(row['n_relayed']), int(row['n']))}."
        )
    elif not shares["n_relayed"].any():
        sentences.append("No statement credits a cited source, so relaying cannot be compared between blocs.")
    else:
        relayed = long[long["kind"] == "relayed"].sort_values(["share", "bloc"], ascending=[False, True])
        hi, lo = relayed.iloc[0], relayed.iloc[-1]
        cb = _codebook(codebook)
        sentences.append(
            f"{cb.label('bloc', hi['bloc'])} outlets relayed someone else in "
            f"{share_phrase(int(hi['count']), int(hi['n']))}; {cb.label('bloc', lo['bloc'])} outlets in "
            f"{short_share(int(lo['count']), int(lo['n']))}."
        )
        test = independence_test(shares[["n_own", "n_relayed"]].to_numpy())
        sentences.append(chance_sentence(test.p_value, int(shares["n"].min()), "the differences between blocs"))
    stance = shares[shares["n_with_stance"] > 0]
    if len(stance):
        top = stance.sort_values(["share_hedged", "bloc"], ascending=[False, True]).iloc[0]
        most = " most" if len(shares) > 1 else ""
        sentences.append(
            f"{_codebook(codebook).label('bloc', top['bloc'])} outlets hedged{most}: "
            f"{share_phrase(int(top['n_hedged']), int(top['n_with_stance']))} that took a stance on a claim "
            "attributed it to someone else or questioned it."
        )
    if events is not None and len(events):
        sentences.append(first_speaker_sentence(statements, events, codebook))
    return Findings([s for s in sentences if s][:5])


def first_speaker_sentence(statements: pd.DataFrame, events: pd.DataFrame, codebook=None) -> str:
    """Which speaker bloc spoke first (or tied first) in the most events."""
    from framelens.timeline import first_statements

    first = first_statements(statements, events)
    n_events = first["event_id"].nunique()
    first = first[first["lag_hours"] == first.groupby("event_id")["lag_hours"].transform("min")]  # lags: from the start
    if not n_events:
        return ""
    cb = _codebook(codebook)
    counts = first.drop_duplicates(["event_id", "bloc"])["bloc"].astype(object).value_counts()
    best = [b for b in cb.codes("bloc") if counts.get(b, 0) == counts.max()]
    labels = [cb.label("bloc", b) for b in best]
    names = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    if n_events == 1:
        first_to = "spoke first" if len(labels) == 1 else "tied for first, at the same recorded time"
        return f"{names} speakers {first_to} (by publication time as recorded)."
    return (
        f"{names} speakers spoke first, or tied for first, in {number(counts.max())} of "
        f"{plural(int(n_events), 'event')} (by publication time as recorded)."
    )


def agreement_findings(table: pd.DataFrame | None) -> Findings:
    """Notebook 06: the variable coders agreed on most and least, with alpha's interval and the sample size."""
    if table is None or table.empty or table["alpha"].isna().all():
        return Findings(["There is no double-coded sample, so how far coders agree cannot be measured."])
    rows = table.dropna(subset=["alpha"]).sort_values(["alpha", "variable"], ascending=[False, True])

    def one(row) -> str:
        return (
            f"{str(row['variable']).replace('_', ' ')} (alpha {row['alpha']:.2f}, 95% interval "
            f"{interval(row['ci_low'], row['ci_high'], as_percent=False)}, {plural(int(row['n_units']), 'statement')}, "
            f"{row['verdict']})"
        )

    reliable = int((rows["verdict"] == "reliable").sum())
    sentences = [f"{number(reliable)} of {plural(len(rows), 'coded variable')} reach the reliable level (alpha 0.80)."]
    sentences.append(f"Coders agreed most on {one(rows.iloc[0])}.")
    if len(rows) > 1:
        sentences.append(f"They agreed least on {one(rows.iloc[-1])}.")
    small = rows[rows["n_units"] < SMALL_N]
    if len(small):
        names = ", ".join(str(v).replace("_", " ") for v in small["variable"])
        sentences.append(f"Few statements were double-coded for {names}, so those intervals are wide.")
    return Findings(sentences[:5])


def overview_findings(ds, bloc_column: str = "outlet_bloc") -> Findings:
    """Notebook 01 and the index: how many statements, from which blocs and outlets, on how many events, when."""
    from framelens.overview import coverage_by_event

    st = ds.statements
    if st.empty:
        return Findings(["The dataset has no statements."])
    cb = ds.codebook
    by_event = coverage_by_event(ds, bloc_column)
    per_bloc = by_event.drop(columns="total").sum()
    per_bloc = per_bloc[per_bloc > 0]
    first, last = _day(st["published_at"].min()), _day(st["published_at"].max())
    sentences = [
        f"The dataset holds {plural(len(st), 'statement')} from {plural(st['outlet'].nunique(), 'outlet')} on "
        f"{plural(len(by_event), 'event')}, published "
        + (f"on {first}." if first == last else f"between {first} and {last}.")
    ]
    if len(per_bloc) > 1:
        lo, hi = per_bloc.idxmin(), per_bloc.idxmax()
        sentences.append(
            f"Blocs are unevenly covered: from {plural(int(per_bloc[lo]), 'statement')} ({cb.label('bloc', lo)} "
            f"{members(bloc_column)}) to {number(per_bloc[hi])} ({cb.label('bloc', hi)} {members(bloc_column)})."
        )
    totals = by_event["total"].sort_values(kind="stable")
    if len(totals) == 1:
        sentences.append("With one event, nothing here compares events; a bloc's share moves a lot with one statement.")
    else:
        sentences.append(
            f"The best-covered event has {plural(int(totals.iloc[-1]), 'statement')}, the thinnest "
            f"{number(totals.iloc[0])}; a bloc's share on a thin event moves a lot with one statement."
        )
    sentences.append(
        "These are the statements collected, not everything published: counts describe the sample, "
        "not each bloc's whole output."
    )
    return Findings(sentences)


def _day(stamp) -> str:
    return "" if pd.isna(stamp) else pd.Timestamp(stamp).strftime("%d %B %Y").lstrip("0")


def brief_findings(ds, event: str) -> Findings:
    """Notebook 07, one event: its statements and blocs, where the blocs' framing differs most and whether that is
    beyond chance, and who spoke first."""
    from framelens.events import event_statements

    st = event_statements(ds, event)
    framing = framing_findings(st, scope="the event", codebook=ds.codebook).sentences[:3]
    first = first_speaker_sentence(st, ds.events, ds.codebook) if ds.events is not None and len(st) else ""
    return Findings([s for s in [*framing, first] if s][:5])


def dataset_findings(ds) -> Findings:
    """The index page: the dataset's headline findings (coverage, framing across all events, coder agreement)."""
    cover = overview_findings(ds).sentences[:1]
    framing = framing_findings(ds.statements, codebook=ds.codebook).sentences[1:3]
    agree = []
    if ds.reliability is not None and len(ds.reliability):
        from framelens.agreement import agreement_table

        agree = agreement_findings(agreement_table(ds.reliability, ds.codebook, n_boot=200)).sentences[:1]
    return Findings([*cover, *framing, *agree][:5])
