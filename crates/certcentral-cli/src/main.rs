//! `certcentral`: validate, submit and follow DigiCert CertCentral orders from a terminal or a
//! script, or run the offline sandbox. See `docs/cli.md` and `certcentral --help`.

mod cli;
mod commands;
mod context;
mod exit;
mod files;
mod keygen;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let out = output::Output::new(cli.global.json);
    match commands::run(&cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::from(e.code as u8)
        }
    }
}
