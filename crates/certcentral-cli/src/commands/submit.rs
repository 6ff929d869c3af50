//! `certcentral order submit FILE --product P [--wait] [--approve] [--out DIR]
//! [--generate-key] [--timeout SECS]`: the whole order lifecycle.
//!
//! Steps: read and validate locally (nothing is written or sent for an invalid order),
//! optionally make a key and CSR, submit, optionally approve the pending request, optionally
//! wait for issuance, then download the chain and write it to `--out`. With the embedded
//! sandbox (`--sandbox`) and `--wait`, the request is approved automatically: nobody else can
//! approve an order in a sandbox that lives only as long as this command.

use std::path::PathBuf;
use std::time::Duration;

use certcentral::{
    CertificateChain, Client, OrderResponse, OrderStatus, RequestDecision, RequestStatus,
    WaitPolicy,
};
use serde_json::{Value, json};

use super::validate::{finding_line, findings};
use crate::cli::{Global, SubmitArgs};
use crate::context::{self, Context};
use crate::exit::{Code, Failure};
use crate::files;
use crate::keygen;
use crate::output::Output;
use crate::progress::Progress;

/// What the command did, for the result.
#[derive(Default)]
struct Outcome {
    approved: Vec<u64>,
    status: Option<String>,
    certificate_id: Option<u64>,
    chain: Option<CertificateChain>,
    files: Vec<PathBuf>,
}

