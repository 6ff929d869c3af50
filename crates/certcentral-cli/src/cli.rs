//! The command line: every command, option and help text (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Try it offline (no DigiCert account): the embedded sandbox runs the whole lifecycle.
  certcentral validate examples/securesite-pro.json --product ssl_securesite_pro
  certcentral order submit examples/securesite-pro.json --product ssl_securesite_pro \\
      --sandbox --wait --out target/demo

Against CertCentral, put your API key in DIGICERT_API_KEY (or a file for --api-key-file):
  certcentral order submit order.json --product ssl_securesite_pro --generate-key --out certs/
  certcentral order info 112233
  certcentral cert download 900001 --format pem_all --out chain.pem

Exit codes: 0 ok, 1 order invalid, 2 usage or configuration error, 3 API key refused,
4 not found, 5 other API error, 6 network error or timeout, 7 submit outcome unknown (the
order may exist: check with `order list` before ordering again), 8 rate limited,
9 local file error, 10 the order ended without a certificate (rejected or canceled).";

/// Validate, submit and follow DigiCert CertCentral certificate orders.
///
/// Orders are JSON files shaped like the body of DigiCert's
/// `POST /services/v2/order/certificate/{product}` (see examples/). Every order is validated
/// locally before anything is sent. Nothing is ever ordered without an API key, and never
/// against DigiCert when --sandbox is given.
#[derive(Debug, Parser)]
#[command(name = "certcentral", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// Options for every command.
    #[command(flatten, next_help_heading = "Global options")]
    pub global: Global,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Options for every command.
#[derive(Debug, Args)]
pub struct Global {
    /// Start an offline sandbox inside this command and send every request to it (no API key
    /// needed, nothing reaches DigiCert)
    #[arg(long, global = true)]
    pub sandbox: bool,

    /// How the sandbox approves orders: manual (you approve the request), auto (approved at
    /// once), immediate (issued during the submit)
    #[arg(long, global = true, value_enum, default_value_t = ApprovalArg::Manual)]
    pub approval: ApprovalArg,

    /// Seconds the sandbox takes to issue a certificate after approval
    #[arg(long, global = true, value_name = "SECS", default_value_t = 2.0)]
    pub issue_delay: f64,

    /// CertCentral region: us (www.digicert.com) or eu (certcentral.digicert.eu)
    #[arg(long, global = true, value_enum, default_value_t = RegionArg::Us)]
    pub region: RegionArg,

    /// Send requests to this base URL instead of a region (https://…/services/v2, or
    /// http://127.0.0.1:PORT/services/v2 for a sandbox)
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// Read the API key from this file instead of the DIGICERT_API_KEY environment variable
    #[arg(long, global = true, value_name = "PATH")]
    pub api_key_file: Option<PathBuf>,

    /// Print one JSON document on stdout (results or {"error": …}) instead of text
    #[arg(long, global = true)]
    pub json: bool,
}

/// Sandbox approval modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ApprovalArg {
    /// Requests wait for `certcentral request approve` (or `order submit --approve`)
    Manual,
    /// Requests are approved at once; issuance follows after the issue delay
    Auto,
    /// The certificate is issued during the submit
    Immediate,
}

/// CertCentral regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegionArg {
    /// https://www.digicert.com/services/v2
    Us,
    /// https://certcentral.digicert.eu/services/v2
    Eu,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check an order file against every validation rule (offline; exit 1 when invalid)
    Validate(ValidateArgs),
    /// Submit an order, show one, or list them
    #[command(subcommand)]
    Order(OrderCommand),
    /// Approve or reject an order's request
    #[command(subcommand)]
    Request(RequestCommand),
    /// Download an issued certificate
    #[command(subcommand)]
    Cert(CertCommand),
    /// Run the offline sandbox until interrupted (prints `base_url: …` and `api_key: …`)
    Sandbox(SandboxArgs),
}

/// `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The order JSON file
    pub file: PathBuf,
    /// Product id, such as ssl_securesite_pro
    #[arg(long, short)]
    pub product: String,
    /// Check the date rules as if today were this day (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

/// `order …`.
#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// Validate and submit an order; with --wait, follow it until the certificate is issued
    Submit(SubmitArgs),
    /// Show an order's status, names, certificate and requests
    Info(InfoArgs),
    /// List orders, newest first
    List(ListArgs),
    /// Cancel an order that is still pending
    Cancel(CancelArgs),
}

/// `order submit`.
#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// The order JSON file
    pub file: PathBuf,
    /// Product id, such as ssl_securesite_pro
    #[arg(long, short)]
    pub product: String,
    /// Wait for issuance and download the chain (with --sandbox, also approve the request)
    #[arg(long)]
    pub wait: bool,
    /// Approve the order's pending request after submitting (needs an approver's key)
    #[arg(long)]
    pub approve: bool,
    /// Directory for key.pem, csr.pem, chain.pem, leaf.pem, intermediates.pem and root.pem
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Make a new ECDSA P-256 key and a CSR for the order's names (replacing the file's csr);
    /// writes key.pem (mode 0600) and csr.pem to --out
    #[arg(long, requires = "out")]
    pub generate_key: bool,
    /// Give up waiting after this many seconds
    #[arg(long, value_name = "SECS", default_value_t = 600)]
    pub timeout: u64,
}

/// `order info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Order id
    pub id: u64,
}

/// `order cancel`.
#[derive(Debug, Args)]
pub struct CancelArgs {
    /// Order id
    pub id: u64,
    /// A note stored with the cancellation
    #[arg(long)]
    pub note: Option<String>,
}

/// `order list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only orders with this status (needs_approval, pending, processing, issued, rejected, canceled, …)
    #[arg(long)]
    pub status: Option<String>,
    /// Only orders for this common name
    #[arg(long, value_name = "CN")]
    pub common_name: Option<String>,
    /// Only orders for this product id
    #[arg(long)]
    pub product: Option<String>,
    /// Most orders to show
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
    /// Skip this many orders
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
}

/// `request approve|reject`.
#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Approve a pending request (the request id is in `order info`)
    Approve(DecisionArgs),
    /// Reject a pending request
    Reject(DecisionArgs),
}

/// Arguments of a request decision.
#[derive(Debug, Args)]
pub struct DecisionArgs {
    /// Request id
    pub id: u64,
    /// Comment for the requester
    #[arg(long)]
    pub comment: Option<String>,
}

/// `cert …`.
#[derive(Debug, Subcommand)]
pub enum CertCommand {
    /// Download a certificate in a format and write it to a file
    Download(DownloadArgs),
}

/// `cert download`.
#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// Certificate id (from `order info`)
    pub id: u64,
    /// pem_all (leaf, intermediate, root), pem_noroot, cer or crt (leaf), p7b (PKCS#7), …
    #[arg(long, default_value = "pem_all")]
    pub format: String,
    /// Where to write it (`-` for stdout)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// `sandbox`.
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Turn off the rate limits (100 requests per 5 s, 1000 per 3 min per key)
    #[arg(long)]
    pub no_rate_limit: bool,
    /// Accept orders without validating them (to see CertCentral-side errors)
    #[arg(long)]
    pub no_validate: bool,
    /// Also stop when standard input is closed (for test harnesses)
    #[arg(long)]
    pub exit_on_stdin_eof: bool,
}
