"""A plain wheel installs policykg as one package (no top-level ``api``/``graph``) and runs the CLI.

The wheel goes into a fresh virtualenv; its dependencies are the ones the interpreter running
the tests imports, whatever holds them: the site-packages of the virtualenv or conda env the
tests run in, the base interpreter's, the user's (``pip --user``). ``--system-site-packages``
alone gives the new venv the *base* interpreter's packages only: run from inside a virtualenv,
the dependencies installed there were missing (``No module named 'ahocorasick'``).
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def dependency_dirs() -> list[str]:
    """The site-packages folders of the running interpreter (its environment's, then the user's)."""
    folders = list(site.getsitepackages())
    if site.ENABLE_USER_SITE:
        folders.append(site.getusersitepackages())
    return [folder for folder in dict.fromkeys(folders) if Path(folder).is_dir()]


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
                     "policykg/graph/cypher/write/documents/01_previous_versions.cypher",
                     "policykg/graph/cypher/store/ping.cypher", "policykg/cli/__init__.py",
                     "policykg/data/corpus/000_e7837287f54dd743.txt", "policykg/visual/explorer.html"):
        assert packaged in names, packaged

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # After the venv's own site-packages (where the wheel goes), so the wheel's policykg comes first;
    # .pth files in these folders are not run, so an editable policykg there is not found at all.
    (Path(purelib) / "policykg-test-dependencies.pth").write_text("\n".join(dependency_dirs()) + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    where = subprocess.run([str(py), "-c", "import policykg.loaders.pipeline as p; print(p.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout.strip()
    assert where.startswith(str(venv)), where
    out = tmp_path / "out"
    run = subprocess.run([str(venv / "bin" / "policykg"), "extract",
                          str(REPO / "data" / "corpus" / "002_abf0b4db28229f54.txt"), "--out", str(out)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert [p.name.startswith("002_abf0b4db28229f54-") for p in out.glob("*.json")] == [True]
