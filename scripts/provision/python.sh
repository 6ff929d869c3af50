#!/usr/bin/env bash
# Provision the Python dev environment: <repo>/.venv (CPython 3.11) with the pinned tools from
# python/requirements-dev.txt (maturin, pytest, pytest-timeout, pytest-benchmark, mypy, requests).
#
# Idempotent: a stamp in .venv records the hash of the requirements file and the interpreter;
# when it matches and the tools import, nothing is installed (well under a second).
# Environment knobs:
#   PYTHON        interpreter used to create the venv   (default: python3.11)
#   VENV_DIR      where the venv lives                  (default: <repo>/.venv)
#   PY_PROVISION_FORCE=1  reinstall even when the stamp matches
set -euo pipefail

log() { printf '[provision/python] %s\n' "$*" >&2; }
die() { printf '[provision/python] ERROR: %s\n' "$*" >&2; exit 1; }

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PYTHON=${PYTHON:-python3.11}
VENV=${VENV_DIR:-$REPO_ROOT/.venv}
REQ=$REPO_ROOT/python/requirements-dev.txt
STAMP=$VENV/.certcentral-requirements.stamp
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

[ -f "$REQ" ] || die "missing $REQ"
command -v "$PYTHON" >/dev/null 2>&1 \
    || die "$PYTHON not found: CPython 3.11 is required (it is preinstalled on the polyglot machines)"
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' 2>/dev/null \
    || die "$PYTHON is not CPython 3.11 ($("$PYTHON" --version 2>&1))"
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null \
    || die "$PYTHON lacks the venv/ensurepip modules (Debian: apt-get install python3.11-venv)"

# A venv whose interpreter no longer runs (moved, Python upgraded underneath) is rebuilt.
if [ -e "$VENV" ] && ! "$VENV/bin/python" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null; then
    log "existing $VENV is broken or not Python 3.11: recreating it"
    rm -rf "$VENV"
fi

want_stamp="$(sha256sum "$REQ" | cut -d' ' -f1) $("$VENV/bin/python" -c 'import sys; print(sys.version.split()[0])' 2>/dev/null || echo none)"
check_tools() {
    "$VENV/bin/python" - "$REQ" <<'EOF'
import re, sys
from importlib.metadata import version, PackageNotFoundError
bad = []
for line in open(sys.argv[1]):
    line = line.split('#', 1)[0].strip()
    if not line:
        continue
    m = re.fullmatch(r'([A-Za-z0-9_.\-]+)==([^\s;]+)', line)
    if not m:
        sys.exit(f"unsupported requirement line (pin with ==): {line!r}")
    name, want = m.groups()
    try:
        have = version(name)
    except PackageNotFoundError:
        have = None
    if have != want:
        bad.append(f"{name}: want {want}, have {have}")
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
import pytest, mypy, requests, pytest_benchmark, pytest_timeout  # noqa: E401,F401  (they import)
EOF
}

if [ "${PY_PROVISION_FORCE:-0}" != 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want_stamp" ] \
    && check_tools 2>/dev/null && [ -x "$VENV/bin/maturin" ]; then
    log "cached venv OK: $VENV ($("$VENV/bin/python" --version), $("$VENV/bin/maturin" --version))"
    exit 0
fi

t0=$(date +%s)
if [ ! -x "$VENV/bin/python" ]; then
    log "creating venv $VENV with $PYTHON ($("$PYTHON" --version 2>&1))"
    "$PYTHON" -m venv "$VENV" || die "python -m venv failed"
fi
rm -f "$STAMP"
log "installing pinned tools from ${REQ#"$REPO_ROOT"/}"
"$VENV/bin/python" -m pip install -q -r "$REQ" >&2 \
    || die "pip install -r $REQ failed (is PyPI reachable? are the pins still served?)"
"$VENV/bin/python" -m pip check >&2 || die "pip check reports broken requirements in $VENV"
check_tools || die "installed versions do not match $REQ"
"$VENV/bin/maturin" --version >/dev/null || die "maturin does not run"
# stamp again: the interpreter version may only be known now that the venv exists
echo "$(sha256sum "$REQ" | cut -d' ' -f1) $("$VENV/bin/python" -c 'import sys; print(sys.version.split()[0])')" >"$STAMP"
log "venv ready in $(($(date +%s) - t0)) s: $("$VENV/bin/python" --version), $("$VENV/bin/maturin" --version), pytest $("$VENV/bin/python" -c 'import pytest; print(pytest.__version__)'), mypy $("$VENV/bin/python" -m mypy --version | cut -d' ' -f2)"
