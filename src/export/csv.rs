//! The csv export: a folder with one file per table (`tasks.csv`, …) and `README.csv`,
//! every id joining as in the SQLite export. Decimals are written exactly.

use super::tables::{Cell, Ids, TABLES};
use crate::model::Corpus;
use crate::output::replace_file;
use std::io::Write;
use std::path::Path;

/// Writes every table into `dir` (made if missing). Each file is written beside its name
/// and moved into place when whole, so a failed export leaves the old files as they were.
pub fn write(corpus: &Corpus, dir: &Path, bom: bool) -> Result<(), String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!(
            "cannot write {}: --format csv writes a folder of files, and this is a file",
            dir.display()
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    let ids = Ids::new(corpus);
    for table in TABLES {
        let header = table.columns.iter().map(|c| c.name);
        write_file(&dir.join(format!("{}.csv", table.name)), bom, header, |w| {
            let mut record: Vec<String> = Vec::with_capacity(table.columns.len());
            table.rows(corpus, &ids, &mut |cells| {
                record.clear();
                record.extend(cells.iter().map(text));
                w.write_record(&record).map_err(|e| e.to_string())
            })
        })?;
    }
    let header = ["table", "column", "type", "doc"].into_iter();
    write_file(&dir.join("README.csv"), bom, header, |w| {
        super::readme_rows(false)
            .iter()
            .try_for_each(|row| w.write_record(row).map_err(|e| e.to_string()))
    })
}

fn write_file<'h>(
    path: &Path,
    bom: bool,
    header: impl Iterator<Item = &'h str>,
    rows: impl FnOnce(&mut csv::Writer<&mut dyn Write>) -> Result<(), String>,
) -> Result<(), String> {
    replace_file(path, "a csv file", |temp| {
        let mut file = std::io::BufWriter::with_capacity(1 << 16, temp.as_file());
        if bom {
            file.write_all("\u{feff}".as_bytes())
                .map_err(|e| e.to_string())?;
        }
        let mut w = csv::Writer::from_writer(&mut file as &mut dyn Write);
        w.write_record(header).map_err(|e| e.to_string())?;
        rows(&mut w)?;
        w.flush().map_err(|e| e.to_string())?;
        drop(w);
        file.flush().map_err(|e| e.to_string())
    })
}

/// A cell as csv text: null is empty, decimals exact, booleans 1 or 0 (as in SQLite).
fn text(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Int(n) => n.to_string(),
        Cell::Text(t) => (*t).to_string(),
        Cell::Num(d) => d.to_string(),
        Cell::Bool(b) => u8::from(*b).to_string(),
    }
}
