"""Documents generated from the codebook: the data dictionary and a Frictionless descriptor.

>>> from framelens.dataset.codebook import load_codebook
>>> "| frame |" in data_dictionary(load_codebook())
True
>>> datapackage(load_codebook())["resources"][0]["path"]
'statements.csv'
"""

from __future__ import annotations

import json
from pathlib import Path

from framelens.dataset.codebook import Codebook
from framelens.dataset.rules import DATE_RE, DATETIME_RE, ID_RE, LANGUAGE_RE, URL_RE, table_columns

HEADER = "<!-- Generated from codebook.yml by `make docs` (framelens docs). Do not edit by hand. -->\n"


def _rule(col, cb: Codebook) -> str:
    if col.vocabulary:
        kind = "one of" if col.type == "enum" else "';'-separated list of"
        return f"{kind} `{col.vocabulary}`"
    return {
        "id": "a letter or digit, then letters, digits, `-`, `_`, `.`",
        "date": "ISO 8601 date `2023-05-22`",
        "datetime": "ISO 8601 date or date-time `2023-05-22T15:20+03:00`",
        "number": "number >= 0",
        "language": "ISO 639-1 code (`en`)",
        "url": "http(s) link",
        "text": "text",
    }[col.type]


def data_dictionary(cb: Codebook) -> str:
    """Markdown: every table, column and allowed value with its label and definition."""
    out = [
        HEADER,
        "# FrameLens data dictionary",
        "",
        f"Codebook version {cb.version}. A dataset is a folder of UTF-8, comma-separated CSV files with a header row.",
        "`statements.csv` is required; the other tables are optional and validated when present.",
        "Required columns are marked **yes**. Extend an allowed-value list by editing `codebook.yml`.",
        "",
    ]
    for table in cb.tables.values():
        out += [
            f"## {table.file}",
            "",
            table.description,
            "",
            f"Primary key: `{' + '.join(table.primary_key)}`. File {'required' if table.required else 'optional'}.",
            "",
            "| column | required | type / allowed | meaning |",
            "|---|---|---|---|",
        ]
        for col in table.columns.values():
            extra = []
            if col.required_with:
                extra.append(f"required when `{col.required_with}` is set")
            if col.references:
                extra.append(f"must exist in `{col.references}`")
            if col.max_words:
                extra.append(f"at most {col.max_words} words")
            meaning = col.description + (" (" + "; ".join(extra) + ")" if extra else "")
            out.append(f"| {col.name} | {'**yes**' if col.required else ''} | {_rule(col, cb)} | {meaning} |")
        if table.codable:
            out += [
                "",
                "Plus any of these statements columns, coded independently by each coder: "
                + ", ".join(f"`{c}`" for c in table.codable)
                + ".",
            ]
        out.append("")
    out += ["# Allowed values", ""]
    for vocab in cb.vocabularies.values():
        extras = sorted({k for v in vocab.values.values() for k in v} - {"definition", "label"})
        out += [
            f"## {vocab.name}",
            "",
            f"{'Ordered (ordinal), low to high as listed' if vocab.ordered else 'Unordered (nominal)'}.",
            "",
            "| value | label | definition |" + "".join(f" {e} |" for e in extras),
            "|---|---|---|" + "---|" * len(extras),
        ]
        for code, body in vocab.values.items():
            out.append(
                f"| `{code}` | {vocab.label(code)} | {body['definition']} |"
                + "".join(f" {body.get(e, '')} |" for e in extras)
            )
        out.append("")
    return "\n".join(out)


_FRICTIONLESS_TYPE = {"number": "number", "date": "date"}
_PATTERN = {"id": ID_RE, "datetime": DATETIME_RE, "language": LANGUAGE_RE, "url": URL_RE, "date": DATE_RE}


def datapackage(cb: Codebook, name: str = "framelens-dataset") -> dict:
    """A Frictionless Data Package descriptor for a dataset folder that follows the codebook."""
    resources = []
    for table in cb.tables.values():
        fields = []
        for col in table_columns(table, cb).values():
            constraints: dict = {}
            if col.required:
                constraints["required"] = True
            if col.type == "enum":
                constraints["enum"] = cb.codes(col.vocabulary)
                categories = [{"value": c, "label": lab} for c, lab in cb.vocabularies[col.vocabulary].labels.items()]
            elif col.type in _PATTERN and col.type != "date":
                constraints["pattern"] = _PATTERN[col.type]
            if col.type == "number":
                constraints["minimum"] = 0
            field = {
                "name": col.name,
                "type": _FRICTIONLESS_TYPE.get(col.type, "string"),
                "description": col.description,
            }
            if col.type == "enum":
                field["categories"] = categories  # Data Package v2: each code with its reader's label
            if constraints:
                field["constraints"] = constraints
            fields.append(field)
        schema: dict = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
        fks = [
            {
                "fields": c.name,
                "reference": {"resource": c.references.split(".")[0], "fields": c.references.split(".")[1]},
            }
            for c in table.columns.values()
            if c.references
        ]
        if fks:
            schema["foreignKeys"] = fks
        resources.append(
            {
                "name": table.name,
                "path": table.file,
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "description": table.description,
                "schema": schema,
            }
        )
    return {"profile": "tabular-data-package", "name": name, "resources": resources}


DOC_FILES = ("README.md", "datapackage.json")


def write_docs(folder: str | Path, cb: Codebook) -> list[Path]:
    """Write README.md (data dictionary) and datapackage.json into a dataset folder (the caller checks that it may:
    ``safewrite.refusal``)."""
    folder = Path(folder)
    readme, package = (folder / name for name in DOC_FILES)
    readme.write_text(data_dictionary(cb), encoding="utf-8")
    package.write_text(json.dumps(datapackage(cb), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [readme, package]
