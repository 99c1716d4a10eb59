"""Hostile submissions: each gets the right status and score, the others are graded
correctly, and the run finishes.

One class folder holds a correct and a wrong submission next to every attack; it is
graded once (two at a time, 3 s per cell) and each test reads its row.
"""
from __future__ import annotations

import io
import os
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from grading_fixtures.submissions import (
    insert_after,
    insert_before,
    machine_points,
    model_answers,
    submission,
    write,
    wrong_answers,
)

from course.teacher import grading, sandbox, submissions
from course.teacher.sandbox import isolation

LESSON = "00"
FULL = machine_points(LESSON)  # the free-text answer is left for the teacher
TIMEOUT = 3.0
MARKER = "course-grading-test-background-7f3a"
ROOT = sandbox.is_isolated()  # root, and a course that an unprivileged user can read
needs_root = pytest.mark.skipif(not ROOT, reason="file isolation needs the grader to run as root, "
                                                 "with the course installed where other users can read it")
NEST = "import os\nfor _ in range(1200):\n    os.mkdir('d')\n    os.chdir('d')"
# Lines written straight into the answer pipe: nested too deep for json, not UTF-8, not an object.
FORGE = ("import os, stat\n"
         "for fd in map(int, os.listdir('/proc/self/fd')):\n"
         "    try:\n"
         "        if fd > 2 and stat.S_ISFIFO(os.fstat(fd).st_mode):\n"
         "            os.write(fd, b'[' * 100000 + b'\\n' + b'\\xff\\xfe{not json\\n' + b'7\\n')\n"
         "    except OSError:\n"
         "        pass")


def right():
    return submission(LESSON, model_answers(LESSON))


