//! Names in a note: splitting a list of units (never inside brackets), telling a unit from
//! an official or a person, and whether a name looks whole.

use super::extend_unique;
use crate::ingest::normalize::remove_pdf_spaces;
use crate::ingest::vocab::{
    Role, BODY_ENDINGS, JOINT_LEAD_MARKS, LEAD_SYMBOLS, LIST_TAILS, OFFICIAL_TITLES, POST_BODIES,
    POST_QUALIFIERS, UNIT_MARKS, UNIT_OPENINGS,
};

/// A unit cell that also names the people in charge (`区住房和城乡建设局 林振华`, a column
/// 责任单位及责任人): the units, and the people apart — a person's name is a short word
/// after a space that does not end like a body.
pub(super) fn without_people(value: &str) -> (String, Vec<String>) {
    const MAX_NAME_CHARS: usize = 4;
    let mut people = Vec::new();
    let mut units: Vec<String> = Vec::new();
    for part in split_on_commas(value) {
        let mut unit = String::new();
        let mut last_word = "";
        for word in part.split(' ').filter(|w| !w.is_empty()) {
            let is_name = (2..=MAX_NAME_CHARS).contains(&word.chars().count())
                && word.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
                && !looks_like_body(word)
                && !unit.is_empty();
            if is_name {
                people.push(word.to_string());
            } else {
                let open = unit.chars().filter(|c| is_open(*c)).count()
                    > unit.chars().filter(|c| is_close(*c)).count();
                if !open && space_separates(last_word, word) {
                    units.push(std::mem::take(&mut unit));
                }
                unit.push_str(word);
                last_word = word;
            }
        }
        if !unit.is_empty() {
            units.push(unit);
        }
    }
    (units.join("、"), people)
}

/// Whether a name is an official's (ends with a title such as 副县长), not a unit's.
pub fn is_official(name: &str) -> bool {
    OFFICIAL_TITLES.iter().any(|t| name.ends_with(t))
}

/// The parts of a list between its separators (、，,；;/), never splitting inside brackets:
/// 各县（市、区）人民政府 is one name.
pub(super) fn split_on_commas(list: &str) -> impl Iterator<Item = &str> {
    split_outside_brackets(list, |c| matches!(c, '、' | '，' | ',' | '；' | ';' | '/'))
}

/// The parts of `list` between the chars `separates` accepts, outside brackets.
fn split_outside_brackets(
    list: &str,
    separates: impl Fn(char) -> bool,
) -> std::vec::IntoIter<&str> {
    let mut depth = 0usize;
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, c) in list.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && separates(c) {
            parts.push(&list[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&list[start..]);
    parts.into_iter()
}

/// A list whose units a space separates (a table cell `县财政局 县自然资源局`): split where
/// the words before the space end like a body and the word after opens like a unit name.
/// A space inside a name (`市生态环境局 云塘分局`, a PDF's `县住房和城乡建 设局`) or between
/// the single characters of a spaced-out PDF line is no separator.
fn split_on_spaces(part: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let words: Vec<(usize, &str)> = part
        .split(' ')
        .scan(0, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    for pair in words.windows(2) {
        let ((_, before), (at, after)) = (pair[0], pair[1]);
        depth += before.chars().filter(|c| is_open(*c)).count();
        depth = depth.saturating_sub(before.chars().filter(|c| is_close(*c)).count());
        if depth == 0 && space_separates(before, after) {
            parts.push(&part[start..at]);
            start = at;
        }
    }
    parts.push(&part[start..]);
    parts
}

/// Whether the space between two words of a unit list separates two units: the word before
/// ends like a body and the word after opens like a unit name, both whole words.
fn space_separates(before: &str, after: &str) -> bool {
    // 各乡镇（街道）: the name before its bracket ends like a body.
    let core = match before.char_indices().rfind(|(_, c)| is_open(*c)) {
        Some((at, _)) if before.ends_with(is_close) => &before[..at],
        _ => before,
    };
    core.chars().count() >= 2
        && after.chars().count() >= 2
        && looks_like_body(core)
        && UNIT_OPENINGS.iter().any(|w| after.starts_with(w))
}

/// A list whose 、-runs hold a joint mark (`A、B（共同牵头），C` or `A、B（共同牵头）、C`) with
/// the lead mark on each unit up to it instead (`A（牵头）、B（牵头），C`), so the units after
/// it support.
pub fn spread_joint_marks(list: &str) -> std::borrow::Cow<'_, str> {
    if !JOINT_LEAD_MARKS.iter().any(|m| list.contains(m)) {
        return std::borrow::Cow::Borrowed(list);
    }
    let mut out = String::with_capacity(list.len() + 16);
    let mut depth = 0usize;
    let mut start = 0;
    let flush = |run: &str, out: &mut String| match JOINT_LEAD_MARKS
        .iter()
        .find_map(|m| run.find(m).map(|at| (&run[..at], &run[at + m.len()..])))
    {
        Some((units, rest)) => {
            let marked: Vec<String> = split_outside_brackets(units, |c| c == '、')
                .map(|u| format!("{}（牵头）", u.trim()))
                .collect();
            out.push_str(&marked.join("、"));
            out.push_str(rest.trim_end());
        }
        None => out.push_str(run),
    };
    for (i, c) in list.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && matches!(c, '，' | ',' | '；' | ';') {
            flush(&list[start..i], &mut out);
            out.push(c);
            start = i + c.len_utf8();
        }
    }
    flush(&list[start..], &mut out);
    std::borrow::Cow::Owned(out)
}

