//! The machinery of a validation pass: paths, typed field access, and collected findings.

use serde_json::{Map, Value};
use time::Date;

use super::{Verdict, Violation, codes};
use crate::product::ProductRules;

/// Range of an integer field.
#[derive(Clone, Copy)]
pub(crate) enum IntRange {
    /// An id: 1 ..= u64::MAX.
    Id,
    /// A fixed inclusive range.
    Between(i64, i64),
    /// One of these values.
    OneOf(&'static [u32]),
}

/// State of one validation pass.
pub(crate) struct Walker<'r> {
    pub rules: &'r ProductRules,
    pub today: Date,
    /// Only check what the typed model needs (types, keys, required fields, integer fit).
    pub shape_only: bool,
    violations: Vec<Violation>,
    warnings: Vec<Violation>,
}

/// `a.b` or `b` when `a` is the root.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// `a[i]`.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a decimal number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Levenshtein distance, for "did you mean" hints on unknown keys.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

impl<'r> Walker<'r> {
    pub fn new(rules: &'r ProductRules, today: Date) -> Self {
        Self {
            rules,
            today,
            shape_only: false,
            violations: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn finish(self) -> Verdict {
        Verdict {
            valid: self.violations.is_empty(),
            violations: self.violations,
            warnings: self.warnings,
        }
    }

    pub fn violation(&mut self, path: impl Into<String>, code: &str, message: impl Into<String>) {
        self.violations.push(Violation {
            path: path.into(),
            code: code.to_owned(),
            message: message.into(),
        });
    }

    pub fn warning(&mut self, path: impl Into<String>, code: &str, message: impl Into<String>) {
        if !self.shape_only {
            self.warnings.push(Violation {
                path: path.into(),
                code: code.to_owned(),
                message: message.into(),
            });
        }
    }

    fn wrong_type(&mut self, path: &str, expected: &str, got: &Value) {
        self.violation(
            path,
            codes::INVALID_TYPE,
            format!("expected {expected}, got {}", type_name(got)),
        );
    }

    /// `v` as an object whose keys are all in `allowed`; unknown keys are reported.
    pub fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong_type(path, "an object", v);
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let hint = allowed
                    .iter()
                    .filter(|a| distance(key, a) <= 2)
                    .min_by_key(|a| distance(key, a))
                    .map(|a| format!("; did you mean {a:?}?"))
                    .unwrap_or_default();
                self.violation(
                    join(path, key),
                    codes::UNKNOWN_FIELD,
                    format!("unknown field {}{hint}", super::names::quoted(key)),
                );
            }
        }
        Some(map)
    }

    /// A member; `null` counts as absent.
    pub fn get<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
        map.get(key).filter(|v| !v.is_null())
    }

    /// Reports `required` when the member is absent; returns it otherwise.
    pub fn require<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'v Value> {
        let v = Self::get(map, key);
        if v.is_none() {
            self.violation(
                join(path, key),
                codes::REQUIRED,
                format!("{key} is required"),
            );
        }
        v
    }

    /// A string member, if present and a string (wrong types reported).
    pub fn string<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
    ) -> Option<&'v str> {
        let v = if required {
            self.require(map, path, key)?
        } else {
            Self::get(map, key)?
        };
        let p = join(path, key);
        match v {
            Value::String(s) => {
                if required && s.trim().is_empty() && !self.shape_only {
                    self.violation(p, codes::REQUIRED, format!("{key} must not be blank"));
                    return None;
                }
                Some(s)
            }
            other => {
                self.wrong_type(&p, "a string", other);
                None
            }
        }
    }

    /// A boolean member.
    pub fn boolean(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<bool> {
        match Self::get(map, key)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(&join(path, key), "a boolean (true or false)", other);
                None
            }
        }
    }

    /// An integer member within `range`.
    pub fn integer(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
        range: IntRange,
    ) -> Option<i128> {
        let v = if required {
            self.require(map, path, key)?
        } else {
            Self::get(map, key)?
        };
        self.integer_value(v, &join(path, key), range)
    }

    /// An integer value within `range`.
    pub fn integer_value(&mut self, v: &Value, path: &str, range: IntRange) -> Option<i128> {
        let n = match v {
            Value::Number(n) if n.is_i64() => i128::from(n.as_i64()?),
            Value::Number(n) if n.is_u64() => i128::from(n.as_u64()?),
            other => {
                self.wrong_type(path, "an integer", other);
                return None;
            }
        };
        let (ok, what) = match range {
            IntRange::Id => (n >= 1, "a positive id".to_owned()),
            IntRange::Between(lo, hi) => (
                (i128::from(lo)..=i128::from(hi)).contains(&n),
                format!("between {lo} and {hi}"),
            ),
            IntRange::OneOf(set) => (
                set.iter().any(|s| i128::from(*s) == n),
                format!(
                    "one of {}",
                    set.iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
        };
        // In shape-only mode, only values the typed model cannot hold are refused.
        let fits = match range {
            IntRange::Id => n >= 0 && n <= i128::from(u64::MAX),
            IntRange::Between(lo, _) if lo < 0 => {
                n >= i128::from(i64::MIN) && n <= i128::from(i64::MAX)
            }
            IntRange::Between(_, hi) if hi <= 255 => (0..=255).contains(&n),
            _ => n >= 0 && n <= i128::from(u32::MAX),
        };
        if !(ok || self.shape_only && fits) {
            self.violation(
                path,
                codes::OUT_OF_RANGE,
                format!("{n} is out of range: expected {what}"),
            );
            return None;
        }
        Some(n)
    }

    /// An array member; each element is passed to `each` with its path.
    pub fn array<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'v [Value]> {
        match Self::get(map, key)? {
            Value::Array(a) => Some(a),
            other => {
                self.wrong_type(&join(path, key), "an array", other);
                None
            }
        }
    }

    /// A string element of an array.
    pub fn string_item<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v str> {
        match v {
            Value::String(s) => Some(s),
            other => {
                self.wrong_type(path, "a string", other);
                None
            }
        }
    }

    /// A string member whose value must be one of `allowed`.
    pub fn one_of(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
        allowed: &[&str],
    ) -> Option<String> {
        let s = self.string(map, path, key, required)?.to_owned();
        if !self.shape_only && !allowed.contains(&s.as_str()) {
            self.violation(
                join(path, key),
                codes::NOT_ALLOWED,
                format!(
                    "{} is not allowed; use one of: {}",
                    super::names::quoted(&s),
                    allowed.join(", ")
                ),
            );
            return None;
        }
        Some(s)
    }
}
