"""Progress is recorded locally and never breaks a lesson."""
import json
import os
import stat

import pytest

from course import exercises
from course.exercises import progress
from course.widgets import progress_panel


@pytest.fixture
def progress_at(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "progress.json"
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(path))
    monkeypatch.setattr(progress, "_memory", {})
    return path


def test_checks_are_recorded(progress_at):
    ex = exercises.lesson("00")
    ex.log_item.check(2)
    ex.log_item.check(ex.log_item.model_answer())
    data = json.loads(progress_at.read_text(encoding="utf-8"))
    assert [event[1] for event in data["00.log_item"]] == ["incorrect", "correct"]
    assert progress.latest()["00.log_item"] == "correct"
    table = progress_panel.summary("00")
    assert table.iloc[0, 1] == len(ex) and table.iloc[0, 2] == 1


def test_corrupt_file_is_survived(progress_at):
    progress_at.parent.mkdir(parents=True)
    progress_at.write_text("{not json", encoding="utf-8")
    exercises.lesson("00").log_item.check(1)
    assert progress.latest()["00.log_item"] == "incorrect"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_read_only_file_is_survived(progress_at):
    progress_at.parent.mkdir(parents=True)
    progress_at.write_text("{}", encoding="utf-8")
    progress_at.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert progress.record("00.log_item", "correct") is False
        assert progress.latest()["00.log_item"] == "correct"
    finally:
        progress_at.parent.chmod(stat.S_IRWXU)


def test_unwritable_location_is_survived(progress_at, monkeypatch):
    blocker = progress_at.parent.parent / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(blocker / "progress.json"))
    assert progress.record("00.log_item", "correct") is False
    assert progress.latest()["00.log_item"] == "correct"
    assert "0" in repr(progress_panel.progress())


def test_progress_file_is_never_inside_the_package(monkeypatch):
    import course

    monkeypatch.delenv("COURSE_PROGRESS_FILE", raising=False)
    package_dir = os.path.dirname(course.__file__)
    assert not str(progress.progress_file()).startswith(package_dir)