def build_class(base: Path) -> dict:
    """Write the class folder, the teacher's answer key and the output folder."""
    subs, teacher, out = base / "submissions", base / "teacher", base / "out"
    key = write(right(), teacher / "key" / "00-start-here.ipynb")
    for path in (teacher, key.parent):
        path.chmod(0o700)
    key.chmod(0o600)
    out.mkdir()
    csv = out / "grades.csv"

    write(right(), subs / "right.ipynb")
    write(submission(LESSON, wrong_answers(LESSON)), subs / "wrong.ipynb")
    write(insert_after(right(), "log_item", "while True:\n    pass"), subs / "infinite_loop.ipynb")
    stubborn = ("import time\nwhile True:\n    try:\n        time.sleep(100)\n"
                "    except BaseException:\n        pass")
    write(insert_after(right(), "log_item", stubborn), subs / "stubborn_loop.ipynb")
    write(insert_before(right(), "log_item", "raise ValueError('boom')"), subs / "exception.ipynb")
    write(insert_before(right(), "log_item", "import sys\nsys.exit(3)"), subs / "sys_exit.ipynb")
    write(insert_after(right(), "log_item", "import os\nos._exit(3)"), subs / "os_exit.ipynb")
    write(insert_after(right(), "log_item", "import ctypes\nctypes.string_at(0)"), subs / "segfault.ipynb")

    deleted = right()
    deleted.cells = [c for c in deleted.cells
                     if not c.source.startswith(("log_item = ", "why_primary = "))]
    write(deleted, subs / "deleted_cells.ipynb")

    reordered = right()
    answers = [i for i, c in enumerate(reordered.cells)
               if c.cell_type == "code" and " = " in c.source and ".check(" in c.source]
    cells = [reordered.cells[i] for i in answers]
    for i, cell in zip(answers, reversed(cells)):
        reordered.cells[i] = cell
    write(reordered, subs / "reordered.ipynb")

    renamed = right()
    cell = next(c for c in renamed.cells if c.source.startswith("csl_articles_2017 = "))
    cell.source = "articles_2017 = 79\nex.csl_articles_2017.check(articles_2017)"
    write(renamed, subs / "renamed.ipynb")

    text = (subs / "right.ipynb").read_text(encoding="utf-8")
    (subs / "corrupt.ipynb").write_text(text[: len(text) // 2], encoding="utf-8")
    (subs / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (subs / "not_a_notebook.ipynb").write_text('{"name": "Zhang San", "answers": [79, 3]}')

    loud = "print('x' * 2_000_000)\nimport sys\nfor i in range(10_000):\n    print(i, file=sys.stderr)"
    write(insert_after(right(), "why_primary", loud), subs / "big_output.ipynb")

    write(insert_after(right(), "why_primary", "while True:\n    print('spam' * 1000)"),
          subs / "endless_output.ipynb")

    equal = ("class AlwaysEqual:\n    def __eq__(self, other):\n        return True\n"
             "    def __hash__(self):\n        return 0\n")
    always = insert_before(right(), "csl_articles_2017", equal)
    for c in always.cells:
        for name in model_answers(LESSON):
            if c.source.startswith(f"{name} = "):
                c.source = f"{name} = AlwaysEqual()\n" + c.source.split("\n", 1)[1]
    write(always, subs / "always_equal.ipynb")

    patch = ("import course.exercises.engine as engine, course.exercises.kinds as kinds\n"
             "import course.exercises.wire as wire, json\n"
             "engine.Exercise.judge_encoded = lambda self, data: engine.Verdict('correct')\n"
             "engine.Exercise.evaluate = lambda self, value: engine.Verdict('correct')\n"
             "kinds.Number.judge = lambda self, value: engine.Verdict('correct')\n"
             "wire.encode = lambda value, depth=0: {'t': 'int', 'v': 79}\n"
             "json.dumps = lambda *a, **k: '{\"end\": true}'")
    write(insert_before(submission(LESSON), "csl_articles_2017", patch), subs / "monkeypatch.ipynb")

    steal = (f"import json\nkey = json.load(open({str(key)!r}, encoding='utf-8'))\n"
             "for cell in key['cells']:\n"
             "    first = ''.join(cell['source']).split('\\n')[0]\n"
             "    if cell['cell_type'] == 'code' and ' = ' in first and '...' not in first:\n"
             "        exec(first)")
    copy_friend = (f"friend = open({str(subs / 'right.ipynb')!r}, encoding='utf-8').read()")
    write(insert_after(insert_after(submission(LESSON), "why_primary", steal), "why_primary", copy_friend),
          subs / "read_key.ipynb")

    vandal = (f"open({str(csv)!r}, 'a').write('right.ipynb,forged,00,1,1,1,1,1,5,5,ok\\n')\n")
    vandal2 = f"open({str(out / 'planted.txt')!r}, 'w').write('x')"
    write(insert_after(insert_after(right(), "why_primary", vandal2), "why_primary", vandal),
          subs / "write_output.ipynb")

    loop = "while :; do sleep 1; done"
    background = (
        "import os, subprocess\n"
        f"subprocess.Popen(['/bin/sh', '-c', {loop!r}, {MARKER!r}], start_new_session=True)\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        os.execv('/bin/sh', ['sh', '-c', {loop!r}, {MARKER!r}])\n"
        "    os._exit(0)")
    write(insert_after(right(), "log_item", background), subs / "background.ipynb")

    write(insert_after(right(), "log_item", "hog = bytearray(64 * 2**30)"), subs / "memory_hog.ipynb")
    write(insert_after(right(), "log_item", FORGE), subs / "deep_json.ipynb")
    write(insert_after(right(), "log_item", NEST), subs / "deep_folders.ipynb")
    write(insert_before(right(), "log_item", "raise ValueError('\\ud800 =cmd')"), subs / "surrogate.ipynb")
    return {"subs": subs, "csv": csv, "out": out}


@pytest.fixture(scope="module", params=["grader-as-root", "grader-as-normal-user"])
def graded(request, tmp_path_factory):
    """The class, graded once by the grader running as root and once as a normal user.

    ``isolated`` says whether the submissions were walled off from the teacher's files (root
    with uid isolation, or Linux namespaces for the normal user).
    """
    if request.param == "grader-as-normal-user":
        return graded_as_normal_user(request)
    paths = build_class(tmp_path_factory.mktemp("hostile"))
    # Children of this test process that existed before grading (e.g. a JupyterLab server a
    # browser test of the same session started) are not the grader's to clean up.
    before = {pid for pid, parent, _ in sandbox.isolation.processes() if parent == os.getpid()}
    frame = grading.grade_folder(paths["subs"], paths["csv"], lesson=None, jobs=2,
                                 cell_timeout=TIMEOUT, output_limit=10_000, lang="en", progress=False)
    details = pd.read_csv(grading.details_path(paths["csv"]), dtype=str)
    return {**paths, "frame": frame.set_index("file"), "details": details, "children_before": before,
            "isolated": ROOT}


def graded_as_normal_user(request) -> dict:
    """Grade the class with the grader itself running as uid ``NORMAL_USER`` (``setpriv``)."""
    import shutil

    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("running the grader as a normal user needs root and setpriv (util-linux)")
    base = Path(tempfile.mkdtemp(prefix="course-hostile-user-"))
    request.addfinalizer(lambda: subprocess.run(["rm", "-rf", "--", str(base)], check=False))
    base.chmod(0o755)
    paths = build_class(base)
    before = {pid for pid, parent, _ in sandbox.isolation.processes() if parent == os.getpid()}
    subprocess.run(["chown", "-R", f"{NORMAL_USER}:{NORMAL_USER}", str(base)], check=True)
    result = as_normal_user(
        "from course.teacher.sandbox import namespaces\n"
        f"frame = grading.grade_folder({str(paths['subs'])!r}, {str(paths['csv'])!r}, lesson=None, jobs=2,"
        f" cell_timeout={TIMEOUT}, output_limit=10_000, lang='en', progress=False)\n"
        f"frame.to_pickle({str(base / 'frame.pkl')!r})\n"
        "print('isolated', namespaces.available())\n")
    assert result.returncode == 0, result.stderr[-3000:]
    frame = pd.read_pickle(base / "frame.pkl")
    (base / "frame.pkl").unlink()
    details = pd.read_csv(grading.details_path(paths["csv"]), dtype=str)
    return {**paths, "frame": frame.set_index("file"), "details": details, "children_before": before,
            "isolated": result.stdout.strip().endswith("isolated True")}


def row(graded, name):
    return graded["frame"].loc[name]


def exercise_status(graded, name):
    d = graded["details"]
    picked = d[d["file"] == name]
    return dict(zip(picked["exercise"].str.split(".").str[1], picked["status"]))


def test_every_file_has_exactly_one_row(graded):
    files = sorted(p.name for p in graded["subs"].iterdir())
    assert sorted(graded["frame"].index) == files
    assert graded["frame"].index.is_unique


def test_the_others_are_graded_correctly(graded):
    assert row(graded, "right.ipynb")[["total", "max", "status"]].tolist() == [FULL, 5, "ok"]
    assert row(graded, "wrong.ipynb")[["total", "status"]].tolist() == [0, "ok"]
    assert set(exercise_status(graded, "wrong.ipynb").values()) == {"incorrect"}


def test_infinite_loop_is_interrupted_and_the_next_cells_run(graded):
    r = row(graded, "infinite_loop.ipynb")
    assert (r["status"], r["total"]) == ("timeout", FULL)
    assert f"stopped after {TIMEOUT:g} s" in r["detail"]


def test_loop_that_swallows_the_interruption_is_killed_keeping_earlier_answers(graded):
    r = row(graded, "stubborn_loop.ipynb")
    assert (r["status"], r["total"]) == ("timeout", 2)
    assert "killed" in r["detail"]
    statuses = exercise_status(graded, "stubborn_loop.ipynb")
    assert statuses["csl_articles_2017"] == statuses["log_item"] == "correct"
    assert statuses["why_primary"] == "missing"


def test_exception_costs_only_its_cell(graded):
    r = row(graded, "exception.ipynb")
    assert (r["status"], r["total"]) == ("error", FULL)
    assert "ValueError: boom" in r["detail"]


def test_sys_exit_is_recorded_and_the_run_goes_on(graded):
    r = row(graded, "sys_exit.ipynb")
    assert (r["status"], r["total"]) == ("error", FULL)
    assert "SystemExit" in r["detail"]


def test_os_exit_keeps_the_answers_given_before(graded):
    r = row(graded, "os_exit.ipynb")
    assert (r["status"], r["total"]) == ("exit", 2)
    assert "exit code 3" in r["detail"]


def test_crash_keeps_the_answers_given_before(graded):
    r = row(graded, "segfault.ipynb")
    assert (r["status"], r["total"]) == ("exit", 2)
    assert "signal 11" in r["detail"]


def test_deleted_answer_cells_score_zero_as_missing(graded):
    r = row(graded, "deleted_cells.ipynb")
    assert (r["status"], r["total"]) == ("ok", 3)
    statuses = exercise_status(graded, "deleted_cells.ipynb")
    assert statuses["log_item"] == statuses["why_primary"] == "missing"


def test_reordered_cells_are_graded_by_variable(graded):
    assert row(graded, "reordered.ipynb")[["status", "total"]].tolist() == ["ok", FULL]


def test_renamed_variable_is_missing(graded):
    r = row(graded, "renamed.ipynb")
    assert (r["status"], r["total"]) == ("ok", FULL - 1)
    assert exercise_status(graded, "renamed.ipynb")["csl_articles_2017"] == "missing"
    reason = graded["details"].query("file == 'renamed.ipynb' and status == 'missing'")["reason"].iloc[0]
    assert "csl_articles_2017" in reason


@pytest.mark.parametrize("name, detail", [("corrupt.ipynb", "not valid JSON"),
                                          ("photo.png", "not text"),
                                          ("not_a_notebook.ipynb", "not a Jupyter notebook")])
def test_files_that_are_not_notebooks(graded, name, detail):
    r = row(graded, name)
    assert (r["status"], r["total"]) == ("not_a_notebook", 0)
    assert detail in r["detail"]


def test_very_large_output_is_cut(graded):
    r = row(graded, "big_output.ipynb")
    assert (r["status"], r["total"], bool(r["output_truncated"])) == ("ok", FULL, True)
    assert not row(graded, "right.ipynb")["output_truncated"]


def test_endless_output_is_cut_and_interrupted(graded):
    r = row(graded, "endless_output.ipynb")
    assert (r["status"], r["total"], bool(r["output_truncated"])) == ("timeout", FULL, True)


def test_always_equal_object_scores_nothing(graded):
    assert row(graded, "always_equal.ipynb")[["status", "total"]].tolist() == ["ok", 0]
    assert set(exercise_status(graded, "always_equal.ipynb").values()) == {"incorrect"}


def test_monkeypatching_the_checker_changes_nothing(graded):
    r = row(graded, "monkeypatch.ipynb")
    assert (r["status"], r["total"]) == ("ok", 0)
    assert set(exercise_status(graded, "monkeypatch.ipynb").values()) == {"not_attempted"}


def test_answer_key_and_other_submissions_cannot_be_read(graded):
    if not graded["isolated"]:
        pytest.skip("without uid isolation or namespaces the grader cannot hide the key")
    r = row(graded, "read_key.ipynb")
    assert (r["status"], r["total"]) == ("error", 0)
    assert ("PermissionError" in r["detail"] or "FileNotFoundError" in r["detail"]) and "1 more code cells" in r["detail"]


def test_writing_into_the_output_folder_changes_no_grade(graded):
    r = row(graded, "write_output.ipynb")
    assert r["total"] == FULL
    text = graded["csv"].read_text(encoding="utf-8")
    assert "forged" not in text
    assert row(graded, "right.ipynb")["sha256"] != "forged"
    if graded["isolated"]:
        assert r["status"] == "error" and ("PermissionError" in r["detail"] or "FileNotFoundError" in r["detail"])
        assert sorted(p.name for p in graded["out"].iterdir()) == ["grades.csv", "grades.details.csv"]


def test_background_processes_are_killed(graded):
    assert row(graded, "background.ipynb")[["status", "total"]].tolist() == ["ok", FULL]
    left = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline_has(p, MARKER)]
    assert left == []


def test_memory_hog_gets_a_memory_error(graded):
    r = row(graded, "memory_hog.ipynb")
    assert (r["status"], r["total"]) == ("error", FULL)
    assert "MemoryError" in r["detail"]


def test_nothing_is_left_running_or_lying_around(graded):
    mine = [pid for pid, parent, _ in sandbox.isolation.processes()
            if parent == os.getpid() and pid not in graded["children_before"]]
    assert mine == []
    assert not [p for p in graded["out"].iterdir() if p.name.startswith(".")]


def test_children_run_as_an_unprivileged_user_when_the_grader_is_root():
    import course

    task = sandbox.Task("who", ["import os\nlog_item = os.getuid()"], [course.exercises.lesson("00").log_item])
    outcome, = sandbox.run_many([task], sandbox.Limits(cell_timeout=TIMEOUT), jobs=1)
    uid = outcome.answers["log_item"]["v"]
    if ROOT:
        assert sandbox.UID_BASE <= uid < sandbox.UID_BASE + sandbox.UID_RANGE
    else:
        assert uid == os.getuid()


def test_without_uid_isolation_timeouts_and_background_processes_are_still_handled():
    """What holds for a teacher who is not root: the same process, session and clean-up."""
    import course

    marker = MARKER + "-same-user"
    background = ("import os, subprocess\n"
                  f"subprocess.Popen(['/bin/sh', '-c', 'while :; do sleep 1; done', {marker!r}],"
                  " start_new_session=True)\n"
                  "if os.fork() == 0:\n    os.setsid()\n"
                  f"    os.execv('/bin/sh', ['sh', '-c', 'while :; do sleep 1; done', {marker!r}])")
    cells = [background, "while True:\n    pass", "import os\nlog_item = os.getuid()"]
    task = sandbox.Task("same-user", cells, [course.exercises.lesson("00").log_item])
    outcome, = sandbox.run_many([task], sandbox.Limits(cell_timeout=1), jobs=1, isolate=False)
    assert outcome.finished and outcome.timeouts == [1]
    assert outcome.answers["log_item"] == {"t": "int", "v": os.getuid()}
    left = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline_has(p, marker)]
    assert left == []


def _cmdline_has(entry: Path, marker: str) -> bool:
    try:
        return marker.encode() in (entry / "cmdline").read_bytes()
    except OSError:
        return False


# -------------------------------------------------------------------------------------------
# What comes back from a child, and what it leaves behind
# -------------------------------------------------------------------------------------------

def test_malformed_lines_on_the_answer_pipe_are_counted_not_a_crash(graded):
    r = row(graded, "deep_json.ipynb")
    assert (r["status"], r["total"]) == ("ok", FULL)
    assert "3 malformed messages" in r["detail"]


def test_text_that_utf8_cannot_hold_is_written_escaped(graded):
    r = row(graded, "surrogate.ipynb")
    assert (r["status"], r["total"]) == ("error", FULL)
    assert "ValueError: \\ud800 =cmd" in r["detail"]


def test_folders_nested_1200_deep_in_the_work_folder_do_not_stop_the_run(graded):
    assert row(graded, "deep_folders.ipynb")[["status", "total"]].tolist() == ["ok", FULL]


def test_a_work_folder_nested_1200_deep_is_removed():
    import course

    task = sandbox.Task("deep", ["import os\nlog_item = os.getcwd()", NEST],
                        [course.exercises.lesson("00").log_item])
    outcome, = sandbox.run_many([task], sandbox.Limits(cell_timeout=TIMEOUT), jobs=1)
    workdir = outcome.answers["log_item"]["v"]
    assert outcome.finished and os.path.basename(workdir).startswith("course-grade-")
    assert not os.path.lexists(workdir)


def nest(top: Path, depth: int, outside: Path) -> None:
    """``depth`` folders ``d`` in ``top``, each with a file, a link to ``outside`` and a pipe
    every 1000 levels (made by descriptor, so that no path gets long)."""
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for level in range(depth):
            if level % 1000 == 0:
                os.close(os.open("f", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd))
                os.symlink(outside, "link", dir_fd=fd)
                os.mkfifo("pipe", dir_fd=fd)
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)


