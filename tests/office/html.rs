//! Web pages: a saved county page (GB2312, navigation, byline table, share buttons, related
//! links and footer around the article) reads as its text twin.

use super::same_as_twin;
use planq::model::WarningKind;

#[test]
fn saved_page_reads_as_its_twin() {
    let doc = same_as_twin("page.html", "page.txt");
    assert_eq!(doc.tasks.len(), 8);
    // The byline table's fields and the article's own notice title.
    assert_eq!(doc.doc_number.as_deref(), Some("松政办发〔2025〕7号"));
    assert_eq!(doc.issuer.as_deref(), Some("松阳河区人民政府办公室"));
    assert_eq!(doc.date.as_deref(), Some("2025-02-10"));
    assert_eq!(doc.region.as_deref(), Some("松阳河区"));
    assert_eq!(
        doc.title.as_deref(),
        Some("松阳河区2025年稳就业促发展重点工作任务")
    );

    let t1 = &doc.tasks[0];
    assert_eq!(t1.title, "实施重点群体就业帮扶");
    assert_eq!(t1.support, ["区财政局", "区总工会"]);
    let targets: Vec<String> = t1
        .targets
        .iter()
        .map(|t| format!("{}{}", t.value, t.unit))
        .collect();
    assert_eq!(targets, ["1200个", "300人"]);

    // Two units on either side of a <br> in one cell are two leads.
    let t6 = &doc.tasks[5];
    assert_eq!(t6.no, "6");
    assert_eq!(t6.lead, ["区人力资源和社会保障局", "区财政局"]);
    assert_eq!(t6.place.as_deref(), Some("table 1 row 3"));
    // Wrapped text in <p>s of one cell is one text.
    assert!(
        t6.text
            .contains("建成零工市场1个，服务灵活就业人员3000人次"),
        "{}",
        t6.text
    );

    // The row under a category cell merged over two rows is in that category.
    let t7 = &doc.tasks[6];
    assert_eq!(t7.title, "建设创业孵化基地");
    let section = doc
        .sections
        .iter()
        .find(|s| Some(&s.id) == t7.section.as_ref())
        .map(|s| s.title.as_str());
    assert_eq!(section, Some("就业创业"));
    assert_eq!(t7.place.as_deref(), Some("table 1 row 4"));

    // Nothing of the site's chrome reached a task.
    for task in &doc.tasks {
        for chrome in ["分享", "首页", "备案", "打印", "相关链接", "浏览次数"] {
            assert!(!task.text.contains(chrome), "{chrome} in {}", task.text);
        }
    }
    // The reader had nothing to leave out or guess.
    assert!(
        doc.warnings.iter().all(|w| w.kind != WarningKind::Format),
        "{:?}",
        doc.warnings
    );
}
