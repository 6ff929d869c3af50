#!/usr/bin/env bash
# Provision everything the certcentral test suites need, in dependency order, with timings:
#   rust    (check only: cargo/rustc come with the machine, via rustup)
#   c       gcc, g++, pkg-config, valgrind, openssl, make          (scripts/provision/c.sh)
#   python  .venv with maturin, pytest, mypy, ...                  (scripts/provision/python.sh)
#   kotlin  Java 17 + Maven check, Maven prefetch (needs gcc)       (scripts/provision/kotlin.sh)
#   swift   Debian trixie root with Swift 6 + XCTest (needs root)   (scripts/provision/swift.sh)
#   fuzz    cargo-fuzz for the fuzz suite                           (scripts/provision/fuzz.sh)
#
#   scripts/provision/all.sh              # all steps
#   scripts/provision/all.sh c python     # only these steps (in the order given)
#
# Stops at the first failing step (exit code != 0) after printing the timing summary.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { printf '[provision] %s\n' "$*" >&2; }

rust_check() {
    local t
    for t in cargo rustc; do
        command -v "$t" >/dev/null 2>&1 || { log "ERROR: $t not found (Rust comes with the machine via rustup)"; return 1; }
    done
    log "$(rustc --version), $(cargo --version)"
}

STEPS=("$@")
[ ${#STEPS[@]} -gt 0 ] || STEPS=(rust c python kotlin swift fuzz)

SUMMARY=()
summary() {
    local line
    log "---- provisioning summary ----"
    for line in "${SUMMARY[@]}"; do log "$line"; done
}
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }  # no bc needed
total0=$EPOCHREALTIME
for step in "${STEPS[@]}"; do
    case $step in
        rust) cmd=(rust_check) ;;
        c | python | kotlin | swift | fuzz) cmd=(bash "$HERE/$step.sh") ;;
        *) log "ERROR: unknown step '$step' (known: rust c python kotlin swift fuzz)"; exit 2 ;;
    esac
    log "==> $step"
    t0=$EPOCHREALTIME
    rc=0
    "${cmd[@]}" || rc=$?
    dt=$(elapsed "$t0")
    if [ "$rc" -ne 0 ]; then
        SUMMARY+=("$(printf '%-7s FAILED (exit %d) after %6s s' "$step" "$rc" "$dt")")
        summary
        log "ERROR: provisioning step '$step' failed"
        exit "$rc"
    fi
    SUMMARY+=("$(printf '%-7s ok  %6s s' "$step" "$dt")")
done
SUMMARY+=("$(printf '%-7s     %6s s' total "$(elapsed "$total0")")")
summary