@pytest.fixture
def deep_place():
    """A folder outside pytest's own temporary folders, removed by GNU rm whatever the test did:
    a tree deeper than Python's recursion limit left in tmp_path would crash pytest's clean-up."""
    place = Path(tempfile.mkdtemp(prefix="deep-tree-test-"))
    try:
        yield place
    finally:
        subprocess.run(["chmod", "-R", "u+rwx", str(place)], capture_output=True)
        subprocess.run(["rm", "-rf", str(place)], check=True)


def test_remove_tree_has_no_depth_limit_and_never_follows_a_link(deep_place):
    outside = deep_place / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("teacher's")
    top = deep_place / "work"
    top.mkdir()
    nest(top, 5000, outside)  # 10,000 characters of path: more than PATH_MAX
    (top / "locked").mkdir()
    (top / "locked" / "inner").mkdir()
    (top / "locked").chmod(0)
    sandbox.remove_tree(top)
    assert not top.exists()
    assert (outside / "keep.txt").read_text() == "teacher's"


def test_remove_tree_refuses_a_link_to_a_folder(tmp_path):
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "keep.txt").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "target")
    with pytest.raises(OSError):
        sandbox.remove_tree(tmp_path / "link")
    assert (tmp_path / "target" / "keep.txt").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="leftovers of a uid of their own need root")
