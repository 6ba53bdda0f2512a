//! Responsibility notes: who leads (牵头/负责/责任单位) and who supports (配合/参与) a task,
//! and its deadline (完成时限), in every form the genre uses.
//!
//! Forms read: （A负责） （A、B牵头，C等部门配合） （牵头单位：A；参与单位：B） （责任单位：A）
//! （A、B按职责分工负责） 【责任单位：A】 [牵头单位:A;配合单位:B], and own-line notes
//! `牵头单位：A` / `配合单位：B` / `完成时限：…`.

use super::normalize::remove_pdf_spaces;
use super::vocab::{
    Role, BODY_ENDINGS, DEADLINE_WORDS, FIRST_LISTED_REMARKS, LABELS, LEAD_MARKS, LIST_TAILS,
    OFFICIAL_TITLES, ROLE_SUFFIXES,
};
use regex::Regex;
use std::sync::LazyLock;

/// What a note says, by role. 责任单位 units are kept apart until the whole task is read:
/// they lead on their own and support when the task also names 牵头 units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    pub support: Vec<String>,
    /// Officials, as written (刘建华常务副县长).
    pub leader: Vec<String>,
    pub due: Option<String>,
    /// Units of a bracket without any role word: a note only where the document says the
    /// first-listed unit leads.
    pub bare: Vec<String>,
    /// Clauses read past because they name no role: reported as warnings.
    pub dropped: Vec<String>,
}

impl Note {
    pub fn is_empty(&self) -> bool {
        self.names_nobody() && self.due.is_none()
    }

    /// Whether the note names no unit and no official.
    pub fn names_nobody(&self) -> bool {
        self.lead.is_empty()
            && self.responsible.is_empty()
            && self.support.is_empty()
            && self.leader.is_empty()
    }

    /// Whether the note names a unit in any role.
    pub fn names_units(&self) -> bool {
        !(self.lead.is_empty()
            && self.responsible.is_empty()
            && self.support.is_empty()
            && self.bare.is_empty())
    }

    /// Adds another note's names (own-line notes come one label at a time).
    pub fn merge(&mut self, other: Note) {
        for (list, more) in [
            (&mut self.lead, other.lead),
            (&mut self.responsible, other.responsible),
            (&mut self.support, other.support),
            (&mut self.leader, other.leader),
            (&mut self.bare, other.bare),
        ] {
            for name in more {
                push_unique(list, name);
            }
        }
        self.dropped.extend(other.dropped);
        if other.due.is_some() {
            self.due = other.due;
        }
    }

    /// The lead and support units the note means. With `first_listed` (the document says
    /// the first unit of each list leads), a list given without 牵头 words has its first
    /// unit lead and the rest support.
    pub fn resolve(&self, first_listed: bool) -> (Vec<String>, Vec<String>) {
        let mut lead = self.lead.clone();
        let mut support = Vec::new();
        let unroled: Vec<String> = self.responsible.iter().chain(&self.bare).cloned().collect();
        if !lead.is_empty() {
            support.extend(unroled);
        } else if first_listed {
            let mut rest = unroled.into_iter();
            lead.extend(rest.next());
            support.extend(rest);
        } else {
            lead.extend(self.responsible.iter().cloned());
        }
        for unit in &self.support {
            push_unique(&mut support, unit.clone());
        }
        support.retain(|u| !lead.contains(u));
        (lead, support)
    }
}

fn push_unique(list: &mut Vec<String>, unit: String) {
    if !list.contains(&unit) {
        list.push(unit);
    }
}

/// A label at the start of a clause: `牵头单位：`, or one in brackets, `【牵头单位】`, where the
/// colon may be missing.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = LABELS.iter().map(|(l, _)| *l).collect();
    let names = names.join("|");
    Regex::new(&format!(
        r"[【\[［]\s*({names})\s*(?:[】\]］]\s*[:：]?|[:：])|({names})\s*[:：]"
    ))
    .expect("label regex")
});

/// The label a match of [`LABEL`] names, and its role.
fn label_role(caps: &regex::Captures) -> Role {
    let name = caps
        .get(1)
        .or_else(|| caps.get(2))
        .map_or("", |m| m.as_str());
    LABELS
        .iter()
        .find(|(l, _)| *l == name)
        .map_or(Role::Lead, |(_, r)| *r)
}

/// Whether a line is a note standing on its own (`牵头单位：…`, `【责任单位】…`).
pub fn starts_with_label(line: &str) -> bool {
    let body = line.trim_start_matches(['（', '(', ' ']);
    LABEL.find(body).is_some_and(|m| m.start() == 0)
}

