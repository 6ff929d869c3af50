//! Dates and times as DigiCert writes them.

use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// `yyyy-MM-ddTHH:mm:ss+00:00`, as in `date_created`.
pub(crate) fn datetime(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `yyyy-MM-dd`, as in `valid_from` / `valid_till`.
pub(crate) fn date(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// Parses `yyyy-MM-dd` (as the start of that day, UTC) or `yyyy-MM-ddTHH:mm:ss` with an
/// optional `+00:00` / `Z` suffix (also with a space instead of `T`).
pub(crate) fn parse_bound(s: &str) -> Option<(OffsetDateTime, bool)> {
    let s = s.trim();
    if let Some(d) = certcentral::validate::parse_date(s) {
        return Some((PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc(), true));
    }
    let core = s
        .strip_suffix("+00:00")
        .or_else(|| s.strip_suffix('Z'))
        .unwrap_or(s);
    if core.len() != 19 || !core.is_ascii() {
        return None;
    }
    let date = certcentral::validate::parse_date(&core[..10])?;
    let sep = core.as_bytes()[10];
    if sep != b'T' && sep != b' ' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| core.get(r)?.parse::<u8>().ok();
    if core.as_bytes()[13] != b':' || core.as_bytes()[16] != b':' {
        return None;
    }
    let time = Time::from_hms(num(11..13)?, num(14..16)?, num(17..19)?).ok()?;
    Some((PrimitiveDateTime::new(date, time).assume_utc(), false))
}

/// The end of a calendar day (23:59:59 UTC).
pub(crate) fn end_of_day(d: Date) -> OffsetDateTime {
    PrimitiveDateTime::new(d, Time::from_hms(23, 59, 59).unwrap_or(Time::MIDNIGHT)).assume_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses() {
        let t = OffsetDateTime::from_unix_timestamp(60).unwrap();
        assert_eq!(datetime(t), "1970-01-01T00:01:00+00:00");
        assert_eq!(date(t), "1970-01-01");
        assert_eq!(
            parse_bound("1970-01-01").unwrap(),
            (t - time::Duration::minutes(1), true)
        );
        assert_eq!(
            parse_bound("1970-01-01T00:01:00+00:00").unwrap(),
            (t, false)
        );
        assert_eq!(parse_bound("1970-01-01 00:01:00").unwrap(), (t, false));
        assert!(parse_bound("yesterday").is_none());
        assert!(parse_bound("2026-01-0é00:00:00+00:00").is_none());
    }
}
