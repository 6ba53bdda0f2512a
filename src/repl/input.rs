//! What the loop does with what the line editor gave: a line, a fresh prompt, or the end.
//!
//! A read that fails is no reason to end the session: one byte that is not UTF-8 (a GBK
//! terminal typing Chinese, a binary paste) makes rustyline give up on the whole line. That
//! line is dropped with a message and the next prompt comes. Only a read that keeps failing
//! (the terminal is gone) ends the session, after [`GIVE_UP_AFTER`] failures in a row.

use super::term::paint;
use rustyline::error::ReadlineError;
use std::io::ErrorKind;

/// Failed reads in a row after which the terminal is taken to be gone.
pub const GIVE_UP_AFTER: u32 = 100;

/// What the loop does next.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    Line(String),
    /// Nothing to run: prompt again.
    Prompt,
    /// Ctrl-D, or the input is gone.
    Leave,
    /// Reading failed again and again; the session ends with an error.
    GiveUp,
}

/// Counts failed reads in a row.
#[derive(Debug, Default)]
pub struct Reads {
    failed_in_a_row: u32,
}

impl Reads {
    /// Decides what a read gives, telling the user when a line was lost.
    pub fn next(&mut self, read: rustyline::Result<String>, color: bool) -> Next {
        let error = match read {
            Ok(line) => {
                self.failed_in_a_row = 0;
                return Next::Line(line);
            }
            Err(ReadlineError::Eof) => return Next::Leave,
            // Ctrl-C on an empty line: a fresh prompt, as in a shell.
            Err(ReadlineError::Interrupted) => {
                self.failed_in_a_row = 0;
                return Next::Prompt;
            }
            Err(ReadlineError::WindowResized) => return Next::Prompt,
            Err(e) => e,
        };
        self.failed_in_a_row += 1;
        if self.failed_in_a_row >= GIVE_UP_AFTER {
            eprintln!(
                "\nplanq: cannot read the terminal ({error}; {GIVE_UP_AFTER} times in a row)"
            );
            return Next::GiveUp;
        }
        let message = if is_not_utf8(&error) {
            // The rest of a pasted line would otherwise run on its own at the next prompt.
            discard_typed_ahead();
            "input is not valid UTF-8; line ignored".to_owned()
        } else if self.failed_in_a_row == 1 {
            format!("cannot read the line ({error}); line ignored")
        } else {
            // The same failure again: once on the screen is enough.
            return Next::Prompt;
        };
        // The editor stopped mid-line; the message starts a line of its own.
        eprintln!("\n{}: {message}", paint("error", "1;31", color));
        Next::Prompt
    }
}

fn is_not_utf8(error: &ReadlineError) -> bool {
    match error {
        ReadlineError::Io(e) => e.kind() == ErrorKind::InvalidData,
        _ => false,
    }
}

/// Drops input the terminal holds but nobody read yet.
fn discard_typed_ahead() {
    #[cfg(unix)]
    // SAFETY: tcflush(3) on the standard input descriptor; it fails harmlessly if not a tty.
    unsafe {
        libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn not_utf8() -> rustyline::Result<String> {
        Err(ReadlineError::Io(ErrorKind::InvalidData.into()))
    }

    fn broken() -> rustyline::Result<String> {
        Err(ReadlineError::Io(ErrorKind::BrokenPipe.into()))
    }

    #[test]
    fn a_bad_line_gives_a_new_prompt() {
        let mut reads = Reads::default();
        assert_eq!(reads.next(not_utf8(), false), Next::Prompt);
        assert_eq!(
            reads.next(Ok("docs".into()), false),
            Next::Line("docs".into())
        );
        assert_eq!(
            reads.next(Err(ReadlineError::Interrupted), false),
            Next::Prompt
        );
        assert_eq!(reads.next(Err(ReadlineError::Eof), false), Next::Leave);
    }

    #[test]
    fn endless_failures_end_the_session() {
        let mut reads = Reads::default();
        for _ in 1..GIVE_UP_AFTER {
            assert_eq!(reads.next(broken(), false), Next::Prompt);
        }
        assert_eq!(reads.next(broken(), false), Next::GiveUp);
    }

    #[test]
    fn a_good_line_restarts_the_count() {
        let mut reads = Reads::default();
        for _ in 0..2 * GIVE_UP_AFTER {
            assert_eq!(reads.next(broken(), false), Next::Prompt);
            assert!(matches!(
                reads.next(Ok(String::new()), false),
                Next::Line(_)
            ));
        }
    }
}
