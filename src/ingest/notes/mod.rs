//! Responsibility notes: who leads (牵头/负责/责任单位) and who supports (配合/参与) a task,
//! and its deadline (完成时限), in every form the genre uses.
//!
//! Forms read: （A负责） （A、B牵头，C等部门配合） （牵头单位：A；参与单位：B） （责任单位：A）
//! （A、B按职责分工负责） 【责任单位：A】 [牵头单位:A;配合单位:B], and own-line notes
//! `牵头单位：A` / `配合单位：B` / `完成时限：…`.

mod find;
mod names;

pub use find::{
    ends_in_open_note, leading_note, leading_role_note, notes_within, trailing_bare_list,
    trailing_note,
};
pub use names::{clean_name, is_official, is_post_only, looks_like_body, split_names, split_units};

use super::deadline::due_date;
use super::vocab::{
    is_placeholder, Role, COMPLETION_VERBS, DEADLINE_DAY_WORDS, DEADLINE_ENDINGS, DEADLINE_LEADS,
    DEADLINE_WORDS, DEFAULT_DEADLINE_MARKS, FIRST_LISTED_REMARKS, LABELS, LEAD_SYMBOLS,
    ONGOING_CLAUSES, ONGOING_DEADLINES, REMARK_OPENERS, ROLE_SUFFIXES, UNIT_MARKS,
};
use names::{is_close, is_open, split_on_commas, spread_joint_marks, unit_mark, without_people};
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
            extend_unique(list, more);
        }
        self.dropped.extend(other.dropped);
        if other.due.is_some() {
            self.due = other.due;
        }
    }

    /// Takes from `other` what this note leaves out: its units when this names none, its
    /// leader when this names none. A task's own note wins over what it inherits.
    pub fn fill_from(&mut self, other: &Note) {
        if !self.names_units() {
            let mut units = other.clone();
            units.leader.clear();
            units.due = None;
            self.merge(units);
        }
        if self.leader.is_empty() {
            self.leader = other.leader.clone();
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
        extend_unique(&mut support, self.support.iter().cloned());
        let leads: std::collections::HashSet<&String> = lead.iter().collect();
        support.retain(|u| !leads.contains(u));
        (lead, support)
    }
}

impl Note {
    /// The note with its roles settled on its own (see `resolve`): its units as lead and
    /// support only, so that merged with another item's it keeps them.
    pub fn resolved(&self, first_listed: bool) -> Note {
        let (lead, support) = self.resolve(first_listed);
        Note {
            lead,
            support,
            responsible: Vec::new(),
            bare: Vec::new(),
            ..self.clone()
        }
    }
}

/// Appends the names not in `list` yet, in order; a set keeps a note of thousands of names
/// linear.
pub(super) fn extend_unique(list: &mut Vec<String>, more: impl IntoIterator<Item = String>) {
    let mut seen: std::collections::HashSet<String> = list.iter().cloned().collect();
    for name in more {
        if seen.insert(name.clone()) {
            list.push(name);
        }
    }
}

/// A label at the start of a clause: `牵头单位：`, or one in brackets, `【牵头单位】`, where the
/// colon may be missing.
pub(super) static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = LABELS.iter().map(|(l, _)| *l).collect();
    // 责任单位为A: 为 ends a label that names its kind (单位, 领导, 时限); after a bare role
    // word it is prose (牵头为主).
    let named: Vec<&str> = names
        .iter()
        .copied()
        .filter(|l| LABELS_ENDED_BY_WEI.iter().any(|e| l.ends_with(e)))
        .collect();
    let (names, named) = (names.join("|"), named.join("|"));
    Regex::new(&format!(
        r"[【\[［]\s*({names})\s*(?:[】\]］]\s*[:：]?|[:：])|({names})\s*[:：]|({named})\s*(?:为|為)"
    ))
    .expect("label regex")
});

/// How a label that 为 may end ends (责任单位为, 完成时限为).
const LABELS_ENDED_BY_WEI: &[&str] = &["单位", "部门", "领导", "时限", "时间", "期限"];

