use clap::Parser;

fn main() -> std::process::ExitCode {
    recall::run(recall::cli::Cli::parse())
}
