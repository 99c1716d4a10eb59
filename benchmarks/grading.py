"""Grading a class: ``course grade`` against ``nbgrader autograde`` on the same 40 submissions.

Usage::

    python benchmarks/grading.py                 # 40 submissions of lesson 00, both graders
    python benchmarks/grading.py --students 80 --keep /tmp/bench-grading
    python benchmarks/grading.py --scale 400     # and the cost per submission at 400

What it does, in a temporary folder:

1. writes an nbgrader course for lesson 00 with ``course.teacher.nbgrader`` and runs
   ``nbgrader generate_assignment`` (not timed);
2. makes the submissions from the released notebook, as students would fill it in: right,
   wrong (each exercise's known wrong answers), untouched, a cell that raises, and broken
   files (truncated JSON, not a notebook). The same files go to ``submitted/<student>/``
   for nbgrader and to one flat folder for ``course grade``;
3. times ``nbgrader autograde`` and ``python -m course grade`` (each in a child process;
   wall time, and the peak resident memory of the largest process of each run, from
   ``getrusage(RUSAGE_CHILDREN)``);
4. compares the scores exercise by exercise on the well-formed submissions. The open
   question is graded by hand in nbgrader (a manual answer cell), so only the
   auto-graded exercises are compared.

Figures vary with the machine and its load; nothing here is a test threshold.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# benchmarks/course.py would shadow the package: never import from this folder
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import nbformat  # noqa: E402

import course  # noqa: E402
from course.teacher import assignment as teacher  # noqa: E402
from course.teacher import grading  # noqa: E402
from course.teacher import nbgrader as nbgrader_export  # noqa: E402

LESSON, ASSIGNMENT = "00", "lesson00"
STUB = "raise NotImplementedError()"
TIMED = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rc": result.returncode, "stderr": result.stderr[-2000:],
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


# nbgrader runs from this interpreter's environment (it calls that environment's alembic too).
NBGRADER = [sys.executable, "-m", "nbgrader"]
ENV = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def timed(command: list[str], cwd: Path) -> dict:
    """Run ``command`` in a child; its wall time and the largest process's peak memory."""
    out = subprocess.run([sys.executable, "-c", TIMED, *command], cwd=cwd, capture_output=True,
                         text=True, check=True, env=ENV)
    return json.loads(out.stdout)


def nbgrader_course(root: Path) -> Path:
    """An nbgrader course folder with lesson 00 generated; returns the released notebook."""
    selection = teacher.select("zh", LESSON)
    files, name = nbgrader_export.course_files(root, LESSON, selection, ASSIGNMENT)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    subprocess.run([*NBGRADER, "generate_assignment", name, "--force"],
                   cwd=root, check=True, capture_output=True, env=ENV)
    return next((root / "release" / name).glob("*.ipynb"))


