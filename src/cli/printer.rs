//! Runs the statements of a run and sends their results where the flags say: text to
//! stdout or `--out FILE` as each statement finishes, or one workbook at the end.

use super::{input_error, Cli};
use crate::error::ScriptPosition;
use crate::model::Corpus;
use crate::output::{self, Destination, Format, OutputFormat, Workbook};
use crate::query::{self, Rows};
use std::io::IsTerminal;
use std::process::ExitCode;

/// What the results become: text written as each statement finishes, or a workbook
/// written whole when the run ends.
enum Sink {
    Text(Format),
    /// Boxed: a workbook is large beside a format name.
    Workbook(Box<Workbook>),
}

/// Where output goes and how it looks.
pub(super) struct Printer {
    sink: Sink,
    destination: Destination,
    options: output::Options,
    /// A byte order mark is still to be written (csv with --bom, before the first result).
    bom: bool,
    color: bool,
    keep_going: bool,
    printed: bool,
    /// Statements seen so far in the run, failed ones too: sheet names carry the number.
    statements: usize,
    /// Queries named with `let`, known to every later statement of the run.
    lets: query::Env,
}

const SQLITE_IS_EXPORT: &str = "--format sqlite writes the whole model as a database: \
     planq export --format sqlite --out plan.db (then query it with sqlite3)";

/// The usage errors of the output flags, found before any work is done; warns of a flag
/// that will be ignored.
pub(super) fn check_output_flags(cli: &Cli) -> Result<(), ExitCode> {
    if cli.format() == OutputFormat::Sqlite {
        eprintln!("planq: {SQLITE_IS_EXPORT}");
        return Err(ExitCode::from(2));
    }
    if cli.format() == OutputFormat::Xlsx && cli.out.is_none() && std::io::stdout().is_terminal() {
        eprintln!(
            "planq: --format xlsx writes a workbook, not text for the terminal; add --out \
             FILE.xlsx (or redirect stdout to a file)"
        );
        return Err(ExitCode::from(2));
    }
    if cli.bom && cli.format() != OutputFormat::Text(Format::Csv) {
        eprintln!("planq: warning: --bom is for --format csv only; ignored");
    }
    Ok(())
}

impl Printer {
    /// The printer the flags ask for; the --out file is created now, so a missing folder
    /// is reported before any statement runs.
    pub(super) fn new(cli: &Cli) -> Result<Printer, ExitCode> {
        let destination = Destination::open(cli.out.as_deref()).map_err(|e| input_error(&e))?;
        let sink = match cli.format() {
            OutputFormat::Text(format) => Sink::Text(format),
            OutputFormat::Xlsx => Sink::Workbook(Box::new(Workbook::new(!cli.no_header))),
            OutputFormat::Sqlite => return Err(input_error(&SQLITE_IS_EXPORT)),
        };
        Ok(Printer {
            bom: cli.bom && matches!(sink, Sink::Text(Format::Csv)),
            sink,
            // A file is read in an editor or a pager, not this terminal: nothing is cut.
            options: output::Options {
                width: cli.out.is_none().then(terminal_width).flatten(),
                header: !cli.no_header,
            },
            destination,
            color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            keep_going: cli.keep_going,
            printed: false,
            statements: 0,
            lets: query::Env::at(cli.as_of.unwrap_or_else(query::today)),
        })
    }

    /// Runs each statement of a script, printing results and errors; false if any failed,
    /// and the exit code if the output could not be written.
    pub(super) fn script(
        &mut self,
        corpus: &Corpus,
        name: &str,
        text: &str,
    ) -> Result<bool, ExitCode> {
        let mut ok = true;
        // Lines are counted forward from the last error, once over the whole script.
        let mut position = ScriptPosition::start();
        for (offset, statement) in query::split_script(text) {
            self.statements += 1;
            match query::run_with(corpus, &mut self.lets, statement) {
                Ok(outcome) => {
                    for w in &outcome.warnings {
                        eprintln!("warning: {w}");
                    }
                    // A `let` prints nothing, as a view's definition would not.
                    if outcome.defined.is_none() {
                        self.emit(self.statements, statement, &outcome.rows)?;
                    }
                }
                Err(e) => {
                    ok = false;
                    position = position.advance(text, offset);
                    eprint!(
                        "{}",
                        e.render_in_script_at(
                            text,
                            position,
                            offset,
                            (name != "-e").then_some(name),
                            self.color
                        )
                    );
                    if !self.keep_going {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(ok)
    }

    /// Prints the rows of statement number `n` of the run, or adds them to the workbook as
    /// a sheet named after it.
    pub(super) fn emit(&mut self, n: usize, statement: &str, rows: &Rows) -> Result<(), ExitCode> {
        let format = match &mut self.sink {
            Sink::Workbook(book) => {
                return book
                    .add_sheet(n, statement, rows)
                    .map_err(|e| input_error(&e))
            }
            Sink::Text(format) => *format,
        };
        let mut text = String::new();
        if std::mem::take(&mut self.bom) {
            text.push('\u{FEFF}');
        }
        if self.printed && matches!(format, Format::Table | Format::Record | Format::Md) {
            text.push('\n');
        }
        text += &output::render_with(rows, format, &self.options);
        self.printed = true;
        self.destination
            .write(text.as_bytes())
            .map_err(|e| input_error(&e))
    }

    /// Writes the workbook, if results were gathered into one, and flushes the output.
    pub(super) fn finish(mut self) -> Result<(), ExitCode> {
        if let Sink::Workbook(book) = &mut self.sink {
            if book.sheets == 0 {
                // Every statement failed: an existing workbook stays as it was.
                return self.destination.finish().map_err(|e| input_error(&e));
            }
            let bytes = book.to_bytes().map_err(|e| input_error(&e))?;
            self.destination
                .write(&bytes)
                .map_err(|e| input_error(&e))?;
        }
        self.destination.finish().map_err(|e| input_error(&e))
    }
}

/// The terminal's width, or `COLUMNS` when output is not a terminal; None means no limit.
fn terminal_width() -> Option<usize> {
    if std::io::stdout().is_terminal() {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
            return Some(usize::from(w));
        }
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}
