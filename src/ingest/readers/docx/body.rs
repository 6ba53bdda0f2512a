//! The walk over a Word file's body and footnotes: each paragraph a line with its automatic
//! number written in, each table a grid with its merged cells, text boxes read where they
//! stand, and what Word does not show as text (deleted runs, field codes, the fallback copy
//! of a drawing, hidden runs) left out.

use super::numbering::{Counters, Numbering, Request};
use super::xml::{Element, Ns, Visitor};
use crate::ingest::readers::{Cell, Extract, Grid, Span};

/// Word's widest table has 63 columns: a longer span or skip is damage.
const MAX_SPAN: usize = 63;
/// Cells a document may make. A table of empty merged cells packs to almost nothing, so
/// without a bound a small file could fill the memory; past it cells are left out.
const MAX_CELLS: usize = 2_000_000;

/// Elements whose content is not text a reader sees: tracked deletions and moves away,
/// field codes, ruby guides, and the earlier properties kept by change tracking (an old
/// `w:numPr` in a `w:pPrChange` must not number the paragraph).
const HIDDEN: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "delInstrText",
    "rt",
    "pPrChange",
    "rPrChange",
    "sectPrChange",
    "tblPrChange",
    "tblPrExChange",
    "trPrChange",
    "tcPrChange",
    "numberingChange",
    "tblGridChange",
];

/// Footnotes of these kinds are the rules Word draws above the notes, not notes.
const SEPARATORS: &[&str] = &["separator", "continuationSeparator", "continuationNotice"];

/// The elements whose nesting the walk needs to know; the rest are `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    PPr,
    NumPr,
    R,
    RPr,
    T,
    Tbl,
    Tr,
    TrPr,
    Tc,
    TcPr,
    Other,
}

/// Which part lines go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Body,
    Notes,
}

#[derive(Debug, Default)]
struct Paragraph {
    /// Text with `\n` where a line break stands.
    text: String,
    numbering: Request,
}

#[derive(Debug, Default)]
struct TableCell {
    paragraphs: Vec<String>,
    span: usize,
    /// Continues a merge from above (`w:vMerge` without `restart`).
    below: bool,
    /// Continues a merge from the left (the old `w:hMerge`).
    beside: bool,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<Cell>,
    /// Grid columns skipped before the first cell.
    before: usize,
    started: bool,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    row: Option<Row>,
    cell: Option<TableCell>,
}

/// The walk's state; `extract` holds what it has read.
pub struct Walker {
    numbering: Numbering,
    counters: Counters,
    pub extract: Extract,
    part: Part,
    /// Whether the part lines now go to has been started in `extract`.
    part_open: bool,
    paragraphs_seen: u32,
    notes_seen: u32,
    tables_seen: u32,
    cells: usize,
    cells_dropped: bool,
    tags: Vec<Tag>,
    /// Depth inside an element whose content is left out; 0 outside.
    skip: usize,
    in_text: bool,
    hidden_run: bool,
    paragraphs: Vec<Paragraph>,
    tables: Vec<Table>,
    /// Every top-level table read, for the tests of merges.
    #[cfg(test)]
    pub grids: Vec<Grid>,
}

impl Walker {
    pub fn new(numbering: Numbering) -> Walker {
        Walker {
            numbering,
            counters: Counters::default(),
            extract: Extract::default(),
            part: Part::Body,
            part_open: false,
            paragraphs_seen: 0,
            notes_seen: 0,
            tables_seen: 0,
            cells: 0,
            cells_dropped: false,
            tags: Vec::new(),
            skip: 0,
            in_text: false,
            hidden_run: false,
            paragraphs: Vec::new(),
            tables: Vec::new(),
            #[cfg(test)]
            grids: Vec::new(),
        }
    }

    /// Lines from now on are footnotes; the lists count on from the body.
    pub fn start_notes(&mut self) {
        self.reset();
        self.part = Part::Notes;
        self.part_open = false;
    }

    /// Forgets what a part that ended in damage left open.
    pub fn reset(&mut self) {
        self.tags.clear();
        self.skip = 0;
        self.in_text = false;
        self.paragraphs.clear();
        self.tables.clear();
    }

