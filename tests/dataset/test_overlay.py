"""A dataset's own codebook.yml is an overlay (issue 14): it adds values, changes nothing else, and every bad file is
one clear message naming the file and line, fast."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from framelens.charts.style import EXTENSION_COLOURS, bloc_colours
from framelens.cli import main
from framelens.dataset.codebook import MAX_CODEBOOK_BYTES, codebook_for, load_codebook
from framelens.dataset.loader import load_dataset
from helpers import rewrite_cell

BELARUSIAN = """\
vocabularies:
  bloc:
    values:
      belarusian:
        definition: Belarusian state bodies, officials and state media.
"""


def test_a_partial_overlay_adds_a_value_and_the_data_may_use_it(valid_copy, capsys):
    (valid_copy / "codebook.yml").write_text(BELARUSIAN, encoding="utf-8")
    rewrite_cell(valid_copy / "statements.csv", 0, "speaker_bloc", "belarusian")
    assert main(["validate", str(valid_copy)]) == 0
    ds = load_dataset(valid_copy)
    assert ds.codebook.codes("bloc") == [*load_codebook().codes("bloc"), "belarusian"]
    assert ds.codebook.tables == load_codebook().tables  # the tables are the shipped ones
    assert bloc_colours(ds.codebook)["belarusian"] == EXTENSION_COLOURS[0]  # no colour given: the first spare one
    assert bloc_colours(ds.codebook)["russian"] == "#D55E00"


def test_the_template_writes_an_overlay_that_validates(tmp_path, capsys):
    folder = tmp_path / "mine"
    assert main(["template", str(folder)]) == 0
    assert codebook_for(folder) == replace(load_codebook(), path=folder / "codebook.yml")  # adds nothing


BAD = {
    "type-of-a-key": (
        "tables:\n  statements:\n    columns:\n      event_id:\n        type: text\n",
        5,
        "statements.columns.event_id.type is 'text' here but 'id' in the shipped codebook; an overlay may not "
        "change tables, columns, types, keys or file names",
    ),
    "file-outside": (
        "vocabularies: {}\ntables:\n  statements:\n    file: /etc/passwd\n",
        4,
        "statements.file is '/etc/passwd' here but 'statements.csv' in the shipped codebook",
    ),
    "ordered-changed": (
        "vocabularies:\n  bloc:\n    ordered: true\n",
        3,
        "vocabulary 'bloc': an overlay may not change whether it is ordered",
    ),
    "existing-value": (
        "vocabularies:\n  bloc:\n    values:\n      russian:\n        definition: changed\n",
        4,
        "vocabulary 'bloc': 'russian' is already a value (defined otherwise in the shipped codebook); an overlay "
        "only adds new values",
    ),
    "no-definition": (
        "vocabularies:\n  frame:\n    values:\n      new_frame: {}\n",
        4,
        "vocabulary 'frame': the new value 'new_frame' needs a one-line definition:",
    ),
    "unknown-vocabulary": (
        "vocabularies:\n  mood:\n    values:\n      happy:\n        definition: Glad.\n",
        2,
        "'mood' is not a vocabulary of the codebook",
    ),
    "bad-colour": (
        "vocabularies:\n  bloc:\n    values:\n      belarusian:\n        definition: B.\n        colour: red\n",
        6,
        "vocabulary 'bloc', value 'belarusian': colour 'red' is not a #RRGGBB colour",
    ),
    "unknown-key": (
        "vocabularies:\n  bloc:\n    values:\n      belarusian:\n        definition: B.\n        shade: dark\n",
        6,
        "vocabulary 'bloc', value 'belarusian': 'shade' is not one of definition, colour, label",
    ),
    "unknown-section": ("columns:\n  x: 1\n", 1, "'columns' is not a codebook section"),
    "python-object": (
        "vocabularies: !!python/object/apply:os.system ['echo pwned']\n",
        1,
        "is not valid YAML: could not determine a constructor for the tag",
    ),
    "malformed": ("vocabularies:\n  bloc: [unclosed\n", 3, "is not valid YAML:"),
    "empty": ("# nothing yet\n\n", None, "is empty; an overlay codebook lists the values it adds under vocabularies:"),
    "not-a-mapping": ("- a\n- b\n", None, "holds a list, not a mapping"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_overlay_is_one_clear_problem_naming_the_line(valid_copy, capsys, case):
    text, line, message = BAD[case]
    (valid_copy / "codebook.yml").write_text(text, encoding="utf-8")
    assert main(["validate", str(valid_copy)]) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out and "1 problem found" in out
    where = f"codebook.yml line {line}: " if line else "codebook.yml: "
    assert f"  {where}{message}" in out, out


def test_a_changed_key_type_names_the_line_of_the_change(valid_copy, capsys):
    import yaml

    shipped = yaml.safe_load(load_codebook().path.read_text(encoding="utf-8"))
    shipped["tables"]["statements"]["columns"]["event_id"]["type"] = "text"
    text = yaml.safe_dump({"tables": shipped["tables"]}, sort_keys=False)
    (valid_copy / "codebook.yml").write_text(text, encoding="utf-8")
    line = next(
        i
        for i, ln in enumerate(text.splitlines(), 1)
        if "type: text" in ln and "event_id:" in "\n".join(text.splitlines()[i - 3 : i])
    )
    assert main(["validate", str(valid_copy)]) == 1
    out = capsys.readouterr().out
    assert (
        f"  codebook.yml line {line}: statements.columns.event_id.type is 'text' here but 'id' in the shipped "
        "codebook; an overlay may not change tables, columns, types, keys or file names"
    ) in out


def test_an_unchanged_full_copy_is_accepted(valid_copy, capsys):
    (valid_copy / "codebook.yml").write_bytes(load_codebook().path.read_bytes())
    assert main(["validate", str(valid_copy)]) == 0


def test_billion_laughs_fails_fast(valid_copy, capsys):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    (valid_copy / "codebook.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    assert main(["validate", str(valid_copy)]) == 1
    assert time.perf_counter() - started < 5  # generous for a loaded machine; the check itself takes milliseconds
    assert (
        "codebook.yml line 1: uses a YAML anchor (&a); a codebook may not use anchors or aliases, write each value out"
    ) in capsys.readouterr().out


def test_a_codebook_over_the_size_limit_is_refused(valid_copy, capsys):
    (valid_copy / "codebook.yml").write_text("# x\n" * (MAX_CODEBOOK_BYTES // 4 + 1), encoding="utf-8")
    assert main(["validate", str(valid_copy)]) == 1
    assert f"a codebook may be at most {MAX_CODEBOOK_BYTES} bytes" in capsys.readouterr().out


def test_docs_with_a_bad_overlay_is_a_message(tmp_path, capsys):
    folder = tmp_path / "mine"
    assert main(["template", str(folder)]) == 0
    (folder / "codebook.yml").write_text("vocabularies: [\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["docs", str(folder)]) == 1
    assert capsys.readouterr().out.startswith(f"framelens docs: {folder / 'codebook.yml'} line 2: is not valid YAML")
