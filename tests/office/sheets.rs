//! Workbooks: the ledger as .xlsx, .ods and .xls reads as its text twin, cover sheet first.

use super::same_as_twin;

/// What every copy of the ledger must give beyond agreeing with the twin.
fn ledger_specifics(file: &str) {
    let doc = same_as_twin(file, "ledger.txt");
    assert_eq!(doc.tasks.len(), 6, "{file}");
    assert_eq!(doc.doc_number.as_deref(), Some("望政办发〔2025〕12号"));
    assert_eq!(doc.date.as_deref(), Some("2025-03-05"));
    let sections: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["稳增长", "惠民生"]);
    // Two units on two lines of one cell are two units.
    let t1 = &doc.tasks[0];
    assert_eq!(t1.support, ["县工业和信息化局", "县财政局"]);
    // A date cell reads as the day it is.
    let t2 = &doc.tasks[1];
    assert_eq!(t2.due.as_deref(), Some("2025年6月30日"));
    assert_eq!(t2.due_date.as_deref(), Some("2025-06-30"));
    assert_eq!(t2.text, "推进园区标准化厂房建设，新建厂房8万平方米。");
    // Rows are counted as the sheet counts them: title row 1, header row 2.
    assert_eq!(t2.place.as_deref(), Some("sheet 任务台账 row 4"));
    let t6 = &doc.tasks[5];
    assert_eq!(t6.section.as_deref(), Some("2"));
    assert_eq!(
        t6.lead,
        ["县住房城乡建设局"],
        "{file}: lead merged over two rows"
    );
    assert_eq!(doc.warnings, []);
}

#[test]
fn xlsx_ledger_reads_as_its_twin() {
    ledger_specifics("ledger.xlsx");
}

#[test]
fn ods_ledger_reads_as_its_twin() {
    ledger_specifics("ledger.ods");
}

#[test]
fn xls_ledger_reads_as_its_twin() {
    ledger_specifics("ledger.xls");
}

/// Workbooks in the layouts offices produce (tests/fixtures/office/workbooks/make.py):
/// each reads exactly as its twin; `.lo.ods`/`.lo.xls` are LibreOffice's copies.
#[test]
fn workbooks_as_offices_make_them_read_as_their_twins() {
    let dir = std::path::Path::new(super::DIR).join("workbooks");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".xlsx") || n.ends_with(".xls") || n.ends_with(".ods"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 26, "{files:?}");
    for file in &files {
        // calamine gives no number formats for .xls: see workbook_specifics.
        if file == "v06_numbers_dates.lo.xls" {
            continue;
        }
        let stem = file
            .trim_end_matches(".xlsx")
            .trim_end_matches(".xls")
            .trim_end_matches(".ods")
            .trim_end_matches(".lo");
        if stem.ends_with(".raw") {
            continue;
        }
        same_as_twin(
            &format!("workbooks/{file}"),
            &format!("workbooks/{stem}.txt"),
        );
    }
}

/// Specifics the twins alone would not show.
#[test]
fn workbook_specifics() {
    // A task merged down three rows takes every row's units.
    let doc = super::load("workbooks/v03_task_two_rows.xlsx");
    assert_eq!(doc.tasks.len(), 4);
    let t3 = &doc.tasks[2];
    assert_eq!(t3.lead, ["县住房和城乡建设局", "县自然资源局"]);
    assert_eq!(t3.support, ["县财政局", "各街道办事处", "县供电公司"]);
    assert_eq!(t3.place.as_deref(), Some("sheet 任务清单 row 6"));
    assert_eq!(doc.tasks[3].place.as_deref(), Some("sheet 任务清单 row 9"));
    // Number formats: the percent cell keeps its target, a month-only date ends the month.
    let doc = super::load("workbooks/v06_numbers_dates.xlsx");
    let t2 = &doc.tasks[1];
    assert_eq!(t2.targets.len(), 1);
    assert_eq!(t2.targets[0].unit, "%");
    assert_eq!(t2.targets[0].value.to_string(), "6.5");
    assert_eq!(t2.due.as_deref(), Some("2025年6月"));
    assert_eq!(t2.due_date.as_deref(), Some("2025-06-30"));
    // An .xls keeps its number formats where calamine cannot read them: the stored value.
    let xls = super::load("workbooks/v06_numbers_dates.lo.xls");
    assert_eq!(xls.tasks[1].due.as_deref(), Some("2025年6月1日"));
    assert_eq!(xls.tasks[1].targets.len(), 0);
    // A hidden sheet is not read, and says so.
    let doc = super::load("workbooks/v07_multi_sheet.xlsx");
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.message == "sheet 下拉选项: hidden, not read"));
    // Formulas nobody calculated: said, not silently empty.
    let doc = super::load("workbooks/v13_formula_richtext.raw.xlsx");
    assert_eq!(doc.tasks.len(), 0);
    assert!(doc.warnings.iter().any(|w| w
        .message
        .starts_with("sheet 台账: 3 formula cells have no saved value")));
}