    pub fn finish(mut self) -> Extract {
        if self.cells_dropped {
            self.extract.warnings.push(format!(
                "the tables hold more than {MAX_CELLS} cells; the cells after that were left out"
            ));
        }
        self.extract
    }

    fn parent(&self) -> Option<Tag> {
        self.tags.last().copied()
    }

    fn paragraph(&mut self) -> Option<&mut Paragraph> {
        self.paragraphs.last_mut()
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(text);
        }
    }

    /// What a W element opening means; returns its tag.
    fn open_w(&mut self, e: &Element) -> Tag {
        let parent = self.parent();
        let in_run = parent == Some(Tag::R);
        match e.name {
            "p" => {
                self.paragraphs.push(Paragraph::default());
                Tag::P
            }
            "pPr" if parent == Some(Tag::P) => Tag::PPr,
            "pStyle" if parent == Some(Tag::PPr) => {
                if let Some(p) = self.paragraph() {
                    p.numbering.style = e.val();
                }
                Tag::Other
            }
            "numPr" if parent == Some(Tag::PPr) => Tag::NumPr,
            "numId" | "ilvl" if parent == Some(Tag::NumPr) => {
                let value = e.number("val");
                if let Some(p) = self.paragraph() {
                    if e.name == "numId" {
                        p.numbering.num_id = value;
                    } else {
                        p.numbering.ilvl = value;
                    }
                }
                Tag::Other
            }
            "r" => {
                self.hidden_run = false;
                Tag::R
            }
            "rPr" if in_run => Tag::RPr,
            "vanish" if parent == Some(Tag::RPr) => {
                self.hidden_run = e.is_on();
                Tag::Other
            }
            "t" if in_run => {
                self.in_text = true;
                Tag::T
            }
            // A tab has no place in a line of text: a space stands for it.
            "tab" | "ptab" if in_run => {
                self.push_text(" ");
                Tag::Other
            }
            "br" | "cr" if in_run => {
                self.push_text("\n");
                Tag::Other
            }
            "noBreakHyphen" if in_run => {
                self.push_text("-");
                Tag::Other
            }
            "tbl" => {
                self.tables.push(Table::default());
                Tag::Tbl
            }
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.row = Some(Row::default());
                }
                Tag::Tr
            }
            "trPr" if parent == Some(Tag::Tr) => Tag::TrPr,
            "gridBefore" if parent == Some(Tag::TrPr) => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.before = span(e);
                }
                Tag::Other
            }
            "tc" => {
                if let Some(table) = self.tables.last_mut() {
                    table.cell = Some(TableCell {
                        span: 1,
                        ..TableCell::default()
                    });
                }
                Tag::Tc
            }
            "tcPr" if parent == Some(Tag::Tc) => Tag::TcPr,
            "gridSpan" | "vMerge" | "hMerge" if parent == Some(Tag::TcPr) => {
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    let continues = e.val().as_deref() != Some("restart");
                    match e.name {
                        "gridSpan" => cell.span = span(e).max(1),
                        "vMerge" => cell.below = continues,
                        _ => cell.beside = continues,
                    }
                }
                Tag::Other
            }
            "footnote" => {
                self.notes_seen += 1;
                Tag::Other
            }
            _ => Tag::Other,
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paragraphs.pop() else {
            return;
        };
        let text = joined_breaks(&p.text);
        let text = match self.numbering.label(&mut self.counters, &p.numbering) {
            Some(label) if text.is_empty() => label.trim_end().to_string(),
            Some(label) => label + &text,
            None => text,
        };
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            cell.paragraphs.push(text);
        } else {
            self.emit(&text);
        }
    }

    /// Adds a line to the part it belongs to, starting the part first if needed.
    fn emit(&mut self, text: &str) {
        if !self.part_open {
            match self.part {
                Part::Body => self.extract.part("", "paragraph"),
                Part::Notes => self.extract.part("footnotes", "note"),
            }
            self.part_open = true;
        }
        let n = match self.part {
            Part::Body => {
                self.paragraphs_seen += 1;
                self.paragraphs_seen
            }
            Part::Notes => self.notes_seen.max(1),
        };
        self.extract.line(text, n);
    }

    fn end_cell(&mut self) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let Some(cell) = table.cell.take() else {
            return;
        };
        let row = table.row.get_or_insert_with(Row::default);
        let mut made = Vec::new();
        if !row.started {
            row.started = true;
            made.resize(row.before, Cell::default());
        }
        made.push(if cell.below {
            Cell::covered(Span::Above)
        } else if cell.beside {
            Cell::covered(Span::Left)
        } else {
            Cell::new(cell.paragraphs.join("\n"))
        });
        made.extend((1..cell.span).map(|_| Cell::covered(Span::Left)));
        let room = MAX_CELLS.saturating_sub(self.cells);
        if made.len() > room {
            made.truncate(room);
            self.cells_dropped = true;
        }
        self.cells += made.len();
        row.cells.extend(made);
    }

    fn end_row(&mut self) {
        if let Some(table) = self.tables.last_mut() {
            if let Some(row) = table.row.take() {
                table.rows.push(row.cells);
            }
        }
    }

    fn end_table(&mut self) {
        let Some(mut table) = self.tables.pop() else {
            return;
        };
        if let Some(row) = table.row.take() {
            table.rows.push(row.cells);
        }
        let grid = Grid { rows: table.rows };
        if let Some(outer) = self.tables.last_mut() {
            // A table inside a cell is read as that cell's text, one line per cell line.
            let lines = grid
                .rows
                .iter()
                .flatten()
                .filter(|c| c.span == Span::Own)
                .flat_map(|c| c.text.split('\n'))
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from);
            match outer.cell.as_mut() {
                Some(cell) => cell.paragraphs.extend(lines),
                // A table between rows (damage): its rows join the outer table.
                None => outer.rows.extend(grid.rows),
            }
            return;
        }
        match self.part {
            Part::Body => {
                self.tables_seen += 1;
                self.extract
                    .part(format!("table {}", self.tables_seen), "row");
                self.extract.grid(&grid, 1);
                // Paragraphs after the table go to the body again, numbered on.
                self.part_open = false;
            }
            Part::Notes => {
                for (_, line) in grid.lines() {
                    self.emit(&line);
                }
            }
        }
        #[cfg(test)]
        self.grids.push(grid);
    }
}

