//! Progress reports meet their plans: every row of a report is linked to the plan task it
//! reports on (same region and year), by its number when the titles agree, else by title
//! alone, since ledgers shorten and reword titles (「加快建设县城南片区综合管网工程」 →
//! 「城南片区管网工程」). A row that fits no task, or two tasks equally, is a warning with
//! its line and the candidates. Links are recomputed whenever documents are loaded.

use super::hant::to_simplified;
use crate::model::{similarity, Corpus, Document, DocumentKind, TaskLink, Warning, WarningKind};

/// How alike two titles must be (Sørensen–Dice over character pairs) for a link by title;
/// two candidates this alike, and about equally so, are reported as ambiguous.
const LINK_SIMILARITY: f64 = 0.35;
/// How alike a same-numbered plan task's title must be for the number to decide.
const SAME_NUMBER_SIMILARITY: f64 = 0.3;
/// A best match this close to the second best is ambiguous.
const AMBIGUITY_MARGIN: f64 = 0.1;

/// Links every progress report of `corpus` to the plans of its region and year.
pub fn link_reports(corpus: &mut Corpus) {
    for doc in &mut corpus.documents {
        doc.warnings.retain(|w| w.kind != WarningKind::Link);
        for task in &mut doc.tasks {
            task.plan = None;
            task.reports.clear();
        }
    }
    let reports: Vec<usize> = (0..corpus.documents.len())
        .filter(|&i| corpus.documents[i].kind == DocumentKind::ProgressReport)
        .collect();
    let mut links: Vec<(usize, usize, (usize, usize))> = Vec::new();
    for (n, &r) in reports.iter().enumerate() {
        let docs = &corpus.documents;
        // The same report loaded twice (a .txt and an .xlsx copy) would count twice.
        if let Some(&first) = reports[..n]
            .iter()
            .find(|&&e| same_report(&docs[e], &docs[r]))
        {
            let warning = Warning {
                line: 0,
                kind: WarningKind::Link,
                message: format!(
                    "the same report as {} (region, date and rows); its rows are not linked again",
                    docs[first].file
                ),
            };
            corpus.documents[r].warnings.insert(0, warning);
            continue;
        }
        let plans = match plans_of(docs, r) {
            Ok(plans) => plans,
            Err(None) => continue,
            Err(Some(message)) => {
                let warning = Warning {
                    line: 0,
                    kind: WarningKind::Link,
                    message,
                };
                corpus.documents[r].warnings.insert(0, warning);
                continue;
            }
        };
        let report = &corpus.documents[r];
        let candidates = candidates(&corpus.documents, &plans);
        let mut warnings = Vec::new();
        for (row, task) in report.tasks.iter().enumerate() {
            match best_task(&candidates, &task.no, &task.title) {
                Match::One(at) => links.push((r, row, at)),
                Match::Two(a, b) => warnings.push(Warning {
                    line: task.line,
                    kind: WarningKind::Link,
                    message: format!(
                        "row {} 「{}」 fits two plan tasks equally: {} and {}; linked to neither",
                        task.no,
                        task.title,
                        describe(&corpus.documents, a),
                        describe(&corpus.documents, b)
                    ),
                }),
                Match::None => warnings.push(Warning {
                    line: task.line,
                    kind: WarningKind::Link,
                    message: format!(
                        "row {} 「{}」 fits no task of {}",
                        task.no,
                        task.title,
                        plans
                            .iter()
                            .map(|&p| corpus.documents[p].file.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }),
            }
        }
        let doc = &mut corpus.documents[r];
        doc.warnings.extend(warnings);
        doc.warnings.sort_by_key(|w| w.line);
    }
    for (r, row, (p, t)) in links {
        let (report_file, report_no) = {
            let report = &corpus.documents[r];
            (report.file.clone(), report.tasks[row].no.clone())
        };
        let plan = &mut corpus.documents[p];
        let plan_link = TaskLink {
            file: plan.file.clone(),
            no: plan.tasks[t].no.clone(),
            at: (p, t),
        };
        plan.tasks[t].reports.push(TaskLink {
            file: report_file,
            no: report_no,
            at: (r, row),
        });
        corpus.documents[r].tasks[row].plan = Some(plan_link);
    }
    // Each plan task's reports in the order they were filed.
    let dates: Vec<Option<String>> = corpus.documents.iter().map(|d| d.date.clone()).collect();
    for doc in &mut corpus.documents {
        for task in &mut doc.tasks {
            task.reports
                .sort_by(|a, b| (&dates[a.at.0], a.at).cmp(&(&dates[b.at.0], b.at)));
        }
    }
}

/// The plans a report reports on: documents of its region (in either script) and year,
/// annual task lists before five-year plans. A report of the year before counts too when
/// none is of the report's own year: a fourth-quarter report is filed the next January.
/// `Err(None)`: no plan of the region is loaded (the report stands alone); `Err(Some(…))`:
/// there are plans of the region, but of other years — said, since it is likely a slip.
fn plans_of(docs: &[Document], report: usize) -> Result<Vec<usize>, Option<String>> {
    let r = &docs[report];
    let Some(region) = r.region.as_deref().map(to_simplified) else {
        return Err(None);
    };
    let of_region: Vec<usize> = (0..docs.len())
        .filter(|&i| {
            docs[i].kind != DocumentKind::ProgressReport
                && docs[i].region.as_deref().map(to_simplified).as_deref() == Some(region.as_str())
        })
        .collect();
    if of_region.is_empty() {
        return Err(None);
    }
    let of_year = |year: Option<u32>| -> Vec<usize> {
        let fits = |d: &Document| d.year.is_none() || year.is_none() || d.year == year;
        let kind = |k: DocumentKind| -> Vec<usize> {
            of_region
                .iter()
                .copied()
                .filter(|&i| docs[i].kind == k && fits(&docs[i]))
                .collect()
        };
        let annual = kind(DocumentKind::AnnualTasks);
        if annual.is_empty() {
            kind(DocumentKind::FiveYearPlan)
        } else {
            annual
        }
    };
    let plans = of_year(r.year);
    if !plans.is_empty() {
        return Ok(plans);
    }
    let before = of_year(r.year.and_then(|y| y.checked_sub(1)));
    if !before.is_empty() {
        return Ok(before);
    }
    let loaded: Vec<String> = of_region
        .iter()
        .map(|&i| {
            let year = docs[i]
                .year
                .map_or("no year".to_string(), |y| y.to_string());
            format!("{} ({year})", docs[i].file)
        })
        .collect();
    Err(Some(format!(
        "a report of {} for {region}, but the plans of {region} loaded are of other years: {}; its rows link to nothing",
        r.year.map_or("no year".to_string(), |y| y.to_string()),
        loaded.join(", ")
    )))
}

/// Two copies of one report: the same region, date and rows.
fn same_report(a: &Document, b: &Document) -> bool {
    a.region == b.region
        && a.date == b.date
        && a.tasks.len() == b.tasks.len()
        && a.tasks
            .iter()
            .zip(&b.tasks)
            .all(|(x, y)| x.no == y.no && x.title == y.title)
}

enum Match {
    One((usize, usize)),
    Two((usize, usize), (usize, usize)),
    None,
}

/// A plan task a row may report on: where it is, its number, its title as compared.
struct Candidate<'d> {
    at: (usize, usize),
    no: &'d str,
    title: String,
}

/// The tasks of `plans`, each title made comparable once for all of a report's rows.
fn candidates<'d>(docs: &'d [Document], plans: &[usize]) -> Vec<Candidate<'d>> {
    plans
        .iter()
        .flat_map(|&p| {
            docs[p]
                .tasks
                .iter()
                .enumerate()
                .map(move |(t, task)| Candidate {
                    at: (p, t),
                    no: &task.no,
                    title: comparable(&task.title),
                })
        })
        .collect()
}

