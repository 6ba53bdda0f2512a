//! Tables laid out with spaces (`pdftotext -layout`, a fixed-width print): each cell stands
//! under its column's header, and a cell too long for its column wraps onto the next lines
//! at the same place. The rows are rebuilt as tab-separated lines, so that the table reader
//! sees one line per row.

use super::numbering::row_number;
use super::table_row::Header;
use super::vocab::Column;
use unicode_width::UnicodeWidthStr;

/// How far (in display columns) a cell may start left of its column's header.
const SLACK: usize = 2;
/// Most lines a table laid out with spaces is followed for, after its header.
const MAX_TABLE_LINES: usize = 20_000;

/// The lines from `raws[at]`, when it is the header of a table laid out with spaces: each
/// row as one tab-separated line on its first line, the lines its cells wrapped onto left
/// blank, page marks and repeated headers as they are. `None` when `raws[at]` is no such
/// header, or fewer than two rows follow it.
pub fn rows_from(raws: &[&str], at: usize) -> Option<Vec<String>> {
    let header = raws[at];
    let spaced = header.contains("  ") || header.contains('\u{3000}');
    if !spaced || header.contains('\t') || header.contains('|') {
        return None;
    }
    let heads = segments(header);
    if heads.len() < 3 {
        return None;
    }
    let names: Vec<&str> = heads.iter().map(|(_, t)| *t).collect();
    let read = Header::read(&names)?;
    let numbered = read.columns.first() == Some(&Some(Column::No));
    let starts: Vec<usize> = heads.iter().map(|(at, _)| *at).collect();
    let mut out: Vec<String> = vec![header.to_string()];
    // The open row: where it stands in `out`, and its cells.
    let mut open: Option<(usize, Vec<String>)> = None;
    let mut rows = 0;
    for raw in raws.iter().skip(at + 1).take(MAX_TABLE_LINES) {
        let parts = segments(raw);
        let Some(&(first_at, first)) = parts.first() else {
            out.push((*raw).to_string());
            continue;
        };
        let in_first_column = first_at + SLACK < starts[1];
        let starts_row = in_first_column && (!numbered || row_number(first).is_some());
        if raw.trim() == header.trim() || super::normalize::is_page_mark(raw) {
            out.push((*raw).to_string());
            continue;
        }
        if starts_row {
            close(&mut open, &mut out);
            let mut cells = vec![String::new(); starts.len()];
            place(&parts, &starts, &mut cells);
            open = Some((out.len(), cells));
            out.push(String::new());
            rows += 1;
        } else if let (false, Some((_, cells))) = (in_first_column, open.as_mut()) {
            place(&parts, &starts, cells);
            out.push(String::new());
        } else {
            break;
        }
    }
    close(&mut open, &mut out);
    (rows >= 2).then_some(out)
}

/// Writes the open row's cells, tab-separated, on the row's first line.
fn close(open: &mut Option<(usize, Vec<String>)>, out: &mut [String]) {
    if let Some((line, cells)) = open.take() {
        out[line] = cells.join("\t");
    }
}

/// Appends each piece of a line to the cell of the column it stands under.
fn place(parts: &[(usize, &str)], starts: &[usize], cells: &mut [String]) {
    for (at, text) in parts {
        let column = starts.iter().rposition(|&s| s <= at + SLACK).unwrap_or(0);
        cells[column].push_str(text);
    }
}

/// The pieces of a line that runs of two spaces or more separate, each with the display
/// column it starts at (a CJK char is two columns wide, as a fixed-width print shows it).
fn segments(raw: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    // The open piece's first byte, and where the run of spaces after it began.
    let mut start: Option<usize> = None;
    let mut gap: Option<(usize, usize)> = None;
    for (i, c) in raw.char_indices() {
        if c == ' ' || c == '\u{3000}' {
            let (at, n) = gap.unwrap_or((i, 0));
            gap = Some((at, n + 1));
            continue;
        }
        if let (Some(s), Some((at, n))) = (start, gap.take()) {
            if n >= 2 {
                parts.push((s, &raw[s..at]));
                start = None;
            }
        }
        start.get_or_insert(i);
    }
    if let Some(s) = start {
        parts.push((s, raw[s..].trim_end_matches([' ', '\u{3000}'])));
    }
    parts
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|(s, t)| (raw[..s].width(), t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_start_where_a_fixed_width_print_shows_them() {
        assert_eq!(
            segments("1       整治小巷  区城管局 牵头"),
            [(0, "1"), (8, "整治小巷"), (18, "区城管局 牵头")]
        );
        // Ideographic spaces separate too, and count two columns each.
        assert_eq!(
            segments("名　　称：乙县　x  "),
            [(0, "名"), (6, "称：乙县　x")]
        );
        assert!(segments("   ").is_empty());
    }

    #[test]
    fn wrapped_cells_rejoin_their_row() {
        let raws = [
            "序号    重点任务          责任单位        完成时限",
            "1       整治背街小巷      区城市管理局    2025年6月底",
            "                          （牵头）        前",
            "",
            "2       规范农贸市场      区市场监管局    2025年8月底前",
            "区人民政府办公室",
        ];
        let out = rows_from(&raws, 0).expect("a table laid out with spaces");
        assert_eq!(
            out,
            [
                raws[0],
                "1\t整治背街小巷\t区城市管理局（牵头）\t2025年6月底前",
                "",
                "",
                "2\t规范农贸市场\t区市场监管局\t2025年8月底前",
            ]
        );
        // A header with tabs, or one row only, is left to the other readers.
        assert!(rows_from(&["序号\t重点任务\t责任单位"], 0).is_none());
        assert!(rows_from(&raws[..3], 0).is_none());
    }
}
