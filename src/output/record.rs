//! The record format: one field per line, psql `\x` style, the full text never cut.
//!
//! ```text
//! -[ 1 ]------------------------------------
//! doc.region │ 沂源县
//! title      │ 加快高能级创新平台建设
//! ```
//! Names are padded by display width (a CJK character is two columns); with a known width
//! long values wrap, continuation lines under the value column.

use super::{readable::human_text, row_count};
use crate::query::Rows;
use unicode_width::UnicodeWidthStr;

/// Between a field's name and its value.
const SEPARATOR: &str = " │ ";

/// Values get at least this many columns, however narrow the terminal or long the names.
const MIN_VALUE_WIDTH: usize = 20;

pub fn render(rows: &Rows, width: Option<usize>) -> String {
    if rows.rows.is_empty() {
        return "(no rows)\n".to_string();
    }
    let name_width = rows.columns.iter().map(|c| c.width()).max().unwrap_or(0);
    let value_width = width.map(|w| {
        w.saturating_sub(name_width + SEPARATOR.width())
            .max(MIN_VALUE_WIDTH)
    });
    let records: Vec<Vec<Vec<String>>> = rows
        .rows
        .iter()
        .map(|values| {
            values
                .iter()
                .map(|v| wrap(&human_text(v), value_width))
                .collect()
        })
        .collect();
    let widest_value = records
        .iter()
        .flatten()
        .flatten()
        .map(|line| line.width())
        .max()
        .unwrap_or(0);
    let rule_width = name_width + SEPARATOR.width() + widest_value;
    let mut out = String::new();
    for (i, fields) in records.iter().enumerate() {
        let label = format!("-[ {} ]", i + 1);
        let dashes = rule_width.saturating_sub(label.width());
        out += &format!("{label}{}\n", "-".repeat(dashes));
        for (name, lines) in rows.columns.iter().zip(fields) {
            let pad = " ".repeat(name_width - name.width());
            for (n, line) in lines.iter().enumerate() {
                let lead = if n == 0 {
                    format!("{name}{pad}")
                } else {
                    " ".repeat(name_width)
                };
                out += format!("{lead}{SEPARATOR}{line}").trim_end();
                out.push('\n');
            }
        }
    }
    out + &row_count(rows.rows.len())
}

/// A value's lines: wrapped to `width` when there is one, else as written.
fn wrap(text: &str, width: Option<usize>) -> Vec<String> {
    match width {
        Some(width) => super::wrap(text, width),
        None => text.split('\n').map(str::to_string).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{qty, rows};
    use crate::query::Value;

    #[test]
    fn wrapping_counts_display_columns_and_keeps_characters_whole() {
        assert_eq!(wrap("沂源县人民政府", Some(6)), ["沂源县", "人民政", "府"]);
        // An odd width: a two-column character does not fit in the one column left.
        assert_eq!(wrap("沂源县", Some(5)), ["沂源", "县"]);
        assert_eq!(wrap("ab沂源", Some(3)), ["ab", "沂", "源"]);
        assert_eq!(wrap("一\n二", None), ["一", "二"]);
        assert_eq!(wrap("", Some(4)), [""]);
        assert_eq!(wrap("长文字", None), ["长文字"]);
    }

    #[test]
    fn names_pad_by_display_width() {
        let mut r = rows();
        r.columns[1] = "数量".into();
        r.rows[0][1] = qty("238亿元");
        assert_eq!(
            render(&r, None),
            "-[ 1 ]-------------------------\n\
             region │ 沂源县\n\
             数量   │ 238亿元\n\
             lead   │ 区财政局、区经济发展局\n\
             1 row\n"
        );
    }

    #[test]
    fn long_values_wrap_under_the_value_column() {
        let r = Rows {
            columns: vec!["title".into(), "no".into()],
            rows: vec![
                vec![
                    Value::Str("加快高能级创新平台建设和人才引进".into()),
                    Value::Null,
                ],
                vec![Value::Str("短".into()), Value::from_count(2)],
            ],
        };
        // 8 columns of name and separator leave 20 for the value.
        assert_eq!(
            render(&r, Some(28)),
            "-[ 1 ]----------------------\n\
             title │ 加快高能级创新平台建\n      \
             │ 设和人才引进\n\
             no    │\n\
             -[ 2 ]----------------------\n\
             title │ 短\n\
             no    │ 2\n\
             2 rows\n"
        );
    }

    #[test]
    fn empty_result_says_so() {
        assert_eq!(render(&Rows::default(), Some(80)), "(no rows)\n");
    }
}
