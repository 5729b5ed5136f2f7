"""Generated documents are current, and the pip and conda pins agree."""

import json
import re
import tomllib

import yaml

from framelens.dataset.codebook import load_codebook
from framelens.dataset.docsgen import data_dictionary, datapackage
from helpers import ROOT


def test_data_dictionary_is_current():
    committed = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert committed == data_dictionary(load_codebook()), "data/README.md is stale: run `make docs`"


def test_datapackage_is_current_and_lists_every_column():
    committed = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    cb = load_codebook()
    assert committed == datapackage(cb), "data/datapackage.json is stale: run `make docs`"
    statements = next(r for r in committed["resources"] if r["name"] == "statements")
    assert [f["name"] for f in statements["schema"]["fields"]] == list(cb.tables["statements"].columns)
    frame = next(f for f in statements["schema"]["fields"] if f["name"] == "frame")
    assert frame["constraints"]["enum"] == cb.codes("frame")


def test_every_vocabulary_value_has_a_definition_and_frames_map_to_mfc():
    cb = load_codebook()
    for vocab in cb.vocabularies.values():
        for code, body in vocab.values.items():
            assert body.get("definition"), f"{vocab.name}.{code} has no definition"
    for code, body in cb.vocabularies["frame"].values.items():
        assert body.get("mfc_dimension") and body.get("cues"), code


def _lock_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line:
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version.strip()
    return pins


def _conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for p in dep["pip"]:
                if "==" in p:
                    name, version = p.split("==")
                    pins[name.lower()] = version
        elif "=" in dep and not dep.startswith("python="):
            name, version = dep.split("=")
            pins[name.lower()] = version
    return pins


def test_conda_and_pip_pins_agree():
    lock, conda = _lock_pins(), _conda_pins()
    mismatched = {n: (v, lock.get(n)) for n, v in conda.items() if lock.get(n) != v}
    assert not mismatched, f"environment.yml and requirements.lock disagree: {mismatched}"


def test_every_declared_dependency_is_pinned_in_both():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    names = {re.split(r"[<>=\[ ]", d)[0].lower() for d in declared}
    lock, conda = _lock_pins(), _conda_pins()
    assert names - set(lock) == set(), "declared but not in requirements.lock"
    assert names - set(conda) == set(), "declared but not in environment.yml"


def test_lib_is_not_git_ignored():
    gitignore = (ROOT / ".gitignore").read_text().splitlines()
    assert not any(re.fullmatch(r"/?lib/?", line.strip()) for line in gitignore)


def test_unquoted_yaml_booleans_in_a_codebook_are_refused(tmp_path):
    import pytest

    from framelens.dataset.codebook import CodebookError

    text = (ROOT / "data" / "codebook.yml").read_text(encoding="utf-8").replace('"false":', "false:")
    (tmp_path / "codebook.yml").write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError, match="quote it"):
        load_codebook(tmp_path / "codebook.yml")
    assert "false" in load_codebook().codes("verdict")
