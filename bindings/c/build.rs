//! Generates the C header with cbindgen (the pinned workspace version) into
//! `$OUT_DIR/certcentral.h`. The committed copy, `include/certcentral.h`, is compared with it by
//! `tests/header.rs` (run by `cargo test` and `cargo xtask test`), which also rewrites it when
//! `CERTCENTRAL_UPDATE_HEADER=1` is set.
//!
//! A failure is a warning, not a panic: a panicking build script would hide rustc's own, much
//! better, error for the same problem (toolchain notes, pitfall 5).

use std::env;
use std::path::PathBuf;

/// The version macros, from Cargo.toml's version.
fn version_defines() -> String {
    let v = |name: &str| env::var(name).unwrap_or_default();
    let (major, minor, patch) = (
        v("CARGO_PKG_VERSION_MAJOR"),
        v("CARGO_PKG_VERSION_MINOR"),
        v("CARGO_PKG_VERSION_PATCH"),
    );
    format!(
        r#"
/** The major version of this header (from Cargo.toml). */
#define CERTCENTRAL_VERSION_MAJOR {major}
/** The minor version of this header. */
#define CERTCENTRAL_VERSION_MINOR {minor}
/** The patch version of this header. */
#define CERTCENTRAL_VERSION_PATCH {patch}
/** The version of this header as a string; certcentral_version() gives the library's. */
#define CERTCENTRAL_VERSION "{version}"
/** The version as one comparable number: major * 10000 + minor * 100 + patch. */
#define CERTCENTRAL_VERSION_NUMBER \
    (CERTCENTRAL_VERSION_MAJOR * 10000 + CERTCENTRAL_VERSION_MINOR * 100 + CERTCENTRAL_VERSION_PATCH)"#,
        version = v("CARGO_PKG_VERSION"),
    )
}

fn main() {
    let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("certcentral.h");
    // A failed generation must not leave an older header behind for tests/header.rs.
    let _ = std::fs::remove_file(&out);
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=build.rs");

    let mut config = match cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")) {
        Ok(c) => c,
        Err(e) => {
            println!("cargo:warning=cbindgen.toml: {e}");
            return;
        }
    };
    config.after_includes = Some(version_defines());
    // Parses src/lib.rs and the modules it declares: no `cargo metadata` run inside the build.
    match cbindgen::Builder::new()
        .with_config(config)
        .with_src(crate_dir.join("src").join("lib.rs"))
        .generate()
    {
        Ok(bindings) => {
            bindings.write_to_file(&out);
        }
        Err(e) => println!("cargo:warning=cbindgen could not generate the header: {e}"),
    }
}
