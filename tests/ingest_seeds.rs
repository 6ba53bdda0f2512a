//! Exact expectations for the five embedded seed documents: structure, metadata, units,
//! targets of the tricky tasks, and the accounting of every source line.

use planq::ingest::{seed_corpus, SEEDS};
use planq::model::{Comparator, Corpus, Document, DocumentKind, Task, WarningKind};
use std::sync::LazyLock;

static CORPUS: LazyLock<Corpus> = LazyLock::new(seed_corpus);

fn doc(prefix: &str) -> &'static Document {
    CORPUS
        .documents
        .iter()
        .find(|d| d.file.starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

fn task<'a>(doc: &'a Document, section: &str, no: &str) -> &'a Task {
    doc.tasks
        .iter()
        .find(|t| t.no == no && t.section.as_deref() == Some(section))
        .unwrap_or_else(|| panic!("no task {section}/{no} in {}", doc.file))
}

/// The annual notices number their tasks once across the document.
fn annual_task(doc: &'static Document, no: &str) -> &'static Task {
    let found: Vec<&Task> = doc.tasks.iter().filter(|t| t.no == no).collect();
    assert_eq!(found.len(), 1, "task {no} of {} should be unique", doc.file);
    found[0]
}

/// Targets as `value[-hi]unit cmp`, e.g. `15家 >=`.
fn targets(task: &Task) -> Vec<String> {
    task.targets
        .iter()
        .map(|t| match t.value_hi {
            Some(hi) => format!("{}-{}{} {}", t.value, hi, t.unit, t.cmp),
            None => format!("{}{} {}", t.value, t.unit, t.cmp),
        })
        .collect()
}

#[test]
fn task_and_section_counts() {
    let counts: Vec<(usize, usize)> = ["000", "002", "003", "004"]
        .iter()
        .map(|p| (doc(p).tasks.len(), doc(p).sections.len()))
        .collect();
    assert_eq!(counts, [(57, 12), (90, 11), (75, 12), (46, 11)]);
    for prefix in ["000", "002", "003", "004"] {
        assert_eq!(doc(prefix).kind, DocumentKind::AnnualTasks);
        let numbers: Vec<String> = doc(prefix).tasks.iter().map(|t| t.no.clone()).collect();
        let expected: Vec<String> = (1..=numbers.len()).map(|n| n.to_string()).collect();
        assert_eq!(numbers, expected, "tasks of {prefix} run 1..n in order");
    }
}

#[test]
fn metadata() {
    let meta = |p: &str| {
        let d = doc(p);
        (
            d.region.as_deref(),
            d.doc_number.as_deref(),
            d.issuer.as_deref(),
            d.date.as_deref(),
        )
    };
    assert_eq!(
        meta("000"),
        (
            Some("文昌湖区"),
            Some("淄文昌管办字〔2023〕15号"),
            Some("淄博文昌湖省级旅游度假区管理委员会办公室"),
            Some("2023-07-17")
        )
    );
    assert_eq!(
        meta("001"),
        (
            Some("文昌湖区"),
            Some("淄文昌管202126"),
            Some("淄博文昌湖省级旅游度假区管理委员会"),
            Some("2021-12-11")
        )
    );
    assert_eq!(
        meta("002"),
        (
            Some("东昌府区"),
            Some("东昌政办字〔2023〕11号"),
            Some("东昌府区人民政府办公室"),
            Some("2023-05-11")
        )
    );
    // The web page says 发文日期 2023-07-06; the notice was signed on 7月5日.
    assert_eq!(
        meta("003"),
        (
            Some("沂源县"),
            Some("源政办字〔2023〕21号"),
            Some("沂源县人民政府办公室"),
            Some("2023-07-05")
        )
    );
    assert_eq!(
        meta("004"),
        (
            Some("台儿庄区"),
            Some("台政办字〔2023〕15号"),
            Some("台儿庄区人民政府办公室"),
            Some("2023-08-25")
        )
    );
}

#[test]
fn plan_titles_lose_pdf_spaces() {
    assert_eq!(
        doc("000").title.as_deref(),
        Some("文昌湖区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务")
    );
    assert_eq!(
        doc("002").title.as_deref(),
        Some("东昌府区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务")
    );
    assert_eq!(
        doc("004").title.as_deref(),
        Some("台儿庄区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务")
    );
    assert_eq!(
        doc("001").title.as_deref(),
        Some("淄博文昌湖省级旅游度假区国民经济和社会发展“十四五”规划和2035年远景目标纲要")
    );
}

#[test]
fn simple_and_lead_support_notes() {
    let d = doc("000");
    let t = annual_task(d, "1");
    assert_eq!((t.title.as_str(), t.line), ("加快高能级创新平台建设", 25));
    assert_eq!(t.lead, ["区经济发展局"]);
    assert!(t.support.is_empty());
    let t = annual_task(d, "4");
    assert_eq!(t.lead, ["区工委组织人事部"]);
    assert_eq!(t.support, ["区地方事业局", "区经济发展局"]);
    let t = annual_task(d, "20");
    assert_eq!(t.lead, ["区自然资源和规划分局", "区安监局"]);
    assert_eq!(t.support, ["区农业农村综合服务中心"]);
}

#[test]
fn page_broken_notes_are_repaired() {
    // 000 task 21: the note breaks after 区投资促进中心、 and goes on two lines later.
    let t = annual_task(doc("000"), "21");
    assert_eq!(
        t.support,
        ["区投资促进中心", "区安监环保局", "区市场监管局"]
    );
    // 000 task 14: a sentence broken mid-word (货币 / 政策) is one text again.
    assert!(annual_task(doc("000"), "14")
        .text
        .contains("强化货币政策工具运用"));
    // 002 task 19: a unit name broken across the page (区生态环境 / 分局).
    let t = annual_task(doc("002"), "19");
    assert_eq!(t.lead.last().map(String::as_str), Some("区生态环境分局"));
    assert_eq!(t.lead.len(), 6);
    // 002 task 72: the break falls inside the word 牵头 (牵 / 头单位).
    let t = annual_task(doc("002"), "72");
    assert_eq!(t.lead, ["区人力资源和社会保障局"]);
    assert_eq!(
        t.support,
        ["区农业农村局", "区退役军人事务局", "区妇联", "区残联"]
    );
    // 002 task 59: the note stands alone in the next paragraph.
    let t = annual_task(doc("002"), "59");
    assert_eq!(t.lead, ["区商务和投资促进局"]);
    assert_eq!(t.support.len(), 4);
    // 002 task 65: a half-width note alone in the next paragraph.
    assert_eq!(
        annual_task(doc("002"), "65").lead,
        ["区委宣传部", "区文化和旅游局"]
    );
}

#[test]
fn note_forms_of_other_notices() {
    let t = annual_task(doc("002"), "3");
    assert_eq!(t.lead, ["区科学技术局"]);
    assert_eq!(t.support, ["区商务和投资促进局", "区人力资源和社会保障局"]);
    // A unit whose own name contains 牵头 stays support in the 配合 clause.
    let t = annual_task(doc("003"), "9");
    assert_eq!(t.support, ["县发展改革局", "县有关产业专班牵头部门"]);
    assert_eq!(
        annual_task(doc("003"), "52").lead,
        ["县商务局", "经济开发区"]
    );
    let t = annual_task(doc("003"), "54");
    assert_eq!(t.support, ["各镇", "街道", "经济开发区", "国投集团"]);
    // 按职责分工负责: every unit leads.
    let t = annual_task(doc("004"), "29");
    assert_eq!(t.lead.len(), 7);
    assert_eq!(t.lead[0], "区政府办公室");
    // 责任单位 list closed by 等.
    let t = annual_task(doc("004"), "33");
    assert_eq!(
        t.lead,
        [
            "经济开发区",
            "区委组织部",
            "区工业和信息化局",
            "区发展改革局",
            "区自然资源局"
        ]
    );
}

#[test]
fn tasks_without_units_are_warned() {
    let d = doc("000");
    for no in ["56", "57"] {
        let t = annual_task(d, no);
        assert!(t.lead.is_empty() && t.support.is_empty());
        assert!(d
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::NoUnits && w.line == t.line));
    }
    let no_units = |p: &str| {
        doc(p)
            .tasks
            .iter()
            .filter(|t| t.lead.is_empty() && t.support.is_empty())
            .count()
    };
    assert_eq!(
        [
            no_units("000"),
            no_units("002"),
            no_units("003"),
            no_units("004")
        ],
        [2, 3, 4, 2]
    );
}

