//! Ingest: bytes → text → a [`Document`] of the plan model, with every line accounted for.
//!
//! `decode` reads the encoding, `lines` cleans each line, `header` reads the metadata, and
//! one layout parser (`annual`, `five_year` or `ledger`) places the body lines; what no
//! parser could place is listed among the document's warnings.

mod aligned;
pub mod cache;
mod classify;
mod deadline;
mod decode;
mod draft;
pub(crate) mod hant;
mod header;
mod indicators;
mod inline_report;
mod layouts;
mod lines;
pub mod link;
mod normalize;
mod notes;
mod numbering;
pub mod office;
mod parallel;
mod readers;
pub mod report;
pub mod source;
mod structure;
mod table_row;
mod targets;
mod unwrap;
mod vocab;
mod wordset;

use crate::model::{Corpus, Document, DocumentKind, LineRole, Warning, WarningKind};
use lines::{Roles, SourceLine};
use std::path::{Path, PathBuf};
use structure::Builder;
use vocab::REMARK_OPENERS;

/// The five seed documents compiled into the binary: the default corpus.
pub const SEEDS: &[(&str, &str)] = &[
    (
        "000_300f806c979b8884.txt",
        include_str!("../../seeds/000_300f806c979b8884.txt"),
    ),
    (
        "001_70bbf6938fcb4631.txt",
        include_str!("../../seeds/001_70bbf6938fcb4631.txt"),
    ),
    (
        "002_df7bbdd99b3e2ff6.txt",
        include_str!("../../seeds/002_df7bbdd99b3e2ff6.txt"),
    ),
    (
        "003_0bd5adcbd4f51cd8.txt",
        include_str!("../../seeds/003_0bd5adcbd4f51cd8.txt"),
    ),
    (
        "004_d341896d7292a1e4.txt",
        include_str!("../../seeds/004_d341896d7292a1e4.txt"),
    ),
];

/// At most this many unplaced-line warnings per document; the rest are summed up in one.
const MAX_UNPLACED_WARNINGS: usize = 200;

/// A source that could not be read at all.
#[derive(Debug)]
pub struct IngestError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read {}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for IngestError {}

/// The embedded seeds as a corpus.
pub fn seed_corpus() -> Corpus {
    seed_corpus_with(&ReadOptions::default()).0
}

/// The embedded seeds read the way `options` says: through the cache when there is one
/// (so a second run of a build reads their model instead of parsing them), their offices
/// read with the options' aliases.
pub fn seed_corpus_with(options: &ReadOptions) -> (Corpus, Option<String>) {
    let read = |(name, text): &(&str, &str)| {
        let cache = options.cache.as_ref();
        if let Some(doc) = cache.and_then(|c| c.get_embedded(name, text, options)) {
            return (doc, None);
        }
        let mut doc = parse_document(name, text);
        office::assign_one(&mut doc, &options.aliases);
        let problem = cache.and_then(|c| c.put_embedded(name, text, options, &doc).err());
        (doc, problem)
    };
    let bytes = SEEDS.iter().map(|(_, text)| text.len() as u64).sum();
    let work = parallel::parse_equivalent(bytes, options.cache.is_some());
    let (documents, problems): (Vec<Document>, Vec<Option<String>>) =
        parallel::map(SEEDS, work, read).into_iter().unzip();
    let mut corpus = Corpus {
        documents,
        aliases: options.aliases.clone(),
    };
    settle(&mut corpus);
    (corpus, problems.into_iter().flatten().next())
}

/// What is read across documents once they are all in: reports meet their plans, and unit
/// names are read as offices (with the corpus's aliases). Run again after `.load`.
pub fn settle(corpus: &mut Corpus) {
    link::link_reports(corpus);
    office::assign_missing(corpus);
}

/// What loading a set of paths gave: the documents that could be read, an error for each
/// file that could not, and the files named more than once (loaded once).
#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub errors: Vec<IngestError>,
    pub repeated: Vec<PathBuf>,
    /// Why the model cache could not be written, if it could not (the documents are
    /// loaded all the same; the next run parses them again).
    pub cache_problem: Option<String>,
}

