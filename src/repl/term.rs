//! What the terminal can take: colour (NO_COLOR, TERM=dumb, not a tty) and its size; how
//! errors and cancellations are said on it.

use std::io::IsTerminal;

/// The terminal's size in character cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub cols: usize,
    pub rows: usize,
}

/// Colour only on a terminal, and never when the user asked for none (https://no-color.org).
pub fn color_wanted() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    !no_color && !dumb && std::io::stdout().is_terminal()
}

/// The terminal's width in columns, read afresh so a resized window is honoured.
pub fn width() -> Option<usize> {
    let (terminal_size::Width(w), _) = terminal_size::terminal_size()?;
    (w > 0).then_some(usize::from(w))
}

/// The size of the terminal results print on; `None` when stdout is not one (so nothing
/// pages into a pipe or a file).
pub fn screen() -> Option<Screen> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let (terminal_size::Width(w), terminal_size::Height(h)) = terminal_size::terminal_size()?;
    (w > 0 && h > 0).then_some(Screen {
        cols: usize::from(w),
        rows: usize::from(h),
    })
}

/// Wraps `text` in an SGR colour code when `color` is on.
pub fn paint(text: &str, sgr: &str, color: bool) -> String {
    if color && !text.is_empty() {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// Says on the screen that something failed; the session goes on.
pub fn error(message: &str, color: bool) {
    eprintln!("{}: {message}", paint("error", "1;31", color));
}

/// Says that Ctrl-C stopped what was running, after the terminal's `^C`, on a line of its own.
pub fn cancelled(color: bool) {
    eprintln!("\n{}", paint("cancelled", "1;33", color));
}
