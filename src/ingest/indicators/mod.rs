//! The 主要指标表 of a five-year plan, which PDF extraction splits one cell per line:
//! a header (指标(单位) 2020 2025 属性), category lines (经济发展), and rows
//! `1)name(unit)` `base` `target` `预期性|约束性`. Rows can be damaged (a lost bracket, a
//! single value cell); they are read as far as they go and the damage is reported.

use super::lines::SourceLine;
use super::structure::Builder;
use super::table_row;
use crate::ingest::vocab::{COMPARATOR_PREFIXES, COMPARATOR_SUFFIXES};
use crate::model::{Comparator, Indicator, LineRole, ScaledUnit, WarningKind};
use regex::Regex;
use std::sync::LazyLock;

static ROW_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{1,2})\s*[)）.、]?\s*([^0-9].*)$").expect("static regex"));
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)[0-9]{2})\s*年?$").expect("static regex"));
static YEAR_IN_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)[0-9]{2})\s*年?").expect("static regex"));
static NAME_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?)\s*[（(]\s*([^()（）]*?)\s*[)）]?$").expect("static regex")
});

const HEADER_CELLS: &[&str] = &[
    "指标(单位)",
    "指标（单位）",
    "指标",
    "单位",
    "属性",
    "序号",
    "类别",
    "指标名称",
    "指标属性",
];
const ATTRIBUTES: &[&str] = &["预期性", "约束性"];

#[derive(Debug, Default)]
struct RowDraft {
    no: String,
    name_cell: String,
    /// From a separate 单位 column, when the table has one.
    unit: Option<String>,
    values: Vec<String>,
    line: usize,
}

impl RowDraft {
    /// How warnings name the row: its number, or its name when it has none.
    fn label(&self) -> &str {
        if self.no.is_empty() {
            &self.name_cell
        } else {
            &self.no
        }
    }
}

/// Where each column sits in a table whose rows are whole lines (tabs, or a markdown table).
#[derive(Debug, Default, Clone)]
struct RowLayout {
    /// How many cells the header row has.
    width: usize,
    no: Option<usize>,
    category: Option<usize>,
    name: Option<usize>,
    unit: Option<usize>,
    base: Option<usize>,
    target: Option<usize>,
    attribute: Option<usize>,
}

/// A table row's cells on one line; a one-cell line is `None`.
fn row_cells(text: &str) -> Option<Vec<&str>> {
    table_row::cells(text).filter(|cells| cells.len() >= 3)
}

/// An indicator table being read cell by cell.
#[derive(Debug, Default)]
pub struct IndicatorTable {
    base_year: Option<String>,
    target_year: Option<String>,
    category: Option<String>,
    row: Option<RowDraft>,
    /// The header named a separate 单位 column (one cell per line).
    unit_column: bool,
    layout: Option<RowLayout>,
}

impl IndicatorTable {
    /// Whether a line is the caption that opens an indicator table.
    pub fn starts(text: &str) -> bool {
        let caption = text.contains("指标")
            && (text.ends_with('表') || text.contains("主要指标"))
            && text.chars().count() <= 40
            && !text.contains('。');
        caption || Self::is_header_row(text)
    }

    /// A table's header row on one line (| 序号 | 指标 | … | 属性 |), which may open a
    /// table that has no caption.
    fn is_header_row(text: &str) -> bool {
        row_cells(text).is_some_and(|cells| {
            cells.iter().any(|c| c.contains("指标")) && cells.iter().any(|c| c.contains("属性"))
        })
    }

    /// A header row that opens an indicator table outside a five-year plan (an annual
    /// notice's 主要目标 table): a cell that names the indicator (指标, 指标名称) and cells for
    /// its attribute or for its base and target years (2024年基数, 2025年目标).
    pub fn is_table_header(text: &str) -> bool {
        row_cells(text).is_some_and(|cells| {
            let named = cells.iter().any(|c| c.starts_with("指标"));
            // Two different years, the base before the target (2024年基数, 2025年目标); a
            // task table's deadline columns (2025年6月底前, 2025年12月底前) share theirs.
            let years: Vec<&str> = cells
                .iter()
                .filter_map(|c| YEAR_IN_CELL.captures(c))
                .filter_map(|c| c.get(1))
                .map(|m| m.as_str())
                .collect();
            let base_then_target = years.windows(2).any(|w| w[0] < w[1]);
            named && (cells.iter().any(|c| c.contains("属性")) || base_then_target)
        })
    }

    /// Takes one line as a cell; `false` when the line is not part of the table.
    pub fn take(&mut self, line: &SourceLine, b: &mut Builder) -> bool {
        let text = line.text.trim();
        let is_cell = self.read_cell(text, line.no, b);
        if is_cell {
            b.role(line.no, LineRole::Table);
        }
        is_cell
    }

