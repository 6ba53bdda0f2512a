//! Small hand-made documents for the REPL's unit tests.

use crate::model::{Corpus, Document, DocumentKind, Task};

/// A task with the given number, text and units; the title is the text before the first 。.
pub fn task(no: &str, text: &str, lead: &[&str], support: &[&str]) -> Task {
    let owned = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
    Task {
        no: no.into(),
        section: None,
        title: text.split('。').next().unwrap_or_default().into(),
        text: text.into(),
        note: None,
        line: 40,
        place: None,
        lead: owned(lead),
        support: owned(support),
        targets: Vec::new(),
        ..Task::default()
    }
}

/// One annual-tasks document for 沂源县 (file `yy.txt`) holding `tasks`.
pub fn corpus(tasks: Vec<Task>) -> Corpus {
    let mut doc = Document::new("yy.txt", DocumentKind::AnnualTasks);
    doc.region = Some("沂源县".into());
    doc.tasks = tasks;
    let mut corpus = Corpus {
        documents: vec![doc],
        ..Corpus::default()
    };
    crate::ingest::settle(&mut corpus);
    corpus
}
