//! `GET /order/certificate`: list orders with DigiCert's filters, sort and paging.

use serde_json::json;
use time::OffsetDateTime;

use super::render;
use crate::http::Reply;
use crate::server::Shared;
use crate::state::OrderRecord;
use crate::timefmt;

/// Default and largest page size.
const MAX_LIMIT: usize = 1000;

/// A `filters[date_created]` range: `from` inclusive, `to` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DateRange {
    from: Option<OffsetDateTime>,
    to: Option<OffsetDateTime>,
}

/// Parses `A...B`, `A...`, `...B`, or one date `A` (that whole day). Each bound is
/// `yyyy-MM-dd` or `yyyy-MM-ddTHH:mm:ss[+00:00]`; a date as the upper bound means the end of
/// that day.
fn parse_range(s: &str) -> Option<DateRange> {
    let lower = |b: &str| -> Option<Option<OffsetDateTime>> {
        if b.is_empty() {
            return Some(None);
        }
        timefmt::parse_bound(b).map(|(t, _)| Some(t))
    };
    let upper = |b: &str| -> Option<Option<OffsetDateTime>> {
        if b.is_empty() {
            return Some(None);
        }
        timefmt::parse_bound(b).map(|(t, whole_day)| {
            Some(if whole_day {
                t + time::Duration::days(1) - time::Duration::nanoseconds(1)
            } else {
                t
            })
        })
    };
    match s.split_once("...") {
        Some((a, b)) => Some(DateRange {
            from: lower(a.trim())?,
            to: upper(b.trim())?,
        }),
        None => {
            let (t, whole_day) = timefmt::parse_bound(s)?;
            Some(DateRange {
                from: Some(t),
                to: whole_day.then(|| t + time::Duration::days(1) - time::Duration::nanoseconds(1)),
            })
        }
    }
}

/// The parsed query of a list call.
#[derive(Debug, Default)]
struct Query {
    status: Option<String>,
    common_name: Option<String>,
    product: Option<String>,
    created: Option<DateRange>,
    sort: Option<String>,
    limit: Option<usize>,
    offset: usize,
}

fn bad(param: &str, message: impl Into<String>) -> Reply {
    Reply::error(400, &format!("invalid_value:{param}"), message)
}

fn parse_query(raw: &str) -> Result<Query, Reply> {
    let mut q = Query::default();
    for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
        let value = value.into_owned();
        match name.as_ref() {
            "filters[status]" => q.status = Some(value),
            "filters[common_name]" => q.common_name = Some(value),
            "filters[product_name_id]" => q.product = Some(value),
            "filters[date_created]" => {
                q.created = Some(parse_range(&value).ok_or_else(|| {
                    bad(
                        "filters[date_created]",
                        "Use yyyy-MM-dd, or a range from...to of yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss.",
                    )
                })?);
            }
            "sort" => match value.as_str() {
                "date_created" | "-date_created" | "id" | "-id" => q.sort = Some(value),
                _ => {
                    return Err(bad(
                        "sort",
                        "sort must be one of date_created, -date_created, id, -id.",
                    ));
                }
            },
            "limit" => match value.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => q.limit = Some(n),
                _ => return Err(bad("limit", "limit must be between 1 and 1000.")),
            },
            "offset" => {
                q.offset = value
                    .parse()
                    .map_err(|_| bad("offset", "offset must be a number ≥ 0."))?;
            }
            other if other.starts_with("filters[") => {
                return Err(bad(
                    other,
                    "The sandbox supports the filters status, common_name, product_name_id and date_created.",
                ));
            }
            _ => {}
        }
    }
    Ok(q)
}

fn keep(o: &OrderRecord, q: &Query, status: &str) -> bool {
    q.status.as_deref().is_none_or(|s| s == status)
        && q.common_name
            .as_deref()
            .is_none_or(|cn| o.common_name.eq_ignore_ascii_case(cn))
        && q.product.as_deref().is_none_or(|p| o.product == p)
        && q.created.is_none_or(|r| {
            r.from.is_none_or(|f| o.created >= f) && r.to.is_none_or(|t| o.created <= t)
        })
}

/// Lists orders.
pub(crate) fn list_orders(shared: &Shared, query: &str) -> Reply {
    let q = match parse_query(query) {
        Ok(q) => q,
        Err(reply) => return reply,
    };
    let mut state = shared.state();
    state.refresh(shared.issue_delay, &shared.ca);
    let delay = shared.issue_delay;
    let mut orders: Vec<&OrderRecord> = state
        .orders
        .values()
        .filter(|o| keep(o, &q, o.status(delay)))
        .collect();
    match q.sort.as_deref() {
        Some("date_created") => orders.sort_by_key(|o| (o.created, o.id)),
        Some("-date_created") => orders.sort_by_key(|o| std::cmp::Reverse((o.created, o.id))),
        Some("-id") => orders.sort_by_key(|o| std::cmp::Reverse(o.id)),
        _ => orders.sort_by_key(|o| o.id),
    }
    let limit = q.limit.unwrap_or(MAX_LIMIT);
    let page: Vec<_> = orders
        .iter()
        .skip(q.offset)
        .take(limit)
        .map(|o| render::order_summary(o, delay))
        .collect();
    Reply::json(
        200,
        &json!({
            "orders": page,
            "page": { "total": orders.len(), "limit": limit, "offset": q.offset },
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        let r = parse_range("2026-01-01...").unwrap();
        assert!(r.from.is_some() && r.to.is_none());
        let r = parse_range("...2026-01-01").unwrap();
        assert!(r.from.is_none() && r.to.is_some());
        let r = parse_range("2026-01-01").unwrap();
        assert!(r.to.unwrap() > r.from.unwrap());
        assert!(parse_range("2026-01-01T10:00:00+00:00...2026-01-02").is_some());
        assert!(parse_range("soon").is_none());
    }

    #[test]
    fn query_errors() {
        assert!(parse_query("sort=name").is_err());
        assert!(parse_query("limit=0").is_err());
        assert!(parse_query("filters%5Bfoo%5D=1").is_err());
        let q = parse_query("filters%5Bcommon_name%5D=a.com&sort=-date_created&limit=100&offset=5")
            .unwrap();
        assert_eq!(q.common_name.as_deref(), Some("a.com"));
        assert_eq!((q.limit, q.offset), (Some(100), 5));
    }
}
