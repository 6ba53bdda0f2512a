//! The Markdown format: a pipe table for notes and issues, quantities readable.

use super::readable::human_text;
use crate::query::Rows;

pub fn render(rows: &Rows, header: bool) -> String {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let escape = |s: String| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    if header {
        out += &line(rows.columns.iter().cloned().map(escape).collect());
        out += &line(rows.columns.iter().map(|_| "---".to_string()).collect());
    }
    for r in &rows.rows {
        out += &line(r.iter().map(|v| escape(human_text(v))).collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::output::tests::{qty, rows};
    use crate::output::{render_with, Format, Options};
    use crate::query::Value;

    #[test]
    fn pipes_are_escaped_and_quantities_readable() {
        let mut r = rows();
        r.rows[0][0] = Value::Str("a|b".into());
        r.rows[0][1] = qty("1.2万千瓦");
        let with = |header| {
            render_with(
                &r,
                Format::Md,
                &Options {
                    width: None,
                    header,
                },
            )
        };
        assert_eq!(
            with(true),
            "| region | n | lead |\n| --- | --- | --- |\n| a\\|b | 1.2万千瓦 | 区财政局、区经济发展局 |\n"
        );
        assert_eq!(
            with(false),
            "| a\\|b | 1.2万千瓦 | 区财政局、区经济发展局 |\n"
        );
    }
}
