"""Quote language and quote type per bloc, against hand counts."""

from __future__ import annotations

import pandas as pd

import framelens
from framelens.language import quote_mix
from helpers import VALID


def test_quote_mix_on_fixture_hand_counts():
    mix = quote_mix(framelens.load_dataset(VALID).statements)
    assert mix.index.tolist() == ["ukrainian", "russian", "russian_independent", "western", "other"]
    russian = mix.loc["russian"]
    assert russian[("", "N")] == 4 and russian[("quote_language", "ru")] == 1 and russian[("quote_language", "en")] == 3
    assert russian[("quote_type", "translation")] == 3 and russian[("quote_type", "share_not_verbatim")] == 0.75
    assert mix[("quote_type", "paraphrase")].tolist() == [1, 0, 0, 0, 0]


def test_quote_mix_leaves_out_blocs_without_statements_and_uses_chosen_column():
    st = pd.DataFrame(
        {
            "outlet_bloc": ["western", "western"],
            "speaker_bloc": ["russian", "western"],
            "quote_language": ["en", "en"],
            "quote_type": ["translation", "verbatim"],
        }
    )
    mix = quote_mix(st, "speaker_bloc")
    assert mix.index.tolist() == ["russian", "western"]
    assert mix[("quote_type", "share_not_verbatim")].tolist() == [1.0, 0.0]
    assert quote_mix(st)[("", "N")].tolist() == [2]
