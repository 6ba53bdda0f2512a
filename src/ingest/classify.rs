//! What a single line is, judged on its own: closing matter, web-page junk, a table row.
//! Each test is asked once per line by the layout detector and the layouts.

use super::lines::SourceLine;
use super::notes::{self, Note};
use super::table_row;
use super::vocab::{DOCUMENT_NOUNS, EFFECT_WORDS, WEB_JUNK};
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;

static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-—_=*·━]{3,}|抄送|主送|[（(]此件公开发布[)）]|.*(?:[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日|(?:19|20)[0-9]{6})\s*印发$)")
        .expect("static regex")
});

/// Whether a line is closing matter (a rule, 抄送, the 印发 line), or says when the document
/// itself takes effect (`第七条 本措施自印发之日起施行`, `本方案由县发改局负责解释`).
pub fn is_footer(text: &str) -> bool {
    FOOTER.is_match(text) || is_effect_clause(text)
}

/// A sentence on the document's own force: names the document (本措施, 本办法; after an
/// article number, if any) and says it takes effect, lasts, applies to something or is
/// interpreted by someone — or says why it was made (为…，制定本办法) — and gives no unit a
/// task (no note).
pub fn is_effect_clause(text: &str) -> bool {
    let numbered = crate::ingest::numbering::task_start(text);
    let rest = numbered.as_ref().map_or(text, |(_, rest)| rest.as_str());
    let rest = rest.trim_start();
    let names_itself = rest
        .strip_prefix('本')
        .is_some_and(|r| DOCUMENT_NOUNS.iter().any(|n| r.starts_with(n)));
    // 为加强…，制定本办法。: the purpose article.
    let purpose = rest.starts_with('为')
        && rest
            .trim_end_matches(['。', '.'])
            .rsplit_once("制定本")
            .is_some_and(|(_, noun)| DOCUMENT_NOUNS.contains(&noun));
    rest.chars().count() <= 120
        && (purpose || (names_itself && EFFECT_WORDS.iter().any(|w| rest.contains(w))))
        && notes::trailing_note(rest).is_none()
}

/// A body line with the answers the layouts ask of it, each found at most once: the
/// note that closes it is looked for on the first question and remembered.
pub struct Line<'a> {
    pub source: &'a SourceLine,
    note: OnceCell<Option<(usize, Note)>>,
}

impl<'a> Line<'a> {
    pub fn new(source: &'a SourceLine) -> Line<'a> {
        Line {
            source,
            note: OnceCell::new(),
        }
    }

    pub fn text(&self) -> &'a str {
        &self.source.text
    }

    /// The note in brackets (or labelled) that ends the line, and where it starts.
    pub fn trailing_note(&self) -> Option<&(usize, Note)> {
        self.note
            .get_or_init(|| notes::trailing_note(self.text()))
            .as_ref()
    }
}

/// Whether a line is what a saved web page prints after the article (分享到, 打印本页).
pub fn is_web_junk(text: &str) -> bool {
    WEB_JUNK.iter().any(|w| text.contains(w))
}

/// Whether a line is a row of a table written on one line (tabs or markdown bars) with at
/// least two cells, or the rule under a markdown header.
pub fn is_table_row(text: &str) -> bool {
    table_row::is_rule_row(text) || table_row::cells(text).is_some_and(|c| c.len() >= 2)
}
