//! What the terminal can take: colour (NO_COLOR, TERM=dumb, not a tty) and its width.

use std::io::IsTerminal;

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

/// Wraps `text` in an SGR colour code when `color` is on.
pub fn paint(text: &str, sgr: &str, color: bool) -> String {
    if color && !text.is_empty() {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}