/// The role mark a part of a list ends with (县财政局（配合）), if any.
pub fn unit_mark(part: &str) -> Option<Role> {
    let part = part.trim();
    if part.ends_with(LEAD_SYMBOLS) || part.starts_with(LEAD_SYMBOLS) {
        return Some(Role::Lead);
    }
    UNIT_MARKS
        .iter()
        .find(|(mark, _)| part.ends_with(mark))
        .map(|(_, role)| *role)
}

/// Splits a list of units and strips 等部门-style tails and role marks (（牵头）, （配合）);
/// names keep their spelling.
pub fn split_units(list: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in split_on_commas(list).flat_map(split_on_spaces) {
        let mut part = part.trim().trim_matches(LEAD_SYMBOLS).trim();
        for (mark, _) in UNIT_MARKS {
            // strip_suffix, not trim_end_matches: a reverse substring searcher set up for
            // every mark of every part was a twentieth of all ingest time.
            while let Some(rest) = part.strip_suffix(mark) {
                part = rest;
            }
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
            names.push(name.to_string());
        }
    }
    let mut units = Vec::with_capacity(names.len());
    extend_unique(&mut units, names);
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

/// Officials named in a list (李振华、吴静 or 郑国强副县长、马晓光副县长), as written. Posts
/// an official holds besides the one named with the person stay with them: 县委常委、常务副县长
/// 沈立群 is one leader, 县委常委、副县长 卜晓东；副县长 邬海峰 two.
pub fn split_names(list: &str) -> Vec<String> {
    let mut names = Vec::new();
    for group in split_outside_brackets(list, |c| matches!(c, '，' | ',' | '；' | ';' | '/')) {
        let mut posts: Vec<&str> = Vec::new();
        for piece in split_outside_brackets(group, |c| c == '、') {
            let piece = piece.trim();
            if is_post_only(piece) {
                posts.push(piece);
                continue;
            }
            posts.push(piece);
            names.push(posts.join("、"));
            posts.clear();
        }
        // Posts that name no one (县长、分管副县长) are leaders each.
        names.extend(posts.into_iter().map(str::to_string));
    }
    // A name with its titles is short; a longer piece is prose. Posts held besides add
    // to the length, so the bound is on what follows the last 、.
    let short = |p: &String| {
        p.rsplit('、')
            .next()
            .is_some_and(|n| n.chars().count() <= 20)
    };
    names
        .iter()
        .map(|p| remove_pdf_spaces(p).trim().to_string())
        .filter(|p| !p.is_empty() && short(p))
        .collect()
}

/// Whether a piece of a leader list names a post and no one: 县委常委, 县委副书记, 常务副县长,
/// 县人大常委会副主任, but not 郑国强副县长. What stands before the title must be the post's
/// own words (常务, 副) or a body of the place (县委, 县政府, 县政协).
pub fn is_post_only(piece: &str) -> bool {
    let piece: String = piece.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(title) = OFFICIAL_TITLES.iter().find(|t| piece.ends_with(*t)) else {
        return false;
    };
    let mut before = &piece[..piece.len() - title.len()];
    while let Some(rest) = POST_QUALIFIERS.iter().find_map(|q| before.strip_suffix(q)) {
        before = rest;
    }
    before.is_empty()
        || (UNIT_OPENINGS.iter().any(|o| before.starts_with(o))
            && POST_BODIES.iter().any(|b| before.ends_with(b)))
}

/// Opening and closing brackets a note may use, in any mix (PDFs lose one half's width).
pub(super) fn is_open(c: char) -> bool {
    matches!(c, '（' | '(' | '【' | '[' | '［' | '〔')
}

pub(super) fn is_close(c: char) -> bool {
    matches!(c, '）' | ')' | '】' | ']' | '］' | '〕')
}

/// Whether a name ends like a government body (局, 委, 办, 中心, 政府, 街道…).
pub fn looks_like_body(name: &str) -> bool {
    // 各乡镇（街道）: the name ends before what its bracket adds.
    let core = match name.strip_suffix(is_close) {
        Some(inner) => inner.rfind(is_open).map_or(name, |at| &inner[..at]),
        None => name,
    };
    core.chars()
        .last()
        .is_some_and(|c| BODY_ENDINGS.contains(c))
}
