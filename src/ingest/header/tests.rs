//! Unit tests of header: each form the genre uses, and what must not be read.

use super::*;
use crate::ingest::lines::split;

fn header(text: &str) -> Header {
    let lines = split(text);
    read(&lines, &lines, DocumentKind::AnnualTasks, None)
}

#[test]
fn plain_notice() {
    let h = header("淄文昌管办字〔2023〕15号\n\n# 某某区管理委员会办公室 关于印发某某区深化改革 2023 年重点工作任务的通知\n\n各镇：\n\n某某区管理委员会办公室\n\n2023年7月17日\n");
    assert_eq!(h.doc_number.as_deref(), Some("淄文昌管办字〔2023〕15号"));
    assert_eq!(h.issuer.as_deref(), Some("某某区管理委员会办公室"));
    assert_eq!(h.title.as_deref(), Some("某某区深化改革2023年重点工作任务"));
    assert_eq!(h.date.as_deref(), Some("2023-07-17"));
    assert_eq!(h.region.as_deref(), Some("某某区"));
    assert_eq!(h.plan_year, Some(2023));
}

#[test]
fn labels_are_not_part_of_values() {
    let h = header("名　　称：乙县人民政府办公室关于印发乙县2025年重点工作任务的通知\n发布机构：乙县人民政府办公室\n");
    assert_eq!(h.issuer.as_deref(), Some("乙县人民政府办公室"));
    assert_eq!(h.title.as_deref(), Some("乙县2025年重点工作任务"));
}

#[test]
fn bylines_and_report_headers_name_the_issuer() {
    let h = header(
        "丙区2024年民生实事推进情况表\n填报单位：丙区人民政府督查室　　填报日期：2024年7月8日\n",
    );
    assert_eq!(h.issuer.as_deref(), Some("丙区人民政府督查室"));
    assert_eq!(h.date.as_deref(), Some("2024-07-08"));
    assert_eq!(h.title.as_deref(), Some("丙区2024年民生实事推进情况表"));
    assert_eq!(h.region.as_deref(), Some("丙区"));
}

#[test]
fn web_page_fields() {
    let h = header("标题: 甲县人民政府办公室关于印发甲县2024年工作要点的通知\n索引号: 1/2024 文号: 甲政办字〔2024〕3号\n发文日期: 2024-03-02 发布机构: 甲县人民政府办公室\n");
    assert_eq!(h.doc_number.as_deref(), Some("甲政办字〔2024〕3号"));
    assert_eq!(h.date.as_deref(), Some("2024-03-02"));
    assert_eq!(h.region.as_deref(), Some("甲县"));
}

#[test]
fn chinese_numeral_signature_date() {
    let h = header("丙县人民政府办公室\n二〇二三年十一月二十日\n");
    assert_eq!(h.date.as_deref(), Some("2023-11-20"));
}

#[test]
fn signature_at_the_end_and_dotted_dates() {
    let lines = split(
        "甲县2024年重点任务分工方案\n一、稳增长\n1.扩大投资。\n\n甲县人民政府办公室\n\n2024.3.1\n",
    );
    let closing = closing_signature(&lines).unwrap();
    assert_eq!(closing.lines, [7, 5]);
    let h = read(
        &lines[..1],
        &lines,
        DocumentKind::AnnualTasks,
        Some(&closing),
    );
    assert_eq!(h.date.as_deref(), Some("2024-03-01"));
    assert_eq!(h.issuer.as_deref(), Some("甲县人民政府办公室"));
    assert_eq!(h.title.as_deref(), Some("甲县2024年重点任务分工方案"));
}

#[test]
fn region_from_the_issuer_and_issuer_from_the_masthead() {
    let h =
        header("乙县人民政府办公室文件\n2024年政府工作报告重点工作分工方案\n二〇二四年三月一日\n");
    assert_eq!(h.issuer.as_deref(), Some("乙县人民政府办公室"));
    assert_eq!(h.region.as_deref(), Some("乙县"));
}

