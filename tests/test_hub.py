"""A real JupyterHub on loopback ports: learners start at once, each gets the course, runs lesson 02,
and each learner's progress stays their own. Also: deploy/z2jh/config.yaml agrees with binder/ and
with the measured figures (deploy/hub_capacity.json) that docs/deployment*.md quote.

The hub machinery is ``benchmarks/hub_capacity.py`` (loaded by path). Select with ``-m hub``.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import benchmark_modules
import pytest

ROOT = Path(__file__).resolve().parent.parent


bench = benchmark_modules.load("hub_capacity")
LEARNERS = 3


def _progress(hub, name: str) -> dict:
    path = hub.home(name) / ".local" / "share" / "wechat-factcheck-course" / "progress.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _correct(events: dict) -> set[str]:
    return {key for key, rows in events.items() if any(row[1] == "correct" for row in rows)}


@pytest.mark.hub
@pytest.mark.slow
def test_learners_at_once_get_the_course_run_lesson_02_and_keep_their_own_progress():
    pytest.importorskip("jupyterhub")
    pytest.importorskip("websocket")
    if reason := bench.proxy_missing_reason():
        pytest.skip(reason)
    with bench.Hub() as hub:
        names = [f"learner{i}" for i in range(LEARNERS)]
        tokens = {name: hub.add_learner(name) for name in names}
        with ThreadPoolExecutor(LEARNERS) as pool:
            list(pool.map(hub.spawn, names))
        for name in names:                                  # the pre-spawn hook ran `course copy`
            assert (hub.home(name) / bench.LESSON).is_file()
            assert (hub.home(name) / "wechat-course" / ".course-manifest.json").is_file()
        with ThreadPoolExecutor(LEARNERS) as pool:
            runs = list(pool.map(lambda i: bench.run_learner(hub, names[i], tokens[names[i]], i),
                                 range(LEARNERS)))
        assert [run["errors"] for run in runs] == [[]] * LEARNERS
        # a learner's token does not open another learner's server
        status, _ = bench._request("GET", f"{hub.url}/user/{names[1]}/api/contents", tokens[names[0]])
        assert status in (403, 404), status
        for i, name in enumerate(names):
            events = _progress(hub, name)
            assert _correct(events) == {f"02.{bench.TARGETS[i % len(bench.TARGETS)]}"}, (name, events)
            assert "02.million_chars_mb" in events              # the lesson's own checks were recorded
        pids = hub.processes()
        assert pids                                             # servers and kernels are running now
    assert hub.processes() == []                                # and every one of them stopped


def test_z2jh_config_agrees_with_binder_and_the_measurement():
    yaml = pytest.importorskip("yaml")
    config = yaml.safe_load((ROOT / "deploy" / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    measured = json.loads((ROOT / "deploy" / "hub_capacity.json").read_text(encoding="utf-8"))
    single = config["singleuser"]
    assert single["image"]["name"].endswith("wechat-course")
    guarantee_mib = int(single["memory"]["guarantee"].rstrip("M"))
    assert guarantee_mib >= measured["per_learner_mib"]             # a learner's measured RSS fits
    assert int(single["memory"]["limit"].rstrip("G")) * 1024 >= 2 * guarantee_mib
    assert single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    post_start = " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert "course copy ~/wechat-course" in post_start
    assert "pip install --no-cache-dir --no-deps ." in (ROOT / "binder" / "postBuild").read_text()
    assert config["cull"]["enabled"] is True and config["cull"]["timeout"] > 0
    assert single["storage"]["homeMountPath"] == "/home/jovyan"     # ~/.local/share/… persists there
    for doc in ("deployment.md", "deployment.en.md"):
        text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
        for size, count in measured["learners_per_node"].items():
            assert f"| {size} | {count} |" in text, (doc, size)
