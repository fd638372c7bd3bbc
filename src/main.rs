fn main() -> std::process::ExitCode {
    recall::run(recall::cli::parse())
}
