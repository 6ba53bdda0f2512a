//! `.help [TOPIC]`: the query language explained in short topics, each with examples that
//! a test runs on the seeds, so the help cannot drift from what the language accepts.

use super::commands::COMMANDS;
use std::fmt::Write;

/// The query the banner suggests trying first.
pub const TRY: &str = "tasks where lead ~ \"发展改革\" limit 5";

struct Topic {
    name: &'static str,
    summary: &'static str,
    body: &'static str,
    examples: &'static [&'static str],
}

const TOPICS: &[Topic] = &[
    Topic {
        name: "query",
        summary: "the shape of a query",
        body: "A query names a source, then clauses in this order (each optional):\n  \
               SOURCE where COND select EXPR, … group by EXPR having COND order by EXPR [desc] limit N\n\
               Clauses may also be chained with |.  End a line with and/or/,/| (or leave a\n\
               bracket or quote open) to continue on the next line.\n\
               `tasks` holds every document's tasks: annual notices, and a five-year plan's measures\n\
               (the table then shows doc.kind).  Keep to one kind with where doc.kind = \"annual_tasks\".\n\
               let NAME = QUERY names a query; later statements start from NAME as from a source.",
        examples: &[
            TRY,
            "tasks where lead ~ \"发展改革\" select doc.region, no, title, lead",
            "tasks | where text matches /光伏|储能/ | count",
            "tasks where doc.kind = \"annual_tasks\" and lead is empty | count",
        ],
    },
    Topic {
        name: "where",
        summary: "conditions: = != < <= > >= ~ matches in between is empty",
        body: "= and != compare whole values, ~ means \"contains\" (SQL's like), matches takes a\n\
               /regex/, in takes a list in brackets, x between a and b includes both ends,\n\
               is [not] empty / is [not] null test for absence.  Combine with and, or, not and\n\
               parentheses.  Multi-valued fields (lead, support, dept = lead or support, target.*)\n\
               match when any element matches; any(list, cond) makes one element meet several\n\
               conditions.  Full- and half-width forms compare equal.  Dates compare with dates\n\
               (due_date < 2024-07-01; due is the deadline as written).  A comparison that can\n\
               never hold (a number with \"abc\", a text field with a date) is an error.",
        examples: &[
            "tasks where dept = \"区经济发展局\" and target.unit = \"家\"",
            "tasks where text matches /光伏|储能/ and doc.region in (\"沂源县\", \"台儿庄区\") order by doc.region, no",
            "tasks where lead is empty select doc.region, no, title",
            "tasks where any(targets, unit = \"家\" and value >= 10)",
            "docs where date between 2023-07-01 and 2023-09-30 select region, date",
        ],
    },
    Topic {
        name: "functions",
        summary: "year quarter month day len left right replace regex_replace coalesce",
        body: "Scalar functions work on each row's value (on each element of a list):\n\
               year(d) quarter(d) month(d) day(d) of a date; len(t), left(t, n), right(t, n), replace(t, a, b),\n\
               regex_replace(t, \"re\", b) of text; coalesce(a, b, …) the first value that is there.",
        examples: &[
            "docs select region, year(date) as year, month(date) as month",
            "units where role = \"lead\" group by regex_replace(name, \"^(区|县)\", \"\") select regex_replace(name, \"^(区|县)\", \"\") as office, count(distinct doc.region) as counties order by counties desc limit 5",
            "tasks select doc.region, no, len(title) as chars order by chars desc limit 3",
        ],
    },
    Topic {
        name: "quantities",
        summary: "1亿元, 5000万元, 70%, 1.5万千瓦 compare by value",
        body: "A number followed by a unit is a quantity.  Quantities compare by their value in\n\
               the base unit (amount), so 5个亿, 50000万元 and 5亿元 are equal; comparing 元 with\n\
               千瓦 is an error that says so.  amount is money|power|energy|area|length|volume|mass|\n\
               share|time|ratio|count keeps to one kind (the field dimension names it); ordering or\n\
               comparing across kinds is warned.",
        examples: &[
            "targets where amount is money order by amount desc limit 5",
            "targets where amount >= 1亿元 select doc.region, task.no, value, unit, cmp, metric order by amount desc limit 10",
            "targets where unit = \"%\" and cmp = \">=\" group by doc.region select doc.region, count() as n",
        ],
    },
    Topic {
        name: "group",
        summary: "group by, aggregates, having",
        body: "group by makes one row per distinct value; aggregate the rest with count() count(x)\n\
               sum avg min max list distinct; count(condition) counts the rows where it holds, and\n\
               count(distinct x) the different values.  having filters groups after aggregating.\n\
               limit N per KEY keeps the first N rows of each KEY (top-N per group); rows tied at\n\
               the cut on every order by key are all kept, and a warning names the groups.",
        examples: &[
            "units where role = \"lead\" group by doc.region, name select doc.region, name, count() as n order by n desc, name limit 3 per doc.region",
            "units where role = \"lead\" group by name select name, count() as tasks order by tasks desc limit 10",
            "tasks group by title having count() > 1 select title, count() as docs, list(doc.region) as regions",
            "docs select region, kind, date, count(tasks) as tasks, count(targets) as targets",
            "units group by doc.region select doc.region, count(role = \"lead\") as leads, count(role = \"support\") as supports",
        ],
    },
    Topic {
        name: "offices",
        summary: "one office for every spelling: level, office, office_kind, generic",
        body: "Each unit name is read as an office: 区发改局, 县发展改革局 and 区发展和改革委员会 are\n\
               office 发展和改革 at level 区 or 县, of office_kind 局 or 委.  generic marks collective\n\
               names (各镇, 区有关部门), which have no office.  tasks.offices holds a task's offices.\n\
               The rules are data/offices.csv; planq --aliases FILE (rows of name,office) adds\n\
               your own, and planq check --offices lists the names no rule knows.  In a string, Tab\n\
               completes units and offices by pinyin too: \"fgj → 区发展和改革局, \"caizheng → 财政.",
        examples: &[
            "units where office = \"发展和改革\" select distinct doc.region, name",
            "units where not generic group by office select office, count(distinct doc.region) as counties, count() as tasks order by counties desc, tasks desc limit 5",
            "tasks where offices = \"财政\" and doc.region = \"沂源县\" select no, title, lead",
        ],
    },
    Topic {
        name: "supervision",
        summary: "progress reports, --as-of, overdue, pace, alert",
        body: "Load a plan with its progress reports: each report row links to its plan task\n\
               (plan, reports, latest) and keeps status_text as written, status normalised and\n\
               the figures it reports as actuals.  As of the day .asof sets (default today): overdue,\n\
               days_left, expected (time gone), achieved (figures against targets), pace (done,\n\
               overdue, ahead, on_pace, behind, unknown, no_report), alert (red, yellow, blue),\n\
               slipped.  Ask of plan tasks: they speak through their latest report.",
        examples: &[
            "tasks where doc.kind = \"annual_tasks\" and overdue select no, title, lead, due",
            "units where role = \"lead\" group by name select name, count() as tasks, share(task.pace = \"done\") as done",
            "targets where achieved < 0.5 select task.no, metric, value, unit, actual, achieved",
        ],
    },
    Topic {
        name: "sources",
        summary: "docs sections tasks targets units indicators columns",
        body: "Every source gives one row per item.  Rows reach their parents by dotted paths:\n\
               target.task.title, task.doc.region, section.title, and doc.region from any row.\n\
               .sources lists them; .fields SOURCE shows each field with its type and an example.",
        examples: &["indicators where attribute = \"约束性\" select name, base, target, unit"],
    },
];

