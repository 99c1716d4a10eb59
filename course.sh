#!/bin/sh
# The course's two commands, with all set-up done on the way:
#
#   ./course.sh open [FOLDER] [--lang en] [--port N] [--no-browser]
#       create .venv if needed, install the course (only what a learner needs) into it,
#       copy the lessons into FOLDER (default ./wechat-course) and open JupyterLab there.
#   ./course.sh test [PYTEST ARGS]
#       create .venv-test with the course, the teacher's and the test tools, plus (on
#       Debian/Ubuntu, as root) the browser and CJK fonts the browser tests need; then run
#       the whole test suite.
#
# PYTHON=python3.12 ./course.sh open   picks the Python used to create the environments.
set -eu

ROOT=$(cd "$(dirname "$0")" && pwd)
# What the browser tests need from Debian/Ubuntu: the browser, its driver, and CJK fonts.
SYSTEM_PACKAGES="chromium chromium-driver fonts-noto-cjk"

# The learner's environment holds the course and what it needs, nothing more; the tests
# (and the teacher's tools they exercise) get an environment of their own, so that a
# learner's JupyterLab never shows nbgrader's menus.
setup_venv() {  # setup_venv FOLDER EXTRAS
    venv=$1
    extras=$2
    PY="$venv/bin/python"
    if [ ! -x "$PY" ]; then
        echo "[course.sh] creating $venv"
        "${PYTHON:-python3}" -m venv "$venv"
    fi
    stamp="$venv/.course-installed"
    if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ] || ! "$PY" -c "import course" 2>/dev/null; then
        echo "[course.sh] installing the course$extras into $venv"
        "$PY" -m pip install -q -U pip
        "$PY" -m pip install -e "$ROOT$extras"
        touch "$stamp"
    fi
}

missing_system_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    missing=""
    for package in $SYSTEM_PACKAGES; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        case "$status" in
            *"install ok installed"*) ;;
            *) missing="$missing $package" ;;
        esac
    done
    echo "$missing"
}

setup_browser() {
    if ! command -v apt-get >/dev/null 2>&1; then
        [ -x /usr/bin/chromium ] || echo "[course.sh] note: browser tests need Chromium at /usr/bin/chromium and a CJK font (e.g. Noto Sans CJK); without them they are skipped."
        return 0
    fi
    missing=$(missing_system_packages)
    [ -n "$missing" ] || return 0
    if [ "$(id -u)" = 0 ]; then
        echo "[course.sh] installing:$missing"
        DEBIAN_FRONTEND=noninteractive apt-get update
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
    else
        echo "[course.sh] the browser tests need these Debian packages; install them with:"
        echo "    sudo apt-get install -y $SYSTEM_PACKAGES"
    fi
}

# The test suite also runs two tools from the npm registry (package.json): axe-core, injected
# into JupyterLab to audit accessibility, and configurable-http-proxy, JupyterHub's proxy.
setup_node_tools() {
    if ! command -v npm >/dev/null 2>&1; then
        echo "[course.sh] note: without Node.js and npm the accessibility and JupyterHub tests are skipped."
        return 0
    fi
    stamp="$ROOT/node_modules/.course-installed"
    if [ ! -f "$stamp" ] || [ "$ROOT/package.json" -nt "$stamp" ] || [ "$ROOT/package-lock.json" -nt "$stamp" ]; then
        echo "[course.sh] installing the test tools of package.json into node_modules"
        (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
        touch "$stamp"
    fi
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
    open)
        setup_venv "$ROOT/.venv" ""
        exec "$ROOT/.venv/bin/course" open "$@"
        ;;
    test)
        setup_browser
        setup_node_tools
        setup_venv "$ROOT/.venv-test" "[test]"
        cd "$ROOT"
        exec "$PY" -m pytest -ra "$@"
        ;;
    *)
        echo "usage: ./course.sh open [FOLDER] [--lang zh|en] [--port N] [--no-browser]"
        echo "       ./course.sh test [PYTEST ARGS]"
        exit 2
        ;;
esac
