#!/usr/bin/env bash
# Provision the C/C++ test toolchain: gcc, g++, pkg-config, valgrind, openssl (CLI).
# Installs only what is missing with apt-get; `apt-get update` runs only when something must be
# installed. Fast no-op (a few ms) when everything is present.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

log() { printf '[provision/c] %s\n' "$*" >&2; }
die() { printf '[provision/c] ERROR: %s\n' "$*" >&2; exit 1; }

# command -> Debian package providing it
TOOLS=(gcc g++ pkg-config valgrind openssl make)
pkg_for() {
    case $1 in
        pkg-config) echo pkgconf ;;  # bookworm: pkg-config is a transitional pkg for pkgconf
        *) echo "$1" ;;
    esac
}

missing_pkgs=()
for t in "${TOOLS[@]}"; do
    command -v "$t" >/dev/null 2>&1 || missing_pkgs+=("$(pkg_for "$t")")
done

if [ ${#missing_pkgs[@]} -gt 0 ]; then
    log "missing: ${missing_pkgs[*]} -> installing with apt-get"
    [ "$(id -u)" = 0 ] || die "need root to apt-get install ${missing_pkgs[*]}"
    command -v apt-get >/dev/null 2>&1 || die "apt-get not available; install ${missing_pkgs[*]} by hand"
    apt-get update -q >&2 || die "apt-get update failed"
    apt-get install -y -q --no-install-recommends "${missing_pkgs[@]}" >&2 \
        || die "apt-get install ${missing_pkgs[*]} failed"
fi

for t in "${TOOLS[@]}"; do
    command -v "$t" >/dev/null 2>&1 || die "$t still not found after install"
done

# gcc must actually compile and link (catches a gcc without libc6-dev).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <stdio.h>\nint main(void){puts("ok");return 0;}\n' >"$tmp/t.c"
gcc -std=c11 -Wall -Wextra -Werror -pedantic "$tmp/t.c" -o "$tmp/t" && [ "$("$tmp/t")" = ok ] \
    || die "gcc cannot build a trivial C program (libc6-dev missing?)"
printf '#include <vector>\nint main(){std::vector<int> v{1};return v[0]-1;}\n' >"$tmp/t.cc"
g++ -std=c++17 "$tmp/t.cc" -o "$tmp/tc" && "$tmp/tc" || die "g++ cannot build a trivial C++ program"

log "gcc $(gcc -dumpfullversion), g++ $(g++ -dumpfullversion), pkg-config $(pkg-config --version)," \
    "$(valgrind --version), $(openssl version | cut -d' ' -f1-2)"
