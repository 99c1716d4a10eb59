"""How many learners a JupyterHub node holds: N learners started at once on a loopback hub.

Usage::

    python benchmarks/hub_capacity.py                 # N = 1, 4, 8
    python benchmarks/hub_capacity.py --learners 1 4 --out benchmarks/hub_capacity.json

A real JupyterHub (dummy authenticator, ``SimpleLocalProcessSpawner`` with one home folder
per learner under a private temp dir, configurable-http-proxy from ``node_modules``) on free
loopback ports. Each learner's server start runs ``course copy ~/wechat-course`` first (the
spawner's pre-spawn hook, as a Zero to JupyterHub ``postStart`` hook does), then the learner
opens lesson 02 through the server's REST API, runs its code cells over the kernel websocket
and answers one exercise. The script prints, per N, the time until every server answered and
the memory per active learner (single-user server + kernel, RSS and PSS from ``/proc``), and
writes them to ``--out`` (JSON), which ``docs/deployment*.md`` and ``deploy/z2jh/config.yaml``
quote. Every process it started (hub, proxy, servers, kernels) is stopped at the end.

``tests/test_hub.py`` loads this file by path and uses :class:`Hub` and :func:`run_learner`.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON = "wechat-course/en/02-too-much-data.ipynb"
TARGETS = ("million_chars_mb", "zlib_ratio", "daily_text_tb")   # learner i answers TARGETS[i % 3]
MARKER = "COURSE_HUB_RUN"                                        # env var on every process we start

CONFIG = """\
import subprocess, sys
from pathlib import Path
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{root}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{root}/cookie_secret"
c.JupyterHub.pid_file = "{root}/hub.pid"
c.ConfigurableHTTPProxy.command = ["{proxy}"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.pid_file = "{root}/proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{root}/home/{{username}}"
c.Spawner.cmd = ["{singleuser}"]
c.Spawner.args = ["--ServerApp.allow_root=True"]
c.Spawner.default_url = "/lab"
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "{marker}"]
c.Spawner.start_timeout = 600
c.Spawner.http_timeout = 600
c.JupyterHub.services = [{{"name": "bench", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "bench", "services": ["bench"],
                            "scopes": ["admin:users", "admin:servers", "tokens", "list:users"]}}]

def copy_course(spawner):
    home = Path("{root}/home") / spawner.user.name
    home.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "course", "copy", str(home / "wechat-course")],
                   check=True, capture_output=True)

c.Spawner.pre_spawn_hook = copy_course
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now.

    >>> 1024 < free_port() < 65536
    True
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def proxy_missing_reason() -> str | None:
    """Why the hub cannot run here (no configurable-http-proxy in node_modules), or None."""
    if not PROXY.exists():
        return f"configurable-http-proxy is not in {PROXY.parent} (run ./course.sh test, which runs npm ci)"
    return None


def _request(method: str, url: str, token: str, body: dict | None = None) -> tuple[int, object]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": f"token {token}",
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            text = response.read().decode() or "null"
            return response.status, json.loads(text)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


