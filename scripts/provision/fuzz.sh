#!/usr/bin/env bash
# Provision cargo-fuzz (libFuzzer driver) for the fuzz suite. cargo-fuzz needs nightly
# features: the suite uses rustup's nightly toolchain when present, else stable with
# RUSTC_BOOTSTRAP=1 (crates/xtask/src/fuzz_suite.rs). ~50 s cold, a no-op when installed.
set -euo pipefail
VERSION=0.13.2
log() { printf '[provision/fuzz] %s\n' "$*" >&2; }
if cargo fuzz --version 2>/dev/null | grep -q "$VERSION"; then
    log "cargo-fuzz $VERSION present"
    exit 0
fi
log "installing cargo-fuzz $VERSION"
cargo install cargo-fuzz --version "$VERSION" --locked
cargo fuzz --version >/dev/null || { log "ERROR: cargo-fuzz did not install"; exit 1; }
