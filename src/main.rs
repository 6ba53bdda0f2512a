//! The planq binary: parse the command line and run.

/// The model is millions of small strings, made by several threads at once: mimalloc
/// allocates them faster than the system allocator (measured in docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    restore_default_sigpipe();
    planq::memory::start_small();
    planq::cli::run()
}

/// Rust ignores SIGPIPE, so `planq export | head` would panic on a closed pipe. Like other
/// Unix filters, planq should simply stop when its reader goes away.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