/// The label a match of [`LABEL`] names, and its role.
fn label_role(caps: &regex::Captures) -> Role {
    let name = caps
        .get(1)
        .or_else(|| caps.get(2))
        .or_else(|| caps.get(3))
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
        None if UNIT_MARKS
            .iter()
            .any(|(m, role)| *role == Role::Lead && content.contains(m)) =>
        {
            listed(Role::Lead, content)
        }
        None => {
            let note = parse_suffixed(content);
            // （许承志副县长牵头）: an official alone leads; units come on later lines.
            let names_leader = !note.leader.is_empty() && note.dropped.is_empty();
            if note.names_units() || names_leader {
                note
            } else if is_deadline_alone(content) {
                // （2025年6月底前） closing a task whose units a heading or a later note gives.
                Note {
                    due: Some(deadline_as_written(content.trim()).to_string()),
                    ..Note::default()
                }
            } else {
                Note::default()
            }
        }
    };
    (!note.is_empty()).then_some(note)
}

/// A bracket's content that is one deadline and nothing else: `2025年6月底前`, `三季度末`,
/// not `2025年` (a year names no deadline) nor a clause list.
fn is_deadline_alone(content: &str) -> bool {
    let content = content.trim();
    !content.contains(is_clause_sep)
        && is_deadline(content)
        && DEADLINE_DAY_WORDS.iter().any(|w| content.contains(w))
}

/// The deadline a task's own words end a sentence with, when no note gives one:
/// `…改造42个，2025年11月底前完成。` → `2025年11月底前`; `…，持续推进。` → `持续推进`. Only a
/// clause that is a deadline and nothing else counts — a date, a by-word (前, 底, 季度…), at
/// most a verb of completion — so `到2025年底建成5个` (a target by a date) and `全年完成
/// 投资5亿元` are not deadlines; and it must close its sentence, so `到年底，装机保持在30万
/// 千瓦以上` (a target's horizon) is not one either. The last such clause wins.
pub fn body_deadline(body: &str) -> Option<String> {
    body.split(['。', '；', ';'])
        .filter_map(|sentence| sentence.trim_end_matches('.').rsplit(is_clause_sep).next())
        .map(str::trim)
        .rev()
        .find_map(|clause| {
            if ONGOING_CLAUSES.contains(&clause) {
                return Some(clause.to_string());
            }
            let date = deadline_as_written(clause);
            let date = DEADLINE_LEADS
                .iter()
                .find_map(|w| date.strip_prefix(w))
                .unwrap_or(date);
            let dated_only = digit_runs_are_dates(date);
            let ends_like_deadline = DEADLINE_ENDINGS.iter().any(|e| date.ends_with(e));
            // A day planq can tell, once: 为期三个月 and 压缩至两个月 are spans, 每月25日前 a
            // rhythm, none of them the task's deadline.
            let one_day = !date.contains('每') && due_date(date, Some(2000)).is_some();
            (dated_only && ends_like_deadline && one_day && is_deadline_alone(date))
                .then(|| date.to_string())
        })
}

/// The deadline a document gives every task that names none: `未注明完成时限的，均须于
/// 2025年12月底前完成` → `2025年12月底前`.
pub fn default_deadline(line: &str) -> Option<String> {
    let at = DEFAULT_DEADLINE_MARKS
        .iter()
        .find_map(|m| line.find(m).map(|at| at + m.len()))?;
    body_deadline(&line[at..])
}

/// A deadline clause without the verb of completion after its date: `2025年11月底前完成` →
/// `2025年11月底前`, the same deadline however the note or the sentence phrased it.
fn deadline_as_written(clause: &str) -> &str {
    COMPLETION_VERBS
        .iter()
        .find_map(|v| clause.strip_suffix(v))
        .filter(|date| !date.trim().is_empty())
        .unwrap_or(clause)
        .trim_end()
}

/// Whether every run of digits in `text` is part of a date (2025年, 11月, 30日).
fn digit_runs_are_dates(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().all(|(i, c)| {
        !c.is_ascii_digit()
            || chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_digit() || matches!(n, '年' | '月' | '日' | '号'))
    })
}

/// A note's content without what is said about the notes themselves: a first-listed
/// remark (`列第一位的为牵头单位`) and `下同`.
fn without_remarks(content: &str) -> std::borrow::Cow<'_, str> {
    if !content.contains("下同") && !is_first_listed_remark(content) {
        return content.into();
    }
    let bare = |clause: &str| {
        clause
            .trim_end_matches(['。', '；', ';', '，', ','])
            .trim()
            .to_string()
    };
    let mut kept = String::with_capacity(content.len());
    for sentence in content.split_inclusive(['。', '；', ';']) {
        let clauses: Vec<&str> = sentence.split_inclusive(['，', ',']).collect();
        // 排名第一的单位为牵头单位，其余单位为配合单位: the role clauses of the remark's own
        // sentence state its rule and name no unit.
        let remark = clauses.iter().any(|c| is_first_listed_remark(&bare(c)));
        for clause in clauses {
            let b = bare(clause);
            let rule = remark && role_clause(&b).is_some();
            if b != "下同" && !is_first_listed_remark(&b) && !rule {
                kept.push_str(clause);
            }
        }
    }
    kept.into()
}

