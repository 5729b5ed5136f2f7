"""The codebook: tables, columns, types and allowed values, read from ``codebook.yml``.

A dataset folder's own ``codebook.yml`` is an overlay: it only adds values to the shipped vocabularies (each with a
``definition``, optionally a ``colour`` and a ``label``) and is merged into the shipped codebook. It may not change
tables, column types, keys or file names (a ``tables:`` section must match the shipped one exactly), so key
columns keep the id rule and every table is read from the dataset folder. The file is read safely: at most
``MAX_CODEBOOK_BYTES``, no anchors or aliases (so no alias bomb), no Python tags; every mistake is one
``CodebookError`` naming the file and line.

>>> cb = load_codebook()
>>> cb.vocabularies["bloc"].codes[:2]
['ukrainian', 'russian']
>>> cb.tables["statements"].columns["frame"].vocabulary
'frame'
>>> cb.label("bloc", "russian_independent")
'Independent Russian'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import yaml

# The shipped codebook is package data (in a checkout, a link to data/codebook.yml, its one source).
DEFAULT_CODEBOOK = Path(str(files("framelens.dataset") / "codebook.yml")).resolve()
CODEBOOK_FILE = "codebook.yml"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # LibYAML when PyYAML has it: 10x faster

MAX_CODEBOOK_BYTES = 256 * 1024
VALUE_KEYS = ("definition", "colour", "label")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")

OVERLAY_TEMPLATE = """\
# This dataset's additions to the FrameLens codebook. It is an overlay: merged into the shipped codebook, it may
# only add allowed values, each with a one-line definition (and optionally a colour and a label), for example:
#
# vocabularies:
#   bloc:
#     values:
#       belarusian:
#         definition: Belarusian state bodies, officials and state media.
#         colour: "#332288"  # optional: a bloc without one gets the next colour-blind-safe colour
#
# Tables, columns, types, keys and file names cannot be changed here. Then run `framelens docs` on this folder.
vocabularies: {}
"""

COLUMN_TYPES = ("id", "text", "enum", "enum_list", "date", "datetime", "number", "language", "url")


class CodebookError(ValueError):
    """The codebook itself is malformed (a programming or editing error, not a data error); ``path`` and ``line``
    say where (line None when the whole file is wrong)."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.path, self.line, self.reason = path, line, message

    def __str__(self) -> str:
        if self.path is None:
            return self.reason
        return f"{self.path}{f' line {self.line}' if self.line else ''}: {self.reason}"


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


def read_yaml(path: str | Path) -> tuple[object, dict[tuple, int]]:
    """The data of a YAML file and the line of every mapping key in it (key path -> line), read safely: a size
    limit, anchors and aliases refused before anything is built, only plain YAML types; any error is a
    CodebookError with the file and line.

    >>> import tempfile
    >>> bomb = Path(tempfile.mkdtemp()) / "codebook.yml"
    >>> _ = bomb.write_text('a: &a ["x", "x"]\\nb: [*a, *a]\\n', encoding="utf-8")
    >>> read_yaml(bomb)
    Traceback (most recent call last):
    ...
    framelens.dataset.codebook.CodebookError: ...codebook.yml line 1: uses a YAML anchor (&a); a codebook may not ...
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_CODEBOOK_BYTES:
            raise CodebookError(f"is {size} bytes; a codebook may be at most {MAX_CODEBOOK_BYTES} bytes", path)
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodebookError(f"is not UTF-8 text (byte {exc.start})", path) from None
    except OSError as exc:
        raise CodebookError(f"cannot be read ({exc.strerror})", path) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise CodebookError("is empty; an overlay codebook lists the values it adds under vocabularies:", path)
    try:
        for event in yaml.parse(text, Loader=_YAML_LOADER):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                kind = "alias (*" if isinstance(event, yaml.AliasEvent) else "anchor (&"
                raise CodebookError(
                    f"uses a YAML {kind}{anchor}); a codebook may not use anchors or aliases, write each value out",
                    path,
                    event.start_mark.line + 1,
                )
        lines: dict[tuple, int] = {}
        _key_lines(yaml.compose(text, Loader=_YAML_LOADER), (), lines)
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if "python/" in str(exc):
            problem = f"{problem}; a codebook holds plain values only, no Python tags"
        raise CodebookError(f"is not valid YAML: {problem}", path, mark.line + 1 if mark else None) from None
    return data, lines


def _key_lines(node: yaml.Node, at: tuple, lines: dict[tuple, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*at, key.value)
            lines[here] = key.start_mark.line + 1
            _key_lines(value, here, lines)


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read a complete codebook YAML file (default: the shipped codebook, ``data/codebook.yml`` in a checkout)."""
    path = Path(path) if path else DEFAULT_CODEBOOK
    return _build(_raw(path), path)


def _raw(path: Path) -> dict:
    """The data of a complete codebook: the shipped one (trusted, read fast), or any other read safely."""
    if path.resolve() == DEFAULT_CODEBOOK:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    raw, _ = read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("vocabularies"), dict) or "tables" not in raw:
        raise CodebookError("is not a complete codebook (vocabularies: and tables:)", path)
    return raw


