//! Unit tests of notes: each form the genre uses, and what must not be read.

use super::*;

/// Asserts the trailing note of `text` names exactly these units.
fn check(text: &str, lead: &[&str], support: &[&str]) {
    let (_, n) = trailing_note(text).unwrap_or_else(|| panic!("no note in {text}"));
    let (got_lead, got_support) = n.resolve(false);
    assert_eq!(got_lead, lead, "lead of {text}");
    assert_eq!(got_support, support, "support of {text}");
}

#[test]
fn simple_responsible() {
    check("做好工作。（区经济发展局负责）", &["区经济发展局"], &[]);
    check(
        "x。（区工委组织人事部、区地方事业局等部门负责）",
        &["区工委组织人事部", "区地方事业局"],
        &[],
    );
}

#[test]
fn lead_and_support() {
    check(
        "x。(区经济发展局牵头,各镇供电所等部门配合)",
        &["区经济发展局"],
        &["各镇供电所"],
    );
    check(
        "x。（A局、B局牵头，C局、D中心等部门配合）",
        &["A局", "B局"],
        &["C局", "D中心"],
    );
}

#[test]
fn labelled_forms() {
    check(
        "x。（牵头单位：区科学技术局，参与单位：区商务局、区人社局）",
        &["区科学技术局"],
        &["区商务局", "区人社局"],
    );
    check(
        "x。(责任单位:区科技局、区工信局)",
        &["区科技局", "区工信局"],
        &[],
    );
    check("x。[牵头单位:A局;配合单位:B局]", &["A局"], &["B局"]);
    check("x。【责任单位：A局】", &["A局"], &[]);
}

#[test]
fn unit_named_with_qiantou_stays_support() {
    check(
        "x。(县工信局牵头,县发改局、县有关产业专班牵头部门等配合)",
        &["县工信局"],
        &["县发改局", "县有关产业专班牵头部门"],
    );
}

#[test]
fn by_duty_and_lead_responsible() {
    check("x。(A办、B局按职责分工负责)", &["A办", "B局"], &[]);
    check(
        "x。(县商务局、经济开发区牵头负责)",
        &["县商务局", "经济开发区"],
        &[],
    );
}

#[test]
fn body_parenthesis_is_not_a_note() {
    assert!(trailing_note("建设重点实验室（工程实验室）").is_none());
    assert!(trailing_note("完成《规划(2021—2035年)》编制").is_none());
}

#[test]
fn mixed_width_brackets_and_due() {
    let (_, n) = trailing_note("x。（牵头单位：A局；完成时限：2023年12月底前)").unwrap();
    assert_eq!(n.due.as_deref(), Some("2023年12月底前"));
    assert_eq!(n.lead, vec!["A局"]);
}

#[test]
fn notes_without_brackets_and_with_you() {
    check(
        "建设项目。责任单位：区发改局、区财政局",
        &["区发改局", "区财政局"],
        &[],
    );
    check(
        "建设项目。（由区发改局牵头，区财政局配合）",
        &["区发改局"],
        &["区财政局"],
    );
    assert!(trailing_note("牵头单位：区发改局").is_none());
}

#[test]
fn people_and_phones_are_not_units() {
    check(
        "x。（责任单位：县民政局；责任领导：张副县长；责任人：李明）",
        &["县民政局"],
        &[],
    );
    check(
        "x。（牵头单位：县文化和旅游局 责任人：周强 联系电话：138）",
        &["县文化和旅游局"],
        &[],
    );
}

#[test]
fn deadline_inside_an_unlabelled_note() {
    let (_, n) = trailing_note("x。（县财政局牵头，县统计局配合，2024年底前完成）").unwrap();
    // The deadline without its verb, as a deadline column would give it.
    assert_eq!(n.due.as_deref(), Some("2024年底前"));
    assert_eq!(n.support, ["县统计局"]);
}

#[test]
fn note_sentence_without_brackets() {
    check(
        "完成改造。县农业农村局牵头，县财政局配合。",
        &["县农业农村局"],
        &["县财政局"],
    );
    assert!(trailing_note("完成改造。各地要切实负责。").is_none());
}

#[test]
fn label_after_a_note_on_the_same_line() {
    let (_, n) = trailing_note("完成。（县交通运输局负责）完成时限：2024年12月底").unwrap();
    assert_eq!(n.due.as_deref(), Some("2024年12月底"));
}