#[test]
fn a_title_on_the_whole_county_leaves_the_region_to_the_issuer() {
    let h = header("丁县人民政府办公室\n丁县人民政府办公室关于印发2025年全县重点工作任务的通知\n");
    assert_eq!(h.region.as_deref(), Some("丁县"));
    let h =
        header("关于2025年上半年县政府重点工作推进情况的通报\n戊县人民政府督查室\n2025年7月8日\n");
    assert_eq!(h.region.as_deref(), Some("戊县"));
}

#[test]
fn joint_notice_names_both_offices() {
    let h = header("中共丙区委办公室\n丙区人民政府办公室\n关于印发丙区2024年重点任务的通知\n");
    assert_eq!(
        h.issuer.as_deref(),
        Some("中共丙区委办公室、丙区人民政府办公室")
    );
}

#[test]
fn signature_is_found_above_closing_matter() {
    let lines = split("丁县2024年重点任务\n一、稳增长\n1.扩大投资。\n丁县人民政府办公室\n2024年2月18日\n（此件公开发布）\n抄送：县委办公室。\n丁县人民政府办公室  2024年2月19日印发\n");
    let closing = closing_signature(&lines).unwrap();
    assert_eq!(closing.date, "2024-02-18");
    let h = read(
        &lines[..1],
        &lines,
        DocumentKind::AnnualTasks,
        Some(&closing),
    );
    assert_eq!(h.date.as_deref(), Some("2024-02-18"));
}

#[test]
fn damaged_number_kept_and_flagged() {
    let h = header("乙县人民政府关于印发乙县规划的通知\n\n乙政发202126\n");
    assert_eq!(h.doc_number.as_deref(), Some("乙政发202126"));
    assert!(h.damaged_doc_number);
}

#[test]
fn district_names_that_end_like_a_kind_of_place() {
    assert_eq!(
        header("海城区2024年重点工作任务\n").region.as_deref(),
        Some("海城区")
    );
    assert_eq!(header("某某经济开发区2024年重点工作任务\n").region, None);
}

#[test]
fn doc_number_issuer_is_at_most_sixteen_chars() {
    // Inside a line, the issuer is the end of the Han run before the bracket.
    let inline = [
        "各单位：现将市政府印发的甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未政办发〔2024〕7号转发给你们",
    ];
    assert_eq!(
        doc_number(&inline).0.as_deref(),
        Some("己庚辛壬癸子丑寅卯辰巳午未政办发〔2024〕7号")
    );
    // A line of seventeen Han chars before the bracket is no 文号 line: the inline reading
    // keeps its last sixteen.
    let long = ["甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午〔2024〕7号"];
    assert_eq!(
        doc_number(&long).0.as_deref(),
        Some("乙丙丁戊己庚辛壬癸子丑寅卯辰巳午〔2024〕7号")
    );
    // A damaged number needs two chars of issuer at least.
    assert_eq!(doc_number(&["乙202126"]), (None, false));
    assert_eq!(
        doc_number(&["乙政202126"]),
        (Some("乙政202126".into()), true)
    );
}

#[test]
fn the_office_above_a_printed_line_signs_a_body_line_does_not() {
    let lines = split(
        "戊县2025年重点任务\n一、稳增长\n1.扩大投资。\n戊县人民政府办公室\n2025年3月5日印发\n",
    );
    let closing = closing_signature(&lines).expect("a signature");
    assert_eq!(closing.date, "2025-03-05");
    assert_eq!(closing.office.as_deref(), Some("戊县人民政府办公室"));
    let lines = split("戊县2025年重点任务\n一、稳增长\n1.扩大投资。\n责任单位：县财政局、县审计局、县国资中心\n2025年3月5日印发\n");
    assert!(closing_signature(&lines).is_none());
}

#[test]
fn a_report_titles_itself_by_what_it_reports() {
    for title in [
        "关于2025年第二季度县政府重点工作督查情况的反馈",
        "溪岚市发展和改革委员会关于2025年上半年市政府重点工作推进情况的报告",
    ] {
        let h = header(&format!("{title}\n市政府：\n"));
        assert_eq!(h.title.as_deref(), Some(title));
    }
}
