//! `certcentral cert download ID [--format F] --out FILE`.

use std::io::Write;

use serde_json::json;

use crate::cli::{DownloadArgs, Global};
use crate::context;
use crate::exit::Failure;
use crate::output::Output;

/// Downloads a certificate.
pub fn download(global: &Global, args: &DownloadArgs, out: &Output) -> Result<(), Failure> {
    let ctx = context::connect(global)?;
    let bytes = ctx.client.download_certificate(args.id, &args.format)?;
    let target = if args.out.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(&bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| Failure::io("write", &args.out, &e))?;
        return Ok(());
    } else {
        if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::io("create the directory", dir, &e))?;
        }
        std::fs::write(&args.out, &bytes).map_err(|e| Failure::io("write", &args.out, &e))?;
        args.out.display().to_string()
    };
    out.result(
        &format!(
            "wrote certificate {} ({}, {} bytes) to {target}",
            args.id,
            args.format,
            bytes.len()
        ),
        &json!({ "certificate_id": args.id, "format": args.format, "bytes": bytes.len(), "path": target }),
    );
    Ok(())
}
