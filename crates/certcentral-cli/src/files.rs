//! Reading order files and writing keys, CSRs and chains.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use certcentral::CertificateChain;
use serde_json::Value;

use crate::exit::{Code, Failure};

/// Reads an order file as JSON. A missing or unreadable file is a usage error (exit 2); text
/// that is not JSON is an invalid order (exit 1).
pub fn read_order(path: &Path) -> Result<Value, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
    certcentral::validate::parse_value(&text).map_err(|e| {
        let mut f = Failure::new(
            Code::Invalid,
            format!("{} is not valid JSON", path.display()),
        );
        f.detail = serde_json::json!({ "kind": "validation", "violations": e.violations() });
        f
    })
}

fn ensure_dir(dir: &Path) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::io("create the directory", dir, &e))
}

/// Writes `contents` to `dir/name` (replacing an existing file).
pub fn write(dir: &Path, name: &str, contents: &[u8]) -> Result<PathBuf, Failure> {
    ensure_dir(dir)?;
    let path = dir.join(name);
    std::fs::write(&path, contents).map_err(|e| Failure::io("write", &path, &e))?;
    Ok(path)
}

/// Writes a private key to `dir/name`, created with mode 0600 (owner only) on Unix. An
/// existing file is never overwritten.
pub fn write_private_key(dir: &Path, name: &str, pem: &str) -> Result<PathBuf, Failure> {
    ensure_dir(dir)?;
    let path = dir.join(name);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure::new(
                Code::LocalIo,
                format!(
                    "{} already exists; refusing to overwrite a private key (use another --out directory)",
                    path.display()
                ),
            )
        } else {
            Failure::io("create", &path, &e)
        }
    })?;
    file.write_all(pem.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Failure::io("write", &path, &e))?;
    Ok(path)
}

/// Writes `chain.pem` (leaf then intermediates: what a server sends), `leaf.pem`,
/// `intermediates.pem` and `root.pem` (when the chain has a root).
pub fn write_chain(dir: &Path, chain: &CertificateChain) -> Result<Vec<PathBuf>, Failure> {
    let intermediates: String = chain.intermediates.iter().map(|c| c.pem.as_str()).collect();
    let mut written = vec![
        write(
            dir,
            "chain.pem",
            format!("{}{intermediates}", chain.leaf.pem).as_bytes(),
        )?,
        write(dir, "leaf.pem", chain.leaf.pem.as_bytes())?,
        write(dir, "intermediates.pem", intermediates.as_bytes())?,
    ];
    if let Some(root) = &chain.root {
        written.push(write(dir, "root.pem", root.pem.as_bytes())?);
    }
    Ok(written)
}
