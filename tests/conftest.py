"""Shared test set-up: progress goes to a temporary file, charts draw off-screen."""
import os

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(autouse=True, scope="session")
def _progress_file(tmp_path_factory):
    """Keep the learner-progress file of the whole run out of the user's home."""
    path = tmp_path_factory.mktemp("progress") / "progress.json"
    old = os.environ.get("COURSE_PROGRESS_FILE")
    os.environ["COURSE_PROGRESS_FILE"] = str(path)
    yield path
    if old is None:
        os.environ.pop("COURSE_PROGRESS_FILE", None)
    else:
        os.environ["COURSE_PROGRESS_FILE"] = old


@pytest.fixture
def language():
    """Run a test in one language and restore the default afterwards."""
    import course

    before = course.get_language()
    yield course.set_language
    course.set_language(before)