def _build(raw: dict, path: Path) -> Codebook:
    for name, spec in raw["vocabularies"].items():
        for code in spec["values"]:
            if not isinstance(code, str):
                raise CodebookError(
                    f"{path}: vocabulary {name!r} has the value {code!r}, which YAML read as a {type(code).__name__}; "
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
    """The codebook a dataset folder uses: the shipped one, with the folder's own ``codebook.yml`` merged in as an
    overlay when it has one (see the module docstring)."""
    own = Path(folder) / CODEBOOK_FILE
    if not own.is_file() or own.resolve() == DEFAULT_CODEBOOK:
        return load_codebook()
    return load_overlay(own)


def load_overlay(path: str | Path, base_path: str | Path | None = None) -> Codebook:
    """The shipped codebook (or ``base_path``) with the additions of the overlay file ``path`` merged in.

    >>> import tempfile
    >>> own = Path(tempfile.mkdtemp()) / "codebook.yml"
    >>> _ = own.write_text("vocabularies:\\n  bloc:\\n    values:\\n      belarusian:\\n"
    ...                    "        definition: Belarusian state bodies and media.\\n", encoding="utf-8")
    >>> load_overlay(own).codes("bloc")[-2:]
    ['other', 'belarusian']
    """
    path = Path(path)
    base_path = Path(base_path) if base_path else DEFAULT_CODEBOOK
    base = _raw(base_path)
    overlay, lines = read_yaml(path)

    def fail(message: str, *at: str) -> CodebookError:
        for depth in range(len(at), 0, -1):
            if at[:depth] in lines:
                return CodebookError(message, path, lines[at[:depth]])
        return CodebookError(message, path)

    if not isinstance(overlay, dict):
        raise fail(f"holds a {type(overlay).__name__}, not a mapping; an overlay lists additions under vocabularies:")
    for key in overlay:
        if key not in ("codebook_version", "vocabularies", "tables"):
            raise fail(
                f"{key!r} is not a codebook section; an overlay may hold vocabularies: (and an unchanged "
                "tables: or codebook_version:)",
                key,
            )
    if "tables" in overlay:
        _check_same(overlay["tables"], base["tables"], ("tables",), fail)
    merged = {**base, "vocabularies": {k: {**v, "values": dict(v["values"])} for k, v in base["vocabularies"].items()}}
    additions = overlay.get("vocabularies") or {}
    if not isinstance(additions, dict):
        raise fail("vocabularies: must map vocabulary names to their added values", "vocabularies")
    for name, spec in additions.items():
        at = ("vocabularies", name)
        if name not in merged["vocabularies"]:
            raise fail(
                f"{name!r} is not a vocabulary of the codebook (it has {', '.join(merged['vocabularies'])}); "
                "an overlay only adds values to these",
                *at,
            )
        if not isinstance(spec, dict) or set(spec) - {"values", "ordered"}:
            raise fail(f"vocabulary {name!r}: an overlay gives only its added values: (under values:)", *at)
        if "ordered" in spec and bool(spec["ordered"]) != bool(base["vocabularies"][name].get("ordered", False)):
            raise fail(f"vocabulary {name!r}: an overlay may not change whether it is ordered", *at, "ordered")
        target, base_values = merged["vocabularies"][name]["values"], base["vocabularies"][name]["values"]
        for code, body in (spec.get("values") or {}).items():
            where = (*at, "values", code)
            if not isinstance(code, str) or not code.strip():
                raise fail(f'vocabulary {name!r}: the value {code!r} is not text; quote it ("{code}")', *where)
            if code in target:
                if body == target[code]:
                    continue  # a copy of a shipped value changes nothing
                raise fail(
                    f"vocabulary {name!r}: {code!r} is already a value (defined otherwise in the shipped "
                    "codebook); an overlay only adds new values",
                    *where,
                )
            if not isinstance(body, dict) or not isinstance(body.get("definition"), str) or not body["definition"]:
                raise fail(f"vocabulary {name!r}: the new value {code!r} needs a one-line definition: ", *where)
            known = [*VALUE_KEYS, *sorted({k for v in base_values.values() for k in (v or {})} - set(VALUE_KEYS))]
            unknown = set(body) - set(known)
            if unknown:
                raise fail(
                    f"vocabulary {name!r}, value {code!r}: {', '.join(map(repr, sorted(unknown)))} is not "
                    f"one of {', '.join(known)}",
                    *where,
                    sorted(unknown)[0],
                )
            if "colour" in body and not _COLOUR.fullmatch(str(body["colour"])):
                raise fail(
                    f"vocabulary {name!r}, value {code!r}: colour {body['colour']!r} is not a #RRGGBB colour",
                    *where,
                    "colour",
                )
            target[code] = body
    return _build(merged, path)


def _check_same(mine: object, shipped: object, at: tuple, fail) -> None:
    """Raise (through ``fail``) where an overlay's ``tables:`` differs from the shipped one."""
    if isinstance(mine, dict) and isinstance(shipped, dict):
        for key in mine:
            if key not in shipped:
                raise fail(
                    f"{'.'.join(map(str, (*at[1:], key)))} is not in the shipped codebook; an overlay may not "
                    "add or change tables, columns, types, keys or file names",
                    *at,
                    key,
                )
            _check_same(mine[key], shipped[key], (*at, key), fail)
        missing = [k for k in shipped if k not in mine]
        if missing:
            raise fail(
                f"{'.'.join(map(str, at[1:])) or 'tables'} leaves out {', '.join(map(str, missing))}; an "
                "overlay may not change tables: leave the tables section out",
                *at,
            )
    elif mine != shipped:
        raise fail(
            f"{'.'.join(map(str, at[1:]))} is {mine!r} here but {shipped!r} in the shipped codebook; an overlay "
            "may not change tables, columns, types, keys or file names",
            *at,
        )


def dataset_files(folder: str | Path) -> list[Path]:
    """Every file FrameLens reads from a dataset folder (its codebook and each table's file, present or not): no
    command writes one of these.

    >>> [p.name for p in dataset_files("data")][:3]
    ['codebook.yml', 'statements.csv', 'events.csv']
    """
    folder = Path(folder)
    return [folder / CODEBOOK_FILE, *(folder / t.file for t in load_codebook().tables.values())]