#[test]
fn targets_with_comparators_and_scales() {
    let d = doc("000");
    assert_eq!(targets(annual_task(d, "3")), ["20家 =", "25家 ="]);
    assert_eq!(targets(annual_task(d, "13")), ["2-3个 range"]);
    assert_eq!(
        targets(annual_task(d, "43")),
        ["1部 =", "4场 =", "1处 =", "2处 =", "700场 >="]
    );
    let water = &annual_task(d, "27").targets[0];
    assert_eq!(
        (water.value.to_string(), water.unit.as_str(), water.cmp),
        ("1238".into(), "万立方米", Comparator::Le)
    );
    assert_eq!(
        (
            water.base_value.to_string(),
            water.base_unit.as_str(),
            water.line
        ),
        ("12380000".into(), "立方米", 89)
    );
    let money = &annual_task(d, "39").targets[0];
    assert_eq!(
        (money.unit.as_str(), money.cmp, money.base_value.to_string()),
        ("个亿", Comparator::Ge, "500000000".into())
    );
    assert_eq!(money.base_unit, "元");
    let solar = &annual_task(d, "22").targets[0];
    assert_eq!(
        (solar.metric.as_deref(), solar.base_value.to_string()),
        (Some("光伏装机容量"), "10000".into())
    );
    let pigs = &annual_task(doc("002"), "44").targets[0];
    assert_eq!(
        (
            pigs.value.to_string(),
            pigs.unit.as_str(),
            pigs.base_value.to_string()
        ),
        ("0.9".into(), "万头", "9000".into())
    );
    assert_eq!(
        targets(annual_task(doc("002"), "42")),
        ["4.1万亩 ~", "320万公斤 >="]
    );
    assert_eq!(
        targets(annual_task(doc("003"), "9")),
        [
            "6条 =",
            "80% =",
            "180亿元 =",
            "130亿元 =",
            "20亿元 =",
            "20亿元 ="
        ]
    );
}