    fn read_cell(&mut self, text: &str, line: usize, b: &mut Builder) -> bool {
        if let Some(cells) = row_cells(text) {
            return self.read_row(&cells, line, b);
        }
        if text.contains('。') || text.chars().count() > 40 {
            return false;
        }
        if HEADER_CELLS.contains(&text) {
            self.unit_column |= text == "单位";
            return true;
        }
        // One cell per line with a separate 序号 column: the number, then the name, then
        // (when the header had 单位) the unit.
        if let Some(row) = self.row.as_mut() {
            if row.name_cell.is_empty() {
                row.name_cell = text.to_string();
                return true;
            }
            if self.unit_column && row.unit.is_none() && row.values.is_empty() && is_unit(text) {
                row.unit = Some(text.to_string());
                return true;
            }
        }
        if text.len() <= 2 && text.chars().all(|c| c.is_ascii_digit()) && self.row.is_none() {
            self.row = Some(RowDraft {
                no: text.to_string(),
                line,
                ..RowDraft::default()
            });
            return true;
        }
        if let Some(year) = YEAR.captures(text).filter(|_| self.row.is_none()) {
            let slot = if self.base_year.is_none() {
                &mut self.base_year
            } else {
                &mut self.target_year
            };
            *slot = Some(year[1].to_string());
            return true;
        }
        if ATTRIBUTES.contains(&text) {
            match self.row.take() {
                Some(row) => self.push_row(row, Some(text), b),
                None => b.warn(
                    line,
                    WarningKind::Table,
                    format!("attribute {text} with no indicator row"),
                ),
            }
            return true;
        }
        if let Some(c) = ROW_START
            .captures(text)
            .filter(|c| c[2].chars().filter(|ch| !ch.is_ascii()).count() >= 3)
        {
            if let Some(row) = self.row.take() {
                self.push_row(row, None, b);
            }
            self.row = Some(RowDraft {
                no: c[1].to_string(),
                name_cell: c[2].trim().to_string(),
                line,
                ..RowDraft::default()
            });
            return true;
        }
        if let Some(row) = self.row.as_mut() {
            row.values.push(text.to_string());
            return true;
        }
        let is_category =
            (2..=8).contains(&text.chars().count()) && !text.contains(|c: char| c.is_ascii_digit());
        if is_category {
            self.category = Some(text.to_string());
        }
        is_category
    }

