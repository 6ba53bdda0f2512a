//! What calamine does not report of an OpenDocument spreadsheet, read from content.xml:
//! merged cells (`table:number-rows-spanned` / `number-columns-spanned`) and how number
//! and date cells are shown (`6.5%`, `2025年6月`: the text the cell displays).

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The largest content.xml read for its merges.
const MAX_CONTENT_BYTES: u64 = 512 * 1024 * 1024;

/// Value types whose displayed text differs from the stored value.
const SHOWN_TYPES: &[&str] = &["float", "percentage", "currency", "date", "time"];

/// Per sheet name: its merged regions, and the text each number or date cell shows, by
/// (row, column), 0-based as calamine counts them.
#[derive(Debug, Default)]
pub struct Sheets {
    pub merges: HashMap<String, Vec<Dimensions>>,
    pub shown: HashMap<String, HashMap<(u32, u32), String>>,
}

/// Reads a workbook's content.xml; one whose content cannot be read has no merges and no
/// shown text: its cells are still read by calamine.
pub fn read(bytes: &[u8]) -> Sheets {
    let mut out = Sheets::default();
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
    // The number or date cell whose shown text is being read: its place and text so far.
    let mut showing: Option<((u32, u32), String)> = None;
    loop {
        let (event, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::Text(t)) => {
                if let Some((_, text)) = showing.as_mut() {
                    let raw: &str = t.as_ref();
                    text.push_str(&quick_xml::escape::unescape(raw).unwrap_or(raw.into()));
                }
                buf.clear();
                continue;
            }
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    "table-row" => row = row.saturating_add(rows_repeated),
                    "table" => sheet = None,
                    "p" => {
                        if let Some((_, text)) = showing.as_mut() {
                            text.push('\n');
                        }
                    }
                    "table-cell" => {
                        if let (Some((at, text)), Some(name)) = (showing.take(), sheet.as_ref()) {
                            out.shown
                                .entry(name.clone())
                                .or_default()
                                .insert(at, text.trim_end().to_string());
                        }
                    }
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
                let shows =
                    attr(&event, "value-type").is_some_and(|t| SHOWN_TYPES.contains(&t.as_str()));
                if shows && !empty {
                    showing = Some(((row, col), String::new()));
                }
                if let Some(name) = sheet.as_ref().filter(|_| rows > 1 || cols > 1) {
                    out.merges
                        .entry(name.clone())
                        .or_default()
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