/// Parses the content of a note (without its brackets). `None` if it names no role.
pub fn parse_note(content: &str) -> Option<Note> {
    let content = without_remarks(content);
    let content = content.trim().trim_end_matches(['。', '.', ' ']);
    let note = match LABEL.find(content) {
        Some(first) => {
            // （区人社局负责。时间节点：2024年12月）: units by role before the first label.
            let before =
                content[..first.start()].trim_end_matches(['。', ' ', '；', ';', '，', ',']);
            let mut note = parse_suffixed(before);
            note.merge(parse_labelled(content));
            note
        }
        // Without a label, a bracket that names no unit is no note, even if it reads like
        // a date: 《规划(2021—2035年)》.
        // （A（牵头）、B、C）: the mark alone gives the roles.
        None if LEAD_MARKS.iter().any(|m| content.contains(m)) => listed(Role::Lead, content),
        None => Some(parse_suffixed(content))
            .filter(Note::names_units)
            .unwrap_or_default(),
    };
    (!note.is_empty()).then_some(note)
}

/// A note's content without what is said about the notes themselves: a first-listed
/// remark (`列第一位的为牵头单位`) and `下同`.
fn without_remarks(content: &str) -> std::borrow::Cow<'_, str> {
    if !content.contains("下同") && !is_first_listed_remark(content) {
        return content.into();
    }
    let mut kept = String::with_capacity(content.len());
    for sentence in content.split_inclusive(['。', '；', ';', '，', ',']) {
        let bare = sentence
            .trim_end_matches(['。', '；', ';', '，', ','])
            .trim();
        if bare != "下同" && !is_first_listed_remark(bare) {
            kept.push_str(sentence);
        }
    }
    kept.into()
}

/// A bracket that only lists government bodies (区卫生健康局、区医疗保障局): a note in a
/// document whose remark says the first-listed unit leads.
pub fn parse_bare_list(content: &str) -> Option<Note> {
    let units = split_units(content);
    let bodies = !units.is_empty()
        && units.iter().all(|u| looks_like_body(u))
        && !content.contains(['。', '：', ':']);
    bodies.then(|| Note {
        bare: units,
        ..Note::default()
    })
}

fn parse_labelled(content: &str) -> Note {
    let mut note = Note::default();
    let labels: Vec<_> = LABEL.captures_iter(content).collect();
    for (i, caps) in labels.iter().enumerate() {
        let Some(whole) = caps.get(0) else {
            continue;
        };
        let end = labels
            .get(i + 1)
            .and_then(|next| next.get(0))
            .map_or(content.len(), |m| m.start());
        let value = content[whole.end()..end].trim_matches(|c: char| {
            is_clause_sep(c) || c.is_whitespace() || matches!(c, '。' | '【' | '】')
        });
        note.merge(cell_note(label_role(caps), value));
    }
    note
}

/// What a value given a role says: a label's value or a table cell under a role column.
/// Roles inside the value decide over the label's (`责任单位：A牵头，B配合`).
pub fn cell_note(role: Role, value: &str) -> Note {
    let value = value.trim();
    match role {
        Role::Due => Note {
            due: Some(value.to_string()).filter(|v| !v.is_empty()),
            ..Note::default()
        },
        Role::Lead | Role::Responsible | Role::Support if has_role_clause(value) => {
            parse_suffixed(value)
        }
        Role::Contact => Note::default(),
        Role::Lead | Role::Responsible | Role::Support => {
            let (units, people) = without_people(value);
            let mut note = listed(role, &units);
            note.leader = people;
            note
        }
        role => listed(role, value),
    }
}

/// A unit cell that also names the people in charge (`区住房和城乡建设局 林振华`, a column
/// 责任单位及责任人): the units, and the people apart — a person's name is a short word
/// after a space that does not end like a body.
fn without_people(value: &str) -> (String, Vec<String>) {
    const MAX_NAME_CHARS: usize = 4;
    let mut people = Vec::new();
    let mut units: Vec<String> = Vec::new();
    for part in split_on_commas(value) {
        let mut unit = String::new();
        for word in part.split(' ').filter(|w| !w.is_empty()) {
            let is_name = (2..=MAX_NAME_CHARS).contains(&word.chars().count())
                && word.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
                && !looks_like_body(word)
                && !unit.is_empty();
            if is_name {
                people.push(word.to_string());
            } else {
                unit.push_str(word);
            }
        }
        if !unit.is_empty() {
            units.push(unit);
        }
    }
    (units.join("、"), people)
}