/// Topic names for completion: the language topics, then `commands` and `keys`.
pub fn topics() -> Vec<&'static str> {
    TOPICS
        .iter()
        .map(|t| t.name)
        .chain(["commands", "keys"])
        .collect()
}

const KEYS: &str = "Tab completes keywords, sources, fields and, inside quotes, names from the documents\n\
                    (prefix or any part: \"发改 then Tab).  Up/Down and Ctrl-R search history; → accepts\n\
                    the grey hint.  Ctrl-C clears the line, Ctrl-D leaves.  Enter on an unfinished query\n\
                    continues it; Enter on an empty continuation line runs it as it is.";

/// The text `.help` prints; `topic` is what followed `.help`, possibly empty.
pub fn render(topic: &str) -> Result<String, String> {
    let mut out = String::new();
    match topic.trim().to_ascii_lowercase().as_str() {
        "" => {
            out.push_str("Ask with a query, for example:\n");
            for example in TOPICS.iter().filter_map(|t| t.examples.first()).take(3) {
                let _ = writeln!(out, "  {example}");
            }
            out.push_str("\nTopics (.help TOPIC):\n");
            for t in TOPICS {
                let _ = writeln!(out, "  {:<12}{}", t.name, t.summary);
            }
            out.push_str("  commands    the dot commands\n  keys        editing keys\n\n");
            commands(&mut out);
        }
        "commands" => commands(&mut out),
        "keys" => out.push_str(KEYS),
        other => {
            let t = TOPICS
                .iter()
                .find(|t| t.name == other)
                .ok_or_else(|| format!("no help topic {other}; topics: {}", topics().join(", ")))?;
            let _ = writeln!(out, "{}\n", t.body);
            for example in t.examples {
                let _ = writeln!(out, "  {example}");
            }
        }
    }
    Ok(out.trim_end().to_owned())
}

fn commands(out: &mut String) {
    out.push_str("Commands:\n");
    for c in COMMANDS {
        let head = format!("{} {}", c.word, c.usage);
        let _ = writeln!(out, "  {head:<34}{}", c.about);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_renders_and_is_listed() {
        for name in topics() {
            assert!(render(name).is_ok(), "{name}");
        }
        assert!(render("nonsense").unwrap_err().contains("topics:"));
    }

    #[test]
    fn every_example_runs_on_the_seeds() {
        let corpus = crate::ingest::seed_corpus();
        for example in TOPICS.iter().flat_map(|t| t.examples) {
            if let Err(e) = crate::query::run(&corpus, example) {
                panic!("{}", e.render(example, false));
            }
        }
    }
}
