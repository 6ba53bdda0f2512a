//! Normalisation of single lines: markdown markers, odd spaces, full-width digits and letters.
//!
//! Only what parsing needs is folded; unit names and text keep the document's spelling.

/// A line's text made ready for pattern matching: trimmed, `#` markers dropped, NBSP and
/// ideographic spaces turned into plain spaces, full-width ASCII (１２．５％) folded.
pub fn clean_line(raw: &str) -> String {
    let trimmed = trim_all(raw);
    let without_marks = trimmed.trim_start_matches('#');
    let without_marks = if without_marks.len() != trimmed.len() {
        trim_all(without_marks)
    } else {
        without_marks
    };
    let without_marks = without_list_marker(without_marks);
    let mut folded = fold_text(without_marks);
    // Markdown emphasis (**一、教育**) says nothing the text needs.
    if folded.contains('*') && folded.contains("**") {
        folded = folded.replace("**", "");
    }
    // A markdown table typed with full-width bars (｜ 序号 ｜ 项目名称 ｜).
    if folded.starts_with('｜') {
        folded = folded.replace('｜', "|");
    }
    // A markdown table copied from a web page breaks a cell's lines with <br>: a space, as
    // a line break inside a cell becomes everywhere else.
    if folded.contains('<') && (folded.contains("<br") || folded.contains("<BR")) {
        return without_line_breaks(&folded);
    }
    folded
}

/// A line without the marker of a markdown list item (`- （一）…`, `* 1. …`, `+ 1、…`): the
/// marker, then a space. A page mark (`- 2 -`) keeps its dash.
fn without_list_marker(text: &str) -> &str {
    match text.strip_prefix(['-', '*', '+']) {
        Some(rest) if rest.starts_with(' ') && !is_page_mark(text) => rest.trim_start(),
        _ => text,
    }
}

/// `<br>`, `<br/>`, `<br />` (any case) as spaces.
fn without_line_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let end = tag.find('>').filter(|&e| {
            let inner = tag[1..e].trim_end_matches('/').trim();
            inner.eq_ignore_ascii_case("br")
        });
        match end {
            Some(e) => {
                out.push(' ');
                rest = &tag[e + 1..];
            }
            None => {
                out.push('<');
                rest = &tag[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` with [`fold_char`] applied, copied a run at a time: only a character that
/// starts with one of the bytes below can fold, and most of a line is runs of others.
fn fold_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        if !matches!(b, 0xC2 | 0xE2 | 0xE3 | 0xEF) {
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            continue;
        };
        let folded = fold_char(c);
        if folded != c {
            out.push_str(&text[run..i]);
            out.push(folded);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&text[run..]);
    out
}

/// Whether a line holds nothing but white space (any kind, including NBSP and U+3000).
pub fn is_blank(raw: &str) -> bool {
    trim_all(raw).is_empty() || raw.trim().trim_matches('\u{feff}').is_empty()
}

fn trim_all(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
}

/// A page number that PDF extraction left in the text: `— 2 —`, `-3-`, `第4页`, `5/12`.
/// It says nothing and must not split the sentence it fell into.
pub fn is_page_mark(text: &str) -> bool {
    static PAGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:[-—－–]+\s*[0-9]{1,4}\s*[-—－–]+|第\s*[0-9]{1,4}\s*页(?:\s*[,，]?\s*共\s*[0-9]{1,4}\s*页)?|[0-9]{1,4}\s*/\s*[0-9]{1,4})$")
            .expect("static regex")
    });
    PAGE.is_match(text.trim())
}

/// Folds full-width digits, letters and the percent sign; turns odd spaces into ' '.
pub fn fold_char(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '．' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{a0}' | '\u{3000}' | '\u{2002}'..='\u{200a}' => ' ',
        _ => c,
    }
}

/// Removes white space that a PDF inserted between CJK characters, keeping a space only
/// where it separates two ASCII words (`RCEP 等`, `A 级` lose theirs; `New York` keeps it).
pub fn remove_pdf_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = out.chars().last();
            let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let ascii_word = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            if ascii_word(before.as_ref()) && ascii_word(after) && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_of_a_web_table_are_spaces() {
        assert_eq!(
            clean_line("| 1 | 县环境分局<br>配合：县水利局 |"),
            "| 1 | 县环境分局 配合：县水利局 |"
        );
        assert_eq!(clean_line("A<br/>B<BR />C<b>D"), "A B C<b>D");
    }

    #[test]
    fn drops_markdown_markers_and_folds_width() {
        assert_eq!(clean_line("#### 四、推进降碳"), "四、推进降碳");
        assert_eq!(clean_line("- （一）深化改革"), "（一）深化改革");
        assert_eq!(clean_line("* 1. 降低成本"), "1. 降低成本");
        assert_eq!(clean_line("- **（一）** 提升效率"), "（一） 提升效率");
        assert_eq!(clean_line("｜ 序号 ｜ 项目名称 ｜"), "| 序号 | 项目名称 |");
        // A page mark keeps its dashes.
        assert_eq!(clean_line("- 2 -"), "- 2 -");
        assert_eq!(clean_line("\u{a0}１２．５％"), "12.5%");
    }

    proptest::proptest! {
        /// Copying runs folds exactly what folding each character does.
        #[test]
        fn runs_fold_like_characters(text in "[a１Ａｚ％．\u{a0}\u{3000}\u{2005}\u{2010}，。、区€]{0,12}") {
            let each: String = text.chars().map(fold_char).collect();
            proptest::prop_assert_eq!(fold_text(&text), each);
        }
    }

    #[test]
    fn blank_includes_nbsp() {
        assert!(is_blank(" \u{a0} "));
        assert!(!is_blank(" x"));
    }

    #[test]
    fn page_marks() {
        for mark in ["— 2 —", "-3-", "第4页", "第 4 页 共 12 页", "5/12"] {
            assert!(is_page_mark(mark), "{mark}");
        }
        assert!(!is_page_mark("2023-2025"));
    }

    #[test]
    fn pdf_spaces_removed_between_cjk() {
        assert_eq!(remove_pdf_spaces("绿色 低碳 2023 年"), "绿色低碳2023年");
        assert_eq!(remove_pdf_spaces("New York"), "New York");
    }
}