/// The units of a list given `role`; a unit marked （牵头） leads and the others support.
fn listed(role: Role, list: &str) -> Note {
    let marked: Vec<String> = split_on_commas(list)
        .filter(|part| LEAD_MARKS.iter().any(|m| part.trim().ends_with(m)))
        .flat_map(split_units)
        .collect();
    let units = split_units(list);
    let mut note = Note::default();
    if !marked.is_empty() {
        note.support = units.into_iter().filter(|u| !marked.contains(u)).collect();
        note.lead = marked;
        return note;
    }
    match role {
        Role::Lead => note.lead = units,
        Role::Responsible => note.responsible = units,
        Role::Support => note.support = units,
        Role::Leader => note.leader = split_names(list),
        Role::Contact | Role::Due => {}
    }
    note
}

fn has_role_clause(value: &str) -> bool {
    value
        .split(is_clause_sep)
        .any(|c| role_clause(c.trim()).is_some_and(|(_, units)| !units.is_empty()))
}

/// Clauses closed by role words: `A牵头，B、C等部门，D、E配合`. A clause without a role word
/// belongs to the next one that has one (B and C support here).
fn parse_suffixed(content: &str) -> Note {
    let mut note = Note::default();
    let mut pending: Vec<&str> = Vec::new();
    for clause in content.split(is_clause_sep) {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let Some((role, units)) = role_clause(clause) else {
            if is_deadline(clause) {
                note.due = Some(clause.to_string());
            } else {
                pending.push(clause);
            }
            continue;
        };
        for list in pending.drain(..).chain(std::iter::once(units)) {
            let mut part = listed(role, list);
            // 刘建华副县长牵头: an official, not a unit.
            let officials: Vec<String> = part
                .lead
                .iter()
                .filter(|u| is_official(u))
                .cloned()
                .collect();
            part.lead.retain(|u| !is_official(u));
            part.leader.extend(officials);
            note.merge(part);
        }
    }
    note.dropped.extend(
        pending
            .into_iter()
            .filter(|c| split_units(c).iter().any(|u| looks_like_body(u)))
            .map(str::to_string),
    );
    note
}

/// What a group heading names as responsible for the tasks under it:
/// `刘建华常务副县长牵头的重点工作` gives a leader, `县农业农村局牵头工作` a lead unit.
pub fn heading_names(title: &str) -> Note {
    static GROUP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(.+?)(?:牵头|负责|分管)(?:的)?(?:重点)?(?:工作|事项|任务)?(?:任务|清单)?$")
            .expect("group heading regex")
    });
    let mut note = Note::default();
    let Some(names) = GROUP.captures(title).and_then(|c| c.get(1)) else {
        return note;
    };
    let names = split_names(names.as_str());
    if names.iter().all(|n| is_official(n)) {
        note.leader = names;
    } else if names.iter().all(|n| looks_like_body(n)) {
        note.lead = names;
    }
    note
}

/// Whether a line says the first unit of each list leads (排在首位的为牵头单位).
pub fn is_first_listed_remark(line: &str) -> bool {
    line.chars().count() <= 200
        && FIRST_LISTED_REMARKS
            .iter()
            .any(|(a, b)| line.contains(a) && line.contains(b))
}

/// Whether a name is an official's (ends with a title such as 副县长), not a unit's.
pub fn is_official(name: &str) -> bool {
    OFFICIAL_TITLES.iter().any(|t| name.ends_with(t))
}

/// `A、B牵头` → (Lead, "A、B").
fn role_clause(clause: &str) -> Option<(Role, &str)> {
    ROLE_SUFFIXES
        .iter()
        .find_map(|(suffix, role)| clause.strip_suffix(suffix).map(|rest| (*role, rest)))
}

/// A clause of a note that gives the deadline (2024年底前完成, 持续推进).
pub fn is_deadline(clause: &str) -> bool {
    let dated = clause.contains('年') || clause.contains('月');
    (dated || DEADLINE_WORDS.iter().any(|w| clause.contains(w))) && clause.chars().count() <= 20
}

fn is_clause_sep(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';')
}

