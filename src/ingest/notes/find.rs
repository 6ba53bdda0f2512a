//! Finding notes in a task's text: the one that closes it (in brackets, labelled, or a last
//! sentence of role clauses), one that opens a line, notes inside the text, and a note a
//! page break left open.

use super::names::{is_close, is_open, looks_like_body};
use super::{
    is_clause_sep, is_deadline, parse_bare_list, parse_labelled, parse_note, parse_suffixed,
    role_clause, Note, LABEL,
};
use crate::ingest::vocab::UNIT_OPENINGS;

/// Finds a note in brackets at the end of `text` (a final 。 may follow it). Returns the byte
/// offset where the bracket opens and the note. A body parenthesis such as （工程实验室）
/// names no role and is not a note.
pub fn trailing_note(text: &str) -> Option<(usize, Note)> {
    let trimmed = text.trim_end_matches(['。', '.', ' ', '；', ';']);
    if !trimmed.ends_with(is_close) {
        return trailing_label_note(trimmed);
    }
    // A bracket that is no note (县财政局（配合） closing a labelled list, 建设（工程实验室）)
    // leaves the labels before it.
    let Some((at, note)) = closing_bracket(trimmed, parse_note) else {
        return trailing_label_note(trimmed);
    };
    // `…。A牵头，B配合（完成时限：2024年11月底前）`: a bracket that names no unit may
    // close a sentence that does.
    if !note.names_units() {
        if let Some((start, mut whole)) = trailing_sentence_note(&trimmed[..at]) {
            whole.merge(note);
            return Some((start, whole));
        }
    }
    Some((at, note))
}

/// The bracket that closes `text` (nested brackets inside it skipped), read by `read`:
/// where it opens and what `read` made of its content.
fn closing_bracket(text: &str, read: impl Fn(&str) -> Option<Note>) -> Option<(usize, Note)> {
    let close = text.chars().last().filter(|c| is_close(*c))?;
    let close_at = text.len() - close.len_utf8();
    let mut depth = 0usize;
    for (i, c) in text[..close_at].char_indices().rev() {
        if is_close(c) {
            depth += 1;
        } else if is_open(c) {
            if depth == 0 {
                return read(&text[i + c.len_utf8()..close_at]).map(|note| (i, note));
            }
            depth -= 1;
        }
    }
    None
}

/// A line that opens with a bracketed note (`【责任单位：A；完成时限：…】各乡镇要…`): the
/// note, the note as printed, and the text after it.
pub fn leading_note(line: &str) -> Option<(Note, &str, &str)> {
    let open = line.chars().next().filter(|c| is_open(*c))?;
    let mut depth = 0usize;
    for (i, c) in line.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                let note = parse_note(&line[open.len_utf8()..i])?;
                let end = i + c.len_utf8();
                return Some((
                    note,
                    &line[..end],
                    line[end..].trim_start_matches(['。', ' ']),
                ));
            }
        }
    }
    None
}

/// Longest run of role clauses a task opens with before its colon (县住建局牵头，县财政局、
/// 各街道办事处配合：…).
const MAX_LEADING_NOTE_CHARS: usize = 80;

/// A task that opens with its units, closed by a colon: `区住建局牵头，区财政局配合：完成…`,
/// `由区城管局负责：…`, `区委编办配合，区住建局牵头：…`. Every unit must look like a
/// government body and a clause must name units by role, so a sentence that only mentions
/// one (`加强统筹：…`) is no note. Gives the note and where the task's own words begin.
pub fn leading_role_note(text: &str) -> Option<(Note, usize)> {
    let colon = text
        .char_indices()
        .take(MAX_LEADING_NOTE_CHARS)
        .take_while(|(_, c)| !matches!(c, '。' | '；' | ';'))
        .find(|(_, c)| matches!(c, '：' | ':'))
        .map(|(at, _)| at);
    // 由区水务局牵头、区住建局配合，新建…: 由 opens the units, the role clauses end them.
    let colon = match colon {
        Some(at) => at,
        None if text.starts_with('由') => role_clauses_end(text)?,
        None => return None,
    };
    let clauses = text[..colon].trim();
    let clauses = clauses.strip_prefix('由').unwrap_or(clauses);
    // The clause before the colon names units, by role or with a verb of its own (区民政局
    // 指导): `A牵头，B配合，完成以下工作：` is the task speaking, not its note.
    let last = clauses
        .rsplit(is_clause_sep)
        .next()
        .unwrap_or(clauses)
        .trim();
    let by_role = role_clause(last).is_some_and(|(_, units)| !units.is_empty());
    let a_unit_acts = UNIT_OPENINGS.iter().any(|w| last.starts_with(w));
    if !by_role && !a_unit_acts {
        return None;
    }
    let note = parse_suffixed(clauses);
    let rest = colon + text[colon..].chars().next().map_or(0, char::len_utf8);
    (names_only_bodies(&note) && note.names_units()).then_some((note, rest))
}

