//! The merged cells of an OpenDocument spreadsheet, which calamine does not report: read
//! from `table:number-rows-spanned` / `number-columns-spanned` in content.xml.

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The largest content.xml read for its merges.
const MAX_CONTENT_BYTES: u64 = 512 * 1024 * 1024;

/// Merged regions per sheet name (0-based rows and columns, as calamine counts them).
/// A workbook whose content cannot be read has none: its cells are still read by calamine.
pub fn merges(bytes: &[u8]) -> HashMap<String, Vec<Dimensions>> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let mut xml = Vec::new();
    match zip.by_name("content.xml") {
        Ok(entry) => {
            if entry.take(MAX_CONTENT_BYTES).read_to_end(&mut xml).is_err() {
                return out;
            }
        }
        Err(_) => return out,
    }
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut sheet: Option<String> = None;
    let (mut row, mut col, mut rows_repeated) = (0u32, 0u32, 1u32);
    loop {
        let (event, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    "table-row" => row = row.saturating_add(rows_repeated),
                    "table" => sheet = None,
                    _ => {}
                }
                buf.clear();
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        match event.local_name().as_ref() {
            "table" => {
                sheet = attr(&event, "name");
                row = 0;
            }
            "table-row" => {
                col = 0;
                rows_repeated = number(&event, "number-rows-repeated").unwrap_or(1);
                if empty {
                    row = row.saturating_add(rows_repeated);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let rows = number(&event, "number-rows-spanned").unwrap_or(1);
                let cols = number(&event, "number-columns-spanned").unwrap_or(1);
                if let Some(name) = sheet.as_ref().filter(|_| rows > 1 || cols > 1) {
                    out.entry(name.clone())
                        .or_insert_with(Vec::new)
                        .push(Dimensions {
                            start: (row, col),
                            end: (row + rows - 1, col + cols - 1),
                        });
                }
                col = col.saturating_add(number(&event, "number-columns-repeated").unwrap_or(1));
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| {
            quick_xml::escape::unescape(&a.value)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
}

fn number(e: &BytesStart, local: &str) -> Option<u32> {
    attr(e, local)?.parse().ok().filter(|n| *n >= 1)
}
