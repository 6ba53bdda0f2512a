//! Results too big for the screen go through a pager: `$PAGER` (run by `sh -c`, as git and
//! man do), else `less -S -R -X`. Whether a text is too big is decided here from its measure
//! and the screen's; the pager owns the terminal while it runs and planq waits for it.

use super::term::Screen;
use std::io::Write;
use std::process::{Command, Stdio};
use unicode_width::UnicodeWidthStr;

/// Whether `text` would scroll its first lines off the screen: a line wider than the screen
/// wraps onto several rows, and the prompt after the result needs a row of its own.
pub fn too_tall(text: &str, screen: Screen) -> bool {
    let cols = screen.cols.max(1);
    let rows: usize = text.lines().map(|l| l.width().max(1).div_ceil(cols)).sum();
    rows >= screen.rows
}

/// Too tall, or has a line wider than the screen (which `less -S` lets one scroll across
/// instead of wrapping it into the next rows).
pub fn too_tall_or_wide(text: &str, screen: Screen) -> bool {
    too_tall(text, screen) || text.lines().any(|l| l.width() > screen.cols)
}

/// The pager as the user would name it in a message.
pub fn name() -> String {
    user_pager().unwrap_or_else(|| "less -S -R -X".to_owned())
}

/// `$PAGER` unless unset or blank.
fn user_pager() -> Option<String> {
    std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty())
}

fn command() -> Command {
    match user_pager() {
        // The shell splits it, so `PAGER='less -FRX'` and quoted paths work as elsewhere.
        Some(pager) => {
            let mut sh = Command::new("sh");
            sh.arg("-c").arg(pager);
            sh
        }
        // Long lines cut, not wrapped, so a wide table keeps its shape (→ scrolls across);
        // colour passed through; and the last page left on the screen after `q`, so the
        // result does not vanish before the next prompt.
        None => {
            let mut less = Command::new("less");
            less.args(["-S", "-R", "-X"]);
            less
        }
    }
}

/// Shows `text` in the pager and waits until the user leaves it; `Err` says why it could not
/// run, and then nothing was shown.
pub fn show(text: &str) -> Result<(), String> {
    let mut child = command()
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the pager `{}`: {e}", name()))?;
    if let Some(mut pipe) = child.stdin.take() {
        // Leaving the pager before the end closes the pipe; that is no error. Dropping the
        // pipe tells the pager the text is complete.
        let _ = pipe.write_all(text.as_bytes());
    }
    let status = child
        .wait()
        .map_err(|e| format!("lost the pager `{}`: {e}", name()))?;
    // What sh answers when it cannot find (127) or execute (126) the command.
    match status.code() {
        Some(126 | 127) => Err(format!("the pager `{}` could not run", name())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCREEN: Screen = Screen { cols: 10, rows: 4 };

    #[test]
    fn a_text_that_leaves_room_for_the_prompt_fits() {
        assert!(!too_tall("a\nb\nc\n", SCREEN));
        assert!(too_tall("a\nb\nc\nd\n", SCREEN));
        assert!(!too_tall("", SCREEN));
    }

    #[test]
    fn wide_lines_count_the_rows_they_wrap_onto() {
        // 12 columns wrap onto two rows of 10; 沂源县 is six columns wide.
        assert!(!too_tall("123456789012\nx\n", SCREEN));
        assert!(too_tall("123456789012\n123456789012\n", SCREEN));
        assert!(too_tall("沂源县沂源县\n沂源县沂源县\n", SCREEN));
        // Empty lines still take a row.
        assert!(too_tall("\n\n\n\n", SCREEN));
    }

    #[test]
    fn a_short_but_wide_text_is_too_wide() {
        assert!(!too_tall("12345678901\n", SCREEN));
        assert!(too_tall_or_wide("12345678901\n", SCREEN));
        assert!(!too_tall_or_wide("1234567890\n", SCREEN));
    }
}