#[test]
fn notes_inside_the_text() {
    let notes =
        notes_within("完成10个。（县发改局牵头）推进5项。（县财政局负责）建设（工程实验室）");
    let leads: Vec<String> = notes.iter().flat_map(|n| n.resolve(false).0).collect();
    assert_eq!(leads, ["县发改局", "县财政局"]);
}

#[test]
fn stray_spaces_inside_a_unit_name_go() {
    check("x。（县 财政局负责）", &["县财政局"], &[]);
    check(
        "x。（县住房和城乡建 设局负责）",
        &["县住房和城乡建设局"],
        &[],
    );
    check(
        "x。（市生态环境局 云塘分局负责）",
        &["市生态环境局云塘分局"],
        &[],
    );
    check(
        "x。（县 财 政 局 县 统 计 局负责）",
        &["县财政局县统计局"],
        &[],
    );
}

#[test]
fn a_space_between_whole_unit_names_separates_them() {
    assert_eq!(
        names::split_units("县财政局 县自然资源局  各乡镇（街道）"),
        ["县财政局", "县自然资源局", "各乡镇（街道）"]
    );
    assert_eq!(
        names::split_units("县发展和改革局、县财政局 县统计局"),
        ["县发展和改革局", "县财政局", "县统计局"]
    );
    // A unit cell of a table, which also tells people from units.
    let n = cell_note(Role::Support, "各乡镇（街道） 县财政局 县自然资源局");
    assert_eq!(n.support, ["各乡镇（街道）", "县财政局", "县自然资源局"]);
    let n = cell_note(Role::Lead, "区住房和城乡建设局 林振华");
    assert_eq!(
        (n.lead, n.leader),
        (
            vec!["区住房和城乡建设局".to_string()],
            vec!["林振华".to_string()]
        )
    );
}

#[test]
fn a_dated_bracket_is_no_note() {
    assert!(parse_note("2021—2035年").is_none());
    assert!(notes_within("完成《规划(2021—2035年)》编制").is_empty());
}

#[test]
fn roles_inside_a_labelled_value() {
    check(
        "x。（责任单位：县文旅局牵头，各乡镇街道配合）",
        &["县文旅局"],
        &["各乡镇街道"],
    );
    check(
        "x。（区人社局负责。时间节点：2024年12月）",
        &["区人社局"],
        &[],
    );
    // A unit marked （牵头） in a 责任单位 list leads; the others support.
    check(
        "x。（责任单位：区商务局（牵头）、区税务局）",
        &["区商务局"],
        &["区税务局"],
    );
    // ★ beside a unit marks it lead, and is no part of its name.
    check(
        "x。（责任单位：县住房和城乡建设局★、县城市管理局、★县交通运输局）",
        &["县住房和城乡建设局", "县交通运输局"],
        &["县城市管理局"],
    );
    // （共同牵头） after the second unit: both lead, the groups after it support.
    check(
        "x。（责任单位：县乡村振兴服务中心、县农业农村局（共同牵头），县民政局、县医疗保障局，各乡镇人民政府）",
        &["县乡村振兴服务中心", "县农业农村局"],
        &["县民政局", "县医疗保障局", "各乡镇人民政府"],
    );
    // The mark mid-run: the units up to it lead, those after it in the same run support.
    check(
        "x。（责任单位：县发改局、县财政局（联合牵头）、县统计局）",
        &["县发改局", "县财政局"],
        &["县统计局"],
    );
}

#[test]
fn lead_with_responsible_makes_responsible_support() {
    check(
        "x。牵头单位：县发改局。责任单位：县财政局、县统计局。",
        &["县发改局"],
        &["县财政局", "县统计局"],
    );
    check(
        "x。（牵头单位：县发改局；责任单位：县财政局）",
        &["县发改局"],
        &["县财政局"],
    );
    check(
        "x。【牵头单位】县商务局【责任单位】县财政局、各县（市、区）人民政府",
        &["县商务局"],
        &["县财政局", "各县（市、区）人民政府"],
    );
}

#[test]
fn a_clause_without_a_role_belongs_to_the_next_role() {
    check(
        "x。（县工信局牵头，县发改局、县财政局等部门，县统计局配合）",
        &["县工信局"],
        &["县发改局", "县财政局", "县统计局"],
    );
    check(
        "x。（县住建局（牵头）、县财政局、各镇（街道、园区））",
        &["县住建局"],
        &["县财政局", "各镇（街道、园区）"],
    );
}

