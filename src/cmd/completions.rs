//! `recall completions SHELL` and `recall man`: generated from the command line's own
//! definition, so they cannot fall out of step with it.
use std::{io::Write, process::ExitCode};

use crate::{
    cli::{CompletionsArgs, command},
    error::Result,
};

pub fn completions(args: CompletionsArgs) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command(), "recall", &mut out);
    write_all(&out)
}

pub fn man() -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command())
        .render(&mut out)
        .expect("rendering into memory does not fail");
    write_all(&out)
}

fn write_all(bytes: &[u8]) -> Result<ExitCode> {
    if let Err(e) = std::io::stdout().lock().write_all(bytes) {
        crate::output_failed(e);
    }
    Ok(ExitCode::SUCCESS)
}
