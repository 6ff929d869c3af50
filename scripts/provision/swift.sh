#!/usr/bin/env bash
# Provision a Swift 6 toolchain (SwiftPM + XCTest) for the Swift binding tests.
#
# No Swift toolchain can be downloaded here, but Debian 13 (trixie) packages Swift 6 as
# `swiftlang`, so we build a trixie root with debootstrap and run `swift` inside it with
# chroot (see scripts/swift-in-root.sh). The root is cached under target/swift-root and
# reused while its marker file is present; a root without the marker (interrupted build)
# is thrown away and rebuilt.
#
# Needs root (debootstrap, mount, chroot). Environment knobs:
#   SWIFT_ROOT     where the root lives        (default: <repo>/target/swift-root)
#   DEBIAN_MIRROR  mirror for debootstrap/apt  (default: http://deb.debian.org/debian)
#   SWIFT_ROOT_REBUILD=1  throw the cached root away and rebuild it
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

log() { printf '[provision/swift] %s\n' "$*" >&2; }
die() { printf '[provision/swift] ERROR: %s\n' "$*" >&2; exit 1; }

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ROOT=${SWIFT_ROOT:-$REPO_ROOT/target/swift-root}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=trixie
# libc6-dev + libstdc++-14-dev: swiftlang does not pull the C/C++ headers that clang (and so
# SwiftPM C targets / module maps) need.
PACKAGES=(swiftlang libc6-dev libstdc++-14-dev)
# Bump when PACKAGES or the recipe changes: a root with another marker content is rebuilt.
RECIPE_VERSION=1
MARKER=$ROOT/.certcentral-swift-root-ready

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap/chroot/mount); run it with sudo"

# Serialise concurrent provisioning of the same root.
mkdir -p "$(dirname "$ROOT")"
exec 9>"$ROOT.lock"
flock -w 1800 9 || die "timed out waiting for lock $ROOT.lock"

