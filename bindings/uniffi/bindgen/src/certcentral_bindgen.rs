//! `certcentral-bindgen`: generates the Kotlin and Swift packages' sources from the built
//! library, with uniffi 0.32.2 in library mode, and adapts them to the packages:
//!
//! ```text
//! certcentral-bindgen kotlin LIBRARY OUT_DIR   # OUT_DIR/org/certcentral/certcentral_uniffi.kt
//! certcentral-bindgen swift  LIBRARY PKG_DIR   # PKG_DIR/Sources/CertCentral/CertCentral.swift
//!                                               # PKG_DIR/Sources/CertCentralFFI/include/
//!                                               #   CertCentralFFI.h, module.modulemap
//! ```
//!
//! Adaptations (each checked: the tool fails when the generated code is not what it expects,
//! rather than writing something half-patched):
//!
//! - Kotlin: uniffi gives an error variant with fields a `message` made of its fields
//!   (`status=401, errors=[…], rawBody=…`). Here `message` returns `toString()`, which the
//!   error's exported `Display` makes the core's own text (`authentication failed: HTTP 403:
//!   access_denied|access_denied_invalid_key: …`).
//! - Swift: the module map is written for a SwiftPM system-library target that works on Linux
//!   too (no `use "Darwin"`), and links `certcentral_uniffi`.
//!
//! Files are only rewritten when their content changes, so Maven and SwiftPM do not rebuild
//! needlessly. Run it inside the workspace (uniffi reads `bindings/uniffi/uniffi.toml` through
//! `cargo metadata`); it changes to its own crate directory for that.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use uniffi::{GenerateOptions, TargetLanguage};

const USAGE: &str = "usage: certcentral-bindgen kotlin LIBRARY OUT_DIR\n       certcentral-bindgen swift LIBRARY PACKAGE_DIR";
const KOTLIN_FILE: &str = "org/certcentral/certcentral_uniffi.kt";
const KOTLIN_ERROR: &str = "sealed class CertCentralException: kotlin.Exception() {";
const SWIFT_MODULEMAP: &str = "module CertCentralFFI {
    header \"CertCentralFFI.h\"
    link \"certcentral_uniffi\"
    export *
}
";

type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.as_slice() {
        [lang, lib, out] if lang == "kotlin" => kotlin(Path::new(lib), Path::new(out)),
        [lang, lib, out] if lang == "swift" => swift(Path::new(lib), Path::new(out)),
        _ => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("certcentral-bindgen: {e}");
            ExitCode::FAILURE
        }
    }
}

fn absolute(p: &Path) -> Result<PathBuf> {
    std::path::absolute(p).map_err(|e| format!("{}: {e}", p.display()))
}

/// Runs uniffi's generator for one language into a fresh scratch directory.
fn generate(language: TargetLanguage, lib: &Path, scratch: &Path) -> Result<()> {
    let lib = absolute(lib)?;
    if !lib.is_file() {
        return Err(format!(
            "{} is not a file: build certcentral-uniffi first",
            lib.display()
        ));
    }
    if scratch.exists() {
        fs::remove_dir_all(scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    }
    // uniffi finds uniffi.toml with `cargo metadata`, run in the current directory.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).map_err(|e| e.to_string())?;
    let utf8 = |p: &Path| {
        p.to_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("{} is not UTF-8", p.display()))
    };
    uniffi::generate(GenerateOptions {
        languages: vec![language],
        source: utf8(&lib)?.into(),
        out_dir: utf8(scratch)?.into(),
        crate_filter: Some("certcentral_uniffi".to_owned()),
        metadata_no_deps: true,
        format: false,
        ..GenerateOptions::default()
    })
    .map_err(|e| format!("uniffi-bindgen failed: {e:?}"))
}