impl Visitor for Walker {
    fn open(&mut self, e: &Element) {
        if self.skip > 0 {
            self.skip += 1;
            return;
        }
        let separator = || {
            e.attr("type")
                .is_some_and(|t| SEPARATORS.contains(&t.as_str()))
        };
        let left_out = match e.ns {
            // The fallback repeats the chosen content (a text box as VML after its drawing).
            Ns::Mc => e.name == "Fallback",
            Ns::W => HIDDEN.contains(&e.name) || (e.name == "footnote" && separator()),
            Ns::Other => false,
        };
        if left_out {
            self.skip = 1;
            return;
        }
        let tag = if e.ns == Ns::W {
            self.open_w(e)
        } else {
            Tag::Other
        };
        self.tags.push(tag);
    }

    fn close(&mut self, _: Ns, _: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match self.tags.pop() {
            Some(Tag::T) => self.in_text = false,
            Some(Tag::P) => self.end_paragraph(),
            Some(Tag::Tc) => self.end_cell(),
            Some(Tag::Tr) => self.end_row(),
            Some(Tag::Tbl) => self.end_table(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip == 0 && self.in_text && !self.hidden_run {
            self.push_text(text);
        }
    }
}

/// A count of grid columns (`w:gridSpan`, `w:gridBefore`), bounded by Word's widest table.
fn span(e: &Element) -> usize {
    e.number("val")
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(1)
        .min(MAX_SPAN)
}

/// A paragraph's text with its line breaks taken out: the paragraph goes on, and a space is
/// kept only between Latin letters or digits (5G\nbase), never inside Chinese text.
fn joined_breaks(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for piece in text.split('\n') {
        let latin_meet = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && piece
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if latin_meet {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}
