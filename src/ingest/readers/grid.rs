//! A table as a reader sees it — rows of cells, merged cells resolved — written out as the
//! tab-separated rows the table layouts read. Shared by every format that has tables.

use crate::ingest::notes::{is_post_only, looks_like_body};
use crate::ingest::table_row::Header;
use crate::ingest::vocab::{column_meaning, Column, Role, CLOSING_BODY_ENDINGS, UNIT_OPENINGS};

/// Shortest unit name read as whole on its own line of a cell (国网供电公司, not 员会).
const MIN_WHOLE_NAME_CHARS: usize = 4;
/// Longest personal name read as the holder of the post on the line above it (欧阳志远).
const MAX_PERSONAL_NAME_CHARS: usize = 4;

/// How a cell stands in a merge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Span {
    /// A cell of its own, or the first cell of a merge: it holds the text.
    #[default]
    Own,
    /// Covered by a merge from the left: a reader sees the text once, in the first cell.
    Left,
    /// Covered by a merge from above: a reader sees the text on every row the merge spans.
    Above,
}

/// One cell: its text (line breaks inside the cell kept as `\n`) and how it is merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub span: Span,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            span: Span::Own,
        }
    }

    pub fn covered(span: Span) -> Cell {
        Cell {
            text: String::new(),
            span,
        }
    }
}

/// A table: rows of cells; rows may differ in length.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// One line per row, with the index of the row it comes from. Rows before the table's
    /// header that fill one cell (a title merged across the columns) are plain lines; the
    /// others are cells joined by tabs. A row whose number and task cells are merged from
    /// the row above continues that row's task: its other cells join the row above. Breaks
    /// inside a cell list several units in a unit column (joined by 、) and wrap text
    /// everywhere else (joined).
    pub fn lines(&self) -> Vec<(usize, String)> {
        let mut rows = self.resolved();
        let header = rows.iter().position(|row| {
            let cells: Vec<String> = row.iter().map(|c| simple(&joined(c, None))).collect();
            Header::read(&cells).is_some()
        });
        let meanings = header.map_or_else(Vec::new, |at| meanings(&rows, at));
        let mut kept: Vec<usize> = Vec::with_capacity(rows.len());
        for i in 0..rows.len() {
            let continues = header.is_some_and(|h| i > h + 1) && self.continues(i, &meanings);
            match kept.last().copied().filter(|_| continues) {
                Some(above) => {
                    for col in 0..rows[i].len() {
                        if self.rows[i].get(col).is_some_and(|c| c.span == Span::Own)
                            && !rows[i][col].is_empty()
                        {
                            let text = std::mem::take(&mut rows[i][col]);
                            if let Some(cell) = rows[above].get_mut(col) {
                                cell.push('\n');
                                cell.push_str(&text);
                            }
                        }
                    }
                }
                None => kept.push(i),
            }
        }
        kept.into_iter()
            .map(|i| {
                let body = header.is_some_and(|h| i > h);
                let cells: Vec<String> = rows[i]
                    .iter()
                    .enumerate()
                    .map(|(col, text)| {
                        let meaning = meanings.get(col).copied().flatten().filter(|_| body);
                        joined(text, meaning).replace('\t', " ")
                    })
                    .collect();
                let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
                let line = if filled.is_empty() {
                    String::new()
                } else if header.is_none_or(|h| i < h) && filled.len() == 1 {
                    filled[0].clone()
                } else {
                    cells.join("\t").trim_end_matches('\t').to_string()
                };
                (i, line)
            })
            .collect()
    }

    /// Whether row `i` goes on with the task of the row above: its number cell (or, in a
    /// table without numbers, its task cell) is merged from above.
    fn continues(&self, i: usize, meanings: &[Option<Column>]) -> bool {
        let key = meanings
            .iter()
            .position(|m| *m == Some(Column::No))
            .or_else(|| meanings.iter().position(|m| *m == Some(Column::Task)));
        key.is_some_and(|col| self.rows[i].get(col).is_some_and(|c| c.span == Span::Above))
    }

    /// The text every cell shows: a merge from the left shows nothing, a merge from above
    /// shows the text of the cell above it.
    fn resolved(&self) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let resolved = row
                .iter()
                .enumerate()
                .map(|(col, cell)| match cell.span {
                    Span::Own => cell.text.trim().to_string(),
                    Span::Left => String::new(),
                    Span::Above => out
                        .last()
                        .and_then(|above| above.get(col))
                        .cloned()
                        .unwrap_or_default(),
                })
                .collect();
            out.push(resolved);
        }
        out
    }
}

