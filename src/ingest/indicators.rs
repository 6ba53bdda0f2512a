//! The 主要指标表 of a five-year plan, which PDF extraction splits one cell per line:
//! a header (指标(单位) 2020 2025 属性), category lines (经济发展), and rows
//! `1)name(unit)` `base` `target` `预期性|约束性`. Rows can be damaged (a lost bracket, a
//! single value cell); they are read as far as they go and the damage is reported.

use super::lines::SourceLine;
use super::structure::Builder;
use crate::model::{Comparator, Indicator, LineRole, ScaledUnit, WarningKind};
use regex::Regex;
use std::sync::LazyLock;

static ROW_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\s*[)）.、]?\s*(\D.*)$").expect("static regex"));
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d{2})\s*年?$").expect("static regex"));
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
    values: Vec<String>,
    line: usize,
}

/// An indicator table being read cell by cell.
#[derive(Debug, Default)]
pub struct IndicatorTable {
    base_year: Option<String>,
    target_year: Option<String>,
    category: Option<String>,
    row: Option<RowDraft>,
}

impl IndicatorTable {
    /// Whether a line is the caption that opens an indicator table.
    pub fn starts(text: &str) -> bool {
        text.contains("指标") && text.ends_with('表') && text.chars().count() <= 40
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
        if text.contains('。') || text.chars().count() > 40 {
            return false;
        }
        if HEADER_CELLS.contains(&text) {
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
                values: Vec::new(),
                line,
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

    /// Closes the table, keeping a row that never reached its attribute.
    pub fn finish(mut self, b: &mut Builder) {
        if let Some(row) = self.row.take() {
            self.push_row(row, None, b);
        }
    }

    fn push_row(&mut self, row: RowDraft, attribute: Option<&str>, b: &mut Builder) {
        let (name, unit, bracket_damaged) = name_and_unit(&row.name_cell);
        if bracket_damaged {
            b.warn(
                row.line,
                WarningKind::Table,
                format!(
                    "indicator {}: unit bracket damaged in “{}”",
                    row.no, row.name_cell
                ),
            );
        }
        if attribute.is_none() {
            b.warn(
                row.line,
                WarningKind::Table,
                format!("indicator {}: no 预期性/约束性 attribute", row.no),
            );
        }
        let (base, target_cell) = match row.values.as_slice() {
            [target] => {
                b.warn(
                    row.line,
                    WarningKind::Table,
                    format!("indicator {}: one value cell, read as the target", row.no),
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
                        row.no,
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
    let suffixes = [
        ("以上", Comparator::Ge),
        ("以内", Comparator::Le),
        ("以下", Comparator::Le),
        ("左右", Comparator::Approx),
    ];
    let prefixes = [
        ("≥", Comparator::Ge),
        (">", Comparator::Ge),
        ("≤", Comparator::Le),
        ("<", Comparator::Le),
    ];
    let mut cmp = Comparator::Eq;
    let mut value = cell;
    for (word, c) in suffixes {
        if let Some(v) = value.strip_suffix(word) {
            (value, cmp) = (v.trim(), c);
        }
    }
    for (word, c) in prefixes {
        if let Some(v) = value.strip_prefix(word) {
            (value, cmp) = (v.trim(), c);
        }
    }
    if value.parse::<rust_decimal::Decimal>().is_ok() {
        (value.to_string(), cmp)
    } else {
        (cell.to_string(), Comparator::Eq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_units_even_damaged() {
        assert_eq!(
            name_and_unit("一般公共预算收入(亿元)"),
            ("一般公共预算收入".into(), Some("亿元".into()), false)
        );
        assert_eq!(
            name_and_unit("高新技术企业规模占比(%"),
            ("高新技术企业规模占比".into(), Some("%".into()), true)
        );
        assert_eq!(
            name_and_unit("城镇登记失业率%"),
            ("城镇登记失业率".into(), Some("%".into()), true)
        );
    }

    #[test]
    fn target_comparators() {
        assert_eq!(split_comparator("4.5以内"), ("4.5".into(), Comparator::Le));
        assert_eq!(split_comparator("45"), ("45".into(), Comparator::Eq));
        assert_eq!(
            split_comparator("完成上级下达任务"),
            ("完成上级下达任务".into(), Comparator::Eq)
        );
    }
}
