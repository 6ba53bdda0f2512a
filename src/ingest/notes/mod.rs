//! Responsibility notes: who leads (牵头/负责/责任单位) and who supports (配合/参与) a task,
//! and its deadline (完成时限), in every form the genre uses.
//!
//! Forms read: （A负责） （A、B牵头，C等部门配合） （牵头单位：A；参与单位：B） （责任单位：A）
//! （A、B按职责分工负责） 【责任单位：A】 [牵头单位:A;配合单位:B], and own-line notes
//! `牵头单位：A` / `配合单位：B` / `完成时限：…`.

use super::normalize::remove_pdf_spaces;
use regex::Regex;
use std::sync::LazyLock;

/// What a note says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub due: Option<String>,
}

impl Note {
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.support.is_empty() && self.due.is_none()
    }

    /// Adds another note's units (own-line notes come one label at a time).
    pub fn merge(&mut self, other: Note) {
        for unit in other.lead {
            push_unique(&mut self.lead, unit);
        }
        for unit in other.support {
            push_unique(&mut self.support, unit);
        }
        if other.due.is_some() {
            self.due = other.due;
        }
    }
}

fn push_unique(list: &mut Vec<String>, unit: String) {
    if !list.contains(&unit) {
        list.push(unit);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Lead,
    Support,
    Due,
    /// People and phone numbers (责任领导, 联系电话): read past, never taken for units.
    Person,
}

/// Labels that open a clause of a labelled note, with the role they give.
const LABELS: &[(&str, Role)] = &[
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("责任单位", Role::Lead),
    ("责任部门", Role::Lead),
    ("负责单位", Role::Lead),
    ("主责单位", Role::Lead),
    ("主办单位", Role::Lead),
    ("配合单位", Role::Support),
    ("配合部门", Role::Support),
    ("参与单位", Role::Support),
    ("参与部门", Role::Support),
    ("协办单位", Role::Support),
    ("协助单位", Role::Support),
    ("协同单位", Role::Support),
    ("协同部门", Role::Support),
    ("协作单位", Role::Support),
    ("责任领导", Role::Person),
    ("牵头领导", Role::Person),
    ("分管领导", Role::Person),
    ("牵头县领导", Role::Person),
    ("牵头区领导", Role::Person),
    ("牵头市领导", Role::Person),
    ("责任人", Role::Person),
    ("联系人", Role::Person),
    ("联系电话", Role::Person),
    ("电话", Role::Person),
    ("完成时限", Role::Due),
    ("完成时间", Role::Due),
    ("时间节点", Role::Due),
    ("时限", Role::Due),
];

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = LABELS.iter().map(|(l, _)| *l).collect();
    Regex::new(&format!(r"({})\s*[:：]", names.join("|"))).expect("label regex")
});

/// Role suffixes of an unlabelled clause, longest first so 按职责分工负责 wins over 负责.
const SUFFIXES: &[(&str, Role)] = &[
    ("按职责分工负责", Role::Lead),
    ("按照职责分工负责", Role::Lead),
    ("分别牵头负责", Role::Lead),
    ("牵头负责", Role::Lead),
    ("共同负责", Role::Lead),
    ("分别负责", Role::Lead),
    ("具体负责", Role::Lead),
    ("负责落实", Role::Lead),
    ("牵头落实", Role::Lead),
    ("牵头", Role::Lead),
    ("负责", Role::Lead),
    ("配合落实", Role::Support),
    ("共同配合", Role::Support),
    ("参与配合", Role::Support),
    ("协同配合", Role::Support),
    ("配合", Role::Support),
    ("参与", Role::Support),
    ("协助", Role::Support),
];

/// Trailing words that close a list of units without naming one.
const LIST_TAILS: &[&str] = &[
    "等有关部门",
    "等相关部门",
    "等相关单位",
    "等有关单位",
    "等部门",
    "等单位",
    "等",
];

/// Whether a line is a note standing on its own (`牵头单位：…`, `【责任单位：…】`).
pub fn starts_with_label(line: &str) -> bool {
    if !line.contains('：') && !line.contains(':') {
        return false;
    }
    let body = line.trim_start_matches(['【', '[', '［', '（', '(', ' ']);
    LABEL.find(body).is_some_and(|m| m.start() == 0)
}

/// Parses the content of a note (without its brackets). `None` if it names no role.
pub fn parse_note(content: &str) -> Option<Note> {
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
        None => Some(parse_suffixed(content))
            .filter(|n| !(n.lead.is_empty() && n.support.is_empty()))
            .unwrap_or_default(),
    };
    (!note.is_empty()).then_some(note)
}

