//! `certcentral order info ID`, `certcentral order list` and `certcentral order cancel ID`.

use std::fmt::Write as _;

use certcentral::{OrderInfo, OrderSummary};
use serde_json::{Value, json};

use crate::cli::{CancelArgs, Global, InfoArgs, ListArgs};
use crate::context;
use crate::exit::Failure;
use crate::output::Output;

/// Order info as text.
pub fn describe(info: &OrderInfo) -> String {
    let mut s = String::new();
    let product = info
        .product
        .as_ref()
        .map(|p| p.name_id.clone())
        .unwrap_or_default();
    let _ = writeln!(s, "order {}: {} ({product})", info.id, info.status);
    if let Some(c) = &info.certificate {
        let _ = writeln!(s, "  common name   {}", c.common_name);
        let _ = writeln!(s, "  dns names     {}", c.dns_names.join(", "));
        if let Some(id) = c.id {
            let _ = write!(s, "  certificate   {id}");
            if let (Some(from), Some(till)) = (&c.valid_from, &c.valid_till) {
                let _ = write!(s, ", valid {from} to {till}");
            }
            if let Some(serial) = &c.serial_number {
                let _ = write!(s, ", serial {serial}");
            }
            s.push('\n');
        }
    }
    for r in &info.requests {
        let _ = writeln!(s, "  request       {} {}", r.id, r.status);
    }
    if let Some(d) = &info.date_created {
        let _ = writeln!(s, "  created       {d}");
    }
    s
}

/// Runs `order info`.
pub fn info(global: &Global, args: &InfoArgs, out: &Output) -> Result<(), Failure> {
    let ctx = context::connect(global)?;
    let info = ctx.client.order_info(args.id)?;
    let value: Value = serde_json::from_str(&info.raw_json).unwrap_or_else(|_| json!(info));
    out.result(&describe(&info), &value);
    Ok(())
}

/// Runs `order cancel`.
pub fn cancel(global: &Global, args: &CancelArgs, out: &Output) -> Result<(), Failure> {
    let ctx = context::connect(global)?;
    ctx.client.cancel_order(args.id, args.note.as_deref())?;
    out.result(
        &format!("order {} canceled", args.id),
        &json!({ "order_id": args.id, "status": "canceled" }),
    );
    Ok(())
}

fn row(o: &OrderSummary) -> String {
    let cn = o
        .certificate
        .as_ref()
        .map(|c| c.common_name.as_str())
        .unwrap_or("");
    let product = o.product.as_ref().map(|p| p.name_id.as_str()).unwrap_or("");
    format!(
        "{:<10} {:<15} {:<24} {:<30} {}",
        o.id,
        o.status.as_str(),
        product,
        cn,
        o.date_created.as_deref().unwrap_or("")
    )
}

/// Runs `order list`.
pub fn list(global: &Global, args: &ListArgs, out: &Output) -> Result<(), Failure> {
    let ctx = context::connect(global)?;
    let mut filters: Vec<(&str, &str)> = Vec::new();
    if let Some(s) = &args.status {
        filters.push(("status", s));
    }
    if let Some(cn) = &args.common_name {
        filters.push(("common_name", cn));
    }
    if let Some(p) = &args.product {
        filters.push(("product_name_id", p));
    }
    let page = ctx
        .client
        .list_orders(&filters, Some("-date_created"), args.limit, args.offset)?;
    let mut text = format!(
        "{:<10} {:<15} {:<24} {:<30} {}\n",
        "ID", "STATUS", "PRODUCT", "COMMON NAME", "CREATED"
    );
    for o in &page.orders {
        let _ = writeln!(text, "{}", row(o));
    }
    let _ = write!(
        text,
        "{} of {} order{}",
        page.orders.len(),
        page.page.total,
        if page.page.total == 1 { "" } else { "s" }
    );
    out.result(&text, &json!(page));
    Ok(())
}