/// How files are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Read a file that is not valid text in any encoding all the same, each bad sequence
    /// replaced by U+FFFD and reported with its line.
    pub lossy: bool,
    /// Where the models of files parsed before are kept; `None` parses every file.
    pub cache: Option<cache::Cache>,
    /// The user's office aliases (`--aliases`): each document's unit names are read as
    /// offices with them as it is parsed (and so kept in the cache, which they key).
    pub aliases: Vec<(String, String)>,
}

/// Loads files and folders (every document inside a folder and its subfolders, sorted by
/// path), each file once; one unreadable file does not keep the others from loading.
pub fn load_all(paths: &[PathBuf], options: &ReadOptions) -> Loaded {
    let found = source::sources(paths);
    let bytes = found
        .files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    // A large model is worth huge pages (see memory.rs), and many cores.
    crate::memory::expect_source(bytes);
    let work = parallel::parse_equivalent(bytes, options.cache.is_some());
    let mut loaded = Loaded {
        errors: found.errors,
        repeated: found.repeated,
        ..Loaded::default()
    };
    for (result, problem) in parallel::map(&found.files, work, |file| read_one(file, options)) {
        match result {
            Ok(doc) => loaded.documents.push(doc),
            Err(e) => loaded.errors.push(e),
        }
        loaded.cache_problem = loaded.cache_problem.take().or(problem);
    }
    loaded
}

/// One file through the cache: its entry when sound, else the file parsed and kept (and
/// why it could not be kept).
fn read_one(path: &Path, options: &ReadOptions) -> (Result<Document, IngestError>, Option<String>) {
    let parse = || {
        let mut result = load_file(path, options.lossy);
        if let Ok(doc) = &mut result {
            office::assign_one(doc, &options.aliases);
        }
        result
    };
    let Some(cache) = &options.cache else {
        return (parse(), None);
    };
    if let Some(doc) = cache.get(path, options) {
        return (Ok(doc), None);
    }
    let result = parse();
    let problem = match &result {
        Ok(doc) => cache.put(path, options, doc).err(),
        Err(_) => None,
    };
    (result, problem)
}

/// Reads, decodes and parses one file (lossily, if asked, when it is not valid text).
/// Office files, web pages and PDFs go through their reader first.
pub fn load_file(path: &Path, lossy: bool) -> Result<Document, IngestError> {
    let error = |message: String| IngestError {
        path: path.to_path_buf(),
        message,
    };
    let bytes = source::read_limited(path, source::max_document_bytes()).map_err(error)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if readers::format_of(path, &bytes).map_err(error)? != readers::Format::Text {
        return parse_bytes(&name, &bytes).map_err(error);
    }
    match decode::decode(&bytes) {
        Ok(text) => {
            // The raw bytes are not needed past decoding: a large file is not held twice.
            drop(bytes);
            Ok(parse_document(&name, &text))
        }
        Err(_) if lossy => Ok(parse_lossy(&name, &bytes)),
        Err(reason) => Err(error(reason)),
    }
}

/// Parses what a reader extracted; every task learns its place (sheet and row, page) and
/// what the reader had to leave out is warned about.
fn parse_extract(file: &str, extract: readers::Extract) -> Document {
    let mut doc = parse_document(file, &extract.text());
    doc.places = extract.places;
    for task in &mut doc.tasks {
        task.place = doc.places.of(task.line);
    }
    for message in extract.warnings {
        doc.warnings.push(Warning {
            line: 0,
            kind: WarningKind::Format,
            message,
        });
    }
    doc.warnings.sort_by_key(|w| w.line);
    doc
}

/// Parses bytes that are not valid text, each bad sequence replaced and warned with its line.
fn parse_lossy(file: &str, bytes: &[u8]) -> Document {
    let (text, replaced) = decode::decode_lossy(bytes);
    let mut doc = parse_document(file, &text);
    for r in &replaced {
        let more = if r.count > 1 {
            format!(" (and {} more after it)", r.count - 1)
        } else {
            String::new()
        };
        doc.warnings.push(Warning {
            line: r.line,
            kind: WarningKind::Metadata,
            message: format!(
                "--lossy: an invalid byte sequence at byte {} was replaced by U+FFFD{more}",
                r.offset
            ),
        });
    }
    doc.warnings.sort_by_key(|w| w.line);
    doc
}

