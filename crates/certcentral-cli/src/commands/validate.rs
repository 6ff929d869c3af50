//! `certcentral validate FILE --product P [--today D]`.

use std::fmt::Write as _;

use certcentral::{Verdict, Violation};
use serde_json::json;

use crate::cli::ValidateArgs;
use crate::exit::{Code, Failure};
use crate::files;
use crate::output::Output;

/// One finding as a line: `error    path    code    message`.
pub fn finding_line(level: &str, v: &Violation) -> String {
    let path = if v.path.is_empty() {
        "(order)"
    } else {
        &v.path
    };
    format!("{level:<8} {path}: {} [{}]", v.message, v.code)
}

/// The findings of a verdict, one per line.
pub fn findings(verdict: &Verdict) -> String {
    let mut s = String::new();
    for v in &verdict.violations {
        let _ = writeln!(s, "{}", finding_line("error", v));
    }
    for w in &verdict.warnings {
        let _ = writeln!(s, "{}", finding_line("warning", w));
    }
    s
}

/// Checks the product id's shape (a usage error otherwise).
pub fn check_product(product: &str) -> Result<(), Failure> {
    certcentral::check_product_id(product).map_err(Failure::usage)
}

/// Runs `validate`.
pub fn run(args: &ValidateArgs, out: &Output) -> Result<(), Failure> {
    check_product(&args.product)?;
    let today = match &args.today {
        Some(d) => certcentral::validate::parse_date(d)
            .ok_or_else(|| Failure::usage(format!("--today {d:?} is not a YYYY-MM-DD date")))?,
        None => certcentral::validate::today_utc(),
    };
    let file = args.file.display().to_string();
    let verdict = match files::read_order(&args.file) {
        Ok(order) => certcentral::check_value(&order, &args.product, today),
        Err(f) if f.code == Code::Invalid => Verdict {
            valid: false,
            violations: serde_json::from_value(f.detail["violations"].clone()).unwrap_or_default(),
            warnings: Vec::new(),
        },
        Err(f) => return Err(f),
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let head = if verdict.valid {
        format!(
            "{file}: valid for {} ({})",
            args.product,
            plural(verdict.warnings.len(), "warning")
        )
    } else {
        format!(
            "{file}: INVALID for {} ({}, {})",
            args.product,
            plural(verdict.violations.len(), "violation"),
            plural(verdict.warnings.len(), "warning")
        )
    };
    let value = json!({
        "file": file,
        "product": args.product,
        "valid": verdict.valid,
        "violations": verdict.violations,
        "warnings": verdict.warnings,
    });
    let report = format!("{head}\n{}", findings(&verdict));
    if verdict.valid {
        out.result(&report, &value);
        return Ok(());
    }
    if !out.json {
        out.result(&report, &value);
    }
    Err(Failure::new(
        Code::Invalid,
        format!("{file} is not a valid {} order", args.product),
    )
    .with_document(value))
}