class Hub:
    """A JupyterHub on loopback ports in a private temp dir; ``with Hub() as hub:`` stops everything."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="course-hub-"))
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(24)
        self.run_id = uuid.uuid4().hex
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Hub:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 600) -> None:
        """Write the config, start the hub (it starts the proxy), wait until its API answers."""
        config = self.root / "jupyterhub_config.py"
        config.write_text(CONFIG.format(
            port=self.port, hub_port=self.hub_port, api_port=self.api_port, root=self.root,
            proxy=PROXY, singleuser=Path(sys.executable).with_name("jupyterhub-singleuser"),
            marker=MARKER, token=self.token), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("XDG_DATA_HOME", "COURSE_PROGRESS_FILE")}
        env[MARKER] = self.run_id
        env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '')}"
        self.log = (self.root / "hub.log").open("w")
        self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                                        cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub stopped: {self.log_tail()}")
            try:
                if self.api("GET", "/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"the hub did not answer in {timeout} s: {self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the hub's log."""
        return "\n".join((self.root / "hub.log").read_text(errors="replace").splitlines()[-lines:])

    def api(self, method: str, path: str, body: dict | None = None, token: str | None = None):
        """Call the hub's REST API; ``(status, json)``."""
        return _request(method, f"{self.url}/hub/api{path}", token or self.token, body)

    def add_learner(self, name: str) -> str:
        """Create a user and a token of its own; the token."""
        self.api("POST", f"/users/{name}")
        status, reply = self.api("POST", f"/users/{name}/tokens", {"note": "learner", "expires_in": 3600})
        if status not in (200, 201):
            raise RuntimeError(f"token for {name}: {status} {reply}")
        return reply["token"]

    def spawn(self, name: str, timeout: float = 900) -> float:
        """Start ``name``'s server and wait until it is ready; seconds it took."""
        start = time.monotonic()
        status, reply = self.api("POST", f"/users/{name}/server")
        if status not in (201, 202):
            raise RuntimeError(f"spawn {name}: {status} {reply}")
        while time.monotonic() - start < timeout:
            _, user = self.api("GET", f"/users/{name}")
            server = (user.get("servers") or {}).get("", {}) if isinstance(user, dict) else {}
            if server.get("ready"):
                return time.monotonic() - start
            time.sleep(1)
        raise TimeoutError(f"{name}'s server did not start in {timeout} s: {self.log_tail()}")

    def home(self, name: str) -> Path:
        """The learner's home folder."""
        return self.root / "home" / name

    def processes(self) -> list[int]:
        """The pids of every process this hub run started (they carry its marker)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    environ = (entry / "environ").read_bytes().split(b"\0")
                except OSError:
                    continue
                if f"{MARKER}={self.run_id}".encode() in environ:
                    found.append(int(entry.name))
        return found

    def stop(self) -> None:
        """Stop the hub (which stops the servers and the proxy), then any process of this run left."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids = self.processes()
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 15
            while pids and self.processes() and time.monotonic() < deadline:
                time.sleep(0.5)
        if self.process is not None:
            self.process.wait(10)
            self.log.close()
        shutil.rmtree(self.root, ignore_errors=True)


