//! Ctrl-C while a line runs: cancel it and go back to the prompt, instead of dying.
//!
//! At the prompt the terminal is raw and Ctrl-C is a key the line editor reads. While a line
//! runs the terminal is cooked again, Ctrl-C is SIGINT, and SIGINT ends the process. So while
//! a line runs ([`CatchCtrlC`]) SIGINT only raises a flag. The evaluator cannot be asked to
//! stop midway, so slow work runs on a thread of its own ([`run`]) and the loop stops
//! *waiting* for it: a cancelled statement is abandoned and its result dropped when it ends.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// How often a wait looks at the flag: often enough that Ctrl-C feels instant.
const POLL: Duration = Duration::from_millis(20);
/// The parser and evaluator recurse; give them the room the main thread has, not the 2 MiB a
/// spawned thread gets by default.
const STACK_BYTES: usize = 16 << 20;

/// True once Ctrl-C was pressed while the current line runs.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

#[cfg(unix)]
extern "C" fn on_sigint(_: libc::c_int) {
    // A lock-free atomic store is all a signal handler may safely do here.
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Forgets a Ctrl-C that was meant for another program (the pager, which had the terminal).
pub fn forget() {
    INTERRUPTED.store(false, Ordering::SeqCst);
}

/// While it lives, SIGINT sets the flag instead of ending the process; dropping it puts back
/// the handler there was before (so Ctrl-C outside a running line behaves as it always did).
pub struct CatchCtrlC {
    #[cfg(unix)]
    previous: libc::sigaction,
}

impl CatchCtrlC {
    /// Clears the flag and starts catching SIGINT; `None` if the handler could not be set.
    pub fn install() -> Option<CatchCtrlC> {
        forget();
        #[cfg(unix)]
        // SAFETY: both sigaction structs are zeroed then filled as sigaction(2) requires; the
        // handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            // Reads and writes under way in other threads resume rather than fail with EINTR.
            action.sa_flags = libc::SA_RESTART;
            let mut previous: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGINT, &action, &mut previous) != 0 {
                return None;
            }
            Some(CatchCtrlC { previous })
        }
        #[cfg(not(unix))]
        None
    }
}

impl Drop for CatchCtrlC {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: `previous` is what sigaction(2) gave back when this guard was installed.
        unsafe {
            libc::sigaction(libc::SIGINT, &self.previous, std::ptr::null_mut());
        }
    }
}

/// Why work gave no result.
#[derive(Debug, PartialEq, Eq)]
pub enum Stopped {
    /// Ctrl-C came first; the work goes on unseen until it ends, then is dropped.
    Cancelled,
    /// It panicked (the panic message is already on stderr), or no thread could be started.
    Failed(String),
}

/// Runs `work` on a thread of its own and waits for its result, unless Ctrl-C comes first.
pub fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Stopped> {
    if interrupted() {
        return Err(Stopped::Cancelled);
    }
    let (sender, receiver) = mpsc::channel();
    thread::Builder::new()
        .name("planq-statement".into())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            // Nobody listens any more when the statement was cancelled; that is fine.
            let _ = sender.send(work());
        })
        .map_err(|e| Stopped::Failed(format!("cannot start the statement: {e}")))?;
    loop {
        match receiver.recv_timeout(POLL) {
            Ok(value) => return Ok(value),
            Err(RecvTimeoutError::Timeout) if interrupted() => return Err(Stopped::Cancelled),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Stopped::Failed(
                    "the statement failed (a bug in planq)".into(),
                ))
            }
        }
    }
}

/// Writes `text` line by line, stopping at Ctrl-C (a long table on a slow terminal can take
/// a while). Returns false if it stopped early.
pub fn write_lines(out: &mut impl Write, text: &str) -> io::Result<bool> {
    for line in text.split_inclusive('\n') {
        if interrupted() {
            out.flush()?;
            return Ok(false);
        }
        out.write_all(line.as_bytes())?;
    }
    out.flush()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    // One test touches the process-wide flag and handler, so nothing races it.
    #[test]
    fn ctrl_c_cancels_the_wait_but_not_the_process() {
        let guard = CatchCtrlC::install().expect("a SIGINT handler");
        assert_eq!(run(|| 6 * 7), Ok(42));
        assert!(matches!(
            run(|| -> u8 { panic!("boom") }),
            Err(Stopped::Failed(_))
        ));
        // SAFETY: raise(3) delivers SIGINT to this thread; the handler above catches it.
        unsafe { libc::raise(libc::SIGINT) };
        assert!(interrupted());
        let slow = run(|| thread::sleep(Duration::from_secs(30)));
        assert_eq!(slow, Err(Stopped::Cancelled));
        let mut out = Vec::new();
        assert!(!write_lines(&mut out, "a\nb\n").unwrap());
        assert!(out.is_empty());
        drop(guard);
        let _again = CatchCtrlC::install();
        assert!(!interrupted(), "installing clears the flag");
        let mut out = Vec::new();
        assert!(write_lines(&mut out, "a\nb").unwrap());
        assert_eq!(out, b"a\nb");
    }
}