    /// A whole row on one line: the header row sets the layout, a rule row (|---|) is
    /// passed, a row with one filled cell is a category, any other row is an indicator.
    fn read_row(&mut self, cells: &[&str], line: usize, b: &mut Builder) -> bool {
        if cells
            .iter()
            .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        {
            return true;
        }
        let find = |test: &dyn Fn(&str) -> bool| cells.iter().position(|c| test(c));
        if cells.iter().any(|c| c.contains("指标") || *c == "属性") && self.layout.is_none() {
            let years: Vec<usize> = (0..cells.len())
                .filter(|&i| YEAR_IN_CELL.is_match(cells[i]))
                .collect();
            for (slot, &i) in [&mut self.base_year, &mut self.target_year]
                .into_iter()
                .zip(&years)
            {
                *slot = YEAR_IN_CELL.captures(cells[i]).map(|c| c[1].to_string());
            }
            self.layout = Some(RowLayout {
                width: cells.len(),
                no: find(&|c| c == "序号"),
                category: find(&|c| matches!(c, "类别" | "领域" | "类型")),
                name: find(&|c| c.contains("指标") && !c.contains("属性")),
                unit: find(&|c| c == "单位"),
                base: years
                    .first()
                    .copied()
                    .or_else(|| find(&|c| c.contains("基期") || c.contains("现状"))),
                target: years
                    .get(1)
                    .copied()
                    .or_else(|| find(&|c| c.contains("目标"))),
                attribute: find(&|c| c.contains("属性")),
            });
            return true;
        }
        let layout = self.layout.clone().unwrap_or(RowLayout {
            no: Some(0),
            name: Some(1),
            base: Some(2),
            target: Some(3),
            attribute: Some(4),
            ..RowLayout::default()
        });
        // A merged first cell (类别 spanning rows) is lost with its tab: the row is short
        // at the front, so it is padded there.
        let padded: Vec<&str>;
        let cells = if self.layout.is_some() && cells.len() < layout.width {
            padded = std::iter::repeat_n("", layout.width - cells.len())
                .chain(cells.iter().copied())
                .collect();
            padded.as_slice()
        } else {
            cells
        };
        // An empty cell, or a dash for “not applicable”, holds no value.
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .copied()
                .filter(|c| !c.is_empty() && !c.chars().all(|ch| "—-－/／".contains(ch)))
        };
        let filled: Vec<&str> = cells.iter().copied().filter(|c| !c.is_empty()).collect();
        if filled.len() == 1 {
            self.category = Some(filled[0].to_string());
            return true;
        }
        if let Some(category) = cell(layout.category) {
            self.category = Some(category.to_string());
        }
        let Some(name) = cell(layout.name) else {
            return false;
        };
        let row = RowDraft {
            no: cell(layout.no).unwrap_or("").to_string(),
            name_cell: name.to_string(),
            unit: cell(layout.unit).map(str::to_string),
            values: [layout.base, layout.target]
                .iter()
                .filter_map(|&i| cell(i))
                .map(str::to_string)
                .collect(),
            line,
        };
        let attribute = cell(layout.attribute).filter(|a| ATTRIBUTES.contains(a));
        self.push_row(row, attribute, b);
        true
    }

    /// Closes the table, keeping a row that never reached its attribute.
    pub fn finish(mut self, b: &mut Builder) {
        if let Some(row) = self.row.take() {
            self.push_row(row, None, b);
        }
    }

    fn push_row(&mut self, row: RowDraft, attribute: Option<&str>, b: &mut Builder) {
        let (name, unit, bracket_damaged) = match &row.unit {
            Some(unit) => (row.name_cell.clone(), Some(unit.clone()), false),
            None => name_and_unit(&row.name_cell),
        };
        if bracket_damaged {
            b.warn(
                row.line,
                WarningKind::Table,
                format!(
                    "indicator {}: unit bracket damaged in “{}”",
                    row.label(),
                    row.name_cell
                ),
            );
        }
        if attribute.is_none() {
            b.warn(
                row.line,
                WarningKind::Table,
                format!("indicator {}: no 预期性/约束性 attribute", row.label()),
            );
        }
        let (base, target_cell) = match row.values.as_slice() {
            [target] => {
                b.warn(
                    row.line,
                    WarningKind::Table,
                    format!(
                        "indicator {}: one value cell, read as the target",
                        row.label()
                    ),
                );
                (None, Some(target.clone()))
            }
            [base, target] => (Some(base.clone()), Some(target.clone())),
            [] => (None, None),
            [base, rest @ ..] => {
                b.warn(
                    row.line,
                    WarningKind::Table,
                    format!(
                        "indicator {}: {} value cells, expected 2",
                        row.label(),
                        row.values.len()
                    ),
                );
                (Some(base.clone()), Some(rest.join(" ")))
            }
        };
        let (target, cmp) = target_cell.as_deref().map_or((None, Comparator::Eq), |t| {
            let (value, cmp) = split_comparator(t);
            (Some(value), cmp)
        });
        if target.is_none() {
            // 能耗降低 | — | — | 〔14〕: only a five-year total is given, no target value.
            b.warn(
                row.line,
                WarningKind::Table,
                format!(
                    "indicator {}: no target value (its target-year cell is empty or —)",
                    row.label()
                ),
            );
        }
        b.doc.indicators.push(Indicator {
            no: row.no,
            category: self.category.clone(),
            name,
            unit,
            base,
            base_year: self.base_year.clone(),
            target,
            target_year: self.target_year.clone(),
            cmp,
            attribute: attribute.map(str::to_string),
            line: row.line,
        });
    }
}

/// A unit cell: 亿元, %, 万人, 个.
fn is_unit(text: &str) -> bool {
    ScaledUnit::parse(text).is_some() || matches!(text, "%" | "％" | "‰")
}

/// `一般公共预算收入(亿元)` → name and unit; `占比(%` and `占比%` are read too (damaged).
fn name_and_unit(cell: &str) -> (String, Option<String>, bool) {
    if let Some(c) = NAME_UNIT.captures(cell) {
        let closed = cell.ends_with([')', '）']);
        let unit = c[2].trim();
        return (
            c[1].trim().to_string(),
            (!unit.is_empty()).then(|| unit.to_string()),
            !closed,
        );
    }
    let chars: Vec<char> = cell.chars().collect();
    for split in 1..chars.len() {
        let tail: String = chars[split..].iter().collect();
        if ScaledUnit::parse(&tail).is_some() && tail.chars().all(|c| !c.is_ascii_digit()) {
            let name: String = chars[..split].iter().collect();
            return (name.trim().to_string(), Some(tail), true);
        }
    }
    (cell.to_string(), None, false)
}

/// `4.5以内` → ("4.5", <=); text targets stay whole with `=`.
fn split_comparator(cell: &str) -> (String, Comparator) {
    let cell = cell.trim();
    let mut cmp = Comparator::Eq;
    let mut value = cell;
    for (word, c) in COMPARATOR_SUFFIXES {
        if let Some(v) = value.strip_suffix(word) {
            (value, cmp) = (v.trim(), *c);
        }
    }
    for (word, c) in COMPARATOR_PREFIXES {
        if let Some(v) = value.strip_prefix(word) {
            (value, cmp) = (v.trim(), *c);
        }
    }
    if value.parse::<rust_decimal::Decimal>().is_ok() {
        (value.to_string(), cmp)
    } else {
        (cell.to_string(), Comparator::Eq)
    }
}

#[cfg(test)]
mod tests;