def _execute(ws, code: str, timeout: float = 600) -> list[str]:
    """Run ``code`` on the kernel behind websocket ``ws``; the error outputs (empty if none)."""
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({"header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "",
                                   "session": msg_id, "version": "5.3", "date": ""},
                        "parent_header": {}, "metadata": {}, "channel": "shell",
                        "content": {"code": code, "silent": False, "store_history": True,
                                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
    errors, replied, idle = [], False, False
    deadline = time.monotonic() + timeout
    while not (replied and idle):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no reply to {code[:40]!r}")
        frame = ws.recv()
        if not isinstance(frame, str):      # a message with binary buffers (a widget's image)
            continue
        msg = json.loads(frame)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "error":
            errors.append(f"{msg['content']['ename']}: {msg['content']['evalue']}")
        elif kind == "execute_reply":
            replied = True
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
    return errors


def run_learner(hub: Hub, name: str, token: str, index: int) -> dict:
    """As learner ``name``: open lesson 02 (REST), run its code cells on a kernel (websocket),
    answer ``TARGETS[index % 3]`` right; returns errors, the target and the kernel's id."""
    import websocket

    base = f"/user/{name}/api"
    status, model = _request("GET", f"{hub.url}{base}/contents/{LESSON}?content=1", token)
    if status != 200:
        raise RuntimeError(f"{name} cannot read {LESSON}: {status} {model}")
    cells = [c["source"] for c in model["content"]["cells"] if c["cell_type"] == "code"]
    status, session = _request("POST", f"{hub.url}{base}/sessions", token,
                               {"path": LESSON, "type": "notebook", "name": "", "kernel": {"name": "python3"}})
    if status != 201:
        raise RuntimeError(f"{name} cannot start a kernel: {status} {session}")
    kernel = session["kernel"]["id"]
    ws = websocket.create_connection(f"ws://127.0.0.1:{hub.port}{base}/kernels/{kernel}/channels",
                                     header=[f"Authorization: token {token}"], timeout=600)
    try:
        errors = []
        for source in cells:
            errors += _execute(ws, source)
        target = TARGETS[index % len(TARGETS)]
        errors += _execute(ws, f"ex.{target}.check(ex.{target}.answer)")
    finally:
        ws.close()
    return {"name": name, "errors": errors, "target": target, "kernel": kernel}


def _kib(pid: int, field: str, path: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/{path}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def learner_memory(hub: Hub, name: str) -> dict:
    """RSS and PSS (MiB) of ``name``'s single-user server and its kernels, from /proc."""
    home = str(hub.home(name)).encode()
    rss = pss = 0
    for pid in hub.processes():
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"HOME=" + home in environ:
            rss += _kib(pid, "VmRSS", "status")
            pss += _kib(pid, "Pss", "smaps_rollup")
    return {"rss_mib": round(rss / 1024, 1), "pss_mib": round(pss / 1024, 1)}


def measure(n: int) -> dict:
    """Start ``n`` learners at once on a fresh hub, run lesson 02 for each; times and memory."""
    with Hub() as hub:
        tokens = {f"learner{i}": hub.add_learner(f"learner{i}") for i in range(n)}
        start = time.monotonic()
        with ThreadPoolExecutor(n) as pool:
            starts = list(pool.map(hub.spawn, tokens))
        all_ready = time.monotonic() - start
        with ThreadPoolExecutor(n) as pool:
            runs = list(pool.map(lambda item: run_learner(hub, item[1][0], item[1][1], item[0]),
                                 enumerate(tokens.items())))
        memory = [learner_memory(hub, name) for name in tokens]
    errors = [e for run in runs for e in run["errors"]]
    return {"learners": n, "all_ready_s": round(all_ready, 1), "start_s_max": round(max(starts), 1),
            "rss_mib_per_learner": round(sum(m["rss_mib"] for m in memory) / n, 1),
            "pss_mib_per_learner": round(sum(m["pss_mib"] for m in memory) / n, 1),
            "rss_mib_max": max(m["rss_mib"] for m in memory), "errors": errors}


def learners_per_node(per_learner_mib: float, node_gib: float, reserved_gib: float = 1.5,
                      headroom: float = 0.25) -> int:
    """Learners a node holds: (node - reserved for the system) / (per learner × (1 + headroom)).

    >>> learners_per_node(200, 8)
    26
    """
    return int((node_gib - reserved_gib) * 1024 // (per_learner_mib * (1 + headroom)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--out", type=Path, default=ROOT / "deploy" / "hub_capacity.json")
    args = parser.parse_args(argv)
    if reason := proxy_missing_reason():
        print(reason)
        return 1
    rows = []
    for n in args.learners:
        row = measure(n)
        rows.append(row)
        print(f"N={n}: all ready {row['all_ready_s']} s; per learner RSS {row['rss_mib_per_learner']} MiB, "
              f"PSS {row['pss_mib_per_learner']} MiB (max RSS {row['rss_mib_max']}); errors {len(row['errors'])}",
              flush=True)
    worst = max(max(r["rss_mib_max"] for r in rows), max(r["rss_mib_per_learner"] for r in rows))
    nodes = {f"{gib} GiB": learners_per_node(worst, gib) for gib in (8, 16, 64)}
    print("learners per node (RSS of the heaviest learner, 1.5 GiB reserved, 25 % headroom):", nodes)
    report = {"measured": time.strftime("%Y-%m-%d"), "machine": f"{os.cpu_count()} cores",
              "lesson": LESSON, "rows": rows, "per_learner_mib": worst, "reserved_gib": 1.5,
              "headroom": 0.25, "learners_per_node": nodes}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