def test_leftover_work_folders_of_a_killed_run_never_stop_a_later_run(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("teacher's")
    uids, locks = sandbox.claim_uids(1)
    uid, made = uids[0], []
    try:
        deep = Path(tempfile.mkdtemp(prefix="course-grade-"))
        nest(deep, 1200, outside)
        other = Path(tempfile.mkdtemp(prefix="course-grade-"))  # another run's (not this uid's)
        fd, plain = tempfile.mkstemp(prefix="course-grade-")
        os.close(fd)
        link = Path(tempfile.gettempdir()) / f"course-grade-link-{os.getpid()}"
        link.symlink_to(outside)
        made = [deep, other, Path(plain), link]
        for path in (deep, Path(plain), link):
            os.chown(path, uid, uid, follow_symlinks=False)
        isolation.remove_workdirs(uid)
        assert not deep.exists()
        assert other.is_dir() and Path(plain).is_file() and link.is_symlink()
        assert (outside / "keep.txt").read_text() == "teacher's"
    finally:
        for path in made:
            if path.is_symlink() or path.is_file():
                path.unlink()
            elif path.exists():
                sandbox.remove_tree(path)
        for fd in locks:
            os.close(fd)


# -------------------------------------------------------------------------------------------
# Odd entries in the submissions folder
# -------------------------------------------------------------------------------------------

def grade_quietly(subs: Path, out: Path, **options):
    return grading.grade_folder(subs, out, **{"jobs": 2, "cell_timeout": TIMEOUT, "lang": "en",
                                              "progress": False, **options})


def test_a_file_name_that_is_not_utf8_gets_a_readable_row(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "grades.csv"
    write(right(), subs / "a.ipynb")
    write(right(), subs / "b.ipynb")
    os.rename(os.fsencode(subs / "a.ipynb"), os.fsencode(subs) + b"/\xd6\xd0\xce\xc4.ipynb")  # GBK 中文
    os.rename(subs / "b.ipynb", subs / "line\nend\x1b[2J.ipynb")
    frame = grade_quietly(subs, out).set_index("file")
    gbk, odd = "\\xd6\\xd0\\xce\\xc4.ipynb", "line\\nend\\x1b[2J.ipynb"
    assert sorted(frame.index) == sorted([gbk, odd])
    assert frame.loc[[gbk, odd], "total"].tolist() == [FULL, FULL]
    assert set(frame["status"]) == {"ok"}
    details = pd.read_csv(grading.details_path(out), dtype=str)
    assert set(details["file"]) == {gbk, odd}
    stream = io.StringIO()
    grade_quietly(subs, out, progress=stream)
    assert stream.getvalue() == ""  # found graded: the readable name is the key


def test_links_folders_and_unreadable_entries_get_rows_of_their_own(tmp_path, monkeypatch):
    subs, out = tmp_path / "subs", tmp_path / "grades.csv"
    write(right(), subs / "right.ipynb")
    outside = write(right(), tmp_path / "elsewhere" / "friend.ipynb")
    (subs / "link.ipynb").symlink_to(outside)
    (subs / "dangling.ipynb").symlink_to(tmp_path / "nowhere.ipynb")
    (subs / "loop.ipynb").symlink_to("loop.ipynb")
    write(right(), subs / "folder" / "inside.ipynb")
    os.mkfifo(subs / "pipe")
    locked = write(right(), subs / "locked.ipynb")
    locked.chmod(0)
    write(right(), subs / ".hidden.ipynb")
    if os.geteuid() == 0:  # root reads any file: refuse this one as the system would refuse a teacher
        real = submissions._open

        def refuse(path):
            if Path(path).name == "locked.ipynb":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)
        monkeypatch.setattr(submissions, "_open", refuse)

    frame = grade_quietly(subs, out).set_index("file")
    assert frame["status"].to_dict() == {
        "dangling.ipynb": "not_a_file", "folder": "not_a_file", "link.ipynb": "not_a_file",
        "locked.ipynb": "unreadable", "loop.ipynb": "not_a_file", "pipe": "not_a_file",
        "right.ipynb": "ok"}
    assert frame.loc["right.ipynb", "total"] == FULL
    assert "symbolic link" in frame.loc["link.ipynb", "detail"]
    assert "folder" in frame.loc["folder", "detail"]
    assert "pipe" in frame.loc["pipe", "detail"]
    assert "PermissionError" in frame.loc["locked.ipynb", "detail"]
    assert (frame.drop("right.ipynb")["total"] == 0).all()
    assert outside.read_text(encoding="utf-8")  # the link's target was not touched
    stream = io.StringIO()
    grade_quietly(subs, out, progress=stream)
    assert stream.getvalue() == ""
    for status in ("not_a_file", "unreadable"):
        assert grading.t(f"grading.status.{status}", "zh") != grading.t(f"grading.status.{status}", "en")


# -------------------------------------------------------------------------------------------
# Namespaces: what a submission sees, as root and as a normal user
# -------------------------------------------------------------------------------------------

STDLIB = ("glob", "sqlite3", "urllib.request", "getpass", "multiprocessing", "asyncio", "ssl",
          "ctypes", "xml.etree.ElementTree", "email.mime.text", "concurrent.futures", "tomllib",
          "shutil", "tarfile", "zipfile", "logging.handlers", "http.client", "unittest", "venv")
PROBE = (
    "import os, socket, json\n"
    f"bad = []\nfor name in {STDLIB!r} + ('pandas', 'matplotlib.pyplot', 'ipywidgets'):\n"
    "    try:\n        __import__(name)\n    except Exception as error:\n        bad.append(name)\n"
    "open('/tmp/left', 'w').write('x'); open('/dev/shm/left', 'w').write('x')\n"
    "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=1); net = 'reached'\n"
    "except OSError as error:\n    net = type(error).__name__\n"
    "def writable(path):\n    try:\n        open(path, 'w').close(); return True\n    except OSError:\n        return False\n"
    "log_item = json.dumps({'bad': bad, 'pid': os.getpid(), 'procs': sorted(p for p in os.listdir('/proc') if p.isdigit()),"
    " 'tmp': sorted(os.listdir('/tmp')), 'net': net, 'seen': [p for p in SECRETS if os.path.exists(p)],"
    " 'writable': [p for p in WRITE if writable(p)]})")
NORMAL_USER = 65534


def probe(secrets: list[str], write: list[str]) -> dict:
    import json

    import course

    cells = [f"SECRETS = {secrets!r}\nWRITE = {write!r}", PROBE]
    task = sandbox.Task("probe", cells, [course.exercises.lesson("00").log_item])
    outcome, = sandbox.run_many([task], sandbox.Limits(cell_timeout=30), jobs=1)
    assert outcome.finished and not outcome.errors, (outcome.errors, outcome.output[-2000:])
    return json.loads(outcome.answers["log_item"]["v"])


needs_namespaces = pytest.mark.skipif(not sandbox.namespaces.available(),
                                      reason="this machine does not allow Linux namespaces")


@needs_namespaces
def test_a_submission_sees_only_its_own_namespaces(tmp_path):
    secret = tmp_path / "teacher" / "key.ipynb"
    secret.parent.mkdir()
    secret.write_text("{}")
    seen = probe([str(secret), str(Path(__file__)), "/root", os.path.expanduser("~/.bash_history")],
                 [str(tmp_path / "planted"), sys_prefix_file(), "/etc/planted", "/var/tmp/x"])
    assert seen["bad"] == []  # every standard-library module and dependency imports
    assert seen["pid"] == 1 and seen["procs"] == ["1"]  # a /proc of its own processes only
    runtime = {p.split("/")[2] for p in sandbox.namespaces.runtime_paths() if p.startswith("/tmp/")}
    work, = (n for n in seen["tmp"] if n != "left" and n not in runtime)  # its own working folder only
    assert work.startswith("course-grade-") and "left" in seen["tmp"]
    assert seen["net"] != "reached"
    assert seen["seen"] in ([], ["/root"])  # /root, if at all, holds only the bound runtime
    assert seen["writable"] == ["/var/tmp/x"]  # a private tmpfs; nothing outside is writable
    assert not (tmp_path / "planted").exists()
    again = probe([], [])
    assert len(set(again["tmp"]) - runtime) == 2 and work not in again["tmp"]  # /tmp is private and new each time


def sys_prefix_file() -> str:
    import sys

    return os.path.join(sys.prefix, "planted")


def as_normal_user(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` as an unprivileged uid (``setpriv``), in the test environment's Python."""
    import shutil
    import sys

    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is not installed")
    script = "import os, sys\nfrom course.teacher import grading, sandbox\n" + code
    return subprocess.run(["setpriv", f"--reuid={NORMAL_USER}", f"--regid={NORMAL_USER}", "--clear-groups",
                           sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd="/")


@pytest.mark.skipif(os.geteuid() != 0, reason="becoming another user needs root")
def test_as_a_normal_user_honest_code_runs_and_the_rest_is_hidden(tmp_path):
    import json

    result = as_normal_user(
        "import json\nfrom course.teacher.sandbox import namespaces\n"
        "import course\n"
        f"cells = ['SECRETS = []\\nWRITE = []', {PROBE!r}]\n"
        "task = sandbox.Task('p', cells, [course.exercises.lesson('00').log_item])\n"
        "o, = sandbox.run_many([task], sandbox.Limits(cell_timeout=30), jobs=1)\n"
        "print(json.dumps([namespaces.available(), o.answers.get('log_item', {}).get('v'), o.errors]))\n")
    if result.returncode != 0 and "Permission" in result.stderr:
        pytest.skip(f"the grader cannot run as uid {NORMAL_USER} here: {result.stderr[-300:]}")
    assert result.returncode == 0, result.stderr[-3000:]
    available, answer, errors = json.loads(result.stdout.strip().splitlines()[-1])
    if not available:
        pytest.skip("this machine does not allow user namespaces to a normal user")
    seen = json.loads(answer)
    assert errors == [] and seen["bad"] == [] and seen["pid"] == 1 and seen["procs"] == ["1"]
    assert seen["net"] != "reached"


@needs_namespaces
def test_nothing_outlives_a_grader_killed_with_sigkill(tmp_path):
    import signal
    import sys
    import time

    marker = MARKER + "-sigkill"
    subs = tmp_path / "subs"
    background = ("import os\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
                  f"        os.execv('/bin/sh', ['sh', '-c', 'while :; do sleep 1; done', {marker!r}])\n"
                  "    os._exit(0)\nimport time\ntime.sleep(600)")
    write(insert_after(right(), "log_item", background), subs / "a.ipynb")
    grader = subprocess.Popen([sys.executable, "-m", "course", "grade", str(subs), "--out",
                               str(tmp_path / "g.csv"), "--lang", "en", "--timeout", "700"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            if _running(marker):
                break
            time.sleep(0.1)
        assert _running(marker), "the background process never started"
        grader.send_signal(signal.SIGKILL)
        grader.wait()
        for _ in range(100):
            if not _running(marker):
                break
            time.sleep(0.1)
        assert not _running(marker)
    finally:
        grader.kill()


def _running(marker: str) -> bool:
    return any(_cmdline_has(p, marker) for p in Path("/proc").iterdir() if p.name.isdigit())


def test_fake_progress_messages_do_not_extend_the_notebook_limit():
    import course

    fake = ("import os, stat, time\nfds = []\nfor fd in map(int, os.listdir('/proc/self/fd')):\n"
            "    try:\n        fds += [fd] if fd > 2 and stat.S_ISFIFO(os.fstat(fd).st_mode) else []\n"
            "    except OSError:\n        pass\n"
            "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
            "for i in range(1, 40):\n    for fd in fds:\n        try:\n"
            "            os.write(fd, b'{\"cell\": %d}\\n' % i)\n        except OSError:\n            pass\n"
            "    time.sleep(0.5)")
    cells = [fake] + ["x = 1"] * 40
    task = sandbox.Task("fake", cells, [course.exercises.lesson("00").log_item])
    outcome, = sandbox.run_many([task], sandbox.Limits(cell_timeout=1, notebook_timeout=3), jobs=1)
    assert outcome.killed and outcome.notebook_timeout and not outcome.finished
    assert outcome.seconds < 15  # the fake progress alone would have kept it running 20 s


def test_uids_with_an_account_or_a_process_are_never_claimed():
    assert isolation.has_account(0)
    assert os.getuid() in isolation.used_uids()
    if os.geteuid() == 0:
        uids, locks = isolation.claim_uids(3)
        try:
            busy = isolation.used_uids()
            assert not [u for u in uids if u in busy or isolation.has_account(u)]
        finally:
            for fd in locks:
                os.close(fd)


@pytest.mark.parametrize("option, value", [("--timeout", "1e300"), ("--timeout", "nan"), ("--timeout", "-1"),
                                           ("--timeout", "0"), ("--jobs", "0"), ("--jobs", "100000"),
                                           ("--output-limit", "1e3"), ("--notebook-timeout", "inf")])
def test_limits_must_be_finite_positive_and_bounded(option, value, capsys):
    from course.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["grade", "subs", option, value])
    assert value in capsys.readouterr().err