/// Whether every unit a note names looks like a government body (区住建局, 各乡镇), so a
/// sentence that merely ends in 负责 is not taken for a note.
fn names_only_bodies(note: &Note) -> bool {
    note.lead
        .iter()
        .chain(&note.responsible)
        .chain(&note.support)
        .all(|u| looks_like_body(u))
}

/// Where the run of clauses that end in a role word (A牵头、B配合，…) ends: the separator
/// after the last of them.
fn role_clauses_end(text: &str) -> Option<usize> {
    let mut end = None;
    let mut start = 0;
    for (at, c) in text.char_indices().take(MAX_LEADING_NOTE_CHARS) {
        if !is_clause_sep(c) {
            continue;
        }
        let clause = text[start..at].trim().trim_start_matches('由');
        if role_clause(clause).is_none() {
            break;
        }
        end = Some(at);
        start = at + c.len_utf8();
    }
    end
}

/// A closing bracket that only lists units (no role word), for documents where the
/// first-listed unit leads.
pub fn trailing_bare_list(text: &str) -> Option<(usize, Note)> {
    // （各县（市、区）人民政府、县财政局）: the whole bracket, not the one nested in a name.
    closing_bracket(
        text.trim_end_matches(['。', '.', ' ', '；', ';']),
        parse_bare_list,
    )
}

/// A note without brackets closing the text: `…。责任单位：区发改局；完成时限：6月底前`, or a
/// bracketed note with a label after it: `…（A牵头，B配合）完成时限：2024年9月底前`.
fn trailing_label_note(text: &str) -> Option<(usize, Note)> {
    // Every label ends with a colon, a closing bracket or 为: without one the regex need
    // not run.
    let may_hold_label = text.contains(['：', ':', '】', ']', '］', '为', '為']);
    let first = LABEL
        .find_iter(if may_hold_label { text } else { "" })
        .find(|m| {
            let before = text[..m.start()].chars().last();
            before.is_none_or(|c| matches!(c, '。' | '；' | ';' | ' ' | '\n') || is_close(c))
        });
    let Some(first) = first else {
        return trailing_sentence_note(text);
    };
    let mut note = parse_labelled(&text[first.start()..]);
    let mut start = first.start();
    // What stands before the label may be a note of its own: `（A牵头，B配合）完成时限：…`
    // or `…。A负责，B配合　完成时限：…`.
    // `…。A牵头，B配合。完成时限：…`: the sentence before the label closes with its own 。.
    let before = text[..start].trim_end().trim_end_matches(['。', '；', ';']);
    let earlier = if before.ends_with(is_close) {
        trailing_note(before)
    } else {
        trailing_sentence_note(before)
    };
    if let Some((at, earlier)) = earlier {
        let mut whole = earlier;
        whole.merge(note);
        note = whole;
        start = at;
    }
    (!note.is_empty() && start > 0).then_some((start, note))
}

/// A last sentence that is a note without brackets: `…。县农业农村局牵头，县财政局配合。`
/// Every clause must name units by role (or lead into a clause that does), and every unit
/// must look like a government body, so an ordinary sentence ending in 负责 is not one.
fn trailing_sentence_note(text: &str) -> Option<(usize, Note)> {
    let start = text.rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let sentence = &text[start..];
    if start == 0 || sentence.trim().is_empty() {
        return None;
    }
    let last = sentence
        .split(is_clause_sep)
        .map(str::trim)
        .rfind(|c| !c.is_empty())?;
    if role_clause(last).is_none() && !is_deadline(last) {
        return None;
    }
    let note = parse_suffixed(sentence);
    (names_only_bodies(&note) && note.dropped.is_empty() && note.names_units())
        .then_some((start, note))
}

/// Notes inside the text, not only at its end: some tasks give one per sentence
/// (…10个。（县发展改革局牵头）推进…5项。（县财政局负责）).
pub fn notes_within(text: &str) -> Vec<Note> {
    let mut notes = Vec::new();
    let mut depth = 0usize;
    let mut open_at = 0;
    // Brackets inside a quoted title (《…(2021—2035年)》) belong to the title.
    let mut quoted = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '《' | '“' => quoted += 1,
            '》' | '”' => quoted = quoted.saturating_sub(1),
            _ => {}
        }
        if quoted > 0 {
            continue;
        }
        if is_open(c) {
            if depth == 0 {
                open_at = i + c.len_utf8();
            }
            depth += 1;
        } else if is_close(c) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                notes.extend(parse_note(&text[open_at..i]));
            }
        }
    }
    notes
}

/// Whether `text` ends inside an opened note that has not closed yet (a page break fell in
/// the note), so the next paragraph must continue it.
pub fn ends_in_open_note(text: &str) -> bool {
    let mut depth = 0i32;
    let mut last_open = None;
    for (i, c) in text.char_indices() {
        if is_open(c) {
            if depth == 0 {
                last_open = Some(i);
            }
            depth += 1;
        } else if is_close(c) {
            depth = (depth - 1).max(0);
        }
    }
    depth > 0
        && last_open.is_some_and(|at| {
            let tail = &text[at..];
            tail.contains('牵')
                || tail.contains("负责")
                || tail.contains("单位")
                || tail.contains("配合")
        })
}
