//! The command line: clap definitions and dispatch to export, check, queries, scripts,
//! the schema or the REPL.
//!
//! Exit codes: 0 ok, 1 query error, 2 usage or input error.

mod printer;
mod report;

use crate::ingest;
use crate::model::Corpus;
use crate::output::OutputFormat;
use crate::query::fields;
use clap::{Parser, Subcommand};
use printer::{check_output_flags, Printer};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "planq",
    version,
    about = "Ask questions of Chinese government plan documents",
    after_help = "With no query, script or subcommand: an interactive session (or, when stdin \
                  is not a terminal, stdin read as a script).\nExit status: 0 ok, 1 query \
                  error, 2 usage or input error."
)]
pub struct Cli {
    /// Documents to load instead of the embedded seeds (files, or folders of documents).
    #[arg(long, num_args = 1.., global = true, value_name = "PATH")]
    pub docs: Vec<PathBuf>,

    /// With --docs, also load the embedded seeds.
    #[arg(long, global = true)]
    pub with_seeds: bool,

    /// Office aliases that win over the built-in table: a CSV file of `name,office` rows
    /// (a unit name as written, or a spelling of an office, and the office it means).
    #[arg(long, global = true, value_name = "FILE")]
    pub aliases: Option<PathBuf>,

    /// Read documents that are not valid text all the same, each bad byte sequence replaced
    /// by U+FFFD and warned with its line.
    #[arg(long, global = true)]
    pub lossy: bool,

    /// Parse every document from its text, neither reading nor writing the model cache
    /// (kept in PLANQ_DATA_DIR or ~/.local/share/planq/cache, one entry per file, valid
    /// while the file's size and time and planq's build are unchanged).
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Run a query; give -e several times to run several, in order (-c, as in sqlite3 and
    /// DuckDB, is the same).
    #[arg(
        short = 'e',
        short_alias = 'c',
        long = "execute",
        value_name = "QUERY",
        allow_hyphen_values = true
    )]
    pub execute: Vec<String>,

    /// Run a saved script: statements end with `;`, comments start with `--`.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// A saved script to run (FILE.pq), like -f.
    #[arg(value_name = "FILE.pq")]
    pub script: Option<PathBuf>,

    /// How to print results: table (the default), record (one field per line, nothing
    /// cut), csv, json, jsonl, md, or xlsx (an Excel workbook, one sheet per statement;
    /// needs --out unless stdout is redirected). table, record and md show quantities
    /// readably (238亿元); csv, json and xlsx keep the exact base value (23800000000元).
    /// `planq export` writes json (the default), jsonl, csv (a folder) or sqlite.
    #[arg(long, global = true, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,

    /// Write results to FILE instead of stdout (errors and warnings stay on stderr).
    #[arg(long, global = true, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Start csv output with a UTF-8 byte order mark, so Excel on Windows opens Chinese text
    /// correctly when the file is double-clicked (csv only).
    #[arg(long, global = true)]
    pub bom: bool,

    /// Leave out the header row of csv, md, table and xlsx (to append to an existing file).
    #[arg(long, global = true)]
    pub no_header: bool,

    /// Print the fields of one source, or of all.
    #[arg(long, num_args = 0..=1, value_name = "SOURCE")]
    pub fields: Option<Option<String>>,

    /// In a script, go on after a statement fails (the exit status is still 1).
    #[arg(long)]
    pub keep_going: bool,

    /// The day the questions are asked on (overdue, days_left, expected, pace, alert):
    /// YYYY-MM-DD; default today.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<chrono::NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the whole model: as JSON ({"documents": [...]}, the default), JSON lines
    /// (one document per line), csv (--out DIR: one file per table, ids that join) or
    /// SQLite (--out FILE.db: tables with keys, indexes and a README table).
    Export,
    /// Ingest documents and report what was found, with every warning and its line.
    Check {
        /// Files or folders to check, like --docs (default: the embedded seeds).
        paths: Vec<PathBuf>,
        /// Instead, list every unit whose office no rule knew: the name as written, where
        /// it is, and how many tasks name it, so the table or --aliases can learn it.
        #[arg(long)]
        offices: bool,
    },
    /// The supervision summary as of a day (--as-of): tasks by pace, the red and yellow
    /// list with lead units and deadlines, and the per-unit table, in any --format.
    Report {
        /// Plans and progress reports, like --docs.
        paths: Vec<PathBuf>,
    },
}