def fill(nb, answers: dict[str, str]):
    """The released notebook with the student's ``name = value`` in place of nbgrader's stub."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        name = grade_id.removeprefix("answer_")
        if grade_id.startswith("answer_") and name in answers and STUB in cell.source:
            cell.source = cell.source.replace(STUB, f"{name} = {answers[name]}", 1)
    return nb


def make_submissions(release: Path, count: int) -> dict[str, tuple[str, bytes]]:
    """``{student: (kind, file bytes)}``: right, wrong, untouched, raising, broken."""
    released = nbformat.read(release, as_version=4)
    exercises = list(course.exercises.lesson(LESSON))
    right = {e.name: e.answer_source() for e in exercises}
    kinds = ["right", "right", "right", "right", "wrong", "wrong", "wrong", "blank", "raises", "broken"]
    made = {}
    for i in range(count):
        student, kind = f"s{i + 1:02d}", kinds[i % len(kinds)]
        if kind == "right":
            nb = fill(released, right)
        elif kind == "wrong":
            nb = fill(released, {e.name: repr(e.wrong[(i // 10) % len(e.wrong)]) if j % 2 == i % 2
                                 else right[e.name] for j, e in enumerate(exercises)})
        elif kind == "blank":
            nb = released
        elif kind == "raises":
            nb = fill(released, right)
            nb.cells.insert(len(nb.cells) // 2, nbformat.v4.new_code_cell("{}['missing']"))
        else:
            text = nbformat.writes(fill(released, right))
            data = text[: len(text) // 3].encode() if (i // 10) % 2 == 0 else b"%PDF-1.4 not a notebook"
            made[student] = (kind, data)
            continue
        made[student] = (kind, nbformat.writes(nb).encode())
    return made


def nbgrader_scores(root: Path, students: list[str], notebook: str) -> dict[str, dict[str, float]]:
    """``{student: {exercise name: score}}`` of the auto-graded cells, from the gradebook."""
    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        for student in students:
            try:
                submission = gradebook.find_submission_notebook(notebook, ASSIGNMENT, student)
            except Exception:
                continue
            scores[student] = {g.name.removeprefix("test_"): g.score for g in submission.grades
                               if g.name.startswith("test_")}
    return scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--keep", default=None, help="work in this folder and keep it")
    parser.add_argument("--scale", type=int, default=0,
                        help="also time course grade alone on this many submissions (copies of the first ones)")
    args = parser.parse_args(argv)
    root = Path(args.keep or tempfile.mkdtemp(prefix="bench-grading-"))
    root.mkdir(parents=True, exist_ok=True)
    nbg, ours = root / "nbgrader", root / "submissions"
    for folder in (nbg, ours):
        shutil.rmtree(folder, ignore_errors=True)
    print(f"work folder: {root}")
    release = nbgrader_course(nbg)
    made = make_submissions(release, args.students)
    for student, (_, data) in made.items():
        target = nbg / "submitted" / student / ASSIGNMENT / release.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        (target.parent / "timestamp.txt").write_text("2026-01-05 09:00:00.000000 UTC")
        ours.mkdir(exist_ok=True)
        (ours / f"{student}.ipynb").write_bytes(data)
    counts = {}
    for kind, _ in made.values():
        counts[kind] = counts.get(kind, 0) + 1
    print(f"{len(made)} submissions of lesson {LESSON}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    out = root / "grades.csv"
    out.unlink(missing_ok=True)
    grading.details_path(out).unlink(missing_ok=True)
    mine = timed([sys.executable, "-m", "course", "grade", str(ours), "--out", str(out), "--lang", "en"], root)
    theirs = timed([*NBGRADER, "autograde", ASSIGNMENT, "--create", "--force"], nbg)
    for name, result in (("course grade", mine), ("nbgrader autograde", theirs)):
        if result["rc"] != 0:
            last = "\n".join(result["stderr"].strip().splitlines()[-3:])
            print(f"{name} exited with {result['rc']}:\n{last}")

    import pandas as pd

    table = pd.read_csv(out, dtype={"file": str}).set_index("file")
    theirs_scores = nbgrader_scores(nbg, list(made), release.stem)
    auto = [e for e in course.exercises.lesson(LESSON) if e.kind != "open"]
    well_formed = [s for s, (kind, _) in made.items() if kind != "broken"]
    agree = disagree = missing = 0
    for student in well_formed:
        row = table.loc[f"{student}.ipynb"]
        for exercise in auto:
            theirs_score = theirs_scores.get(student, {}).get(exercise.name)
            if theirs_score is None:
                missing += 1
            elif float(row[exercise.id]) == float(theirs_score):
                agree += 1
            else:
                disagree += 1
                print(f"  differs: {student} {exercise.id}: ours {row[exercise.id]}, nbgrader {theirs_score}")
    broken = [s for s, (kind, _) in made.items() if kind == "broken"]

    print()
    print(f"{'':24}{'wall time':>12}{'peak RSS (largest process)':>30}")
    print(f"{'course grade':24}{mine['seconds']:>10.1f} s{mine['maxrss_mb']:>27.0f} MB")
    print(f"{'nbgrader autograde':24}{theirs['seconds']:>10.1f} s{theirs['maxrss_mb']:>27.0f} MB")
    print(f"ratio (nbgrader / ours): {theirs['seconds'] / mine['seconds']:.1f}x "
          f"on {os.cpu_count()} cores; ours {mine['seconds'] / len(made):.2f} s per submission, "
          f"nbgrader {theirs['seconds'] / len(made):.2f} s")
    if args.scale:
        scaled, listed = root / "scaled", list(made.items())
        shutil.rmtree(scaled, ignore_errors=True)
        scaled.mkdir()
        for i in range(args.scale):
            student, (_, data) = listed[i % len(listed)]
            (scaled / f"{i:04d}-{student}.ipynb").write_bytes(data)
        big_out = root / "scaled-grades.csv"
        big_out.unlink(missing_ok=True)
        grading.details_path(big_out).unlink(missing_ok=True)
        big = timed([sys.executable, "-m", "course", "grade", str(scaled), "--out", str(big_out), "--lang", "en"], root)
        small, large = mine["seconds"] / len(made), big["seconds"] / args.scale
        print(f"course grade on {args.scale}: {big['seconds']:.1f} s (rc {big['rc']}), {large:.3f} s per submission; "
              f"on {len(made)}: {small:.3f} s; ratio {large / small:.2f}")
    print(f"scores on the {len(well_formed)} well-formed submissions, {len(auto)} auto-graded exercises each: "
          f"{agree} agree, {disagree} differ, {missing} missing in nbgrader")
    print("our status of the broken files: "
          + ", ".join(f"{s} {table.loc[f'{s}.ipynb', 'status']}" for s in broken))
    print("statuses (ours): " + ", ".join(f"{k} {v}" for k, v in table["status"].value_counts().items()))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
