//! Comma-separated tables (a workbook saved as .csv): each record a line of tab-separated
//! cells, as a sheet's rows are, numbered by the row it starts on.

use super::Extract;
use crate::ingest::decode::decode;

pub fn read(bytes: &[u8]) -> Result<Extract, String> {
    let text = decode(bytes)?;
    let mut extract = Extract::default();
    extract.part("csv", "row");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    // The line a record starts on, counted on from the record before (records come in
    // order; a quoted cell may hold line breaks).
    let mut counted = (0usize, 1u32);
    let mut line_at = |byte: u64| {
        let mut byte = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        // A record's position is where the one before it ended, before its line break.
        while text
            .as_bytes()
            .get(byte)
            .is_some_and(|b| matches!(b, b'\n' | b'\r'))
        {
            byte += 1;
        }
        let (from, line) = counted;
        let more = text.as_bytes()[from.min(byte)..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = (
            byte,
            line.saturating_add(u32::try_from(more).unwrap_or(u32::MAX)),
        );
        counted.1
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let row = line_at(record.position().map_or(0, |p| p.byte()));
                let cells: Vec<&str> = record.iter().map(str::trim).collect();
                extract.line(&cells.join("\t"), row);
            }
            Err(e) => {
                let row = e.position().map_or(0, |p| line_at(p.byte()));
                extract
                    .warnings
                    .push(format!("row {row}: not read as csv: {e}"));
                break;
            }
        }
    }
    Ok(extract)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_become_tab_separated_rows_with_their_row_numbers() {
        let text = "序号,工作任务,责任单位\n1,\"推进建设，新建公园2个\",县住建局\n2,\"改造危桥\n15座\",县交通局\n";
        let extract = read(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            extract.text(),
            "序号\t工作任务\t责任单位\n1\t推进建设，新建公园2个\t县住建局\n2\t改造危桥 15座\t县交通局"
        );
        assert!(extract.warnings.is_empty());
        let rows: Vec<Option<String>> = (1..=3).map(|l| extract.places.of(l)).collect();
        assert_eq!(
            rows,
            [
                Some("csv row 1".into()),
                Some("csv row 2".into()),
                Some("csv row 3".into())
            ]
        );
    }
}