/// Reads and parses a document's raw bytes, told apart by their format (an office file, a
/// web page, a PDF, plain text); `file` names it, and its extension is the format's
/// second witness. The error says why the bytes are no document planq reads.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Document, String> {
    let format = readers::format_of(Path::new(file), bytes)?;
    if format != readers::Format::Text {
        let extract = readers::read(Path::new(file), bytes, format)?;
        return Ok(parse_extract(file, extract));
    }
    let text = decode::decode(bytes)?;
    Ok(parse_document(file, &text))
}

/// Parses one decoded document. A document in traditional characters is read through its
/// simplified form, and what the model keeps is given back in the document's own spelling.
pub fn parse_document(file: &str, text: &str) -> Document {
    let script = hant::Script::read(text);
    let mut doc = parse_text(file, script.simplified());
    if script.is_traditional() {
        in_own_spelling(&mut doc, &script);
    }
    doc
}

/// Gives every string of the model back in the spelling of the document.
fn in_own_spelling(doc: &mut Document, script: &hant::Script) {
    let restore = |s: &mut String| *s = script.restore(s);
    let restore_all = |list: &mut Vec<String>| list.iter_mut().for_each(restore);
    for field in [
        &mut doc.region,
        &mut doc.doc_number,
        &mut doc.issuer,
        &mut doc.title,
    ] {
        field.iter_mut().for_each(restore);
    }
    for section in &mut doc.sections {
        restore(&mut section.no);
        restore(&mut section.title);
    }
    for task in &mut doc.tasks {
        restore(&mut task.title);
        restore(&mut task.text);
        for field in [
            &mut task.note,
            &mut task.due,
            &mut task.status_text,
            &mut task.progress,
        ] {
            field.iter_mut().for_each(restore);
        }
        restore_all(&mut task.lead);
        restore_all(&mut task.support);
        restore_all(&mut task.leader);
        for target in task.targets.iter_mut().chain(task.actuals.iter_mut()) {
            restore(&mut target.unit);
            restore(&mut target.quote);
            target.metric.iter_mut().for_each(restore);
        }
    }
    for indicator in &mut doc.indicators {
        restore(&mut indicator.name);
        indicator.category.iter_mut().for_each(restore);
        indicator.unit.iter_mut().for_each(restore);
    }
    for column in &mut doc.columns {
        restore(&mut column.title);
        restore_all(&mut column.items);
    }
    for warning in &mut doc.warnings {
        restore(&mut warning.message);
    }
}

fn parse_text(file: &str, text: &str) -> Document {
    let (doc, footnote) = parse_lines(file, text, None);
    // A remark that the first-listed unit leads, printed as a foot note under the last task
    // (注：责任单位中列第一位的为牵头单位), speaks of every list above it: the body is read
    // again with it in force from the start.
    match footnote {
        Some(line) => parse_lines(file, text, Some(line)).0,
        None => doc,
    }
}

/// The line of a first-listed remark that stands on a line of its own after the last task
/// (not read into a task or its note), if there is one.
fn footnote_remark(doc: &Document, roles: &Roles, lines: &[SourceLine]) -> Option<usize> {
    let last_task = doc.tasks.iter().map(|t| t.line).max()?;
    // A remark among the tasks already holds from where it stands.
    if lines
        .iter()
        .any(|l| l.no <= last_task && notes::is_first_listed_remark(&l.text))
    {
        return None;
    }
    lines
        .iter()
        .filter(|l| l.no > last_task && !l.blank)
        .filter(|l| {
            !matches!(
                roles.0.get(l.no - 1).copied().flatten(),
                Some(LineRole::Task | LineRole::Note)
            )
        })
        .find(|l| notes::is_first_listed_remark(&l.text))
        .map(|l| l.no)
}