impl Cli {
    /// How documents are read: `--lossy`, and through the model cache unless `--no-cache`.
    pub fn read_options(&self) -> ingest::ReadOptions {
        ingest::ReadOptions {
            lossy: self.lossy,
            cache: (!self.no_cache)
                .then(ingest::cache::Cache::in_data_dir)
                .flatten(),
            aliases: Vec::new(),
        }
    }

    /// The format results are printed in: `--format`, else a table.
    pub fn format(&self) -> OutputFormat {
        self.format
            .unwrap_or(OutputFormat::Text(crate::output::Format::Table))
    }
}

/// `--as-of 2025-07-15`: a day of the calendar.
fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a day: write it as 2025-07-15"))
}

/// The largest script read from a file or standard input, unless PLANQ_MAX_BYTES says otherwise.
const MAX_SCRIPT_BYTES: u64 = 64 * 1024 * 1024;

/// Loads the corpus the flags ask for: what could be read, and whether anything could not
/// (each unreadable file is reported on stderr; the rest still load). An alias file that
/// cannot be read stops everything, exit status 2.
pub fn load_corpus(docs: &[PathBuf], cli: &Cli) -> Result<(Corpus, bool), ExitCode> {
    let aliases = match &cli.aliases {
        Some(path) => read_aliases(path)?,
        None => Vec::new(),
    };
    let options = ingest::ReadOptions {
        aliases,
        ..cli.read_options()
    };
    Ok(load_documents(docs, cli.with_seeds, &options))
}

fn read_aliases(path: &Path) -> Result<Vec<(String, String)>, ExitCode> {
    let text = read_script(path).map_err(|e| input_error(&format!("{}: {e}", path.display())))?;
    ingest::office::read_aliases(&text)
        .map_err(|e| input_error(&format!("{}: {e}", path.display())))
}

fn load_documents(
    docs: &[PathBuf],
    with_seeds: bool,
    options: &ingest::ReadOptions,
) -> (Corpus, bool) {
    let mut corpus = Corpus {
        aliases: options.aliases.clone(),
        ..Corpus::default()
    };
    if docs.is_empty() {
        let (seeds, problem) = ingest::seed_corpus_with(options);
        warn_cache(problem.as_deref());
        return (seeds, true);
    }
    let loaded = ingest::load_all(docs, options);
    for path in &loaded.repeated {
        eprintln!(
            "planq: {} is named more than once; loaded once",
            path.display()
        );
    }
    for e in &loaded.errors {
        eprintln!("planq: {e}");
    }
    let mut cache_problem = loaded.cache_problem;
    corpus.documents = loaded.documents;
    if with_seeds {
        let (seeds, problem) = ingest::seed_corpus_with(options);
        cache_problem = cache_problem.or(problem);
        for seed in seeds.documents {
            if corpus.documents.iter().any(|d| d.file == seed.file) {
                eprintln!(
                    "planq: seed {} is already loaded from --docs; loaded once",
                    seed.file
                );
            } else {
                corpus.documents.push(seed);
            }
        }
    }
    ingest::settle(&mut corpus);
    warn_cache(cache_problem.as_deref());
    (corpus, loaded.errors.is_empty())
}

fn warn_cache(problem: Option<&str>) {
    if let Some(problem) = problem {
        eprintln!(
            "planq: warning: the model cache could not keep every document ({problem}); \
             those not kept are parsed again next time (--no-cache stops trying)"
        );
    }
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse_from(subcommand_first(std::env::args_os().collect())) {
        Ok(cli) => cli,
        Err(e) => return usage(e),
    };
    match cli.command {
        Some(Command::Export) => export(&cli),
        Some(Command::Report { ref paths }) => {
            let docs: Vec<PathBuf> = paths.iter().chain(&cli.docs).cloned().collect();
            if let Err(code) = check_output_flags(&cli) {
                return code;
            }
            let (corpus, all_loaded) = match load_corpus(&docs, &cli) {
                Ok(loaded) => loaded,
                Err(code) => return code,
            };
            report::say_what_is_unplaced(&corpus);
            let scripts = vec![("report".to_string(), report::SCRIPT.to_string())];
            let code = run_scripts(&cli, &corpus, all_loaded, &scripts);
            exit_without_freeing(corpus);
            code
        }
        Some(Command::Check { ref paths, offices }) => {
            let docs: Vec<PathBuf> = paths.iter().chain(&cli.docs).cloned().collect();
            check(&docs, offices, &cli)
        }
        None => queries(&cli),
    }
}