/// The meaning of each column, from the header row at `at` and a second header row under
/// merged cells (责任主体 → 牵头单位 配合单位).
fn meanings(rows: &[Vec<String>], at: usize) -> Vec<Option<Column>> {
    let mut meanings: Vec<Option<Column>> = rows[at]
        .iter()
        .map(|c| column_meaning(&simple(&joined(c, None))))
        .collect();
    if let Some(sub) = rows.get(at + 1) {
        let named: Vec<Option<Column>> = sub
            .iter()
            .map(|c| column_meaning(&simple(&joined(c, None))))
            .collect();
        let filled = sub.iter().filter(|c| !c.trim().is_empty()).count();
        if filled > 0 && named.iter().flatten().count() == filled {
            for (i, m) in named.into_iter().enumerate() {
                if m.is_some() {
                    if i >= meanings.len() {
                        meanings.resize(i + 1, None);
                    }
                    meanings[i] = m;
                }
            }
        }
    }
    meanings
}

/// Whether `next` goes on with the word the line before it broke off (a manual break in a
/// narrow column): a deadline broken after 年 or a digit, a unit name whose next line does
/// not start a unit of its own.
fn broken(before: &str, next: &str, meaning: Option<Column>) -> bool {
    let last = before.chars().last().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    // What the cell's last line holds after the list mark before it.
    let line_start = before.rsplit(['、', '\n']).next().unwrap_or(before);
    match meaning {
        Some(Column::Role(Role::Due)) => last == '年' || last.is_ascii_digit() || first == '底',
        // 常务副县长 / 黄志远: a post on its own line, then the person who holds it — a name
        // alone, not another post (县公安局局长) or a body (各乡镇长).
        Some(Column::Role(Role::Leader)) => {
            let name_chars = next.chars().count();
            let personal_name = (2..=MAX_PERSONAL_NAME_CHARS).contains(&name_chars)
                && next.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
                && !is_post_only(&simple(next))
                && !looks_like_body(next)
                && !UNIT_OPENINGS.iter().any(|w| next.starts_with(w));
            is_post_only(&simple(line_start)) && personal_name
        }
        Some(Column::Role(_)) => {
            let prefix = line_start.chars().next().unwrap_or(' ');
            let starts_unit = first == prefix || UNIT_OPENINGS.iter().any(|w| next.starts_with(w));
            // 区发展改革局 / 国网青萝供电公司: a whole name, then another.
            let whole = |name: &str| name.chars().count() >= MIN_WHOLE_NAME_CHARS;
            let closed = line_start.ends_with(|c| CLOSING_BODY_ENDINGS.contains(c));
            let another = whole(line_start) && closed && whole(next) && looks_like_body(next);
            !starts_unit && !another
        }
        _ => false,
    }
}

fn simple(s: &str) -> String {
    crate::ingest::hant::to_simplified(s)
}