/// The plan task a row reports on: the one with its number when their titles agree and no
/// other title fits clearly better (ledgers renumber), else the one whose title is clearly
/// the most alike.
fn best_task(candidates: &[Candidate], no: &str, title: &str) -> Match {
    let title = comparable(title);
    let mut scored: Vec<(f64, &Candidate)> = candidates
        .iter()
        .map(|c| {
            let score = similarity(&title, &c.title);
            // A shortened title inside the plan's (城南片区管网工程) fits however short.
            let contained = !title.is_empty() && c.title.contains(&title);
            (
                if contained {
                    score.max(LINK_SIMILARITY)
                } else {
                    score
                },
                c,
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = scored.first().map_or(0.0, |(s, _)| *s);
    let numbered = scored
        .iter()
        .find(|(score, c)| c.no == no && *score >= SAME_NUMBER_SIMILARITY);
    if let Some((score, c)) = numbered {
        if best <= score + AMBIGUITY_MARGIN {
            return Match::One(c.at);
        }
    }
    match scored.as_slice() {
        [(best, a), (second, b), ..] if *best >= LINK_SIMILARITY => {
            if best - second < AMBIGUITY_MARGIN {
                Match::Two(a.at, b.at)
            } else {
                Match::One(a.at)
            }
        }
        [(best, a)] if *best >= LINK_SIMILARITY => Match::One(a.at),
        _ => Match::None,
    }
}

/// A title as compared: simplified characters, without punctuation and spaces.
fn comparable(title: &str) -> String {
    to_simplified(title)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn describe(docs: &[Document], (p, t): (usize, usize)) -> String {
    let task = &docs[p].tasks[t];
    format!("{} task {} 「{}」", docs[p].file, task.no, task.title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Task;

    fn task(no: &str, title: &str) -> Task {
        Task {
            no: no.into(),
            title: title.into(),
            line: 1,
            ..Task::default()
        }
    }

    fn doc(file: &str, kind: DocumentKind, tasks: Vec<Task>) -> Document {
        let mut d = Document::new(file, kind);
        d.region = Some("青禾县".into());
        d.year = Some(2025);
        d.tasks = tasks;
        d
    }

    fn corpus() -> Corpus {
        let plan = doc(
            "plan.txt",
            DocumentKind::AnnualTasks,
            vec![
                task("1", "加快建设县城南片区综合管网工程"),
                task("2", "实施农村公路提档升级工程"),
                task("3", "实施农村公路安全防护工程"),
                task("4", "培育壮大工业企业"),
                task("5", "推进制造业数字化转型"),
            ],
        );
        let report = doc(
            "q1.txt",
            DocumentKind::ProgressReport,
            vec![
                task("1", "城南片区管网工程"),
                task("5", "培育壮大工业企业"),
                task("4", "制造业数字化转型"),
                task("9", "农村公路建设"),
                task("10", "开展安全生产大排查"),
            ],
        );
        Corpus {
            documents: vec![plan, report],
            ..Corpus::default()
        }
    }

    #[test]
    fn rows_link_by_number_or_by_title_and_say_when_they_cannot() {
        let mut c = corpus();
        link_reports(&mut c);
        let linked: Vec<Option<String>> = c.documents[1]
            .tasks
            .iter()
            .map(|t| t.plan.as_ref().map(|l| l.no.clone()))
            .collect();
        // Shortened title; renumbered rows (5 ↔ 4) follow their titles; two equal
        // candidates and no candidate link to nothing.
        assert_eq!(
            linked,
            [
                Some("1".into()),
                Some("4".into()),
                Some("5".into()),
                None,
                None
            ]
        );
        let warnings: Vec<&str> = c.documents[1]
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .collect();
        assert_eq!(
            warnings,
            [
                "row 9 「农村公路建设」 fits two plan tasks equally: plan.txt task 2 「实施农村公路提档升级工程」 and plan.txt task 3 「实施农村公路安全防护工程」; linked to neither",
                "row 10 「开展安全生产大排查」 fits no task of plan.txt",
            ]
        );
        let reports: Vec<usize> = c.documents[0]
            .tasks
            .iter()
            .map(|t| t.reports.len())
            .collect();
        assert_eq!(reports, [1, 0, 0, 1, 1]);
        // Linking again (after a .load) neither doubles links nor warnings.
        link_reports(&mut c);
        assert_eq!(c.documents[1].warnings.len(), 2);
        assert_eq!(c.documents[0].tasks[0].reports.len(), 1);
    }

    #[test]
    fn a_report_of_another_year_is_said_and_one_of_the_year_after_links() {
        let mut c = corpus();
        c.documents[1].year = Some(2024);
        link_reports(&mut c);
        assert!(c.documents[1].tasks.iter().all(|t| t.plan.is_none()));
        let said: Vec<&str> = c.documents[1]
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .collect();
        assert_eq!(
            said,
            ["a report of 2024 for 青禾县, but the plans of 青禾县 loaded are of other years: plan.txt (2025); its rows link to nothing"]
        );
        // Filed in January for the year before: it links.
        c.documents[1].year = Some(2026);
        link_reports(&mut c);
        assert_eq!(
            c.documents[1].tasks[0].plan.as_ref().map(|l| l.no.as_str()),
            Some("1")
        );
    }

    #[test]
    fn another_region_stands_alone_and_the_same_report_twice_links_once() {
        let mut c = corpus();
        c.documents[1].region = Some("松岭县".into());
        link_reports(&mut c);
        assert!(c.documents[1].tasks.iter().all(|t| t.plan.is_none()));
        assert!(c.documents[1].warnings.is_empty());
        let mut c = corpus();
        let mut copy = c.documents[1].clone();
        copy.file = "q1.xlsx".into();
        c.documents.push(copy);
        link_reports(&mut c);
        assert_eq!(c.documents[0].tasks[0].reports.len(), 1);
        assert_eq!(
            c.documents[2].warnings[0].message,
            "the same report as q1.txt (region, date and rows); its rows are not linked again"
        );
    }

    #[test]
    fn a_region_written_in_traditional_characters_is_the_same_region() {
        let mut c = corpus();
        c.documents[1].region = Some("青禾縣".into());
        link_reports(&mut c);
        assert_eq!(
            c.documents[1].tasks[0].plan.as_ref().map(|l| l.no.as_str()),
            Some("1")
        );
    }
}