#[test]
fn officials_in_a_note_are_leaders() {
    let (_, n) = trailing_note("x。（王立新副县长牵头，县发改局负责）").unwrap();
    assert_eq!(n.leader, ["王立新副县长"]);
    assert_eq!(n.resolve(false).0, ["县发改局"]);
    let (_, n) = trailing_note("x。（责任领导：李明、赵刚；牵头单位：县文旅局）").unwrap();
    assert_eq!(n.leader, ["李明", "赵刚"]);
    // The many ways an office names the official who answers for a task.
    for label in [
        "包抓县领导",
        "联系县领导",
        "挂点区领导",
        "县级责任领导",
        "包联领导",
    ] {
        let (_, n) = trailing_note(&format!("x。（{label}：李梅；责任部门：县文旅局）")).unwrap();
        assert_eq!(n.leader, ["李梅"], "{label}");
        assert_eq!(n.resolve(false).0, ["县文旅局"], "{label}");
    }
}

#[test]
fn first_listed_lists() {
    let (_, n) = trailing_bare_list("x。（区卫生健康局、区医疗保障局、区民政局）").unwrap();
    assert_eq!(
        n.resolve(true),
        (
            vec!["区卫生健康局".to_string()],
            vec!["区医疗保障局".to_string(), "区民政局".to_string()]
        )
    );
    assert!(is_first_listed_remark("注：列第一位的为牵头单位，下同。"));
    assert!(!is_first_listed_remark("第一个项目由县发改局负责"));
}

#[test]
fn group_headings_name_leaders_or_units() {
    assert_eq!(
        heading_names("郑国强副县长、马晓光副县长牵头").leader,
        ["郑国强副县长", "马晓光副县长"]
    );
    assert_eq!(heading_names("县农业农村局牵头工作").lead, ["县农业农村局"]);
    assert!(heading_names("全力扩大有效投资").is_empty());
}

#[test]
fn own_line_labels() {
    assert!(starts_with_label("牵头单位：区发改局"));
    assert!(starts_with_label("【配合单位:区财政局】"));
    assert!(!starts_with_label("区发改局牵头"));
}

#[test]
fn open_note_detected() {
    assert!(ends_in_open_note("做好。（牵头单位：区"));
    assert!(!ends_in_open_note("做好。（牵头单位：区局）"));
    assert!(!ends_in_open_note("文明实践所（站"));
}

#[test]
fn a_bare_list_with_a_bracketed_name_is_read_whole() {
    let (_, n) = trailing_bare_list("x。（各县（市、区）人民政府、县财政局）").unwrap();
    assert_eq!(n.bare, ["各县（市、区）人民政府", "县财政局"]);
}

#[test]
fn a_note_sentence_before_a_deadline_keeps_its_units() {
    // The units close one sentence and the deadline follows in the next, or in a bracket.
    check(
        "推进项目。实施重点项目100个。由县发展和改革局牵头，县财政局、县统计局配合。完成时限：2024年12月底前。",
        &["县发展和改革局"],
        &["县财政局", "县统计局"],
    );
    let (_, n) = trailing_note(
        "推进农村公路建设。新改建农村公路80公里。县交通运输局牵头，县财政局配合（完成时限：2024年11月底前）。",
    )
    .unwrap();
    assert_eq!(n.lead, ["县交通运输局"]);
    assert_eq!(n.support, ["县财政局"]);
    assert_eq!(n.due.as_deref(), Some("2024年11月底前"));
    // A sentence that names no unit by role is no note: the deadline alone is.
    let (_, n) = trailing_note("推进建设。新建公园3个（完成时限：2024年11月底前）。").unwrap();
    assert!(n.lead.is_empty() && n.support.is_empty());
    assert_eq!(n.due.as_deref(), Some("2024年11月底前"));
}

#[test]
fn a_units_own_mark_gives_its_role() {
    check(
        "x。责任单位：县民政局（主责）、县卫健局、县财政局。",
        &["县民政局"],
        &["县卫健局", "县财政局"],
    );
    // Marks are not part of a name: 县财政局（配合） is 县财政局.
    check(
        "x。（责任单位：县教体局、县财政局（配合）、县人社局（协办））",
        &["县教体局"],
        &["县财政局", "县人社局"],
    );
    check(
        "x。（牵头单位：县发改委；责任单位：县市场监管局（按职责分工负责））",
        &["县发改委"],
        &["县市场监管局"],
    );
}

