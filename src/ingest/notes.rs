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
    let body = line.trim_start_matches(['【', '[', '［', '（', '(', ' ']);
    LABEL.find(body).is_some_and(|m| m.start() == 0)
}

/// Parses the content of a note (without its brackets). `None` if it names no role.
pub fn parse_note(content: &str) -> Option<Note> {
    let content = content.trim().trim_end_matches(['。', '.', ' ']);
    let note = if LABEL.is_match(content) {
        parse_labelled(content)
    } else {
        parse_suffixed(content)
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
            Role::Lead => note.lead.extend(split_units(value)),
            Role::Support => note.support.extend(split_units(value)),
            Role::Person => {}
        }
    }
    note
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
    let first = LABEL.find_iter(text).find(|m| {
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
    for (i, c) in text.char_indices() {
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
mod tests {
    use super::*;

    /// Asserts the trailing note of `text` names exactly these units.
    fn check(text: &str, lead: &[&str], support: &[&str]) {
        let (_, n) = trailing_note(text).unwrap_or_else(|| panic!("no note in {text}"));
        assert_eq!(n.lead, lead, "lead of {text}");
        assert_eq!(n.support, support, "support of {text}");
    }

    #[test]
    fn simple_responsible() {
        check("做好工作。（区经济发展局负责）", &["区经济发展局"], &[]);
        check(
            "x。（区工委组织人事部、区地方事业局等部门负责）",
            &["区工委组织人事部", "区地方事业局"],
            &[],
        );
    }

    #[test]
    fn lead_and_support() {
        check(
            "x。(区经济发展局牵头,各镇供电所等部门配合)",
            &["区经济发展局"],
            &["各镇供电所"],
        );
        check(
            "x。（A局、B局牵头，C局、D中心等部门配合）",
            &["A局", "B局"],
            &["C局", "D中心"],
        );
    }

    #[test]
    fn labelled_forms() {
        check(
            "x。（牵头单位：区科学技术局，参与单位：区商务局、区人社局）",
            &["区科学技术局"],
            &["区商务局", "区人社局"],
        );
        check(
            "x。(责任单位:区科技局、区工信局)",
            &["区科技局", "区工信局"],
            &[],
        );
        check("x。[牵头单位:A局;配合单位:B局]", &["A局"], &["B局"]);
        check("x。【责任单位：A局】", &["A局"], &[]);
    }

    #[test]
    fn unit_named_with_qiantou_stays_support() {
        check(
            "x。(县工信局牵头,县发改局、县有关产业专班牵头部门等配合)",
            &["县工信局"],
            &["县发改局", "县有关产业专班牵头部门"],
        );
    }

    #[test]
    fn by_duty_and_lead_responsible() {
        check("x。(A办、B局按职责分工负责)", &["A办", "B局"], &[]);
        check(
            "x。(县商务局、经济开发区牵头负责)",
            &["县商务局", "经济开发区"],
            &[],
        );
    }

    #[test]
    fn body_parenthesis_is_not_a_note() {
        assert!(trailing_note("建设重点实验室（工程实验室）").is_none());
        assert!(trailing_note("完成《规划(2021—2035年)》编制").is_none());
    }

    #[test]
    fn mixed_width_brackets_and_due() {
        let (_, n) = trailing_note("x。（牵头单位：A局；完成时限：2023年12月底前)").unwrap();
        assert_eq!(n.due.as_deref(), Some("2023年12月底前"));
        assert_eq!(n.lead, vec!["A局"]);
    }

    #[test]
    fn notes_without_brackets_and_with_you() {
        check(
            "建设项目。责任单位：区发改局、区财政局",
            &["区发改局", "区财政局"],
            &[],
        );
        check(
            "建设项目。（由区发改局牵头，区财政局配合）",
            &["区发改局"],
            &["区财政局"],
        );
        assert!(trailing_note("牵头单位：区发改局").is_none());
    }

    #[test]
    fn people_and_phones_are_not_units() {
        check(
            "x。（责任单位：县民政局；责任领导：张副县长；责任人：李明）",
            &["县民政局"],
            &[],
        );
        check(
            "x。（牵头单位：县文化和旅游局 责任人：周强 联系电话：138）",
            &["县文化和旅游局"],
            &[],
        );
    }

    #[test]
    fn deadline_inside_an_unlabelled_note() {
        let (_, n) = trailing_note("x。（县财政局牵头，县统计局配合，2024年底前完成）").unwrap();
        assert_eq!(n.due.as_deref(), Some("2024年底前完成"));
        assert_eq!(n.support, ["县统计局"]);
    }

    #[test]
    fn note_sentence_without_brackets() {
        check(
            "完成改造。县农业农村局牵头，县财政局配合。",
            &["县农业农村局"],
            &["县财政局"],
        );
        assert!(trailing_note("完成改造。各地要切实负责。").is_none());
    }

    #[test]
    fn label_after_a_note_on_the_same_line() {
        let (_, n) = trailing_note("完成。（县交通运输局负责）完成时限：2024年12月底").unwrap();
        assert_eq!(n.due.as_deref(), Some("2024年12月底"));
    }

    #[test]
    fn notes_inside_the_text() {
        let notes =
            notes_within("完成10个。（县发改局牵头）推进5项。（县财政局负责）建设（工程实验室）");
        let leads: Vec<&str> = notes
            .iter()
            .flat_map(|n| n.lead.iter().map(String::as_str))
            .collect();
        assert_eq!(leads, ["县发改局", "县财政局"]);
    }

    #[test]
    fn stray_spaces_inside_a_unit_name_go() {
        check("x。（县 财政局负责）", &["县财政局"], &[]);
    }

    #[test]
    fn own_line_labels() {
        assert!(starts_with_label("牵头单位：区发改局"));
        assert!(starts_with_label("【配合单位:区财政局】"));
        assert!(!starts_with_label("区发改局牵头"));
    }

    #[test]
    fn open_note_detected() {
        assert!(ends_in_open_note("做好。（牵头单位：区"));
        assert!(!ends_in_open_note("做好。（牵头单位：区局）"));
        assert!(!ends_in_open_note("文明实践所（站"));
    }
}
