//! The layout of a 五年规划纲要: 第N章 chapters, 第N节 sections (one may have lost its
//! prefix in extraction), numbered measures, the 主要指标表 and 专栏 boxes.

use crate::ingest::classify::is_footer;
use crate::ingest::indicators::IndicatorTable;
use crate::ingest::lines::SourceLine;
use crate::ingest::normalize::is_page_mark;
use crate::ingest::numbering::{
    enumerated_item, notice_heading, plan_heading, task_start, HeadingMark,
};
use crate::ingest::structure::Builder;
use crate::model::{Column, LineRole, WarningKind};
use regex::Regex;
use std::sync::LazyLock;

static COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^专栏\s*([0-9]+|[一二三四五六七八九十]+)\s*[:：]?\s*(.*)$").expect("static regex")
});

enum Mode {
    Text,
    Table(Box<IndicatorTable>),
    Column(Column),
}

/// Places every body line of a five-year plan.
pub fn parse(body: &[SourceLine], b: &mut Builder) {
    let lines: Vec<&SourceLine> = body.iter().filter(|l| !l.blank).collect();
    let mut mode = Mode::Text;
    let mut chapter_sections = 0u32;
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        if is_page_mark(text) {
            b.role(line.no, LineRole::Page);
            continue;
        }
        let numbered = numbered_section(&lines, i, chapter_sections > 0);
        let heading = plan_heading(text)
            .or_else(|| numbered.clone())
            .or_else(|| lost_section(&lines, i, chapter_sections));
        if let Some(mark) = heading {
            close(std::mem::replace(&mut mode, Mode::Text), b);
            chapter_sections = match mark.level {
                2 if numbered.is_none() => mark.number,
                2 | 3 => chapter_sections,
                _ => 0,
            };
            if !text.starts_with('第') && numbered.is_none() {
                let message = format!(
                    "section heading without 第N节, numbered {} by position: {text}",
                    mark.printed
                );
                b.warn(line.no, WarningKind::Metadata, message);
            }
            b.open_section(&mark, line.no);
            continue;
        }
        if let Mode::Table(table) = &mut mode {
            if table.take(line, b) {
                continue;
            }
            close(std::mem::replace(&mut mode, Mode::Text), b);
        }
        if let Mode::Column(column) = &mut mode {
            let next_measure =
                measure_start(text).is_some_and(|(no, _)| b.continues_numbering(&no));
            if let Some(item) = column_item(text).filter(|_| !next_measure) {
                column.items.push(item);
                b.role(line.no, LineRole::Column);
                continue;
            }
            close(std::mem::replace(&mut mode, Mode::Text), b);
        }
        if let Some(c) = COLUMN.captures(text) {
            b.finish_task();
            let column = Column {
                no: c[1].to_string(),
                title: c[2].trim().to_string(),
                items: Vec::new(),
                line: line.no,
            };
            b.role(line.no, LineRole::Column);
            mode = Mode::Column(column);
        } else if IndicatorTable::starts(text) {
            b.finish_task();
            b.role(line.no, LineRole::Table);
            let mut table = Box::<IndicatorTable>::default();
            // A header row without a caption opens the table and is its first line.
            table.take(line, b);
            mode = Mode::Table(table);
        } else if let Some((no, rest)) = measure_start(text) {
            let draft = b.open_task(&no, line.no);
            if rest.contains('。') {
                draft.push(line.no, &rest);
            } else {
                draft.title = Some(rest.trim().to_string());
                draft.push(line.no, rest.trim());
                draft.push_break();
            }
        } else if is_footer(text) {
            b.finish_task();
            b.role(line.no, LineRole::Footer);
        } else if let Some(draft) = b.draft.as_mut() {
            draft.push(line.no, text);
            b.role(line.no, LineRole::Task);
        } else {
            b.role(line.no, LineRole::Prose);
        }
    }
    close(mode, b);
    b.finish_task();
}

/// A numbered measure: `1.…`, or `一、…` / `（一）…` inside a 节 (plans number them either way).
fn measure_start(text: &str) -> Option<(String, String)> {
    task_start(text).or_else(|| {
        let mark = notice_heading(text);
        let (number, rest) = enumerated_item(text).or_else(|| mark.map(|m| (m.number, m.title)))?;
        Some((number.to_string(), rest))
    })
}

fn close(mode: Mode, b: &mut Builder) {
    match mode {
        Mode::Text => {}
        Mode::Table(table) => table.finish(b),
        Mode::Column(column) => b.doc.columns.push(column),
    }
}

/// A heading numbered like a notice's (`一、建设现代产业体系`, `（一）…`) with the plan's own
/// measures numbered under it (`1．做强先进制造业。…`): a section of its chapter (or of its
/// 节), not a measure. Measures numbered 一、 with no 1． under them stay measures.
fn numbered_section(lines: &[&SourceLine], i: usize, in_jie: bool) -> Option<HeadingMark> {
    // 一、 and （一）; a 第N部分 stays what it is.
    let mark = notice_heading(&lines[i].text).filter(|m| m.level >= 1)?;
    let titled = !mark.title.is_empty() && !mark.title.contains(['。', '；', ';']);
    let measures_below = lines
        .get(i + 1)
        .is_some_and(|l| task_start(&l.text).is_some() && notice_heading(&l.text).is_none());
    (titled && measures_below).then_some(HeadingMark {
        level: if in_jie { 3 } else { 2 },
        ..mark
    })
}

/// A 节 heading that lost its `第N节` in extraction: a short line with no punctuation, right
/// before a measure numbered 1, inside a chapter. It is numbered by position.
fn lost_section(lines: &[&SourceLine], i: usize, sections_so_far: u32) -> Option<HeadingMark> {
    let text = lines[i].text.as_str();
    let short = (4..=24).contains(&text.chars().count());
    let plain = !text.contains(|c: char| "。，,；;：:、（）()“”".contains(c) || c.is_ascii_digit());
    let next_is_first_measure = lines
        .get(i + 1)
        .and_then(|l| measure_start(&l.text))
        .is_some_and(|(no, _)| no == "1");
    if !(short && plain && next_is_first_measure) || COLUMN.is_match(text) {
        return None;
    }
    let number = sections_so_far + 1;
    Some(HeadingMark {
        level: 2,
        number,
        printed: format!("第{}节", super::numbering::cn_digits(number)),
        title: text.to_string(),
    })
}

/// An entry of a 专栏 box: a short lead phrase ended by 。 or ：(重点文旅项目建设。…), after
/// an optional bullet or number; or a short line that is a name alone.
fn column_item(text: &str) -> Option<String> {
    let body = text.trim_start_matches(['●', '·', '•', '▪', '◆', '■', '-', '—', ' ']);
    // 01 新材料产业园：… — a bare item number before a space.
    let body = match body.split_once(' ') {
        Some((number, rest)) if number.len() <= 3 && number.chars().all(|c| c.is_ascii_digit()) => {
            rest
        }
        _ => body,
    };
    let body = task_start(body)
        .map(|(_, rest)| rest)
        .or_else(|| super::numbering::paren_task_start(body).map(|(_, rest)| rest))
        .unwrap_or_else(|| body.to_string());
    let lead = body.split(['。', '：', ':']).next().unwrap_or("").trim();
    let len = lead.chars().count();
    let whole_line = lead.len() == body.trim().len();
    let short_enough = if whole_line {
        (2..=30).contains(&len)
    } else {
        (2..=24).contains(&len)
    };
    (short_enough && !lead.contains(['，', ','])).then(|| lead.to_string())
}
