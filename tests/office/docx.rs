//! Word files: `notice.docx` (made by `make_docx.py`) numbers its headings, tasks and table
//! rows with Word's automatic numbering only, so it reads like its twin only if the numbers
//! are rendered; its attachment table has a 牵头单位 cell merged over two rows and a
//! 配合单位 cell of two paragraphs.

use super::{fixture, same_as_twin};

#[test]
fn notice_reads_as_its_twin() {
    let doc = same_as_twin("notice.docx", "notice.txt");
    assert_eq!(doc.tasks.len(), 7);
    let numbers: Vec<&str> = doc.tasks.iter().map(|t| t.no.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "1", "2", "3"]);
    let sections: Vec<(&str, &str)> = doc
        .sections
        .iter()
        .map(|s| (s.no.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        sections,
        [("一", "推动产业转型升级"), ("二", "提升民生保障水平")]
    );
    assert_eq!(doc.doc_number.as_deref(), Some("青政办发〔2025〕3号"));
    assert_eq!(doc.date.as_deref(), Some("2025-02-10"));

    // Task 3 is numbered by Word (its "3." is in numbering.xml, not in the text) and
    // continues the list across the heading 二、.
    let task = &doc.tasks[2];
    assert_eq!(task.no, "3");
    assert_eq!(task.title, "扩大城乡就业");
    assert_eq!(task.section.as_deref(), Some("2"));
    assert_eq!(task.lead, ["县人力资源社会保障局"]);
    assert_eq!(task.support, ["县财政局"]);
    assert_eq!(task.due.as_deref(), Some("2025年12月底前"));
    assert_eq!(task.due_date.as_deref(), Some("2025-12-31"));
    assert_eq!(task.place.as_deref(), Some("paragraph 20"));

    // The first table task: two paragraphs of units in one cell are two units.
    let first_row = &doc.tasks[4];
    assert_eq!(first_row.title, "新建城区幼儿园2所，新增学位540个");
    assert_eq!(first_row.lead, ["县教育局"]);
    assert_eq!(first_row.support, ["县住房城乡建设局", "县财政局"]);
    assert_eq!(first_row.place.as_deref(), Some("table 1 row 2"));

    // The last table task's lead is the 牵头单位 cell merged down from the row above.
    let merged = &doc.tasks[6];
    assert_eq!(merged.title, "新建城市停车位600个");
    assert_eq!(merged.lead, ["县住房城乡建设局"]);
    assert_eq!(merged.support, ["县公安局", "县自然资源局"]);
    assert_eq!(merged.due_date.as_deref(), Some("2025-12-31"));
    assert_eq!(merged.place.as_deref(), Some("table 1 row 4"));
    assert_eq!(doc.tasks[5].lead, merged.lead);
}

#[test]
fn check_reads_the_notice() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planq"))
        .arg("check")
        .arg(fixture("notice.docx"))
        .output()
        .expect("planq runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("notice.docx  [annual_tasks] 青岚县"),
        "{stdout}"
    );
    assert!(
        stdout.contains("sections 2  tasks 7  units 13  targets 13"),
        "{stdout}"
    );
}

/// A legacy .doc and an .odt are read through LibreOffice when it is installed, and give
/// the notice's model; without it, they are refused with the command that converts them.
#[test]
fn legacy_doc_and_odt_read_through_libreoffice() {
    let soffice = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| dir.join("soffice").is_file())
    });
    for file in ["notice.doc", "notice.odt"] {
        if soffice {
            let doc = super::same_as_twin(file, "notice.txt");
            assert_eq!(doc.tasks.len(), 7, "{file}");
        } else {
            let err = planq::ingest::load_file(&super::fixture(file), false).unwrap_err();
            assert!(
                err.to_string()
                    .contains("soffice --headless --convert-to docx"),
                "{err}"
            );
        }
    }
}
