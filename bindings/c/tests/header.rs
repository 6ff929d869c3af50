//! The committed header, `include/certcentral.h`, must be exactly what cbindgen generates
//! from the current sources (build.rs writes that into `$OUT_DIR`). To update the committed
//! copy: `CERTCENTRAL_UPDATE_HEADER=1 cargo test -p certcentral-c --test header`.

use std::path::Path;

const FRESH: &str = concat!(env!("OUT_DIR"), "/certcentral.h");

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn committed_header_is_fresh() {
    let fresh = read(Path::new(FRESH));
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("include/certcentral.h");
    if std::env::var_os("CERTCENTRAL_UPDATE_HEADER").is_some_and(|v| v == "1") {
        std::fs::write(&committed_path, &fresh).expect("write include/certcentral.h");
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    if committed != fresh {
        let first = committed
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "at the end".to_owned(), |i| format!("at line {}", i + 1));
        panic!(
            "bindings/c/include/certcentral.h differs from a fresh cbindgen generation ({first}); \
             run `CERTCENTRAL_UPDATE_HEADER=1 cargo test -p certcentral-c --test header` and \
             commit the result"
        );
    }
}

#[test]
fn version_macros_match_cargo_toml() {
    let fresh = read(Path::new(FRESH));
    for (name, value) in [
        (
            "CERTCENTRAL_VERSION_MAJOR",
            env!("CARGO_PKG_VERSION_MAJOR").to_owned(),
        ),
        (
            "CERTCENTRAL_VERSION_MINOR",
            env!("CARGO_PKG_VERSION_MINOR").to_owned(),
        ),
        (
            "CERTCENTRAL_VERSION_PATCH",
            env!("CARGO_PKG_VERSION_PATCH").to_owned(),
        ),
        (
            "CERTCENTRAL_VERSION",
            format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        ),
    ] {
        let line = format!("#define {name} {value}\n");
        assert!(fresh.contains(&line), "the header lacks `{}`", line.trim());
    }
}

#[test]
fn every_exported_function_is_declared() {
    let fresh = read(Path::new(FRESH));
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut count = 0;
    for entry in std::fs::read_dir(&src).expect("src") {
        let text = read(&entry.expect("entry").path());
        for name in text
            .split("extern \"C\" fn ")
            .skip(1)
            .filter_map(|rest| rest.split('(').next())
        {
            count += 1;
            assert!(
                fresh.contains(&format!("{name}(")),
                "`{name}` is missing from the header"
            );
        }
    }
    assert!(count > 30, "only {count} exported functions found");
}
