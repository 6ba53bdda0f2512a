//! Breaking text to a width in terminal columns, the way Chinese text breaks: between any
//! two characters (there are no spaces to break at), never inside a number or an ASCII word
//! (820个 must not read as 8 / 20个), and letting closing punctuation hang one character past
//! the width rather than start a line. The record view and `.show` both wrap with it.

use unicode_width::UnicodeWidthChar;

/// Punctuation that closes a phrase and so never starts a line.
const CLOSING: &str = "，。；：、）》”’！？,.;:)";

/// Splits `text` into lines of about `width` columns; line breaks in the text are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for c in paragraph.chars() {
            let w = c.width().unwrap_or(0);
            let closing = CLOSING.contains(c);
            let inside_word = c.is_ascii_alphanumeric()
                && line
                    .chars()
                    .last()
                    .is_some_and(|p| p.is_ascii_alphanumeric() || p == '.');
            if used + w > width && !line.is_empty() && !closing && !inside_word {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += w;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_between_characters_but_not_inside_numbers_or_before_closing_marks() {
        assert_eq!(wrap("沂源县人民政府", 6), ["沂源县", "人民政", "府"]);
        assert_eq!(wrap("沂源县", 5), ["沂源", "县"]);
        assert_eq!(wrap("新建820个", 6), ["新建820", "个"]);
        assert_eq!(wrap("沂源县，好", 6), ["沂源县，", "好"]);
        assert_eq!(wrap("一\n二", 10), ["一", "二"]);
        assert_eq!(wrap("", 4), [""]);
    }
}
