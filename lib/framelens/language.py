"""How statements reached the dataset: quote language and verbatim / translation / paraphrase, per bloc.

Cross-language comparison rests on the coders' tags, not on the words; this table shows how
much of each bloc's material is translated or paraphrased.

>>> quote_mix(ds.statements).columns[:2].tolist()
[('', 'N'), ('quote_language', 'en')]
"""

from __future__ import annotations

import pandas as pd

from framelens.codebook import Codebook, check_bloc_column, codes_for


def quote_mix(statements: pd.DataFrame, bloc_column: str = "outlet_bloc", *, codebook: Codebook | None = None,
              decimals: int = 3) -> pd.DataFrame:
    """Per bloc with statements: N, counts per quote_language (alphabetical) and quote_type (codebook order), and the share not verbatim.

    >>> int(quote_mix(ds.statements).loc["russian", ("quote_type", "translation")])
    3
    """
    check_bloc_column(bloc_column)
    bloc = statements[bloc_column].astype(object)
    blocs = [b for b in codes_for(statements[bloc_column], "bloc", codebook) if (bloc == b).any()]
    lang = pd.crosstab(bloc, statements["quote_language"].astype(object)).reindex(index=blocs, fill_value=0)
    lang = lang.reindex(columns=sorted(lang.columns), fill_value=0)
    qtype = pd.crosstab(bloc, statements["quote_type"].astype(object)).reindex(index=blocs, columns=codes_for(statements["quote_type"], "quote_type", codebook), fill_value=0)
    n = bloc.value_counts().reindex(blocs, fill_value=0)
    out = pd.concat({"": pd.DataFrame({"N": n}), "quote_language": lang, "quote_type": qtype}, axis=1).astype(int)
    not_verbatim = (n - qtype["verbatim"]) / n.where(n > 0)
    out[("quote_type", "share_not_verbatim")] = not_verbatim.fillna(0.0).round(decimals)
    out.index.name = "bloc"
    out.columns.names = [None, None]
    return out
