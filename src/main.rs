//! The planq binary: parse the command line and run.
fn main() -> std::process::ExitCode {
    planq::cli::run()
}