# ---------------------------------------------------------------------------------------
# Mount handling: unmount everything we mounted, in reverse order, on any exit.
MOUNTED=()
cleanup() {
    local rc=$? i
    for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
        umount "${MOUNTED[$i]}" 2>/dev/null || umount -l "${MOUNTED[$i]}" 2>/dev/null \
            || log "WARNING: could not unmount ${MOUNTED[$i]}"
    done
    MOUNTED=()
    return $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Unmount anything still mounted below DIR (e.g. left by a killed run), deepest first.
unmount_below() {
    local dir=$1 m
    [ -d "$dir" ] || return 0
    dir=$(realpath "$dir")
    # /proc/self/mountinfo field 5 is the mount point (octal-escaped spaces; our paths have none)
    while read -r m; do
        log "unmounting stale mount $m"
        umount "$m" 2>/dev/null || umount -l "$m"
    done < <(awk -v d="$dir" 'index($5, d "/") == 1 {print $5}' /proc/self/mountinfo | sort -r)
}

mount_proc() {  # idempotent: mounts ROOT/proc only when it is not a mount point yet
    local r=$1
    mkdir -p "$r/proc"
    if mountpoint -q "$r/proc"; then
        log "$r/proc already mounted"
    else
        mount -t proc proc "$r/proc"
        MOUNTED+=("$r/proc")
    fi
}

root_is_ready() {
    # NB: test inside the root: /usr/bin/swift is an ABSOLUTE symlink (-> /usr/libexec/swift/...),
    # so `[ -x "$ROOT/usr/bin/swift" ]` on the host follows it to the host's /usr and fails.
    [ -f "$MARKER" ] && [ "$(sed -n 1p "$MARKER")" = "recipe=$RECIPE_VERSION" ] \
        && chroot "$ROOT" /usr/bin/test -x /usr/bin/swift -a -x /usr/bin/swift-build 2>/dev/null
}

# ---------------------------------------------------------------------------------------
# We hold the lock (scripts/swift-in-root.sh takes the same one while it has things mounted),
# so anything still mounted below the root was left by a killed run: unmount it.
unmount_below "$ROOT"
if [ "${SWIFT_ROOT_REBUILD:-0}" != 1 ] && root_is_ready; then
    log "cached Swift root OK: $ROOT ($(sed -n 's/^swift=//p' "$MARKER"))"
    exit 0
fi

t0=$(date +%s)
log "building Swift root at $ROOT (no valid marker; cold build takes a few minutes)"

ensure_debootstrap() {
    command -v debootstrap >/dev/null 2>&1 && [ -e /usr/share/debootstrap/scripts/$SUITE ] && return 0
    log "installing debootstrap via apt"
    if ! apt-get install -y -q debootstrap >&2; then
        apt-get update -q >&2 || die "apt-get update failed"
        apt-get install -y -q debootstrap >&2 || die "cannot install debootstrap via apt"
    fi
    command -v debootstrap >/dev/null 2>&1 || die "debootstrap not found after install"
    [ -e /usr/share/debootstrap/scripts/$SUITE ] \
        || die "this debootstrap has no script for '$SUITE' (/usr/share/debootstrap/scripts/$SUITE)"
}
ensure_debootstrap

# Throw away any previous (incomplete or outdated) root. Unmount first so that rm never
# descends into a bind-mounted host directory; --one-file-system as a second guard.
PARTIAL=$ROOT.partial
BUILD_LOG=$ROOT.build.log   # full debootstrap/apt output (kept for inspection)
for d in "$ROOT" "$PARTIAL"; do
    if [ -e "$d" ]; then
        unmount_below "$d"
        log "removing old/incomplete root $d"
        rm -rf --one-file-system "$d"
    fi
done

log "debootstrap --variant=minbase $SUITE $PARTIAL $MIRROR"
t1=$(date +%s)
: >"$BUILD_LOG"
debootstrap --variant=minbase "$SUITE" "$PARTIAL" "$MIRROR" >>"$BUILD_LOG" 2>&1 || {
    tail -n 30 "$BUILD_LOG" >&2
    die "debootstrap failed (full log: $BUILD_LOG)"
}
log "debootstrap done in $(($(date +%s) - t1)) s"

# DNS for apt inside the root; never start services inside the root.
cp -L /etc/resolv.conf "$PARTIAL/etc/resolv.conf" 2>/dev/null || true
printf '#!/bin/sh\nexit 101\n' >"$PARTIAL/usr/sbin/policy-rc.d"
chmod 755 "$PARTIAL/usr/sbin/policy-rc.d"
# Keep the root small: no docs/man pages/translations.
cat >"$PARTIAL/etc/dpkg/dpkg.cfg.d/01-nodoc" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
echo 'Acquire::Languages "none";' >"$PARTIAL/etc/apt/apt.conf.d/99-no-translations"

mount_proc "$PARTIAL"
in_partial() { chroot "$PARTIAL" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

t1=$(date +%s)
log "apt-get install ${PACKAGES[*]} (inside the root)"
logged() { "$@" >>"$BUILD_LOG" 2>&1 || { tail -n 30 "$BUILD_LOG" >&2; return 1; }; }
logged in_partial apt-get update -q || die "apt-get update inside the root failed (log: $BUILD_LOG)"
logged in_partial apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" \
    || die "apt-get install ${PACKAGES[*]} inside the root failed (log: $BUILD_LOG)"
in_partial apt-get clean
log "packages installed in $(($(date +%s) - t1)) s"

# Smoke checks: the compiler answers and XCTest is there.
SWIFT_VERSION=$(in_partial swift --version 2>&1 | head -n 1) || die "swift --version failed in the root"
log "swift: $SWIFT_VERSION"
in_partial swift build --version >/dev/null 2>&1 || die "swift build (SwiftPM) does not run in the root"
XCTEST=$(find "$PARTIAL/usr" -name 'libXCTest.so' -print -quit 2>/dev/null || true)
[ -n "$XCTEST" ] || die "XCTest (libXCTest.so) not found in the root"
log "XCTest: ${XCTEST#"$PARTIAL"}"

cleanup  # unmount proc before moving the tree
mv "$PARTIAL" "$ROOT"
{
    echo "recipe=$RECIPE_VERSION"
    echo "swift=$SWIFT_VERSION"
    echo "packages=${PACKAGES[*]}"
    echo "suite=$SUITE"
    echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$MARKER.tmp"
mv "$MARKER.tmp" "$MARKER"   # written only after everything above succeeded
log "Swift root ready at $ROOT in $(($(date +%s) - t0)) s"
