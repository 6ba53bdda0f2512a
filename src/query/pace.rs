//! Where a task stands on the day the questions are asked (`--as-of`): whether it is
//! overdue, how much of its time has gone (`expected`), how much of its targets is done
//! (`achieved`), its pace and the three-colour alert a supervision office issues.
//!
//! A plan task speaks through its latest report row; a report row speaks for itself and
//! takes its deadline and targets from the plan task it links to.

use super::entity::{Ent, World};
use crate::model::{achieved as share_of, pair_actuals, stated_share, Document, DocumentKind};
use crate::model::{Status, Target, Task};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// How far achieved may fall short of (or run past) expected and still be on pace.
pub const TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);
/// Days before a deadline within which a task not done gets a blue alert.
pub const DUE_SOON_DAYS: i64 = 30;

/// Every value `pace` takes.
pub const PACES: &[&str] = &[
    "done",
    "overdue",
    "ahead",
    "on_pace",
    "behind",
    "unknown",
    "no_report",
];
/// Every value `alert` takes (null aside).
pub const ALERTS: &[&str] = &["red", "yellow", "blue"];

type Row<'a> = (&'a Document, &'a Task);

/// The plan task a row is about: itself, or for a report row the plan task it links to.
pub fn plan_task<'a>(w: &World<'a>, d: &'a Document, t: &'a Task) -> Row<'a> {
    if d.kind == DocumentKind::ProgressReport {
        if let Some(Ent::Task(pd, pt)) = t.plan.as_ref().and_then(|l| w.task(l)) {
            return (pd, pt);
        }
    }
    (d, t)
}

/// A plan task's report rows filed by the as-of day (undated ones too), oldest first: a
/// summary as of April reads the reports of April, not those of July.
fn filed<'a>(w: &World<'a>, t: &'a Task) -> Vec<Row<'a>> {
    w.tasks(&t.reports)
        .into_iter()
        .filter_map(|e| match e {
            Ent::Task(rd, rt) => Some((rd, rt)),
            _ => None,
        })
        .filter(|(rd, _)| {
            rd.date
                .as_deref()
                .and_then(day)
                .is_none_or(|d| d <= w.as_of)
        })
        .collect()
}

/// The report row that speaks for a task: itself, or a plan task's latest report filed by
/// the as-of day.
pub fn latest<'a>(w: &World<'a>, d: &'a Document, t: &'a Task) -> Option<Row<'a>> {
    if d.kind == DocumentKind::ProgressReport {
        return Some((d, t));
    }
    filed(w, t).pop()
}

/// The report row before `latest` on the same plan task, if any.
fn previous<'a>(w: &World<'a>, d: &'a Document, t: &'a Task) -> Option<Row<'a>> {
    let (_, pt) = plan_task(w, d, t);
    let (ld, lt) = latest(w, d, t)?;
    let rows = filed(w, pt);
    let at = rows
        .iter()
        .position(|(rd, rt)| std::ptr::eq(*rd, ld) && std::ptr::eq(*rt, lt))?;
    rows.get(at.checked_sub(1)?).copied()
}

pub fn status(w: &World, d: &Document, t: &Task) -> Option<Status> {
    latest(w, d, t).and_then(|(_, r)| r.status)
}

fn day(iso: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()
}

/// The day the task is due: its own, or for a report row its plan task's when it has one.
pub fn due_date(w: &World, d: &Document, t: &Task) -> Option<NaiveDate> {
    let (_, pt) = plan_task(w, d, t);
    pt.due_date
        .as_deref()
        .or(t.due_date.as_deref())
        .and_then(day)
}

pub fn days_left(w: &World, d: &Document, t: &Task) -> Option<i64> {
    due_date(w, d, t).map(|due| (due - w.as_of).num_days())
}

/// Due before the as-of day and not reported done.
pub fn overdue(w: &World, d: &Document, t: &Task) -> bool {
    let done = status(w, d, t) == Some(Status::Done);
    !done && days_left(w, d, t).is_some_and(|n| n < 0)
}

