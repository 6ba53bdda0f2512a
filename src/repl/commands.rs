//! Dot commands: the one table of their names, usage and help, parsing a line into one, and
//! completing their arguments. Running them is the session's job.

use crate::output::Format;
use crate::query::{closest, fields};

/// Which command a line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    Help,
    Sources,
    Fields,
    Format,
    /// `\x`: the record view on or off.
    Expanded,
    /// `.asof DATE`: the day questions are asked on.
    AsOf,
    Docs,
    Load,
    Read,
    Output,
    Once,
    Last,
    Pager,
    Bail,
    Timer,
    Show,
    Quit,
}

/// What a command's argument is, so Tab can offer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    None,
    Topic,
    Source,
    Format,
    Path,
    Switch,
    /// `.show REGION NO`: a region first.
    Region,
}

/// One dot command as `.help` lists it.
#[derive(Debug)]
pub struct Spec {
    pub name: Name,
    pub word: &'static str,
    pub usage: &'static str,
    pub about: &'static str,
    pub arg: Arg,
}

const fn spec(
    name: Name,
    word: &'static str,
    usage: &'static str,
    about: &'static str,
    arg: Arg,
) -> Spec {
    Spec {
        name,
        word,
        usage,
        about,
        arg,
    }
}

pub const COMMANDS: &[Spec] = &[
    spec(
        Name::Help,
        ".help",
        "[TOPIC]",
        "the language, with examples; .help TOPIC for one part",
        Arg::Topic,
    ),
    spec(
        Name::Sources,
        ".sources",
        "",
        "what a query can start from (also .tables)",
        Arg::None,
    ),
    spec(
        Name::Fields,
        ".fields",
        "[SOURCE]",
        "the fields of a source, or of every source (also .schema)",
        Arg::Source,
    ),
    spec(
        Name::Format,
        ".format",
        "table|record|csv|json|jsonl|md",
        "how results print (no argument: show it; also .mode)",
        Arg::Format,
    ),
    spec(
        Name::Expanded,
        ".x",
        "",
        "record view on/off: one field per line, full text (also \\x, as in psql)",
        Arg::None,
    ),
    spec(
        Name::AsOf,
        ".asof",
        "[DATE]",
        "the day questions are asked on (overdue, days_left, pace, alert); no DATE: show it",
        Arg::None,
    ),
    spec(
        Name::Docs,
        ".docs",
        "",
        "the loaded documents, with their warnings",
        Arg::None,
    ),
    spec(
        Name::Load,
        ".load",
        "PATH…",
        "add documents (text, Word, Excel, web pages, PDF; files or folders)",
        Arg::Path,
    ),
    spec(
        Name::Read,
        ".read",
        "FILE",
        "run a saved script (statements end with ;)",
        Arg::Path,
    ),
    spec(
        Name::Output,
        ".output",
        "[FILE]",
        "send results to FILE; with no FILE, back to the screen",
        Arg::Path,
    ),
    spec(
        Name::Once,
        ".once",
        "FILE",
        "send only the next result to FILE",
        Arg::Path,
    ),
    spec(
        Name::Last,
        ".last",
        "",
        "the previous result again in full, no column cut",
        Arg::None,
    ),
    spec(
        Name::Pager,
        ".pager",
        "on|off",
        "page results taller than the screen ($PAGER, else less)",
        Arg::Switch,
    ),
    spec(
        Name::Bail,
        ".bail",
        "on|off",
        "stop a script or a line of statements at the first error",
        Arg::Switch,
    ),
    spec(
        Name::Timer,
        ".timer",
        "on|off",
        "print how long each query took",
        Arg::Switch,
    ),
    spec(
        Name::Show,
        ".show",
        "REGION NO",
        "one task in full: text, units, targets, file:line",
        Arg::Region,
    ),
    spec(
        Name::Quit,
        ".quit",
        "",
        "leave (also .exit, Ctrl-D)",
        Arg::None,
    ),
];

/// Other spellings people type out of habit (sqlite, psql, DuckDB).
const ALIASES: &[(&str, Name)] = &[
    (".exit", Name::Quit),
    (".q", Name::Quit),
    (".mode", Name::Format),
    (".h", Name::Help),
    (".?", Name::Help),
    (".tables", Name::Sources),
    (".schema", Name::Fields),
    ("\\x", Name::Expanded),
];

