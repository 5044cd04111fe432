"""A plain wheel installs policykg as one package (no top-level ``api``/``graph``) and runs the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_installs_one_package_and_extracts(tmp_path: Path) -> None:
    dist, src = tmp_path / "dist", tmp_path / "src"
    # Build from a copy: pip builds in-tree and would leave build/ and *.egg-info in the checkout.
    shutil.copytree(REPO, src, ignore=shutil.ignore_patterns(".git", "build", "*.egg-info", "tools", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--wheel-dir", str(dist), str(src)],
                   check=True, capture_output=True, text=True)
    wheel = next(dist.glob("policykg-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names}
    assert top == {"policykg", "policykg-0.1.0.dist-info"}, top
    for packaged in ("policykg/queries/agency_profile.cypher", "policykg/data/agencies.tsv",
                     "policykg/data/corpus/000_e7837287f54dd743.txt", "policykg/visual/explorer.html"):
        assert packaged in names, packaged

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    where = subprocess.run([str(py), "-c", "import policykg.loaders.pipeline as p; print(p.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout.strip()
    assert where.startswith(str(venv)), where
    out = tmp_path / "out"
    run = subprocess.run([str(venv / "bin" / "policykg"), "extract",
                          str(REPO / "data" / "corpus" / "002_abf0b4db28229f54.txt"), "--out", str(out)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (out / "002_abf0b4db28229f54.json").exists()
