"""The codebook: tables, columns, types and allowed values, read from ``codebook.yml``.

>>> cb = load_codebook()
>>> cb.vocabularies["bloc"].codes[:2]
['ukrainian', 'russian']
>>> cb.tables["statements"].columns["frame"].vocabulary
'frame'
>>> cb.label("bloc", "russian_independent")
'Independent Russian'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import yaml

# The shipped codebook is package data (in a checkout, a link to data/codebook.yml, its one source).
DEFAULT_CODEBOOK = Path(str(files("framelens.dataset") / "codebook.yml")).resolve()
CODEBOOK_FILE = "codebook.yml"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # LibYAML when PyYAML has it: 10x faster

COLUMN_TYPES = ("id", "text", "enum", "enum_list", "date", "datetime", "number", "language", "url")


class CodebookError(ValueError):
    """The codebook itself is malformed (a programming or editing error, not a data error)."""


@dataclass(frozen=True)
class Vocabulary:
    """An allowed-value list: codes in codebook order, each with a definition and extras."""

    name: str
    ordered: bool
    values: dict[str, dict[str, str]]

    @property
    def codes(self) -> list[str]:
        return list(self.values)

    def definition(self, code: str) -> str:
        return self.values[code]["definition"]

    def label(self, code: str) -> str:
        """What readers see for a code: its ``label`` in the codebook, else the code humanised.

        >>> Vocabulary("v", False, {"likely_true": {}, "a": {"label": "Alpha"}}).label("likely_true")
        'Likely true'
        """
        body = self.values.get(code) or {}
        return body.get("label") or humanise(code)

    @property
    def labels(self) -> dict[str, str]:
        """Every code's label, in codebook order."""
        return {code: self.label(code) for code in self.values}


def humanise(code: str) -> str:
    """A code as words, for a value the codebook gives no label.

    >>> humanise("likely_true"), humanise("self-defense"), humanise("A")
    ('Likely true', 'Self defense', 'A')
    """
    words = str(code).replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class Column:
    """One column of a table and the rules its values follow."""

    name: str
    type: str
    required: bool = False
    description: str = ""
    vocabulary: str | None = None
    references: str | None = None
    required_with: str | None = None
    only_with: str | None = None
    max_words: int | None = None
    max_chars: int = 10_000


@dataclass(frozen=True)
class Table:
    """One CSV file of a dataset folder."""

    name: str
    file: str
    required: bool
    description: str
    primary_key: tuple[str, ...]
    columns: dict[str, Column]
    codable: tuple[str, ...] = ()

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns.values() if c.required]


@dataclass(frozen=True)
class Codebook:
    """All vocabularies and tables, plus the path the codebook was read from."""

    version: str
    vocabularies: dict[str, Vocabulary]
    tables: dict[str, Table]
    path: Path = field(default=DEFAULT_CODEBOOK)

    def codes(self, vocabulary: str) -> list[str]:
        """Allowed codes of a vocabulary, in codebook order."""
        return self.vocabularies[vocabulary].codes

    def column(self, table: str, column: str) -> Column:
        return self.tables[table].columns[column]

    def label(self, vocabulary: str, value: str) -> str:
        """The reader's label of one value of a vocabulary (a code not in it is humanised).

        >>> load_codebook().label("verdict", "likely_true")
        'Likely true'
        """
        return self.vocabularies[vocabulary].label(str(value))

    def bloc_colours(self) -> dict[str, str]:
        """The fixed, colour-blind-safe colour of every bloc."""
        return {code: v["colour"] for code, v in self.vocabularies["bloc"].values.items()}


def _column(name: str, spec: dict) -> Column:
    ctype = spec.get("type")
    if ctype not in COLUMN_TYPES:
        raise CodebookError(f"column {name!r}: type {ctype!r} is not one of {COLUMN_TYPES}")
    return Column(
        name=name,
        type=ctype,
        required=bool(spec.get("required", False)),
        description=str(spec.get("description", "")),
        vocabulary=spec.get("vocabulary"),
        references=spec.get("references"),
        required_with=spec.get("required_with"),
        only_with=spec.get("only_with"),
        max_words=spec.get("max_words"),
        max_chars=int(spec.get("max_chars", 10_000)),
    )


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read a codebook YAML file (default: the shipped codebook, ``data/codebook.yml`` in a checkout)."""
    path = Path(path) if path else DEFAULT_CODEBOOK
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    for name, spec in raw["vocabularies"].items():
        for code in spec["values"]:
            if not isinstance(code, str):
                raise CodebookError(
                    f'{path}: vocabulary {name!r} has the value {code!r}, which YAML read as a {type(code).__name__}; '
                    f'quote it ("{code}")'
                )
    vocabularies = {
        name: Vocabulary(
            name=name,
            ordered=bool(spec.get("ordered", False)),
            values={str(code): {k: str(v) for k, v in (body or {}).items()} for code, body in spec["values"].items()},
        )
        for name, spec in raw["vocabularies"].items()
    }
    tables = {}
    for tname, spec in raw["tables"].items():
        columns = {cname: _column(cname, cspec) for cname, cspec in spec["columns"].items()}
        for col in columns.values():
            if col.vocabulary and col.vocabulary not in vocabularies:
                raise CodebookError(f"{tname}.{col.name}: unknown vocabulary {col.vocabulary!r}")
        pk = spec.get("primary_key", [])
        tables[tname] = Table(
            name=tname,
            file=spec["file"],
            required=bool(spec.get("required", False)),
            description=str(spec.get("description", "")),
            primary_key=tuple([pk] if isinstance(pk, str) else pk),
            columns=columns,
            codable=tuple(spec.get("codable", ())),
        )
    return Codebook(version=str(raw.get("codebook_version", "")), vocabularies=vocabularies, tables=tables, path=path)


BLOC_COLUMNS = ("outlet_bloc", "speaker_bloc")


def check_bloc_column(bloc_column: str) -> None:
    """Raise ValueError unless ``bloc_column`` names a bloc column of statements."""
    if bloc_column not in BLOC_COLUMNS:
        raise ValueError(f"bloc_column must be one of {BLOC_COLUMNS}, not {bloc_column!r}")


def codes_for(values, vocabulary: str, codebook: Codebook | None = None) -> list[str]:
    """Allowed codes for a column: its categories when it came from the loader (so a dataset's own
    codebook.yml counts), else the given or default codebook's codes, in codebook order.

    >>> import pandas as pd
    >>> codes_for(pd.Series(pd.Categorical(["b"], categories=["a", "b", "new"])), "bloc")
    ['a', 'b', 'new']
    >>> codes_for(pd.Series(["russian"]), "bloc")[:2]
    ['ukrainian', 'russian']
    """
    if hasattr(values, "cat"):
        return [str(c) for c in values.cat.categories]
    return (codebook or load_codebook()).codes(vocabulary)


def codebook_for(folder: str | Path) -> Codebook:
    """The codebook a dataset folder uses: its own ``codebook.yml`` if it has one, else the default."""
    own = Path(folder) / CODEBOOK_FILE
    return load_codebook(own if own.is_file() else None)