pub const SWITCHES: &[&str] = &["on", "off"];

impl Spec {
    pub fn get(name: Name) -> &'static Spec {
        // Every Name has a row in COMMANDS; the unit test below holds that.
        COMMANDS
            .iter()
            .find(|s| s.name == name)
            .unwrap_or(&COMMANDS[0])
    }
}

/// Splits `.word rest` into the command and its (trimmed) argument text, or explains why not.
pub fn parse(line: &str) -> Result<(Name, &str), String> {
    let line = line.trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let lower = word.to_ascii_lowercase();
    let found = COMMANDS
        .iter()
        .map(|s| (s.word, s.name))
        .chain(ALIASES.iter().copied())
        .find(|(w, _)| *w == lower);
    match found {
        Some((_, name)) => Ok((name, rest.trim())),
        None => Err(unknown(word)),
    }
}

/// Bare words a newcomer tries before learning the dots.
pub fn bare_word(line: &str) -> Option<Name> {
    match line.trim().to_ascii_lowercase().as_str() {
        "help" | "?" => Some(Name::Help),
        "exit" | "quit" => Some(Name::Quit),
        _ => None,
    }
}

fn unknown(word: &str) -> String {
    match closest(word, COMMANDS.iter().map(|s| s.word)) {
        Some(w) => format!("unknown command {word} — did you mean {w}? (.help lists them)"),
        None => format!("unknown command {word} (.help lists them)"),
    }
}

/// Choices for the argument of the command at the start of `line`, if it takes a fixed set;
/// `None` when the caller should complete a file path instead.
pub fn argument_choices(word: &str, regions: &[String]) -> Option<Vec<String>> {
    let name = parse(word).ok()?.0;
    let owned = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
    Some(match Spec::get(name).arg {
        Arg::Path => return None,
        Arg::None => Vec::new(),
        Arg::Topic => owned(&super::help::topics()),
        Arg::Source => owned(fields::sources()),
        Arg::Format => owned(Format::NAMES),
        Arg::Switch => owned(SWITCHES),
        Arg::Region => regions.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_aliases_and_arguments() {
        assert_eq!(parse(".fields  tasks "), Ok((Name::Fields, "tasks")));
        assert_eq!(parse(".SHOW 沂源县 23"), Ok((Name::Show, "沂源县 23")));
        assert_eq!(parse(".exit"), Ok((Name::Quit, "")));
        assert_eq!(parse(".mode csv"), Ok((Name::Format, "csv")));
        assert_eq!(parse("\\x"), Ok((Name::Expanded, "")));
        assert_eq!(parse(".tables"), Ok((Name::Sources, "")));
        assert_eq!(parse(".schema tasks"), Ok((Name::Fields, "tasks")));
        assert_eq!(parse(".once out.csv"), Ok((Name::Once, "out.csv")));
        assert_eq!(parse(".bail off"), Ok((Name::Bail, "off")));
    }

    #[test]
    fn unknown_command_suggests_the_closest() {
        let err = parse(".hlep").unwrap_err();
        assert!(err.contains("did you mean .help?"), "{err}");
        let err = parse(".frobnicate").unwrap_err();
        assert!(!err.contains("did you mean"), "{err}");
    }

    #[test]
    fn every_name_has_a_spec() {
        use Name::*;
        for name in [
            Help, Sources, Fields, Format, Expanded, AsOf, Docs, Load, Read, Output, Once, Last,
            Pager, Bail, Timer, Show, Quit,
        ] {
            assert_eq!(Spec::get(name).name, name);
        }
    }

    #[test]
    fn argument_choices_by_command() {
        let regions = vec!["沂源县".to_string()];
        assert_eq!(
            argument_choices(".timer", &regions),
            Some(vec!["on".into(), "off".into()])
        );
        assert_eq!(argument_choices(".show", &regions), Some(regions.clone()));
        for switch in [".pager", ".bail"] {
            assert_eq!(
                argument_choices(switch, &regions),
                Some(vec!["on".into(), "off".into()])
            );
        }
        assert_eq!(argument_choices(".load", &regions), None);
        assert_eq!(argument_choices(".once", &regions), None);
        assert_eq!(argument_choices(".last", &regions), Some(Vec::new()));
        assert!(argument_choices(".fields", &regions).is_some_and(|s| s.contains(&"tasks".into())));
    }
}