#[test]
fn a_labels_own_units_come_before_its_role_clauses() {
    // 责任单位为A，B参与: A is the label's, B supports.
    check(
        "x。责任单位为县农业农村局，县卫生健康局参与。",
        &["县农业农村局"],
        &["县卫生健康局"],
    );
    check(
        "x。（牵头单位：县发改局、县工信局，县财政局配合）",
        &["县发改局", "县工信局"],
        &["县财政局"],
    );
    // A value whose first clause has its own role word reads as before.
    check(
        "x。（责任单位：县文旅局牵头，各乡镇街道配合）",
        &["县文旅局"],
        &["各乡镇街道"],
    );
}

#[test]
fn a_bare_list_may_carry_the_remark_and_a_deadline() {
    let n = parse_bare_list("县发改局、县财政局，排名第一的为牵头单位，下同").unwrap();
    assert_eq!(n.bare, ["县发改局", "县财政局"]);
    let n = parse_bare_list("县教育局、县公安局，2024年6月底前").unwrap();
    assert_eq!(n.bare, ["县教育局", "县公安局"]);
    assert_eq!(n.due.as_deref(), Some("2024年6月底前"));
    let n = parse_bare_list("县林业局、各乡镇（街道）").unwrap();
    assert_eq!(n.bare, ["县林业局", "各乡镇（街道）"]);
    // A clause that is neither a body nor a deadline makes it no list.
    assert!(parse_bare_list("县教育局、开展检查").is_none());
}

#[test]
fn wei_ends_only_a_label_that_names_its_kind() {
    // 责任单位为 is a label; 牵头为主 is prose about a role word.
    assert!(!LABEL.is_match("以县发改局牵头为主"));
    assert!(LABEL.is_match("牵头单位为县发改局"));
    check(
        "x。（完成时限为2024年底，责任单位为县统计局）",
        &["县统计局"],
        &[],
    );
}

#[test]
fn posts_stay_with_the_official_they_belong_to() {
    assert_eq!(
        split_names("县委常委、常务副县长 沈立群"),
        ["县委常委、常务副县长沈立群"]
    );
    assert_eq!(
        split_names("县委常委、副县长 卜晓东；副县长 邬海峰"),
        ["县委常委、副县长卜晓东", "副县长邬海峰"]
    );
    assert_eq!(
        split_names("县委副书记、县长严启明"),
        ["县委副书记、县长严启明"]
    );
    assert_eq!(
        split_names("县政府党组成员、县人大常委会副主任、县政协副主席 苏文"),
        ["县政府党组成员、县人大常委会副主任、县政协副主席苏文"]
    );
    // Names with their titles, and posts that name no one, are leaders each.
    assert_eq!(
        split_names("郑国强副县长、马晓光副县长"),
        ["郑国强副县长", "马晓光副县长"]
    );
    assert_eq!(split_names("李振华、吴静"), ["李振华", "吴静"]);
    assert_eq!(split_names("县长、分管副县长"), ["县长", "分管副县长"]);
}

#[test]
fn placeholder_cells_name_nobody() {
    for cell in ["—", "-", "——", "／", "/", "无", "暂无", "…"] {
        assert!(cell_note(Role::Support, cell).is_empty(), "{cell}");
        assert!(cell_note(Role::Due, cell).is_empty(), "{cell}");
    }
    assert_eq!(cell_note(Role::Support, "县财政局").support, ["县财政局"]);
}

#[test]
fn units_before_a_colon_open_a_task() {
    let read = |text: &str| {
        let (note, rest) = leading_role_note(text).unwrap_or_else(|| panic!("no note: {text}"));
        let (lead, support) = note.resolve(false);
        (lead, support, text[rest..].to_string())
    };
    let (lead, support, rest) = read("区住建局牵头，区财政局、各街道办事处配合：完成改造42个");
    assert_eq!(
        (lead, support),
        (
            vec!["区住建局".to_string()],
            vec!["区财政局".to_string(), "各街道办事处".to_string()]
        )
    );
    assert_eq!(rest, "完成改造42个");
    // Reversed order, half-width colon, 按职责分工负责.
    let (lead, support, _) = read("区委编办配合，区住建局牵头:研究制定细则");
    assert_eq!(
        (lead, support),
        (vec!["区住建局".to_string()], vec!["区委编办".to_string()])
    );
    let (lead, _, _) = read("区城管局、区住建局按职责分工负责：完成监测");
    assert_eq!(lead, ["区城管局", "区住建局"]);
    // 由 opens units that a comma closes.
    let (lead, support, rest) = read("由区水务局牵头、区住建局配合，新建管网18公里");
    assert_eq!(
        (lead, support),
        (vec!["区水务局".to_string()], vec!["区住建局".to_string()])
    );
    assert_eq!(rest, "新建管网18公里");
    // A colon after words that name no unit by role is no note.
    assert!(leading_role_note("加强统筹协调：完成改造42个").is_none());
    assert!(leading_role_note("重点做好以下工作：一是建立机制").is_none());
    // The task speaking after its units: 完成以下工作 is no role clause.
    assert!(leading_role_note("县发改局牵头，县财政局配合，完成以下工作：一是建立机制").is_none());
    // Task words before the units: the clause without a role joins the units, and is none.
    assert!(leading_role_note("新建管网18公里，区住建局牵头：").is_none());
}