/// The parts of a list between its separators (、，,；;/), never splitting inside brackets:
/// 各县（市、区）人民政府 is one name.
fn split_on_commas(list: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, c) in list.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && matches!(c, '、' | '，' | ',' | '；' | ';' | '/') {
            parts.push(&list[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&list[start..]);
    parts.into_iter()
}

/// Splits a list of units and strips 等部门-style tails and （牵头） marks; names keep their
/// spelling.
pub fn split_units(list: &str) -> Vec<String> {
    let mut units = Vec::new();
    for part in split_on_commas(list) {
        let mut part = part.trim();
        for mark in LEAD_MARKS {
            part = part.trim_end_matches(mark);
        }
        let spaced = remove_pdf_spaces(part);
        let mut name = spaced.trim().trim_matches(['。', '.', ' ', '【', '】']);
        // （由区发改局牵头…）: 由 introduces the unit, it is not part of its name.
        name = name.strip_prefix('由').unwrap_or(name);
        for tail in LIST_TAILS {
            if let Some(stripped) = name.strip_suffix(tail) {
                name = stripped.trim();
                break;
            }
        }
        if !name.is_empty() {
            push_unique(&mut units, name.to_string());
        }
    }
    units
}

/// Longest name a unit plausibly has; longer "names" are lists that did not split.
const MAX_UNIT_CHARS: usize = 30;

/// Whether a unit name looks like one name: balanced brackets, no sentence or label
/// punctuation, not overly long.
pub fn clean_name(name: &str) -> bool {
    let opens = name.chars().filter(|c| is_open(*c)).count();
    let closes = name.chars().filter(|c| is_close(*c)).count();
    opens == closes && name.chars().count() <= MAX_UNIT_CHARS && !name.contains(['。', '：', ':'])
}

/// Officials named in a list (李振华、吴静 or 郑国强副县长、马晓光副县长), as written.
pub fn split_names(list: &str) -> Vec<String> {
    split_on_commas(list)
        .map(|p| remove_pdf_spaces(p).trim().to_string())
        .filter(|p| !p.is_empty() && p.chars().count() <= 20)
        .collect()
}

/// Opening and closing brackets a note may use, in any mix (PDFs lose one half's width).
fn is_open(c: char) -> bool {
    matches!(c, '（' | '(' | '【' | '[' | '［' | '〔')
}

fn is_close(c: char) -> bool {
    matches!(c, '）' | ')' | '】' | ']' | '］' | '〕')
}

/// Finds a note in brackets at the end of `text` (a final 。 may follow it). Returns the byte
/// offset where the bracket opens and the note. A body parenthesis such as （工程实验室）
/// names no role and is not a note.
pub fn trailing_note(text: &str) -> Option<(usize, Note)> {
    let trimmed = text.trim_end_matches(['。', '.', ' ', '；', ';']);
    let Some(close) = trimmed.chars().last().filter(|c| is_close(*c)) else {
        return trailing_label_note(trimmed);
    };
    let close_at = trimmed.len() - close.len_utf8();
    let mut depth = 0usize;
    for (i, c) in trimmed[..close_at].char_indices().rev() {
        if is_close(c) {
            depth += 1;
        } else if is_open(c) {
            if depth == 0 {
                let note = parse_note(&trimmed[i + c.len_utf8()..close_at])?;
                return Some((i, note));
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

/// A closing bracket that only lists units (no role word), for documents where the
/// first-listed unit leads.
pub fn trailing_bare_list(text: &str) -> Option<(usize, Note)> {
    let trimmed = text.trim_end_matches(['。', '.', ' ', '；', ';']);
    let close = trimmed.chars().last().filter(|c| is_close(*c))?;
    let close_at = trimmed.len() - close.len_utf8();
    let open_at = trimmed[..close_at].rfind(is_open)?;
    let open_len = trimmed[open_at..].chars().next()?.len_utf8();
    let note = parse_bare_list(&trimmed[open_at + open_len..close_at])?;
    Some((open_at, note))
}

/// A note without brackets closing the text: `…。责任单位：区发改局；完成时限：6月底前`, or a
/// bracketed note with a label after it: `…（A牵头，B配合）完成时限：2024年9月底前`.
fn trailing_label_note(text: &str) -> Option<(usize, Note)> {
    // Every label ends with a colon or a closing bracket: without one the regex need not run.
    let may_hold_label = text.contains(['：', ':', '】', ']', '］']);
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
    let before = text[..start].trim_end();
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
    let looks_like_bodies = note
        .lead
        .iter()
        .chain(&note.responsible)
        .chain(&note.support)
        .all(|u| looks_like_body(u));
    (looks_like_bodies && note.dropped.is_empty() && note.names_units()).then_some((start, note))
}

/// Whether a name ends like a government body (局, 委, 办, 中心, 政府, 街道…).
pub fn looks_like_body(name: &str) -> bool {
    name.chars()
        .last()
        .is_some_and(|c| BODY_ENDINGS.contains(c))
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

#[cfg(test)]
mod tests;