#[test]
fn non_targets_are_left_out() {
    // 人才金政 50 条 is a quoted name.
    assert_eq!(targets(annual_task(doc("000"), "4")), ["150人 >="]);
    // 5G is a name; 500万元以上 only qualifies the projects counted.
    assert_eq!(
        targets(annual_task(doc("002"), "23")),
        ["100个 =", "1700个 >="]
    );
    assert_eq!(targets(annual_task(doc("002"), "11")), ["20个 ~"]);
    // 总投资 10 亿元、20 亿元… 以上的大项目 describes projects, not a target.
    assert_eq!(
        targets(annual_task(doc("002"), "19")),
        ["160个 ~", "100个 ~", "20个 ~"]
    );
    // 30万千瓦以下小煤电机组 is a size class.
    assert_eq!(targets(annual_task(doc("004"), "11")), ["30万千瓦 >="]);
    // 10G-PON is a name; the share after it is a target.
    assert_eq!(
        targets(annual_task(doc("004"), "12")),
        ["100个 >=", "65% >="]
    );
}

#[test]
fn five_year_plan_structure() {
    let d = doc("001");
    assert_eq!(d.kind, DocumentKind::FiveYearPlan);
    let chapters: Vec<&str> = d
        .sections
        .iter()
        .filter(|s| s.level == 1)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(chapters, ["1", "2", "3", "4", "5", "6", "7", "8"]);
    assert_eq!(d.sections.len(), 37);
    assert_eq!(d.tasks.len(), 37);
    // 3.1 lost its 第一节 in extraction; it is found and numbered by position.
    let s = d.section("3.1").expect("section 3.1");
    assert_eq!(
        (s.title.as_str(), s.line, s.no.as_str()),
        ("引育高水平创新主体", 215, "第一节")
    );
    let t = task(d, "3.1", "1");
    assert_eq!((t.title.as_str(), t.line), ("积极布局研发创新平台", 217));
    assert_eq!(targets(t), ["15家 ="]);
    let incubators = &task(d, "3.3", "1").targets[0];
    assert_eq!(
        (incubators.metric.as_deref(), incubators.cmp),
        (Some("省级及以上众创空间"), Comparator::Ge)
    );
    assert_eq!(task(d, "8.4", "2").title, "强化规划监督评估");
    // Historical figures of the 十三五 review are not targets.
    assert_eq!(d.tasks.iter().map(|t| t.targets.len()).sum::<usize>(), 6);
}