/// Help and version go to stdout (and a failed write is an error); usage errors to stderr.
fn usage(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            write_out(&e.render().to_string()).map_or_else(|code| code, |()| ExitCode::SUCCESS)
        }
        _ => {
            let _ = e.print();
            ExitCode::from(2)
        }
    }
}

/// `planq --docs a.txt check`: `--docs` takes every path that follows it, so a subcommand
/// written after it would be read as a path. Moves such a word (one that names no file) to
/// the front, where clap sees it as the subcommand; the global flags work after it.
fn subcommand_first(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let takes_value = [
        "-e",
        "--execute",
        "-f",
        "--file",
        "--format",
        "--fields",
        "--out",
        "--aliases",
    ];
    let mut i = 1;
    while i < args.len() {
        let arg = args[i].to_string_lossy();
        if takes_value.contains(&arg.as_ref()) {
            i += 2;
            continue;
        }
        let is_subcommand = matches!(arg.as_ref(), "check" | "export" | "report");
        if is_subcommand && i > 1 && !Path::new(&args[i]).exists() {
            let word = args.remove(i);
            args.insert(1, word);
            break;
        }
        if !arg.starts_with('-') && i == 1 {
            break;
        }
        i += 1;
    }
    args
}

/// Writes to stdout; a failed write (a full disk, a closed pipe) is reported, exit status 2.
fn write_out(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| input_error(&format!("cannot write the output: {e}")))
}

fn export(cli: &Cli) -> ExitCode {
    use crate::export::ExportFormat;
    use crate::output::Format;
    let format = match cli.format {
        None | Some(OutputFormat::Text(Format::Json)) => ExportFormat::Json,
        Some(OutputFormat::Text(Format::Jsonl)) => ExportFormat::Jsonl,
        Some(OutputFormat::Text(Format::Csv)) => ExportFormat::Csv,
        Some(OutputFormat::Sqlite) => ExportFormat::Sqlite,
        Some(_) => {
            return input_error(&format!(
                "export writes {}; table, record, md and xlsx are for query results \
                 (planq -e 'tasks' --format xlsx --out tasks.xlsx)",
                ExportFormat::NAMES.join(", ")
            ))
        }
    };
    if cli.bom && format != ExportFormat::Csv {
        eprintln!("planq: warning: --bom is for --format csv only; ignored");
    }
    if cli.no_header {
        eprintln!(
            "planq: warning: an export's files always have their header; --no-header ignored"
        );
    }
    let (corpus, all_loaded) = match load_corpus(&cli.docs, cli) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // A model with documents missing must not take the place of a whole one.
    if let (false, Some(out)) = (all_loaded, &cli.out) {
        return input_error(&format!(
            "nothing written to {}: a document could not be read (see above)",
            out.display()
        ));
    }
    let written = crate::export::export(&corpus, format, cli.out.as_deref(), cli.bom);
    exit_without_freeing(corpus);
    match written {
        Err(e) => input_error(&e),
        Ok(()) if !all_loaded => ExitCode::from(2),
        Ok(()) => ExitCode::SUCCESS,
    }
}