/// Writes `content` to `path` unless it already holds exactly that.
fn write_if_changed(path: &Path, content: &str) -> Result<()> {
    if fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, content).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("certcentral-bindgen: wrote {}", path.display());
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn kotlin(lib: &Path, out: &Path) -> Result<()> {
    let out = absolute(out)?;
    let scratch = out.with_extension("uniffi-scratch");
    generate(TargetLanguage::Kotlin, lib, &scratch)?;
    let source = read(&scratch.join(KOTLIN_FILE))?;
    let patched = kotlin_error_messages(&source)?;
    write_if_changed(&out.join(KOTLIN_FILE), &patched)?;
    fs::remove_dir_all(&scratch).map_err(|e| e.to_string())
}

/// Makes every `CertCentralException` subclass's `message` its `toString()` (the Rust
/// `Display` text) instead of uniffi's `field=value, …` list.
fn kotlin_error_messages(source: &str) -> Result<String> {
    let start = source
        .find(KOTLIN_ERROR)
        .ok_or("the generated Kotlin has no CertCentralException sealed class")?;
    let end = start
        + source[start..]
            .find("\n}\n")
            .ok_or("the CertCentralException class does not end")?;
    let class = &source[start..end];
    if !class.contains("override fun toString(): String") {
        return Err("CertCentralException has no toString() from the exported Display".into());
    }
    let mut patched = String::with_capacity(class.len());
    let mut rest = class;
    let mut count = 0;
    const GETTER: &str = "override val message\n            get() = \"";
    while let Some(i) = rest.find(GETTER) {
        let body = i + GETTER.len();
        let line_end = body
            + rest[body..]
                .find('\n')
                .ok_or("unterminated message getter")?;
        if !rest[..line_end].ends_with('"') {
            return Err("unexpected message getter shape".into());
        }
        patched.push_str(&rest[..i]);
        patched.push_str(
            "override val message: String\n            get() = this.toString() // certcentral-bindgen: the Rust Display text",
        );
        rest = &rest[line_end..];
        count += 1;
    }
    patched.push_str(rest);
    let variants = class.matches(") : CertCentralException() {").count();
    if count == 0 || count != variants {
        return Err(format!(
            "patched {count} message getters but CertCentralException has {variants} variants"
        ));
    }
    Ok(format!("{}{}{}", &source[..start], patched, &source[end..]))
}

fn swift(lib: &Path, pkg: &Path) -> Result<()> {
    let pkg = absolute(pkg)?;
    if !pkg.join("Package.swift").is_file() {
        return Err(format!("{} has no Package.swift", pkg.display()));
    }
    let scratch = pkg.join(".build").join("uniffi-scratch");
    generate(TargetLanguage::Swift, lib, &scratch)?;
    let swift = read(&scratch.join("CertCentral.swift"))?;
    let header = read(&scratch.join("CertCentralFFI.h"))?;
    if !swift.contains("import CertCentralFFI") {
        return Err("the generated Swift does not import CertCentralFFI".into());
    }
    write_if_changed(&pkg.join("Sources/CertCentral/CertCentral.swift"), &swift)?;
    let include = pkg.join("Sources/CertCentralFFI/include");
    write_if_changed(&include.join("CertCentralFFI.h"), &header)?;
    write_if_changed(&include.join("module.modulemap"), SWIFT_MODULEMAP)?;
    fs::remove_dir_all(&scratch).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patches_every_variant_or_nothing() {
        let src = format!(
            "x\n{KOTLIN_ERROR}\n    class A(\n        val `a`: Int\n        ) : CertCentralException() {{\n        override val message\n            get() = \"a=${{ `a` }}\"\n    }}\n    override fun toString(): String {{ return \"\" }}\n}}\ny\n"
        );
        let out = kotlin_error_messages(&src).unwrap();
        assert!(out.contains("get() = this.toString()"));
        assert!(!out.contains("a=$"));
        assert!(out.ends_with("}\ny\n"));
        assert!(kotlin_error_messages("nothing").is_err());
    }
}
