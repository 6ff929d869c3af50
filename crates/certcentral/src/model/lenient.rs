//! Lenient deserializers: DigiCert ids arrive as numbers, and some proxies and older API
//! versions send them as strings. Both are accepted.

use serde::{Deserialize, Deserializer, de};

#[derive(Deserialize)]
#[serde(untagged)]
enum NumOrStr {
    Num(u64),
    Str(String),
}

fn to_u64<E: de::Error>(v: NumOrStr) -> Result<u64, E> {
    match v {
        NumOrStr::Num(n) => Ok(n),
        NumOrStr::Str(s) => s
            .trim()
            .parse()
            .map_err(|_| E::custom(format!("expected an id, got {s:?}"))),
    }
}

/// An id given as a number or a string of digits.
pub(crate) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    to_u64(NumOrStr::deserialize(d)?)
}

/// An optional id given as a number, a string of digits, or `null`.
pub(crate) fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match Option::<NumOrStr>::deserialize(d)? {
        None => Ok(None),
        Some(v) => to_u64(v).map(Some),
    }
}