/// Reports every document; an unreadable file is reported too and makes the exit status 2,
/// but does not stop the others from being checked. With `offices`, the units whose
/// office no rule knew instead.
fn check(paths: &[PathBuf], offices: bool, cli: &Cli) -> ExitCode {
    let (corpus, all_loaded) = match load_corpus(paths, cli) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let reports = if offices {
        vec![ingest::report::unknown_offices(&corpus)]
    } else {
        corpus
            .documents
            .iter()
            .map(ingest::report::check_report)
            .collect()
    };
    for report in reports {
        if let Err(code) = write_out(&report) {
            return code;
        }
    }
    if all_loaded {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// Reports a usage or input error; exit status 2.
fn input_error(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("planq: {e}");
    ExitCode::from(2)
}

/// The size limit for a script: PLANQ_MAX_BYTES when set, else [`MAX_SCRIPT_BYTES`].
fn script_limit() -> u64 {
    std::env::var_os(ingest::source::MAX_BYTES_VAR)
        .map_or(MAX_SCRIPT_BYTES, |_| ingest::source::max_document_bytes())
}

/// Reads a script file (a regular file, within the size limit) as UTF-8 text.
fn read_script(path: &Path) -> Result<String, String> {
    let limit = script_limit();
    let bytes = ingest::source::read_limited(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); save the script as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// `--fields`, `-e`, `-f`, `FILE.pq`, stdin, or the REPL.
fn queries(cli: &Cli) -> ExitCode {
    if let Err(code) = check_output_flags(cli) {
        return code;
    }
    if let Some(source) = &cli.fields {
        return schema(source.as_deref(), cli);
    }
    let (corpus, all_loaded) = match load_corpus(&cli.docs, cli) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let mut scripts: Vec<(String, String)> = cli
        .execute
        .iter()
        .map(|q| ("-e".to_string(), q.clone()))
        .collect();
    for path in cli.files.iter().chain(&cli.script) {
        match read_script(path) {
            Ok(text) => scripts.push((path.display().to_string(), text)),
            Err(e) if !path.exists() && cli.script.as_ref() == Some(path) => {
                return input_error(&format!(
                    "{}: {e} (to run a query, give it with -e)",
                    path.display()
                ))
            }
            Err(e) => return input_error(&format!("{}: {e}", path.display())),
        }
    }
    if scripts.is_empty() {
        if std::io::stdin().is_terminal() {
            return match (cli.format(), &cli.out) {
                (OutputFormat::Text(format), None) => crate::repl::run(
                    corpus,
                    format,
                    cli.as_of.unwrap_or_else(crate::query::today),
                    cli.read_options(),
                ),
                _ => input_error(
                    &"--out and --format xlsx are for -e, -f and scripts; in a session, \
                      .output FILE sends results to a file",
                ),
            };
        }
        let text = ingest::source::read_stdin_limited(script_limit())
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string()));
        match text {
            Ok(text) => scripts.push(("<stdin>".to_string(), text)),
            Err(e) => return input_error(&format!("stdin: {e}")),
        }
    }
    let code = run_scripts(cli, &corpus, all_loaded, &scripts);
    exit_without_freeing(corpus);
    code
}

/// The process ends next: freeing a large model string by string would only cost time
/// (a tenth of a second on a 200 MB corpus).
fn exit_without_freeing(corpus: Corpus) {
    std::mem::forget(corpus);
}

/// Runs scripts in order through one printer (so `let` names and a workbook span them).
fn run_scripts(
    cli: &Cli,
    corpus: &Corpus,
    all_loaded: bool,
    scripts: &[(String, String)],
) -> ExitCode {
    let mut printer = match Printer::new(cli) {
        Ok(printer) => printer,
        Err(code) => return code,
    };
    let mut failed = false;
    for (name, text) in scripts {
        match printer.script(corpus, name, text) {
            Ok(ok) => failed |= !ok,
            Err(code) => return code,
        }
        if failed && !cli.keep_going {
            break;
        }
    }
    // What did run is written even after a failure, as text output already was.
    if let Err(code) = printer.finish() {
        return code;
    }
    if !all_loaded {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn schema(source: Option<&str>, cli: &Cli) -> ExitCode {
    let Some(rows) = fields::schema(source) else {
        return input_error(&format!(
            "no source named `{}` (sources: {})",
            source.unwrap_or_default(),
            fields::sources().join(", ")
        ));
    };
    let printed = Printer::new(cli).and_then(|mut printer| {
        let name = source.map_or("fields".to_string(), |s| format!("fields {s}"));
        printer.emit(1, &name, &rows)?;
        printer.finish()
    });
    printed.map_or_else(|code| code, |()| ExitCode::SUCCESS)
}
