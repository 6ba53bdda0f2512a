//! The SQLite export: every table with its primary and foreign keys, an index on each
//! reference and on the columns people filter by, each decimal both as REAL and as exact
//! text (`value_text`), and a `README` table saying what each column means.

use super::tables::{Cell, ColType, Ids, Table, TABLES};
use crate::model::Corpus;
use crate::output::replace_file;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::Connection;
use std::path::Path;

/// Writes the database to `path`: built in a temporary file beside it and moved into place
/// when whole, so a failed export leaves an existing database as it was.
pub fn write(corpus: &Corpus, path: &Path) -> Result<(), String> {
    replace_file(path, "a database", |temp| {
        let mut db = Connection::open(temp.path()).map_err(|e| e.to_string())?;
        fill(&mut db, corpus)?;
        db.close().map_err(|(_, e)| e.to_string())
    })
}

fn fill(db: &mut Connection, corpus: &Corpus) -> Result<(), String> {
    // The file is private until it is moved into place: no journal is needed.
    db.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        .map_err(|e| e.to_string())?;
    let tx = db.transaction().map_err(|e| e.to_string())?;
    let ids = Ids::new(corpus);
    for table in TABLES {
        tx.execute_batch(&create(table))
            .map_err(|e| e.to_string())?;
        let columns = sql_columns(table).len();
        let marks = vec!["?"; columns].join(", ");
        let mut insert = tx
            .prepare(&format!("INSERT INTO {} VALUES ({marks})", table.name))
            .map_err(|e| e.to_string())?;
        table.rows(corpus, &ids, &mut |cells| {
            let mut at = 0;
            for (cell, col) in cells.iter().zip(table.columns) {
                for value in sql_values(cell, col.ty) {
                    at += 1;
                    insert
                        .raw_bind_parameter(at, value)
                        .map_err(|e| format!("table {}: {e}", table.name))?;
                }
            }
            // An unbound parameter would be read as null and shift the columns after it.
            if at != columns {
                return Err(format!(
                    "table {}: {at} values for {columns} columns",
                    table.name
                ));
            }
            insert
                .raw_execute()
                .map(|_| ())
                .map_err(|e| format!("table {}: {e}", table.name))
        })?;
        drop(insert);
        for index in indexes(table) {
            tx.execute_batch(&index).map_err(|e| e.to_string())?;
        }
    }
    tx.execute_batch(
        "CREATE TABLE README (\"table\" TEXT NOT NULL, \"column\" TEXT, type TEXT NOT NULL, doc TEXT NOT NULL);",
    )
    .map_err(|e| e.to_string())?;
    {
        let mut insert = tx
            .prepare("INSERT INTO README VALUES (?, ?, ?, ?)")
            .map_err(|e| e.to_string())?;
        for [table, column, ty, doc] in super::readme_rows(true) {
            let column = (!column.is_empty()).then_some(column);
            insert
                .execute(rusqlite::params![table, column, ty, doc])
                .map_err(|e| e.to_string())?;
        }
    }
    tx.commit().map_err(|e| e.to_string())
}

/// One cell as the values of its SQLite columns: a decimal column has two, REAL and exact
/// text (both null when the cell is).
fn sql_values<'c>(cell: &Cell<'c>, ty: ColType) -> impl Iterator<Item = ToSqlOutput<'c>> {
    let (first, second) = match cell {
        Cell::Null if ty == ColType::Num => (
            ToSqlOutput::Owned(Value::Null),
            Some(ToSqlOutput::Owned(Value::Null)),
        ),
        Cell::Null => (ToSqlOutput::Owned(Value::Null), None),
        Cell::Int(n) => (ToSqlOutput::Owned(Value::Integer(*n)), None),
        Cell::Text(t) => (ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())), None),
        Cell::Bool(b) => (ToSqlOutput::Owned(Value::Integer(i64::from(*b))), None),
        Cell::Num(d) => {
            use rust_decimal::prelude::ToPrimitive;
            let real = d.to_f64().map_or(Value::Null, Value::Real);
            (
                ToSqlOutput::Owned(real),
                Some(ToSqlOutput::Owned(Value::Text(d.to_string()))),
            )
        }
    };
    std::iter::once(first).chain(second)
}

/// The table's columns as SQLite has them: a decimal column and its `_text` twin.
fn sql_columns(table: &Table) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for col in table.columns {
        let ty = match col.ty {
            ColType::Key => "INTEGER PRIMARY KEY".to_string(),
            ColType::Ref(to) => format!("INTEGER REFERENCES {to}(id)"),
            ColType::Int | ColType::Bool => "INTEGER".to_string(),
            ColType::Text => "TEXT".to_string(),
            ColType::Num => "REAL".to_string(),
        };
        out.push((col.name.to_string(), ty));
        if col.ty == ColType::Num {
            out.push((format!("{}_text", col.name), "TEXT".to_string()));
        }
    }
    out
}

fn create(table: &Table) -> String {
    let columns: Vec<String> = sql_columns(table)
        .into_iter()
        .map(|(name, ty)| format!("\"{name}\" {ty}"))
        .collect();
    format!("CREATE TABLE {} ({});", table.name, columns.join(", "))
}

/// An index on every reference, and on the columns the table names.
fn indexes(table: &Table) -> Vec<String> {
    let refs = table
        .columns
        .iter()
        .filter(|c| matches!(c.ty, ColType::Ref(_)))
        .map(|c| c.name);
    refs.chain(table.indexes.iter().copied())
        .map(|col| format!("CREATE INDEX {t}_{col} ON {t}(\"{col}\");", t = table.name))
        .collect()
}