#[test]
fn five_year_indicators() {
    let d = doc("001");
    assert_eq!(d.indicators.len(), 10);
    let row = |no: &str| d.indicators.iter().find(|i| i.no == no).expect("indicator");
    let first = row("1");
    assert_eq!(
        (
            first.category.as_deref(),
            first.name.as_str(),
            first.unit.as_deref()
        ),
        (Some("经济发展"), "一般公共预算收入", Some("亿元"))
    );
    assert_eq!(
        (
            first.base.as_deref(),
            first.target.as_deref(),
            first.attribute.as_deref()
        ),
        (Some("2.24"), Some("3"), Some("预期性"))
    );
    assert_eq!(
        (first.base_year.as_deref(), first.target_year.as_deref()),
        (Some("2020"), Some("2025"))
    );
    // Damaged rows: a lost bracket, a single value cell, a 以内 target.
    assert_eq!(
        (row("4").name.as_str(), row("4").unit.as_deref()),
        ("高新技术产业产值占比", Some("%"))
    );
    assert_eq!(
        (row("8").base.as_deref(), row("8").target.as_deref()),
        (None, Some("与地区经济增长同步"))
    );
    assert_eq!(
        (row("9").target.as_deref(), row("9").cmp),
        (Some("4.5"), Comparator::Le)
    );
    assert_eq!(row("7").target.as_deref(), Some("完成上级下达任务"));
    let binding: Vec<&str> = d
        .indicators
        .iter()
        .filter(|i| i.attribute.as_deref() == Some("约束性"))
        .map(|i| i.no.as_str())
        .collect();
    assert_eq!(binding, ["5", "6", "7"]);
}

#[test]
fn five_year_columns() {
    let d = doc("001");
    let columns: Vec<(&str, usize)> = d
        .columns
        .iter()
        .map(|c| (c.no.as_str(), c.items.len()))
        .collect();
    assert_eq!(
        columns,
        [("1", 2), ("2", 3), ("3", 2), ("4", 3), ("5", 2), ("6", 2)]
    );
    assert_eq!(d.columns[0].title, "文化旅游品牌塑造重点工程");
    assert_eq!(
        d.columns[1].items,
        ["新一代信息技术", "医养健康", "现代服务"]
    );
}

#[test]
fn every_line_is_accounted_for() {
    for (file, text) in SEEDS {
        let d = CORPUS
            .documents
            .iter()
            .find(|d| d.file == *file)
            .expect("seed loaded");
        let l = &d.lines;
        assert_eq!(
            l.total,
            text.lines().count(),
            "{file}: every source line counted"
        );
        let placed = l.blank
            + l.header
            + l.heading
            + l.task
            + l.note
            + l.table
            + l.column
            + l.prose
            + l.footer
            + l.page;
        assert_eq!(placed + l.unplaced, l.total);
        assert_eq!(l.unplaced, 0, "{file}: nothing left unplaced");
        assert_eq!(
            l.heading,
            d.sections.len(),
            "{file}: one heading line per section"
        );
    }
}

#[test]
fn footer_lines_are_closing_matter_not_task_text() {
    let d = doc("000");
    // ---, the 印发 line, and a closing ---.
    assert_eq!(d.lines.footer, 3);
    assert!(!annual_task(d, "57").text.contains("印发"));
    // The five-year plan closes with `office 20211211印发` (a damaged date) after its last measure.
    let plan = doc("001");
    assert_eq!(plan.lines.footer, 1);
    assert!(!task(plan, "8.4", "2").text.contains("印发"));
}
