//! Source lines and the role the ingest gives each one, so that every line is accounted for.

use super::normalize::{clean_line, is_blank};
use crate::model::LineRole;

/// One line of the source: its 1-based number, the cleaned text and whether it is blank.
#[derive(Debug, Clone)]
pub struct SourceLine {
    pub no: usize,
    pub text: String,
    pub blank: bool,
    /// Tabs before the first text: empty leading cells of a spreadsheet row, which the
    /// cleaned text no longer shows (a merged category cell left blank).
    pub leading_tabs: usize,
}

/// Splits decoded text into lines (any of \n, \r\n, \r).
pub fn split(text: &str) -> Vec<SourceLine> {
    if text.is_empty() {
        return Vec::new();
    }
    // A final newline ends the last line; it does not start another.
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .flat_map(|l| l.split('\r'))
        .enumerate()
        .map(|(i, raw)| SourceLine {
            no: i + 1,
            text: clean_line(raw),
            blank: is_blank(raw),
            leading_tabs: raw
                .chars()
                .take_while(|c| c.is_whitespace())
                .filter(|c| *c == '\t')
                .count(),
        })
        .collect()
}

/// The role of every line, filled in as the parsers place them.
#[derive(Debug, Clone)]
pub struct Roles(pub Vec<Option<LineRole>>);

impl Roles {
    pub fn new(lines: &[SourceLine]) -> Roles {
        Roles(
            lines
                .iter()
                .map(|l| l.blank.then_some(LineRole::Blank))
                .collect(),
        )
    }

    /// Gives line `no` (1-based) a role.
    pub fn set(&mut self, no: usize, role: LineRole) {
        if let Some(slot) = self.0.get_mut(no.wrapping_sub(1)) {
            *slot = Some(role);
        }
    }
}
