"""The ``course`` command: copying never overwrites the learner's changes; clear errors; help."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import types
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from course import cli, workspace
from course.core.i18n import t
from course.core.resources import notebooks_dir

LESSON = "zh/00-start-here.ipynb"


def run(capsys, *argv):
    """Run ``course *argv`` in-process; (exit code, stdout, stderr)."""
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def source_files():
    return workspace.course_files(notebooks_dir())


def test_copy_into_a_new_folder(tmp_path, capsys):
    target = tmp_path / "course"
    code, out, _ = run(capsys, "copy", target, "--lang", "zh")
    assert code == 0
    files = source_files()
    assert LESSON in files
    for name, path in files.items():
        assert (target / name).read_bytes() == path.read_bytes()
        assert t("cli.copied", lang="zh", file=name) in out
    manifest = json.loads((target / workspace.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"] == {name: workspace.sha256(path) for name, path in files.items()}
    assert f"新复制 {len(files)} 个" in out


def test_second_run_skips_a_notebook_the_learner_changed(tmp_path, capsys):
    target = tmp_path / "course"
    run(capsys, "copy", target)
    edited = target / LESSON
    edited.write_text(edited.read_text(encoding="utf-8").replace("course", "my course"), encoding="utf-8")
    mine = edited.read_bytes()

    code, out, _ = run(capsys, "copy", target, "--lang", "zh")
    assert code == 0
    assert edited.read_bytes() == mine
    assert f"跳过（已修改）：{LESSON}" in out
    assert "跳过 1 个" in out

    code, out, _ = run(capsys, "copy", target, "--lang", "en")
    assert f"skipped (you changed it): {LESSON}" in out
    assert edited.read_bytes() == mine


def test_unchanged_old_copies_are_updated_and_new_files_added(tmp_path):
    source, target = tmp_path / "v1", tmp_path / "course"
    (source / "zh").mkdir(parents=True)
    (source / "zh" / "a.ipynb").write_text("v1 a", encoding="utf-8")
    (source / "zh" / "b.ipynb").write_text("v1 b", encoding="utf-8")
    first = workspace.sync_folder(source, target)
    assert first.copied == ["zh/a.ipynb", "zh/b.ipynb"]

    (target / "zh" / "b.ipynb").write_text("learner's b", encoding="utf-8")
    (target / "zh" / "c.ipynb").write_text("learner's own c", encoding="utf-8")
    (source / "zh" / "a.ipynb").write_text("v2 a", encoding="utf-8")
    (source / "zh" / "b.ipynb").write_text("v2 b", encoding="utf-8")
    (source / "zh" / "c.ipynb").write_text("v2 c", encoding="utf-8")
    (source / "en").mkdir()
    (source / "en" / "a.ipynb").write_text("v2 en a", encoding="utf-8")
    second = workspace.sync_folder(source, target)

    assert second.updated == ["zh/a.ipynb"]
    assert second.copied == ["en/a.ipynb"]
    assert second.skipped_changed == ["zh/b.ipynb"]
    assert second.skipped_foreign == ["zh/c.ipynb"]
    assert (target / "zh" / "a.ipynb").read_text(encoding="utf-8") == "v2 a"
    assert (target / "zh" / "b.ipynb").read_text(encoding="utf-8") == "learner's b"
    assert (target / "zh" / "c.ipynb").read_text(encoding="utf-8") == "learner's own c"
    third = workspace.sync_folder(source, target)
    assert third.copied == third.updated == []
    assert third.skipped_changed == ["zh/b.ipynb"]


def test_checkpoints_are_not_copied(tmp_path):
    source = tmp_path / "src"
    (source / "zh" / ".ipynb_checkpoints").mkdir(parents=True)
    (source / "zh" / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_text("x", encoding="utf-8")
    (source / "zh" / "a.ipynb").write_text("a", encoding="utf-8")
    assert list(workspace.course_files(source)) == ["zh/a.ipynb"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_is_not_a_folder(tmp_path, capsys, lang):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    code, out, err = run(capsys, "copy", a_file, "--lang", lang)
    assert code == cli.EXIT_USER_ERROR
    assert err.strip() == t("cli.error_not_folder", lang=lang, folder=a_file)
    assert a_file.read_text(encoding="utf-8") == "mine"
    assert out == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unwritable_folder(tmp_path, capsys, monkeypatch, lang):
    folder = tmp_path / "locked"
    folder.mkdir()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # root may write anywhere: make writing fail the way a read-only folder does
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(workspace.tempfile, "mkstemp", refuse)
    else:
        folder.chmod(0o555)
    try:
        code, _, err = run(capsys, "copy", folder, "--lang", lang)
    finally:
        folder.chmod(0o755)
    assert code == cli.EXIT_USER_ERROR
    assert err.strip() == t("cli.error_unwritable", lang=lang, folder=folder, reason="Permission denied")
    assert list(folder.iterdir()) == []


def test_every_sub_command_names_a_real_handler():
    parser = cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert {"open", "copy", "release", "key", "nbgrader", "grade"} <= set(commands)
    for name, sub in commands.items():
        assert callable(cli.handler(sub.get_default("handler"))), name


def test_a_sub_command_runs_its_handler(monkeypatch):
    calls = []
    monkeypatch.setitem(sys.modules, "fake_teacher", types.SimpleNamespace(run=lambda args: calls.append(args) or 7))
    monkeypatch.setattr(cli, "_teacher_commands", lambda subparsers: cli._command(
        subparsers, "grade", "fake_teacher:run", "teacher.help_grade"))
    assert cli.main(["grade"]) == 7 and len(calls) == 1


def test_without_a_command_help_is_shown(capsys):
    assert cli.main([]) == cli.EXIT_USER_ERROR
    assert "open" in capsys.readouterr().out


def test_lab_command_opens_the_first_lesson(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "00-start-here.ipynb").write_text("{}", encoding="utf-8")
    command = workspace.lab_command(tmp_path, "en", 8123, browser=False)
    assert command[:4] == [sys.executable, "-m", "jupyter", "lab"]
    assert command[-1] == "en/00-start-here.ipynb"
    assert {"--ServerApp.port=8123", "--ServerApp.port_retries=0", "--no-browser"} <= set(command)


@pytest.mark.parametrize("argv", [["--help"], ["open", "--help"], ["copy", "--help"]])
def test_help_explains_itself(argv):
    result = subprocess.run([sys.executable, "-m", "course.cli", *argv], capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: course")
    if argv == ["--help"]:
        assert "open" in result.stdout and "copy" in result.stdout
        assert t("cli.help_main", lang="zh") in result.stdout
    else:
        assert "--lang" in result.stdout
        assert t("cli.help_folder", lang="en") in result.stdout
    if argv[0] == "open":
        assert "--port" in result.stdout and "--no-browser" in result.stdout


def test_console_script_is_installed():
    script = Path(sys.executable).with_name("course")
    if not script.exists():
        pytest.skip("the course command is not installed next to this Python")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    assert result.returncode == 0 and "usage: course" in result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_open_serves_the_folder_and_stops_by_pid(tmp_path):
    """``course open --no-browser --port N`` from a script: the port answers; SIGTERM to the PID stops it."""
    port, home = _free_port(), tmp_path / "jupyter"
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "run"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "ws"), JUPYTERLAB_SETTINGS_DIR=str(home / "settings"))
    log = (tmp_path / "open.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "course.cli", "open", str(tmp_path / "course"), "--no-browser",
         "--port", str(port), "--lang", "en"],
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        status = None
        for _ in range(480):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2) as reply:
                    status = reply.status
            except urllib.error.HTTPError as error:  # 403 without the token: the server is up
                status = error.code
            except OSError:
                assert process.poll() is None, (tmp_path / "open.log").read_text()
                time.sleep(0.25)
                continue
            break
        assert status in (200, 403)
        assert (tmp_path / "course" / LESSON).is_file()
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
    text = (tmp_path / "open.log").read_text(encoding="utf-8")
    assert t("cli.starting", lang="en", folder=tmp_path / "course") in text
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2)


def test_exercises_lists_the_ids_a_teacher_can_assign(capsys):
    from course import exercises

    assert cli.main(["exercises", "--lesson", "2", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [e.id for e in exercises.lesson("02")]
    assert all(len(line.split("\t")) == 4 for line in lines)
    assert cli.main(["exercises", "--lesson", "42", "--lang", "en"]) == 2
    assert "42" in capsys.readouterr().err


def test_the_help_examples_name_real_exercises():
    import re

    from course import exercises
    from course.core.i18n import catalogue

    ids = {e.id for n in exercises.lessons() for e in exercises.lesson(n)}
    for key, texts in catalogue().items():
        for text in texts.values():
            for example in re.findall(r"\b\d\d\.[a-z_0-9]+\b", text):
                assert example in ids, f"{key} names {example}, which is not an exercise"
