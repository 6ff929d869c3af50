#!/usr/bin/env bash
# Builds and installs the certcentral C library: libcertcentral.so, libcertcentral.a,
# certcentral.h and certcentral.pc (from certcentral.pc.in) under a prefix.
#
#   bash bindings/c/install.sh [--prefix DIR] [--destdir DIR] [--profile release|dev]
#                              [--no-build] [--native-static-libs "FLAGS"]
#
#   --prefix DIR    where the files go and what certcentral.pc says (default /usr/local)
#   --destdir DIR   staging root prepended to every path written (packaging); the .pc still
#                   names --prefix
#   --profile P     cargo profile to build/install (default release; dev = target/debug)
#   --no-build      install what is already built (then --native-static-libs should be given,
#                   as only a build prints them)
#   --native-static-libs FLAGS
#                   the system libraries a static link needs (rustc's native-static-libs);
#                   written to Libs.private
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=/usr/local
destdir=
profile=release
build=1
libs=

while [ $# -gt 0 ]; do
    case $1 in
        --prefix) prefix=$2; shift 2 ;;
        --destdir) destdir=$2; shift 2 ;;
        --profile) profile=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        --native-static-libs) libs=$2; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
case $prefix in /*) ;; *) echo "install.sh: --prefix must be absolute" >&2; exit 2 ;; esac
case $profile in
    dev|debug) profile=dev; target_dir=debug ;;
    *) target_dir=$profile ;;
esac
target=${CARGO_TARGET_DIR:-$root/target}/$target_dir

if [ "$build" = 1 ]; then
    # `cargo rustc` builds the .so and the .a and lets rustc print what a static link needs.
    out=$(cd "$root" && cargo rustc -p certcentral-c --lib --profile "$profile" \
        -- --print native-static-libs 2>&1) || { printf '%s\n' "$out" >&2; exit 1; }
    libs=$(printf '%s\n' "$out" | sed -n 's/.*native-static-libs: //p' | tail -n 1)
fi
if [ -z "$libs" ]; then
    libs="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
    echo "install.sh: native-static-libs unknown, using the Linux default: $libs" >&2
fi

version=$(sed -n 's/^#define CERTCENTRAL_VERSION "\(.*\)"$/\1/p' "$here/include/certcentral.h")
[ -n "$version" ] || { echo "install.sh: no CERTCENTRAL_VERSION in the header" >&2; exit 1; }
for f in libcertcentral.so libcertcentral.a; do
    [ -f "$target/$f" ] || { echo "install.sh: $target/$f is missing (build first)" >&2; exit 1; }
done

install -d "$destdir$prefix/include" "$destdir$prefix/lib/pkgconfig"
install -m 644 "$here/include/certcentral.h" "$destdir$prefix/include/certcentral.h"
install -m 755 "$target/libcertcentral.so" "$destdir$prefix/lib/libcertcentral.so"
install -m 644 "$target/libcertcentral.a" "$destdir$prefix/lib/libcertcentral.a"
sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" -e "s|@LIBS_PRIVATE@|$libs|g" \
    "$here/certcentral.pc.in" > "$destdir$prefix/lib/pkgconfig/certcentral.pc"
echo "installed certcentral $version under $destdir$prefix"
