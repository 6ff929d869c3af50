//! Conversions between Python objects and JSON values, dates and times.
//!
//! Orders cross the boundary as `serde_json::Value`, so the core validates exactly the JSON a
//! dict, an `Order` or a JSON string stands for, and reports a wrong type at its path.

use std::time::{Duration, SystemTime};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use certcentral::validate::Date;

/// Nesting deeper than this is refused (a self-referencing dict would otherwise recurse
/// forever); no order comes close.
const MAX_DEPTH: usize = 64;

/// A JSON path for conversion errors, in the validator's notation.
fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn where_(path: &str) -> String {
    if path.is_empty() {
        "the order".to_owned()
    } else {
        format!("`{path}`")
    }
}

/// Converts a Python object (dict, list, str, int, float, bool, None, or an object with a
/// `to_dict()` method such as `certcentral.Order`) into a JSON value.
pub fn to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    convert(obj, "", 0)
}

fn convert(obj: &Bound<'_, PyAny>, path: &str, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(format!(
            "{} is nested more than {MAX_DEPTH} levels deep",
            where_(path)
        )));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // bool before int: bool is a subclass of int in Python.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        // Beyond 64 bits: a float, which the validator reports as out of range / wrong type.
        let f: f64 = obj.call_method0("__float__")?.extract()?;
        return float(f, path);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return float(f.value(), path);
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = dict_key(&k, path)?;
            let value = convert(&v, &child(path, &key), depth + 1)?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(convert(&item?, &format!("{path}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    // Model objects (certcentral.Order and its parts) and anything else that offers to_dict().
    if let Ok(to_dict) = obj.getattr("to_dict")
        && to_dict.is_callable()
    {
        return convert(&to_dict.call0()?, path, depth + 1);
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        let mut map = Map::new();
        for item in m.items()?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            let key = dict_key(&k, path)?;
            let value = convert(&v, &child(path, &key), depth + 1)?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    Err(PyTypeError::new_err(format!(
        "{} is a {}, which has no JSON form (use dict, list, str, int, float, bool or None)",
        where_(path),
        obj.get_type().name()?
    )))
}

fn dict_key(k: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    match k.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{} has a key of type {}: JSON object keys are strings",
            where_(path),
            k.get_type().name()?
        ))),
    }
}

fn float(f: f64, path: &str) -> PyResult<Value> {
    Number::from_f64(f).map(Value::Number).ok_or_else(|| {
        PyValueError::new_err(format!("{} is {f}, which JSON cannot carry", where_(path)))
    })
}

/// Converts a JSON value into plain Python objects (dict, list, str, int, float, bool, None).
pub fn from_value<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(from_value(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, from_value(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Serializes a core value and converts it into plain Python objects.
pub fn to_py<'py, T: serde::Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(v)
        .map_err(|e| PyValueError::new_err(format!("cannot serialize: {e}")))?;
    from_value(py, &value)
}

/// An order (or a part of one) as given from Python: JSON text (`str` or `bytes`), kept as
/// text so that it is parsed without the GIL, or any other Python value (a model object such
/// as `certcentral.Order`, a dict, ...; see [`to_value`]) converted with the GIL held.
pub enum OrderInput {
    /// JSON text.
    Text(String),
    /// A converted Python value.
    Value(Value),
}

impl OrderInput {
    /// Takes the text, or converts the value (a `TypeError` for what has no JSON form). A
    /// list or a number is not an order, but the core says so (`invalid_type` at the root),
    /// like it does for the same JSON text.
    pub fn extract(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Self::Text(s.to_cow()?.into_owned()));
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Self::Text(
                String::from_utf8_lossy(b.as_bytes()).into_owned(),
            ));
        }
        to_value(obj).map(Self::Value)
    }

    /// The JSON value. Text that does not parse is the core's validation error for it
    /// (`invalid_type` at the root).
    pub fn into_value(self) -> Result<Value, certcentral::Error> {
        match self {
            Self::Value(v) => Ok(v),
            Self::Text(text) => certcentral::validate::parse_value(&text),
        }
    }
}

/// `today` for the date rules: `None` (today in UTC), a `datetime.date` (or `datetime`), or
/// a `yyyy-MM-dd` string.
pub fn today(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Date> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(certcentral::validate::today_utc());
    };
    let text = if let Ok(s) = obj.cast::<PyString>() {
        s.to_cow()?.into_owned()
    } else if obj.hasattr("year")? && obj.hasattr("month")? && obj.hasattr("day")? {
        let y: i32 = obj.getattr("year")?.extract()?;
        let m: u8 = obj.getattr("month")?.extract()?;
        let d: u8 = obj.getattr("day")?.extract()?;
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        return Err(PyTypeError::new_err(format!(
            "today must be a datetime.date or a yyyy-MM-dd string, not {}",
            obj.get_type().name()?
        )));
    };
    certcentral::validate::parse_date(&text)
        .ok_or_else(|| PyValueError::new_err(format!("today {text:?} is not a yyyy-MM-dd date")))
}

/// A timezone-aware `datetime` as a `SystemTime`.
pub fn system_time(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<SystemTime> {
    if !obj.hasattr("utcoffset")? || !obj.hasattr("timestamp")? {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a datetime.datetime, not {}",
            obj.get_type().name()?
        )));
    }
    if obj.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(format!(
            "{what} must be timezone-aware (for example \
             datetime.now(timezone.utc) or error.sent_at - timedelta(minutes=5))"
        )));
    }
    let ts: f64 = obj.call_method0("timestamp")?.extract()?;
    let offset = Duration::try_from_secs_f64(ts.abs())
        .map_err(|_| PyValueError::new_err(format!("{what} is out of range")))?;
    let t = if ts >= 0.0 {
        SystemTime::UNIX_EPOCH.checked_add(offset)
    } else {
        SystemTime::UNIX_EPOCH.checked_sub(offset)
    };
    t.ok_or_else(|| PyValueError::new_err(format!("{what} is out of range")))
}

/// A `SystemTime` as a timezone-aware UTC `datetime`.
pub fn datetime_utc<'py>(py: Python<'py>, t: SystemTime) -> PyResult<Bound<'py, PyAny>> {
    let secs = match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => d.as_secs_f64(),
        Err(e) => -e.duration().as_secs_f64(),
    };
    let datetime = py.import("datetime")?;
    let utc = datetime.getattr("timezone")?.getattr("utc")?;
    datetime
        .getattr("datetime")?
        .call_method1("fromtimestamp", (secs, utc))
}

/// Seconds (a positive, finite float) as a `Duration`.
pub fn seconds(value: f64, what: &str) -> Result<Duration, certcentral::Error> {
    if value.is_finite() && value > 0.0 {
        Duration::try_from_secs_f64(value)
            .map_err(|_| certcentral::Error::Config(format!("{what} {value} is out of range")))
    } else {
        Err(certcentral::Error::Config(format!(
            "{what} must be a positive number of seconds, not {value}"
        )))
    }
}