fn parse_labelled(content: &str) -> Note {
    let mut note = Note::default();
    let labels: Vec<_> = LABEL.captures_iter(content).collect();
    for (i, caps) in labels.iter().enumerate() {
        let (Some(whole), Some(name)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let end = labels
            .get(i + 1)
            .and_then(|next| next.get(0))
            .map_or(content.len(), |m| m.start());
        let value =
            content[whole.end()..end].trim_matches(|c: char| is_clause_sep(c) || c.is_whitespace());
        let role = LABELS
            .iter()
            .find(|(l, _)| *l == name.as_str())
            .map_or(Role::Lead, |(_, r)| *r);
        match role {
            Role::Due => note.due = Some(value.to_string()).filter(|v| !v.is_empty()),
            // （责任单位：A牵头，B配合）: the roles inside the label's value decide.
            Role::Lead | Role::Support if has_role_clause(value) => {
                note.merge(parse_suffixed(value))
            }
            Role::Lead => note.lead.extend(split_units(value)),
            Role::Support => note.support.extend(split_units(value)),
            Role::Person => {}
        }
    }
    note
}

fn has_role_clause(value: &str) -> bool {
    value
        .split(is_clause_sep)
        .any(|c| role_clause(c.trim()).is_some_and(|(_, units)| !units.is_empty()))
}

fn parse_suffixed(content: &str) -> Note {
    let mut note = Note::default();
    for clause in content.split(is_clause_sep) {
        let clause = clause.trim();
        let Some((role, units)) = role_clause(clause) else {
            if is_deadline(clause) {
                note.due = Some(clause.to_string());
            }
            continue;
        };
        match role {
            Role::Lead => note.lead.extend(split_units(units)),
            Role::Support => note.support.extend(split_units(units)),
            Role::Due | Role::Person => {}
        }
    }
    note
}

/// `A、B牵头` → (Lead, "A、B").
fn role_clause(clause: &str) -> Option<(Role, &str)> {
    SUFFIXES
        .iter()
        .find_map(|(suffix, role)| clause.strip_suffix(suffix).map(|rest| (*role, rest)))
}

/// A clause of a note that gives the deadline (2024年底前完成, 持续推进).
pub fn is_deadline(clause: &str) -> bool {
    let dated = clause.contains('年') || clause.contains('月');
    let words = [
        "底前",
        "前完成",
        "持续推进",
        "长期坚持",
        "长期",
        "年底",
        "季度",
    ];
    (dated || words.iter().any(|w| clause.contains(w))) && clause.chars().count() <= 20
}

fn is_clause_sep(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';')
}

/// Splits a list of units on 、，, and strips 等部门-style tails; names keep their spelling.
pub fn split_units(list: &str) -> Vec<String> {
    let mut units = Vec::new();
    for part in list.split(['、', '，', ',', '；', ';', '/']) {
        // 区商务局（牵头）: the mark is not part of the name.
        let part = part
            .trim()
            .trim_end_matches("（牵头）")
            .trim_end_matches("(牵头)");
        let spaced = remove_pdf_spaces(part);
        let mut name = spaced.trim().trim_matches(['。', '.', ' ']);
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

/// A note without brackets closing the text: `…。责任单位：区发改局；完成时限：6月底前`.
fn trailing_label_note(text: &str) -> Option<(usize, Note)> {
    // Every label ends with a colon: without one the regex need not run.
    let has_colon = text.contains('：') || text.contains(':');
    let first = LABEL
        .find_iter(if has_colon { text } else { "" })
        .find(|m| {
            let before = text[..m.start()].chars().last();
            before.is_none_or(|c| matches!(c, '。' | '；' | ';' | ' ' | '\n') || is_close(c))
        });
    let Some(first) = first else {
        return trailing_sentence_note(text);
    };
    let note = parse_labelled(&text[first.start()..]);
    (!note.is_empty() && first.start() > 0).then_some((first.start(), note))
}

/// A last sentence that is a note without brackets: `…。县农业农村局牵头，县财政局配合。`
/// Every clause must name units by role, and every unit must look like a government body,
/// so an ordinary sentence ending in 负责 is not taken for one.
fn trailing_sentence_note(text: &str) -> Option<(usize, Note)> {
    let start = text.rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let sentence = &text[start..];
    if start == 0 || sentence.trim().is_empty() {
        return None;
    }
    let clauses: Vec<&str> = sentence.split(is_clause_sep).map(str::trim).collect();
    if !clauses
        .iter()
        .all(|c| role_clause(c).is_some() || is_deadline(c))
    {
        return None;
    }
    let note = parse_suffixed(sentence);
    let looks_like_bodies = note
        .lead
        .iter()
        .chain(&note.support)
        .all(|u| looks_like_body(u));
    (looks_like_bodies && !(note.lead.is_empty() && note.support.is_empty()))
        .then_some((start, note))
}

/// Whether a name ends like a government body (局, 委, 办, 中心, 政府, 街道…).
pub fn looks_like_body(name: &str) -> bool {
    name.chars().last().is_some_and(|c| {
        "局委办部室院所站队会处科厅心司团府道镇乡区县市行社联馆校台园组署".contains(c)
    })
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
