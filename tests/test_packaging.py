"""After a normal (non-editable) install, data and notebooks are inside the distribution."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("*.whl"))


@pytest.mark.slow
def test_wheel_holds_data_and_notebooks(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "course/_data/laws/cybersecurity-law-2016.md" in names
    assert "course/_data/laws/README.md" in names
    assert "course/_data/article.txt" in names
    assert "course/_notebooks/zh/00-start-here.ipynb" in names
    assert "course/_notebooks/en/00-start-here.ipynb" in names
    assert not any(name.endswith((".ttf", ".otf", ".ttc")) for name in names)


@pytest.mark.slow
def test_installed_copy_works_from_anywhere(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    code = ("import course; from course import law; from course.core import resources; "
            "assert str(resources.data_dir()).startswith(%r), resources.data_dir(); "
            "assert (resources.notebooks_dir() / 'zh' / '00-start-here.ipynb').is_file(); "
            "print(len(law.articles()), law.article('csl', 21, 2017).citation('en'))") % str(target)
    env = dict(os.environ, PYTHONPATH=str(target))
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Art. 21" in result.stdout
