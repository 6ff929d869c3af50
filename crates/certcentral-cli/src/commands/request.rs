//! `certcentral request approve|reject ID [--comment C]`.

use certcentral::RequestDecision;
use serde_json::json;

use crate::cli::{DecisionArgs, Global};
use crate::context;
use crate::exit::Failure;
use crate::output::Output;

/// Approves or rejects a request.
pub fn decide(
    global: &Global,
    args: &DecisionArgs,
    approve: bool,
    out: &Output,
) -> Result<(), Failure> {
    let ctx = context::connect(global)?;
    let decision = if approve {
        RequestDecision::Approved
    } else {
        RequestDecision::Rejected
    };
    ctx.client
        .update_request_status(args.id, decision, args.comment.as_deref())?;
    out.result(
        &format!("request {} {decision}", args.id),
        &json!({ "request_id": args.id, "status": decision.as_str() }),
    );
    Ok(())
}
