//! Flattens the shared validation vectors (`tests/vectors/*.json`) into a line-based file
//! that the C test suite reads without a JSON parser of its own for the vector format:
//!
//! ```text
//! case<TAB>FILE/NAME
//! product<TAB>PRODUCT
//! today<TAB>YYYY-MM-DD
//! order<TAB>ORDER AS COMPACT JSON (one line)
//! valid<TAB>true|false
//! violation<TAB>CODE<TAB>PATH        (one line per expected violation)
//! warning<TAB>CODE<TAB>PATH          (one line per expected warning)
//! end
//! ```
//!
//! Only the format changes: the C side runs each order through the library and compares the
//! (path, code) multisets of the library's report with these lines itself.
//!
//! `cargo run -p certcentral-c --example flatten_vectors -- tests/vectors OUT_FILE`

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

fn field<'a>(value: &'a Value, key: &str, at: &str) -> Result<&'a Value, String> {
    value.get(key).ok_or_else(|| format!("{at}: no `{key}`"))
}

fn text<'a>(value: &'a Value, key: &str, at: &str) -> Result<&'a str, String> {
    let s = field(value, key, at)?
        .as_str()
        .ok_or_else(|| format!("{at}: `{key}` is not a string"))?;
    if s.contains(['\t', '\n', '\r']) {
        return Err(format!("{at}: `{key}` holds a tab or a line break"));
    }
    Ok(s)
}

fn findings(
    out: &mut String,
    expect: &Value,
    key: &str,
    tag: &str,
    at: &str,
) -> Result<(), String> {
    let items = field(expect, key, at)?
        .as_array()
        .ok_or_else(|| format!("{at}: `expect.{key}` is not an array"))?;
    for item in items {
        let code = text(item, "code", at)?;
        let path = text(item, "path", at)?;
        writeln!(out, "{tag}\t{code}\t{path}").expect("write to a String");
    }
    Ok(())
}

fn flatten_file(path: &Path, out: &mut String) -> Result<usize, String> {
    let at_file = path.display().to_string();
    let body = std::fs::read_to_string(path).map_err(|e| format!("{at_file}: {e}"))?;
    let doc: Value = serde_json::from_str(&body).map_err(|e| format!("{at_file}: {e}"))?;
    let cases = field(&doc, "cases", &at_file)?
        .as_array()
        .ok_or_else(|| format!("{at_file}: `cases` is not an array"))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("vectors");
    for case in cases {
        let name = text(case, "name", &at_file)?;
        let at = format!("{at_file}: case {name}");
        let expect = field(case, "expect", &at)?;
        let valid = field(expect, "valid", &at)?
            .as_bool()
            .ok_or_else(|| format!("{at}: `expect.valid` is not a boolean"))?;
        let order = serde_json::to_string(field(case, "order", &at)?).expect("a Value serializes");
        writeln!(out, "case\t{stem}/{name}").expect("write to a String");
        writeln!(out, "product\t{}", text(case, "product", &at)?).expect("write to a String");
        writeln!(out, "today\t{}", text(case, "today", &at)?).expect("write to a String");
        writeln!(out, "order\t{order}").expect("write to a String");
        writeln!(out, "valid\t{valid}").expect("write to a String");
        findings(out, expect, "violations", "violation", &at)?;
        findings(out, expect, "warnings", "warning", &at)?;
        out.push_str("end\n");
    }
    Ok(cases.len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out_file] = args.as_slice() else {
        eprintln!("usage: flatten_vectors VECTORS_DIR OUT_FILE");
        return ExitCode::from(2);
    };
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(e) => {
            eprintln!("flatten_vectors: {dir}: {e}");
            return ExitCode::FAILURE;
        }
    };
    files.sort();
    let mut out = String::from("# generated from tests/vectors/*.json by flatten_vectors\n");
    let mut total = 0;
    for file in &files {
        match flatten_file(file, &mut out) {
            Ok(n) => total += n,
            Err(e) => {
                eprintln!("flatten_vectors: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if let Err(e) = std::fs::write(out_file, out) {
        eprintln!("flatten_vectors: {out_file}: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "flatten_vectors: {total} cases from {} files -> {out_file}",
        files.len()
    );
    if total == 0 {
        eprintln!("flatten_vectors: no vector found in {dir}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