/// Parses the text. Given the line of a first-listed foot note, the first unit of every list
/// leads from the start. Also gives the line of such a foot note when it was not given.
fn parse_lines(file: &str, text: &str, footnote: Option<usize>) -> (Document, Option<usize>) {
    let mut lines = lines::split(text);
    let kind = detect_kind(&lines);
    let mut doc = Document::new(file, kind);
    let mut roles = Roles::new(&lines);
    drop_running_heads(&mut lines, &mut roles);
    let body = layouts::detect(&lines, kind);
    let body_start = body.start;
    let closing =
        header::closing_signature(&lines).filter(|c| c.lines.iter().all(|&no| no > body_start));
    let head = header::read(&lines[..body_start], &lines, kind, closing.as_ref());
    for line in lines[..body_start].iter().filter(|l| !l.blank) {
        roles.set(line.no, LineRole::Header);
    }
    fill_metadata(&mut doc, &head, text);
    doc.year = head.plan_year;
    if let Some(closing) = &closing {
        for &no in &closing.lines {
            roles.set(no, LineRole::Footer);
            // Taken: the layout parsers pass over it like a blank line.
            if let Some(line) = lines.get_mut(no - 1) {
                line.blank = true;
            }
        }
    }
    let mut builder = Builder::new(&mut doc, &mut roles, head.plan_year);
    // A remark in the cover notice that the first-listed unit leads holds for the whole body.
    let first_listed_before = lines[..body_start]
        .iter()
        .any(|l| notes::is_first_listed_remark(&l.text));
    builder.first_listed = footnote.is_some() || first_listed_before;
    // 未注明完成时限的，均须于2025年12月底前完成: said above the tasks or in a 说明/注 line,
    // never inside a task (对未明确时限的整改事项… speaks of its own matters).
    builder.default_due = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| *i < body_start || REMARK_OPENERS.iter().any(|o| l.text.starts_with(o)))
        .find_map(|(_, l)| notes::default_deadline(&l.text));
    for region in &body.regions {
        layouts::parse(region, &lines, &mut builder);
    }
    builder.finish_task();
    if doc.kind == DocumentKind::ProgressReport && doc.date.is_none() {
        date_from_period(&mut doc);
    }
    let found = match footnote {
        // Read as what it is: the remark is no stray text.
        Some(line) => {
            roles.set(line, LineRole::Prose);
            doc.warnings.retain(|w| {
                w.line != line
                    || !matches!(w.kind, WarningKind::OutsideTask | WarningKind::Unplaced)
            });
            None
        }
        None if first_listed_before => None,
        None => footnote_remark(&doc, &roles, &lines),
    };
    account(&mut doc, &roles, &lines);
    doc.warnings.sort_by_key(|w| w.line);
    (doc, found)
}

/// A progress report without a 填报日期 is dated by the period its title names: the last
/// day of 第二季度, 上半年, 1—6月 … of its year.
fn date_from_period(doc: &mut Document) {
    static PERIOD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(第?[一二三四1-4]季度|[上下]半年|前三季度|1?[0-9]月(底|份)?|全年)")
            .unwrap_or_else(|e| panic!("period pattern: {e}"))
    });
    let Some(title) = doc.title.as_deref() else {
        return;
    };
    // 1—6月: the period ends with its last month.
    let title = title.replace(['—', '－', '-', '~', '～', '至'], "|");
    let Some(period) = PERIOD.find_iter(&title).last() else {
        return;
    };
    let Some(day) = deadline::due_date(period.as_str(), doc.year) else {
        return;
    };
    doc.date = Some(day);
    // The header said the date was missing; the period gives it.
    for w in &mut doc.warnings {
        if w.kind == WarningKind::Metadata && w.message.starts_with("not found in the header: ") {
            let kept: Vec<&str> = w.message["not found in the header: ".len()..]
                .split(", ")
                .filter(|f| *f != "date")
                .collect();
            w.message = format!("not found in the header: {}", kept.join(", "));
        }
    }
    doc.warnings
        .retain(|w| w.message != "not found in the header: ");
}