/// The share of the task's time gone at the as-of day: from 1 January of the plan year to
/// the deadline, between 0 and 1.
pub fn expected(w: &World, d: &Document, t: &Task) -> Option<Decimal> {
    let due = due_date(w, d, t)?;
    let (pd, _) = plan_task(w, d, t);
    let year = pd.year.map_or(due.year(), |y| y as i32);
    let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let whole = (due - start).num_days();
    if whole <= 0 {
        return Some(Decimal::ONE);
    }
    let gone = (w.as_of - start).num_days().clamp(0, whole);
    Some(
        (Decimal::from(gone) / Decimal::from(whole))
            .round_dp(4)
            .normalize(),
    )
}

/// Each plan target of the task with the actual of the latest report that measures it.
pub fn pairs<'a>(
    w: &World<'a>,
    d: &'a Document,
    t: &'a Task,
) -> Vec<(&'a Target, Option<&'a Target>)> {
    let (_, pt) = plan_task(w, d, t);
    let actuals: &[Target] = latest(w, d, t).map_or(&[], |(_, r)| &r.actuals);
    pt.targets
        .iter()
        .zip(pair_actuals(&pt.targets, actuals))
        .collect()
}

/// The actual that measures one target of a plan task, from the task's latest report.
pub fn actual_of<'a>(
    w: &World<'a>,
    d: &'a Document,
    t: &'a Task,
    g: &'a Target,
) -> Option<&'a Target> {
    pairs(w, d, t)
        .into_iter()
        .find(|(target, _)| std::ptr::eq(*target, g))
        .and_then(|(_, a)| a)
}

/// The best evidence of how much is done: the lowest share of a target its actual reaches,
/// else a share the report states (完成全年任务的55%).
pub fn achieved(w: &World, d: &Document, t: &Task) -> Option<Decimal> {
    let paired = pairs(w, d, t)
        .into_iter()
        .filter_map(|(target, actual)| share_of(target, actual?))
        .min();
    paired.or_else(|| {
        let (_, r) = latest(w, d, t)?;
        r.actuals.iter().find_map(stated_share)
    })
}

/// done, overdue, ahead, on_pace, behind (achieved against expected, within
/// [`TOLERANCE`], else the reported status), unknown (a status word planq does not know,
/// and no figures), or no_report.
pub fn pace(w: &World, d: &Document, t: &Task) -> &'static str {
    let status = status(w, d, t);
    if status == Some(Status::Done) {
        return "done";
    }
    if overdue(w, d, t) {
        return "overdue";
    }
    if latest(w, d, t).is_none() {
        return "no_report";
    }
    if let (Some(done), Some(due)) = (achieved(w, d, t), expected(w, d, t)) {
        return if done > due + TOLERANCE {
            "ahead"
        } else if done + TOLERANCE >= due {
            "on_pace"
        } else {
            "behind"
        };
    }
    match status {
        Some(Status::Ahead) => "ahead",
        Some(Status::OnPace | Status::Ongoing) => "on_pace",
        Some(Status::Behind) => "behind",
        // Not started: behind once some of the work is due; with no deadline to measure by,
        // nobody can say.
        Some(Status::NotStarted) => match expected(w, d, t) {
            Some(e) if e > Decimal::ZERO => "behind",
            Some(_) => "on_pace",
            None => "unknown",
        },
        _ => "unknown",
    }
}

/// red (overdue), yellow (behind), blue (due within [`DUE_SOON_DAYS`] and not done).
pub fn alert(w: &World, d: &Document, t: &Task) -> Option<&'static str> {
    match pace(w, d, t) {
        "overdue" => Some("red"),
        "behind" => Some("yellow"),
        "done" => None,
        _ => days_left(w, d, t)
            .filter(|n| (0..=DUE_SOON_DAYS).contains(n))
            .map(|_| "blue"),
    }
}

/// Whether the latest report's status is worse than the one before it.
pub fn slipped(w: &World, d: &Document, t: &Task) -> bool {
    let rank = |row: Option<Row>| row.and_then(|(_, r)| r.status).and_then(Status::rank);
    match (rank(previous(w, d, t)), rank(latest(w, d, t))) {
        (Some(before), Some(now)) => now > before,
        _ => false,
    }
}
