#!/usr/bin/env bash
# Run a command (e.g. `swift test`) inside the cached Debian trixie Swift root built by
# scripts/provision/swift.sh, with a SwiftPM package and a directory holding the host-built
# native library visible inside it.
#
#   scripts/swift-in-root.sh PKG_DIR LIB_DIR -- CMD [ARGS...]
#
# PKG_DIR and LIB_DIR are bind-mounted into the root at their own absolute host paths (so paths
# in .build/ and in error messages are the host's, and SwiftPM's .build cache stays valid across
# runs); LIB_DIR is mounted read-only. The command runs with the working directory PKG_DIR and:
#   LD_LIBRARY_PATH=LIB_DIR  (the test binary finds lib*.so at run time)
#   LIBRARY_PATH=LIB_DIR     (the link step, run by clang, finds -l<name> without -Xlinker -L)
#   SWIFT_PKG_DIR, SWIFT_LIB_DIR  (for commands that want to pass flags themselves)
#   CI, CERTCENTRAL_* and the variables named in SWIFT_IN_ROOT_PASSENV are passed through.
# /proc is mounted too. Everything mounted is unmounted on exit, whatever the outcome (also on
# Ctrl-C / SIGTERM: the command is stopped first). Runs are serialised per root with flock.
# The exit code is the command's. Needs root (mount, chroot).
set -euo pipefail

log() { printf '[swift-in-root] %s\n' "$*" >&2; }
die() { printf '[swift-in-root] ERROR: %s\n' "$*" >&2; exit 2; }
usage() { sed -n '2,8p' "$0" >&2; exit 2; }

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=${SWIFT_ROOT:-$REPO_ROOT/target/swift-root}
MARKER=$ROOT/.certcentral-swift-root-ready

[ $# -ge 4 ] && [ "$3" = "--" ] || usage
[ "$(id -u)" = 0 ] || die "must run as root (mount/chroot)"
[ -d "$1" ] || die "package dir '$1' does not exist"
[ -d "$2" ] || die "library dir '$2' does not exist"
PKG=$(realpath "$1")
LIB=$(realpath "$2")
shift 3
[ -f "$MARKER" ] || die "no ready Swift root at $ROOT: run scripts/provision/swift.sh first"
ROOT=$(realpath "$ROOT")

for p in "$PKG" "$LIB"; do
    case $p in
        / | /usr | /usr/* | /lib | /lib/* | /lib64 | /lib64/* | /bin | /bin/* | /sbin | /sbin/* \
            | /etc | /etc/* | /proc | /proc/* | /sys | /sys/* | /dev | /dev/* | /var/lib/dpkg* | /var/lib/apt*)
            die "refusing to mount $p over the root's system directories" ;;
        "$ROOT" | "$ROOT"/*) die "$p lies inside the Swift root itself" ;;
    esac
done

exec 9>"$ROOT.lock"
flock -w 1800 9 || die "timed out waiting for $ROOT.lock (another swift-in-root or provisioning run)"

MOUNTED=()
PGID=
RUN_TMP=
procs_in_root() {  # pids of all processes whose root directory is our Swift root
    local p r
    for p in /proc/[0-9]*; do
        r=$(readlink "$p/root" 2>/dev/null) || continue
        [ "$r" = "$ROOT" ] && echo "${p#/proc/}"
    done
    return 0
}
cleanup() {
    local rc=$? i pids
    trap - EXIT INT TERM HUP
    # Stop everything still running inside the root: the command's process group (setsid) and
    # anything that left it (swift-build runs each compiler job in a process group of its own).
    # We hold the root's lock, so every process chrooted there belongs to this run.
    if [ -n "$PGID" ]; then
        pids=$( { kill -0 -- "-$PGID" 2>/dev/null && echo "-$PGID"; procs_in_root; } | tr '\n' ' ')
        if [ -n "${pids// /}" ]; then
            log "stopping remaining processes of the command: $pids"
            # shellcheck disable=SC2086
            kill -TERM -- $pids 2>/dev/null || true
            for _ in 1 2 3 4 5 6 7 8 9 10; do
                [ -z "$(procs_in_root)" ] && ! kill -0 -- "-$PGID" 2>/dev/null && break
                sleep 0.5
            done
            pids=$( { kill -0 -- "-$PGID" 2>/dev/null && echo "-$PGID"; procs_in_root; } | tr '\n' ' ')
            # shellcheck disable=SC2086
            [ -z "${pids// /}" ] || kill -KILL -- $pids 2>/dev/null || true
        fi
        wait "$PGID" 2>/dev/null || true
    fi
    for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
        umount "${MOUNTED[$i]}" 2>/dev/null || umount -l "${MOUNTED[$i]}" 2>/dev/null \
            || { log "WARNING: could not unmount ${MOUNTED[$i]}"; [ "$rc" != 0 ] || rc=1; }
    done
    # per-run TMPDIR (SwiftPM leaves TemporaryDirectory.* behind); only after the unmounts
    [ -z "$RUN_TMP" ] || rm -rf --one-file-system "$ROOT$RUN_TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# We hold the lock, so any mount below the root now is a leftover of a killed run: drop it.
while read -r m; do
    log "unmounting stale mount $m"
    umount "$m" 2>/dev/null || umount -l "$m"
done < <(awk -v d="$ROOT" 'index($5, d "/") == 1 {print $5}' /proc/self/mountinfo | sort -r)

bind() {  # bind(SRC, ro|rw): mount SRC at the same path inside the root
    local src=$1 mode=$2 dst=$ROOT$1
    mkdir -p "$dst"
    mount --bind "$src" "$dst"
    MOUNTED+=("$dst")
    [ "$mode" = ro ] && mount -o remount,bind,ro "$dst"
    return 0
}

mount -t proc proc "$ROOT/proc"
MOUNTED+=("$ROOT/proc")
# Parent directory first, so that a nested one is mounted on top and unmounted before it.
if [ "${#LIB}" -lt "${#PKG}" ]; then
    bind "$LIB" ro; bind "$PKG" rw
else
    bind "$PKG" rw; [ "$LIB" = "$PKG" ] || bind "$LIB" ro
fi

RUN_TMP=/tmp/swift-in-root.$$
mkdir -p "$ROOT$RUN_TMP"
envs=(PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" TMPDIR="$RUN_TMP"
    LD_LIBRARY_PATH="$LIB" LIBRARY_PATH="$LIB" SWIFT_PKG_DIR="$PKG" SWIFT_LIB_DIR="$LIB")
[ -n "${CI:-}" ] && envs+=(CI="$CI")
while IFS='=' read -r name _; do
    envs+=("$name=${!name}")
done < <(env | grep -E '^CERTCENTRAL_[A-Za-z0-9_]*=' || true)
for name in ${SWIFT_IN_ROOT_PASSENV:-}; do
    [ -n "${!name+x}" ] && envs+=("$name=${!name}")
done

log "in $ROOT: cd $PKG && $* (LD_LIBRARY_PATH=$LIB)"
set +e
# Background + wait, so that our INT/TERM traps run at once (bash defers traps while a
# foreground child runs). setsid: new process group whose id is the child's pid (a background
# job of a non-interactive shell is never a group leader, so setsid does not fork).
setsid chroot "$ROOT" /usr/bin/env -i "${envs[@]}" /bin/sh -c 'cd "$SWIFT_PKG_DIR" && exec "$@"' sh "$@" <&0 &
PGID=$!
wait "$PGID"
rc=$?
set -e
exit "$rc"   # cleanup (EXIT trap) still sweeps the process group and unmounts