/// A five-year plan has 第N章 chapters; everything else is read as a notice of tasks.
/// One chapter is enough when the plan also has 节 sections or calls itself a 纲要/规划.
fn detect_kind(lines: &[SourceLine]) -> DocumentKind {
    let levels: Vec<u8> = lines
        .iter()
        .filter_map(|l| numbering::plan_heading(&l.text))
        .map(|h| h.level)
        .collect();
    let chapters = levels.iter().filter(|&&l| l == 1).count();
    let sections = levels.iter().filter(|&&l| l == 2).count();
    let names_itself = lines.iter().take(40).any(|l| {
        ["五年规划", "规划纲要", "远景目标纲要"]
            .iter()
            .any(|w| l.text.contains(w))
    });
    if chapters >= 2 || (chapters == 1 && (sections >= 1 || names_itself)) {
        DocumentKind::FiveYearPlan
    } else {
        DocumentKind::AnnualTasks
    }
}

/// A masthead (`XX县人民政府办公室文件`) that a PDF repeats at the top of every page: its
/// repeats are page furniture, passed over like page numbers.
fn drop_running_heads(lines: &mut [SourceLine], roles: &mut Roles) {
    let Some(first) = lines.iter().position(|l| !l.blank) else {
        return;
    };
    let masthead = lines[first].text.clone();
    if !masthead.ends_with("文件") {
        return;
    }
    for line in lines[first + 1..].iter_mut().filter(|l| l.text == masthead) {
        roles.set(line.no, LineRole::Page);
        line.blank = true;
    }
}

fn fill_metadata(doc: &mut Document, head: &header::Header, text: &str) {
    doc.region = head.region.clone();
    doc.doc_number = head.doc_number.clone();
    doc.issuer = head.issuer.clone();
    doc.date = head.date.clone();
    doc.title = head.title.clone();
    let mut warn = |message: String| {
        doc.warnings.push(Warning {
            line: 0,
            kind: WarningKind::Metadata,
            message,
        })
    };
    if text.trim().is_empty() {
        warn("empty document: no text".into());
        return;
    }
    if head.damaged_doc_number {
        warn(format!(
            "document number looks damaged in extraction, kept as written: {}",
            head.doc_number.as_deref().unwrap_or("")
        ));
    }
    let missing: Vec<&str> = [
        ("region", head.region.is_none()),
        ("title", head.title.is_none()),
        ("date", head.date.is_none()),
        ("document number", head.doc_number.is_none()),
        ("issuer", head.issuer.is_none()),
    ]
    .iter()
    .filter(|(_, missing)| *missing)
    .map(|(name, _)| *name)
    .collect();
    if !missing.is_empty() {
        warn(format!("not found in the header: {}", missing.join(", ")));
    }
}

/// Counts every line's role; a line no parser placed becomes an unplaced warning.
fn account(doc: &mut Document, roles: &Roles, lines: &[SourceLine]) {
    let mut unplaced = 0usize;
    // Lines a parser already reported; looked up once, not per line.
    let reported: std::collections::HashSet<usize> = doc
        .warnings
        .iter()
        .filter(|w| matches!(w.kind, WarningKind::Unplaced | WarningKind::Table))
        .map(|w| w.line)
        .collect();
    for (role, line) in roles.0.iter().zip(lines) {
        let role = role.unwrap_or(LineRole::Unplaced);
        if role == LineRole::Unplaced && !reported.contains(&line.no) {
            unplaced += 1;
            if unplaced <= MAX_UNPLACED_WARNINGS {
                let excerpt: String = line.text.chars().take(30).collect();
                doc.warnings.push(Warning {
                    line: line.no,
                    kind: WarningKind::Unplaced,
                    message: format!("line not placed: {excerpt}"),
                });
            }
        }
        doc.lines.count(role);
    }
    if unplaced > MAX_UNPLACED_WARNINGS {
        let more = unplaced - MAX_UNPLACED_WARNINGS;
        doc.warnings.push(Warning {
            line: 0,
            kind: WarningKind::Unplaced,
            message: format!("{more} more unplaced lines not listed"),
        });
    }
    if doc.tasks.is_empty() && !lines.iter().all(|l| l.blank) {
        doc.warnings.push(Warning {
            line: 0,
            kind: WarningKind::Unplaced,
            message: "no tasks found: expected numbered tasks (1. or （一） under 一、 headings), a table whose header names a task column and a unit column (序号 工作任务 牵头单位 …), or such a table flattened to one cell per line".into(),
        });
    }
}
