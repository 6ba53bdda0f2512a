//! `planq report`: the summary a supervision office (督查室) publishes, as one script of
//! ordinary queries over the plans' tasks (progress report rows speak through the plan task
//! they link to): how many tasks stand at each pace, the red and yellow list with lead units
//! and deadlines, and the per-unit table, ranked. `--as-of` fixes the day; `--format md` or
//! `--format xlsx --out FILE` gives the document to send.

use crate::model::{Corpus, DocumentKind, WarningKind};

/// Says on stderr, with file and line, what the summary cannot count right: report rows that
/// link to no plan task or to two, reports that meet no plan, status words planq does not
/// know — and that there is nothing to summarise when no report is loaded.
pub(super) fn say_what_is_unplaced(corpus: &Corpus) {
    for doc in &corpus.documents {
        for w in doc
            .warnings
            .iter()
            .filter(|w| matches!(w.kind, WarningKind::Link | WarningKind::Report))
        {
            let place = if w.line == 0 {
                doc.file.clone()
            } else {
                doc.provenance(w.line)
            };
            eprintln!("warning: {place}: {}", w.message);
        }
    }
    let kinds = |k: DocumentKind| corpus.documents.iter().filter(|d| d.kind == k).count();
    if kinds(DocumentKind::ProgressReport) == 0 {
        eprintln!(
            "warning: no progress report is loaded: every task's pace is no_report or overdue"
        );
    } else if kinds(DocumentKind::AnnualTasks) + kinds(DocumentKind::FiveYearPlan) == 0 {
        eprintln!("warning: no plan is loaded: the summary counts plan tasks, so it is empty");
    }
}

pub(super) const SCRIPT: &str = r#"
-- Tasks by pace.
tasks where doc.kind != "progress_report"
  group by pace
  select pace, count() as tasks
  order by tasks desc, pace;

-- Red (overdue) and yellow (behind) slips, with who leads and what was reported.
tasks where doc.kind != "progress_report" and alert in ("red", "yellow")
  select alert, doc.region, no, title, lead, due, days_left, status_text, achieved, expected
  order by alert, days_left, doc.region, no;

-- Per lead unit: tasks, done, ahead, on pace, behind, overdue, no report; completion rate.
units where role = "lead" and doc.kind != "progress_report"
  group by doc.region, name
  select doc.region, name, count() as tasks, count(task.pace = "done") as done,
         count(task.pace = "ahead") as ahead, count(task.pace = "on_pace") as on_pace,
         count(task.pace = "behind") as behind, count(task.pace = "overdue") as overdue,
         count(task.pace = "no_report") as no_report, share(task.pace = "done") as done_share
  order by overdue desc, behind desc, done_share, tasks desc, name;
"#;
