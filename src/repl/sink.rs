//! Where results go: the screen (through the pager when they would not fit it), or a file
//! named by `.output` (until told otherwise) or `.once` (for the next result only).

use super::interrupt;
use super::pager;
use super::term::{self, Screen};
use std::fs::File;
use std::io::Write;
use std::path::PathBuf;

/// Whether a text is too big to print straight onto a screen (see `pager`).
pub type TooBig = fn(&str, Screen) -> bool;

enum Target {
    Screen,
    File {
        path: PathBuf,
        file: File,
        /// `.once`: the screen again after one result.
        once: bool,
    },
}

pub struct Sink {
    target: Target,
    /// `.pager on|off`.
    pub pager: bool,
    color: bool,
}

impl Sink {
    pub fn new(color: bool) -> Self {
        Sink {
            target: Target::Screen,
            pager: true,
            color,
        }
    }

    pub fn send_to_screen(&mut self) {
        self.target = Target::Screen;
    }

    pub fn send_to_file(&mut self, path: PathBuf, file: File, once: bool) {
        self.target = Target::File { path, file, once };
    }

    /// True when results print on the screen, so a table must fit its width.
    pub fn on_screen(&self) -> bool {
        matches!(self.target, Target::Screen)
    }

    /// Writes a result of `rows` rows; false if Ctrl-C stopped it on the screen.
    pub fn write(&mut self, text: &str, rows: usize, too_big: TooBig) -> bool {
        let newline = if text.ends_with('\n') { "" } else { "\n" };
        let text = format!("{text}{newline}");
        let Target::File { path, file, once } = &mut self.target else {
            return self.show(&text, too_big);
        };
        let rows = match rows {
            1 => "1 row".to_owned(),
            n => format!("{n} rows"),
        };
        let once = *once;
        let written = file
            .write_all(text.as_bytes())
            .map(|()| format!("{rows} written to {}", path.display()));
        match written {
            Ok(note) => println!("{}", term::paint(&note, "2", self.color)),
            Err(e) => {
                let message = format!("cannot write results ({e}); they go to the screen again");
                term::error(&message, self.color);
                self.send_to_screen();
            }
        }
        if once {
            self.send_to_screen();
        }
        true
    }

    /// Prints `text` on the screen, through the pager when `too_big` says it would not fit
    /// there; false (said so) if Ctrl-C stopped it.
    pub fn show(&mut self, text: &str, too_big: TooBig) -> bool {
        let paged = self.pager && term::screen().is_some_and(|screen| too_big(text, screen));
        if paged {
            match pager::show(text) {
                Ok(()) => {
                    // The pager had the terminal; a Ctrl-C pressed in it was its own.
                    interrupt::forget();
                    return true;
                }
                // Said once: the pager stays off until `.pager on` asks for it again.
                Err(why) => {
                    self.pager = false;
                    let message = format!("{why}; results print directly (.pager on to retry)");
                    term::error(&message, self.color);
                }
            }
        }
        self.print(text)
    }

    /// Prints on the screen until done or Ctrl-C; false (said so) if Ctrl-C stopped it.
    pub fn print(&self, text: &str) -> bool {
        // A closed or broken stdout is not worth a message on the very same terminal.
        let done = interrupt::write_lines(&mut std::io::stdout().lock(), text).unwrap_or(true);
        if !done {
            term::cancelled(self.color);
        }
        done
    }
}
