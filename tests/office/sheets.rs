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
