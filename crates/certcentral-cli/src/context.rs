//! The client a command talks through: to an embedded sandbox (`--sandbox`), a base URL, or
//! a CertCentral region, with the API key from the environment or a key file.

use std::time::Duration;

use certcentral::{Client, ClientConfig, Region};
use certcentral_sandbox::{Approval, Sandbox, SandboxConfig};

use crate::cli::{ApprovalArg, Global, RegionArg};
use crate::exit::Failure;

/// The environment variable holding the API key.
pub const API_KEY_ENV: &str = "DIGICERT_API_KEY";

/// A connected client, and the embedded sandbox behind it if any (kept alive as long as the
/// context).
pub struct Context {
    /// The client.
    pub client: Client,
    /// The embedded sandbox, with `--sandbox`.
    pub sandbox: Option<Sandbox>,
}

impl Context {
    /// Whether requests go to a server on this machine (sandbox or loopback URL).
    pub fn is_local(&self) -> bool {
        self.sandbox.is_some() || self.client.base_url().starts_with("http://")
    }
}

/// The sandbox approval mode of the options.
pub fn approval(arg: ApprovalArg) -> Approval {
    match arg {
        ApprovalArg::Manual => Approval::Manual,
        ApprovalArg::Auto => Approval::Auto,
        ApprovalArg::Immediate => Approval::Immediate,
    }
}

/// The sandbox issue delay of the options.
pub fn issue_delay(global: &Global) -> Result<Duration, Failure> {
    Duration::try_from_secs_f64(global.issue_delay)
        .map_err(|_| Failure::usage("--issue-delay must be a number of seconds ≥ 0"))
}

/// Reads the API key: `--api-key-file`, else `DIGICERT_API_KEY`. The key is never printed.
fn api_key(global: &Global) -> Result<String, Failure> {
    if let Some(path) = &global.api_key_file {
        let key = std::fs::read_to_string(path).map_err(|e| {
            Failure::usage(format!(
                "cannot read the API key file {}: {e}",
                path.display()
            ))
        })?;
        let key = key.trim().to_owned();
        if key.is_empty() {
            return Err(Failure::usage(format!(
                "the API key file {} is empty",
                path.display()
            )));
        }
        return Ok(key);
    }
    match std::env::var(API_KEY_ENV) {
        Ok(key) if !key.trim().is_empty() => Ok(key.trim().to_owned()),
        _ => Err(Failure::usage(format!(
            "no API key: set {API_KEY_ENV} or pass --api-key-file PATH \
             (or add --sandbox to try everything offline against the embedded sandbox)"
        ))),
    }
}

/// Connects as the options say.
pub fn connect(global: &Global) -> Result<Context, Failure> {
    if global.sandbox {
        if global.base_url.is_some() {
            return Err(Failure::usage(
                "--sandbox and --base-url exclude each other",
            ));
        }
        let sandbox = Sandbox::start(SandboxConfig {
            approval: approval(global.approval),
            issue_delay: issue_delay(global)?,
            ..SandboxConfig::default()
        })
        .map_err(|e| {
            Failure::new(
                crate::exit::Code::LocalIo,
                format!("cannot start the sandbox: {e}"),
            )
        })?;
        let config = ClientConfig::new(sandbox.api_key()).base_url(sandbox.base_url());
        let client = Client::new(config)?;
        return Ok(Context {
            client,
            sandbox: Some(sandbox),
        });
    }
    let key = api_key(global)?;
    let config = ClientConfig::new(key);
    let config = match (&global.base_url, global.region) {
        (Some(url), _) => config.base_url(url.clone()),
        (None, RegionArg::Us) => config.region(Region::Us),
        (None, RegionArg::Eu) => config.region(Region::Eu),
    };
    Ok(Context {
        client: Client::new(config)?,
        sandbox: None,
    })
}