/// A cell's lines joined as its column reads them: units (and leaders) one per line are a
/// list, deadlines one per line are alternatives, anything else is text that wrapped.
fn joined(text: &str, meaning: Option<Column>) -> String {
    let separator = match meaning {
        Some(Column::Role(Role::Due)) => "；",
        Some(Column::Role(_)) => "、",
        _ => "",
    };
    let mut out = String::new();
    for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(last) = out.chars().last() {
            let first = line.chars().next().unwrap_or(' ');
            if separator.is_empty() {
                if last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() {
                    out.push(' ');
                }
            } else if !matches!(last, '、' | '，' | ',' | '；' | ';' | '：' | ':')
                && !matches!(first, '（' | '(' | '、' | '，' | '；')
                && !broken(&out, line, meaning)
            {
                out.push_str(separator);
            }
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| Cell::new(*c)).collect()
    }

    #[test]
    fn titles_headers_merges_and_lists() {
        let mut title = vec![Cell::new("2024年重点工作任务台账")];
        title.extend([Cell::covered(Span::Left), Cell::covered(Span::Left)]);
        let grid = Grid {
            rows: vec![
                title,
                row(&["类别", "工作任务", "牵头\n单位", "完成时限"]),
                row(&["稳增长", "新增企业\n15家", "县发改局\n县财政局", "6月底前"]),
                vec![
                    Cell::covered(Span::Above),
                    Cell::new("建设道路10公里"),
                    Cell::new("县交通局（牵头）\n县公安局"),
                ],
            ],
        };
        let lines: Vec<String> = grid.lines().into_iter().map(|(_, l)| l).collect();
        assert_eq!(
            lines,
            [
                "2024年重点工作任务台账",
                "类别\t工作任务\t牵头单位\t完成时限",
                "稳增长\t新增企业15家\t县发改局、县财政局\t6月底前",
                "稳增长\t建设道路10公里\t县交通局（牵头）、县公安局",
            ]
        );
    }

    #[test]
    fn a_post_and_its_holder_on_two_lines_are_one_leader() {
        let grid = Grid {
            rows: vec![
                row(&["序号", "工作任务", "责任领导", "责任单位"]),
                row(&["1", "建设道路10公里", "常务副县长\n黄志远", "县交通局"]),
                row(&[
                    "2",
                    "新建公园3个",
                    "县委常委、副县长\n林雅婷\n副县长\n萧文杰",
                    "县住建局",
                ]),
                row(&["3", "改造管网5公里", "县长\n分管副县长", "县城管局"]),
                row(&["4", "整治河道", "副县长\n县公安局局长", "县公安局"]),
                row(&["5", "改厕", "分管副县长\n各乡镇长", "县农业农村局"]),
            ],
        };
        let leaders: Vec<String> = grid
            .lines()
            .into_iter()
            .skip(1)
            .map(|(_, l)| l.split('\t').nth(2).unwrap_or_default().to_string())
            .collect();
        assert_eq!(
            leaders,
            [
                "常务副县长黄志远",
                "县委常委、副县长林雅婷、副县长萧文杰",
                "县长、分管副县长",
                "副县长、县公安局局长",
                "分管副县长、各乡镇长"
            ]
        );
    }

    #[test]
    fn a_task_merged_over_rows_takes_their_units() {
        let grid = Grid {
            rows: vec![
                row(&["序号", "工作任务", "责任单位", "完成时限"]),
                row(&["1", "建设道路10公里", "县交通局", "6月底前"]),
                vec![
                    Cell::covered(Span::Above),
                    Cell::covered(Span::Above),
                    Cell::new("县公安局"),
                    Cell::covered(Span::Above),
                ],
                row(&["2", "新建公园3个", "县住建局", ""]),
            ],
        };
        assert_eq!(
            grid.lines(),
            [
                (0, "序号\t工作任务\t责任单位\t完成时限".to_string()),
                (
                    1,
                    "1\t建设道路10公里\t县交通局、县公安局\t6月底前".to_string()
                ),
                (3, "2\t新建公园3个\t县住建局".to_string()),
            ]
        );
    }

    #[test]
    fn ascii_words_keep_their_space() {
        assert_eq!(joined("5G\nbase", None), "5G base");
        assert_eq!(
            joined("县发改局、\n县财政局", Some(Column::Role(Role::Lead))),
            "县发改局、县财政局"
        );
    }

    #[test]
    fn a_whole_name_on_each_line_is_a_unit_each() {
        let support = Some(Column::Role(Role::Support));
        assert_eq!(
            joined("区发展改革局\n国网青萝供电公司", support),
            "区发展改革局、国网青萝供电公司"
        );
        // A name the column's width broke goes on.
        assert_eq!(
            joined("县人力资源和社会\n保障局", support),
            "县人力资源和社会保障局"
        );
        assert_eq!(
            joined("县发展和改革委\n员会", support),
            "县发展和改革委员会"
        );
        assert_eq!(joined("县城市\n管理执法局", support), "县城市管理执法局");
    }
}
