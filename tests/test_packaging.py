"""A non-editable install cleans like the checkout (issue 13: a wheel had no glossary, so cleaning
silently applied no terms; the distribution name ``toolkit`` belongs to another project).

The wheel is built from the checkout, installed into a fresh virtualenv outside it (the project's
dependencies are borrowed from the running environment through a ``.pth`` line, so nothing is
downloaded), and cleans the seeds from a folder with no ``glossaries/``: the records must equal the
editable install's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, run_cli


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
def test_wheel_installed_outside_the_checkout_cleans_the_seeds_identically(tmp_path):
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                            "-w", str(wheels), str(ROOT)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    if build.returncode != 0 and "bdist_wheel" in build.stderr:
        pytest.skip("the 'wheel' package is missing (pip install '.[test]' brings it)")
    assert build.returncode == 0, build.stderr[-2000:]
    [whl] = wheels.glob("zh_mt_toolkit-*.whl")
    names = zipfile.ZipFile(whl).namelist()
    assert "toolkit/data/glossaries/zh-en/economy.yaml" in names
    shipped = {p.relative_to(ROOT / "glossaries").as_posix() for p in (ROOT / "glossaries").rglob("*.yaml")}
    assert {n.removeprefix("toolkit/data/glossaries/") for n in names if n.startswith("toolkit/data/glossaries/")} == shipped
    # every data file, whatever its kind (rules, scorer weights, the learned lexicon)
    assert {f"toolkit/data/{p.name}" for p in (ROOT / "toolkit" / "data").iterdir() if p.is_file()} <= set(names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    vpy = venv / "bin" / "python"
    site = subprocess.run([str(vpy), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # The dependencies, not the editable toolkit: a path line in a .pth does not run that folder's .pth files.
    Path(site, "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    inst = subprocess.run([sys.executable, "-m", "pip", "--python", str(vpy), "install", "-q", "--no-deps",
                           "--no-index", str(whl)], capture_output=True, text=True, timeout=300)
    assert inst.returncode == 0, inst.stderr[-2000:]

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run([str(vpy), "-c", "import toolkit, toolkit.glossary as g; print(toolkit.__file__); "
                            "print(g.default_glossary_paths())"], capture_output=True, text=True, cwd=work, env=env)
    assert where.returncode == 0, where.stderr
    assert str(ROOT) not in where.stdout.splitlines()[0] and "data/glossaries" in where.stdout, where.stdout

    installed = work / "out.jsonl"
    r = subprocess.run([str(venv / "bin" / "toolkit"), "clean", str(SEEDS), "-o", str(installed)], capture_output=True,
                       text=True, cwd=work, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    editable = tmp_path / "editable.jsonl"
    r = run_cli("clean", str(SEEDS), "-o", str(editable))
    assert r.returncode == 0, r.stderr
    got, want = _records(installed), _records(editable)
    assert any(e["stage"] == "terms" for rec in want for e in rec["edits"]), "the seeds exercise the glossary"
    assert got == want


def test_distribution_name_and_install_hints():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "zh-mt-toolkit"' in text
    hints = [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "toolkit").rglob("*.py")]
    for path in hints:
        body = path.read_text(encoding="utf-8")
        for bad in ("pip install toolkit", "pip install 'toolkit[", 'pip install "toolkit[', "pip install toolkit["):
            assert bad not in body, f"{path}: {bad!r} installs an unrelated project; the distribution is zh-mt-toolkit"