fn requests_text(resp: &OrderResponse) -> String {
    let parts: Vec<String> = resp
        .requests
        .iter()
        .map(|r| format!("request {}: {}", r.id, r.status))
        .chain(resp.certificate_id.map(|c| format!("certificate {c}")))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// Local validation; the order is refused (exit 1) before anything is written or sent.
fn check(order: &Value, product: &str, out: &Output) -> Result<(), Failure> {
    let verdict = certcentral::check_value(order, product, certcentral::validate::today_utc());
    for w in &verdict.warnings {
        out.note(&finding_line("warning", w));
    }
    if verdict.valid {
        return Ok(());
    }
    let mut f = Failure::new(
        Code::Invalid,
        format!(
            "the order is invalid ({} violation{}); nothing was sent:\n{}",
            verdict.violations.len(),
            if verdict.violations.len() == 1 {
                ""
            } else {
                "s"
            },
            findings(&certcentral::Verdict {
                warnings: Vec::new(),
                ..verdict.clone()
            })
            .trim_end()
        ),
    );
    f.detail = json!({ "kind": "validation", "violations": verdict.violations });
    Err(f)
}

/// `--generate-key`: replaces the order's CSR and writes key.pem (0600) and csr.pem.
fn generate_key(
    order: &mut Value,
    args: &SubmitArgs,
    product: &str,
    out: &Output,
) -> Result<Vec<PathBuf>, Failure> {
    let Some(dir) = &args.out else {
        return Err(Failure::usage("--generate-key needs --out DIR for key.pem"));
    };
    let generated = match keygen::generate(&keygen::order_names(order)) {
        Ok(g) => g,
        Err(e) => {
            // Names a CSR cannot carry are invalid names: report them as violations.
            check(order, product, out)?;
            return Err(e);
        }
    };
    match order.get_mut("certificate").and_then(Value::as_object_mut) {
        Some(cert) => {
            cert.insert("csr".into(), Value::String(generated.csr_pem.clone()));
        }
        None => return check(order, product, out).map(|()| Vec::new()),
    }
    check(order, product, out)?;
    Ok(vec![
        files::write_private_key(dir, "key.pem", &generated.key_pem)?,
        files::write(dir, "csr.pem", generated.csr_pem.as_bytes())?,
    ])
}

fn approve_pending(
    client: &Client,
    resp: &OrderResponse,
    progress: &Progress,
) -> Result<Vec<u64>, Failure> {
    let mut approved = Vec::new();
    for r in resp
        .requests
        .iter()
        .filter(|r| r.status == RequestStatus::Pending)
    {
        client.update_request_status(
            r.id,
            RequestDecision::Approved,
            Some("approved with certcentral order submit --approve"),
        )?;
        progress.step(&format!("approved request {}", r.id));
        approved.push(r.id);
    }
    Ok(approved)
}

fn wait(
    ctx: &Context,
    args: &SubmitArgs,
    resp: &OrderResponse,
    progress: &Progress,
    outcome: &mut Outcome,
) -> Result<(), Failure> {
    let policy = WaitPolicy {
        timeout: Duration::from_secs(args.timeout),
        poll_interval: if ctx.is_local() {
            Duration::from_millis(250)
        } else {
            Duration::from_secs(5)
        },
    };
    let info = ctx
        .client
        .wait_for_issuance_with(resp.id, &policy, |info| {
            let hint = match (&info.status, info.requests.first()) {
                (OrderStatus::NeedsApproval, Some(r)) => {
                    format!(" (approve it with: certcentral request approve {})", r.id)
                }
                _ => String::new(),
            };
            progress.status(&format!("order {}: {}{hint}", info.id, info.status));
        })?;
    outcome.status = Some(info.status.to_string());
    if info.status != OrderStatus::Issued {
        return Err(Failure::new(
            Code::NotIssued,
            format!(
                "order {} ended {} without a certificate",
                info.id, info.status
            ),
        ));
    }
    let cert_id = info.certificate_id().ok_or_else(|| {
        Failure::new(
            Code::Api,
            format!("order {} is issued but has no certificate id", info.id),
        )
    })?;
    progress.step(&format!("order {} issued (certificate {cert_id})", info.id));
    progress.status("downloading the chain");
    outcome.certificate_id = Some(cert_id);
    outcome.chain = Some(ctx.client.download_chain(cert_id)?);
    Ok(())
}

fn chain_from_response(resp: &OrderResponse) -> Result<Option<CertificateChain>, Failure> {
    if resp.certificate_chain.is_empty() {
        return Ok(None);
    }
    let pem: String = resp
        .certificate_chain
        .iter()
        .map(|e| e.pem.as_str())
        .collect();
    CertificateChain::from_pem(&pem)
        .map(Some)
        .map_err(|e| Failure::new(Code::Api, format!("the returned chain does not parse: {e}")))
}

fn summary(resp: &OrderResponse, outcome: &Outcome, ctx: &Context, args: &SubmitArgs) -> String {
    let mut lines = Vec::new();
    match &outcome.chain {
        Some(chain) => lines.push(format!(
            "order {} issued: certificate {} for {} ({}), valid until {}",
            resp.id,
            outcome
                .certificate_id
                .or(resp.certificate_id)
                .map_or_else(|| "?".into(), |c| c.to_string()),
            chain.leaf.subject_common_name,
            chain.leaf.dns_names.join(", "),
            chain.leaf.not_after
        )),
        None => lines.push(format!(
            "order {} submitted{}",
            resp.id,
            requests_text(resp)
        )),
    }
    if !outcome.files.is_empty() {
        let names: Vec<String> = outcome
            .files
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        lines.push(format!("wrote {}", names.join(", ")));
    }
    if let (Some(dir), Some(chain)) = (&args.out, &outcome.chain)
        && chain.root.is_some()
    {
        lines.push(format!(
            "verify: openssl verify -CAfile {0}/root.pem -untrusted {0}/intermediates.pem {0}/leaf.pem",
            dir.display()
        ));
    }
    if outcome.chain.is_none() {
        if let Some(r) = resp
            .requests
            .iter()
            .find(|r| r.status == RequestStatus::Pending && !outcome.approved.contains(&r.id))
        {
            lines.push(format!("next: certcentral request approve {}", r.id));
        }
        lines.push(format!("follow it: certcentral order info {}", resp.id));
        if ctx.sandbox.is_some() {
            lines.push(
                "note: the embedded sandbox stops with this command; add --wait to follow the order to its certificate"
                    .into(),
            );
        }
    }
    lines.join("\n")
}

/// Runs `order submit`.
pub fn run(global: &Global, args: &SubmitArgs, out: &Output) -> Result<(), Failure> {
    super::validate::check_product(&args.product)?;
    let mut order = files::read_order(&args.file)?;
    let mut outcome = Outcome::default();
    if args.generate_key {
        outcome.files = generate_key(&mut order, args, &args.product, out)?;
    } else {
        check(&order, &args.product, out)?;
    }
    let ctx = context::connect(global)?;
    let progress = Progress::new(out.json);
    for f in &outcome.files {
        progress.step(&format!("wrote {}", f.display()));
    }
    progress.status(&format!(
        "submitting the order to {}",
        ctx.client.base_url()
    ));
    let resp = ctx.client.submit_order_value(&args.product, &order)?;
    progress.step(&format!(
        "submitted order {}{}",
        resp.id,
        requests_text(&resp)
    ));
    if args.approve || (ctx.sandbox.is_some() && args.wait) {
        outcome.approved = approve_pending(&ctx.client, &resp, &progress)?;
    }
    if args.wait {
        wait(&ctx, args, &resp, &progress, &mut outcome)?;
    } else {
        outcome.chain = chain_from_response(&resp)?;
        outcome.certificate_id = resp.certificate_id;
    }
    if let (Some(dir), Some(chain)) = (&args.out, &outcome.chain) {
        outcome.files.extend(files::write_chain(dir, chain)?);
    }
    progress.finish();
    let value = json!({
        "order": resp,
        "approved_requests": outcome.approved,
        "status": outcome.status,
        "certificate_id": outcome.certificate_id.or(resp.certificate_id),
        "chain": outcome.chain,
        "files": outcome.files,
    });
    out.result(&summary(&resp, &outcome, &ctx, args), &value);
    Ok(())
}
