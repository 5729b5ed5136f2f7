"""How statements reached the dataset: quote language and verbatim / translation / paraphrase, per bloc.

Cross-language comparison rests on the coders' tags, not on the words; this table shows how
much of each bloc's material is translated or paraphrased.

>>> quote_mix(ds.statements).columns[:2].tolist()
[('', 'N'), ('quote_language', 'en')]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens._kernels import column_codes
from framelens.dataset.codebook import Codebook, check_bloc_column, codes_for


def quote_mix(
    statements: pd.DataFrame, bloc_column: str = "outlet_bloc", *, codebook: Codebook | None = None, decimals: int = 3
) -> pd.DataFrame:
    """Per bloc with statements: N, counts per quote_language (alphabetical) and quote_type (codebook order),
    and the share not verbatim.

    >>> int(quote_mix(ds.statements).loc["russian", ("quote_type", "translation")])
    3
    """
    check_bloc_column(bloc_column)
    # counts by bincount over integer codes (the same numbers as crosstabs of the text columns)
    bloc_codes, bloc_values = column_codes(statements[bloc_column])
    per_value = np.bincount(bloc_codes[bloc_codes >= 0], minlength=len(bloc_values))
    blocs = [b for b in codes_for(statements[bloc_column], "bloc", codebook) if per_value[bloc_values == b].sum() > 0]
    row = pd.Index(blocs, dtype=object).get_indexer(pd.Index(bloc_values, dtype=object))
    row = np.append(row, -1)[bloc_codes]  # code -1 (no bloc) -> no row

    def table(column: pd.Series, names: list | None) -> pd.DataFrame:
        codes, values = column_codes(column)
        both = (bloc_codes >= 0) & (codes >= 0)
        if names is None:  # every value seen next to a bloc, sorted
            names = sorted(set(values[np.unique(codes[both])]))
        col = pd.Index(names, dtype=object).get_indexer(pd.Index(values, dtype=object))
        ok = both & (row >= 0)
        c = col[codes[ok]]
        counts = np.bincount(row[ok][c >= 0] * len(names) + c[c >= 0], minlength=len(blocs) * len(names))
        return pd.DataFrame(
            counts.reshape(len(blocs), len(names)).astype(np.int64),
            index=pd.Index(blocs, name=bloc_column),
            columns=pd.Index(names, name=column.name),
        )

    lang = table(statements["quote_language"], None)
    qtype = table(statements["quote_type"], codes_for(statements["quote_type"], "quote_type", codebook))
    n = pd.Series(
        np.bincount(row[row >= 0], minlength=len(blocs)).astype(np.int64),
        index=pd.Index(blocs, name=bloc_column),
        name="count",
    )
    out = pd.concat({"": pd.DataFrame({"N": n}), "quote_language": lang, "quote_type": qtype}, axis=1).astype(int)
    not_verbatim = (n - qtype["verbatim"]) / n.where(n > 0)
    out[("quote_type", "share_not_verbatim")] = not_verbatim.fillna(0.0).round(decimals)
    out.index.name = "bloc"
    out.columns.names = [None, None]
    return out
