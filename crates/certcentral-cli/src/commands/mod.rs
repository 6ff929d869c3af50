//! One module per command; `run` dispatches.

mod cert;
mod order;
mod request;
mod sandbox;
mod submit;
mod validate;

use crate::cli::{CertCommand, Cli, Command, OrderCommand, RequestCommand};
use crate::exit::Failure;
use crate::output::Output;

/// Runs the command of the command line.
pub fn run(cli: &Cli, out: &Output) -> Result<(), Failure> {
    let g = &cli.global;
    match &cli.command {
        Command::Validate(args) => validate::run(args, out),
        Command::Order(OrderCommand::Submit(args)) => submit::run(g, args, out),
        Command::Order(OrderCommand::Info(args)) => order::info(g, args, out),
        Command::Order(OrderCommand::List(args)) => order::list(g, args, out),
        Command::Order(OrderCommand::Cancel(args)) => order::cancel(g, args, out),
        Command::Request(RequestCommand::Approve(args)) => request::decide(g, args, true, out),
        Command::Request(RequestCommand::Reject(args)) => request::decide(g, args, false, out),
        Command::Cert(CertCommand::Download(args)) => cert::download(g, args, out),
        Command::Sandbox(args) => sandbox::run(g, args),
    }
}