#[test]
fn phrases_of_a_way_of_working_are_no_roles() {
    for text in [
        "建立健全多元投入机制。（政府引导、社会参与、市场运作）",
        "构建共治格局。（党委领导、政府负责、社会协同、公众参与、法治保障）",
    ] {
        let names = trailing_note(text).map(|(_, n)| n.resolve(false));
        assert!(
            names
                .as_ref()
                .is_none_or(|(l, s)| l.is_empty() && s.is_empty()),
            "{text}: {names:?}"
        );
    }
}

#[test]
fn a_role_word_before_a_comma_of_enumeration_ends_its_clause() {
    check(
        "新建公园3个。（区园林局牵头、区住建局配合）",
        &["区园林局"],
        &["区住建局"],
    );
    check(
        "新建管网。（由区水务局负责、区住建局协同）",
        &["区水务局"],
        &["区住建局"],
    );
}

#[test]
fn the_deadline_a_task_closes_its_sentence_with() {
    let due = |text: &str| body_deadline(text);
    assert_eq!(
        due("完成改造42个，2025年11月底前完成。").as_deref(),
        Some("2025年11月底前")
    );
    assert_eq!(
        due("新增泊位1500个以上，2025年第四季度完成").as_deref(),
        Some("2025年第四季度")
    );
    assert_eq!(
        due("覆盖率达到100%，6月底前完成；建立机制。").as_deref(),
        Some("6月底前")
    );
    assert_eq!(
        due("优良天数比率不低于85%，持续推进。").as_deref(),
        Some("持续推进")
    );
    assert_eq!(
        due("规范提升街区4条，于9月30日前完成。").as_deref(),
        Some("9月30日前")
    );
    // A target by a date, a year's amount, a horizon inside the sentence: no deadline.
    assert_eq!(due("新建公园，到2025年底建成5个。"), None);
    assert_eq!(due("加快项目建设，全年完成投资5亿元。"), None);
    assert_eq!(due("到年底，可再生能源发电装机保持在30万千瓦以上。"), None);
    // Spans and rhythms name no day.
    assert_eq!(due("开展道路交通安全集中整治，为期三个月。"), None);
    assert_eq!(due("将工程建设项目审批时间压缩至两个月。"), None);
    assert_eq!(due("各单位报送进展，每月25日前。"), None);
    // Milestones: the clause that closes the sentence gives the final one.
    assert_eq!(
        due("2025年6月底前完成主体工程，年底前投入使用。").as_deref(),
        Some("年底前")
    );
    assert_eq!(
        due("新建第三实验小学，2025年8月底前建成").as_deref(),
        Some("2025年8月底前")
    );
}

#[test]
fn a_document_gives_the_deadline_of_tasks_that_name_none() {
    let due = |line: &str| default_deadline(line);
    assert_eq!(
        due("说明：列第一位的为牵头单位；未注明完成时限的，均须于2025年12月底前完成。").as_deref(),
        Some("2025年12月底前")
    );
    assert_eq!(
        due("未明确完成时限的，于年底前完成").as_deref(),
        Some("年底前")
    );
    assert_eq!(due("各单位要于6月底前报送进展。"), None);
}

#[test]
fn an_official_alone_in_a_closing_bracket_leads_the_task() {
    let (_, note) = trailing_note("完成路基工程18公里。(许承志副县长牵头)").expect("a note");
    assert_eq!(note.leader, ["许承志副县长"]);
    assert!(!note.names_units());
}