/// A bracket that only lists government bodies (区卫生健康局、区医疗保障局): a note in a
/// document whose remark says the first-listed unit leads.
pub fn parse_bare_list(content: &str) -> Option<Note> {
    // （A、B，排名第一的为牵头单位，下同）: the remark is about the notes, not a unit.
    let content = without_remarks(content);
    let content = content
        .as_ref()
        .trim_end_matches(['，', ',', '；', ';', '。']);
    // （县教育局、县公安局，2024年6月底前）: a deadline may close the list.
    let (list, due) = match content.rfind(['，', ',', '；', ';']) {
        Some(at) => {
            let tail = content[at..]
                .trim_start_matches(['，', ',', '；', ';'])
                .trim();
            let ongoing = ONGOING_DEADLINES.iter().any(|w| tail.contains(w));
            if is_deadline(tail) || (ongoing && tail.chars().count() <= 10) {
                (&content[..at], Some(tail.to_string()))
            } else {
                (content, None)
            }
        }
        None => (content, None),
    };
    let units = split_units(list);
    let bodies = !units.is_empty()
        && units.iter().all(|u| looks_like_body(u))
        && !list.contains(['。', '：', ':']);
    bodies.then(|| Note {
        bare: units,
        due,
        ..Note::default()
    })
}

pub(super) fn parse_labelled(content: &str) -> Note {
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
    let value = &*spread_joint_marks(value.trim());
    if is_placeholder(value) {
        return Note::default();
    }
    let unit_roles = matches!(role, Role::Lead | Role::Responsible | Role::Support);
    // A、B（排名第一的为牵头单位）: the cell's own remark makes its first unit lead.
    if let Some(list) = unit_roles
        .then(|| without_first_listed_remark(value))
        .flatten()
    {
        let (lead, support) = cell_note(role, list).resolve(true);
        return Note {
            lead,
            support,
            ..Note::default()
        };
    }
    let own_label = unit_roles.then(|| cell_label_at(value)).flatten();
    match role {
        Role::Due => Note {
            due: Some(value.to_string()).filter(|v| !v.is_empty()),
            ..Note::default()
        },
        // 牵头：A；配合：B in one unit cell, or `A 配合：B`: its own labels say the roles,
        // and what stands before the first one is the column's.
        _ if own_label.is_some() => {
            let at = own_label.unwrap_or(0);
            let own = value[..at].trim_end_matches(|c: char| is_clause_sep(c) || c == ' ');
            let mut note = if own.is_empty() {
                Note::default()
            } else {
                listed(role, own)
            };
            note.merge(parse_labelled(&value[at..]));
            note
        }
        Role::Lead | Role::Responsible | Role::Support if has_role_clause(value) => {
            // 责任单位为A，B参与: the clauses before the first role word are the label's.
            let (own, rest) = label_clauses(value);
            let mut note = listed(role, own);
            note.merge(parse_suffixed(rest));
            note
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

/// A unit cell that ends in a first-listed remark (`A、B（排名第一的为牵头单位）`): the list
/// before it.
fn without_first_listed_remark(value: &str) -> Option<&str> {
    let inner = value.strip_suffix(is_close)?;
    let at = inner.rfind(is_open)?;
    is_first_listed_remark(&inner[at..]).then(|| inner[..at].trim_end())
}

/// The units of a list given `role`. A unit's own mark wins: 县民政局（主责） leads,
/// 县财政局（配合） supports, and beside a lead mark the unmarked units support.
fn listed(role: Role, list: &str) -> Note {
    let list = &*spread_joint_marks(list);
    let marked: Vec<(String, Role)> = split_on_commas(list)
        .filter_map(|part| unit_mark(part).map(|r| (part, r)))
        .flat_map(|(part, r)| split_units(part).into_iter().map(move |u| (u, r)))
        .collect();
    let units = split_units(list);
    let mut note = Note::default();
    if !marked.is_empty() && matches!(role, Role::Lead | Role::Responsible | Role::Support) {
        let any_lead = marked.iter().any(|(_, r)| *r == Role::Lead);
        for unit in units {
            let mark = marked.iter().find(|(u, _)| *u == unit).map(|(_, r)| *r);
            let list = match mark {
                Some(Role::Lead) => &mut note.lead,
                Some(Role::Support) => &mut note.support,
                _ if any_lead => &mut note.support,
                Some(_) => &mut note.responsible,
                None => match role {
                    Role::Lead => &mut note.lead,
                    Role::Support => &mut note.support,
                    _ => &mut note.responsible,
                },
            };
            list.push(unit);
        }
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

/// Where a unit cell's own first label starts: at its start, or after a space or a clause
/// mark (`县生态环境分局 配合：县水利局`).
fn cell_label_at(value: &str) -> Option<usize> {
    LABEL.find_iter(value).map(|m| m.start()).find(|&at| {
        value[..at]
            .chars()
            .last()
            .is_none_or(|c| c == ' ' || is_clause_sep(c))
    })
}

/// A labelled value cut where its first clause with a role word begins: what the label
/// itself names (`A` of `A，B配合`), and the rest.
fn label_clauses(value: &str) -> (&str, &str) {
    let mut start = 0;
    for (i, c) in value.char_indices().filter(|(_, c)| is_clause_sep(*c)) {
        if role_clause(value[start..i].trim()).is_some() {
            break;
        }
        start = i + c.len_utf8();
    }
    if start == 0 {
        return ("", value);
    }
    (
        value[..start].trim_end_matches(is_clause_sep),
        &value[start..],
    )
}

fn has_role_clause(value: &str) -> bool {
    value
        .split(is_clause_sep)
        .any(|c| role_clause(c.trim()).is_some_and(|(_, units)| !units.is_empty()))
}

/// Clauses closed by role words: `A牵头，B、C等部门，D、E配合`. A clause without a role word
/// belongs to the next one that has one (B and C support here).
pub(super) fn parse_suffixed(content: &str) -> Note {
    let mut note = Note::default();
    let mut pending: Vec<&str> = Vec::new();
    for clause in content
        .split(is_clause_sep)
        .flat_map(split_after_role_words)
    {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let Some((role, units)) = role_clause(clause) else {
            if is_deadline(clause) {
                note.due = Some(deadline_as_written(clause).to_string());
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

/// A clause cut after each role word a 、 follows: `A牵头、B配合` is two clauses, as if a
/// comma stood there.
fn split_after_role_words(clause: &str) -> Vec<&str> {
    // Units, not phrases: 政府引导、社会参与 (a way of working) is no list of roles.
    let names_a_body = |units: &str| {
        split_units(units)
            .iter()
            .all(|u| u.chars().count() >= 3 && looks_like_body(u))
    };
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, _) in clause.match_indices('、') {
        if role_clause(clause[start..at].trim()).is_some_and(|(_, units)| names_a_body(units)) {
            parts.push(&clause[start..at]);
            start = at + '、'.len_utf8();
        }
    }
    parts.push(&clause[start..]);
    parts
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

/// Whether a line is a remark (注：, 说明：) that keys how unit lists mark their roles — the
/// first-listed remark, or what a lead symbol means (注：标注“★”的为牵头单位). The lists apply
/// it, so the line itself is no task's text and needs no warning.
pub fn is_role_key(line: &str) -> bool {
    let symbol_key = line.contains(LEAD_SYMBOLS) && line.contains("牵头");
    REMARK_OPENERS.iter().any(|o| line.starts_with(o))
        && line.chars().count() <= 200
        && (symbol_key || is_first_listed_remark(line))
}

/// `A、B牵头` → (Lead, "A、B").
pub(super) fn role_clause(clause: &str) -> Option<(Role, &str)> {
    ROLE_SUFFIXES
        .iter()
        .find_map(|(suffix, role)| clause.strip_suffix(suffix).map(|rest| (*role, rest)))
}

/// A clause of a note that gives the deadline (2024年底前完成, 持续推进).
pub fn is_deadline(clause: &str) -> bool {
    let dated = clause.contains('年') || clause.contains('月');
    (dated || DEADLINE_WORDS.iter().any(|w| clause.contains(w))) && clause.chars().count() <= 20
}

pub(super) fn is_clause_sep(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';')
}

#[cfg(test)]
mod tests;
