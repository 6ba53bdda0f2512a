use super::*;

/// Reads a name as written in a 沂源县 document: (level, office, kind, generic, derived).
fn yy(name: &str) -> (String, String, String, bool, bool) {
    shown(read(name, Some("沂源县"), &[]))
}

fn shown(u: UnitOffice) -> (String, String, String, bool, bool) {
    let s = |o: Option<String>| o.unwrap_or_else(|| "-".into());
    (s(u.level), s(u.office), s(u.kind), u.generic, u.derived)
}

fn office(name: &str) -> String {
    yy(name).1
}

#[test]
fn every_row_of_the_table_names_a_table_and_has_its_fields() {
    for row in rows(include_str!("../../../data/offices.csv")) {
        let (line, row) = row.unwrap_or_else(|e| panic!("data/offices.csv: {e}"));
        let known = ["office", "level", "kind", "seat", "generic"];
        assert!(known.contains(&row[0].as_str()), "line {line}: {row:?}");
        assert_eq!(row.len(), 3, "line {line}: {row:?}");
        assert!(!row[1].is_empty(), "line {line}: {row:?}");
        assert_eq!(
            row[2].is_empty(),
            row[0] == "generic",
            "line {line}: {row:?}"
        );
    }
}

#[test]
fn contractions_and_full_forms_are_one_office_and_委_局_委员会_one_too() {
    for name in [
        "县发改局",
        "县发展改革局",
        "县发展和改革局",
        "县发展改革委",
        "县发展和改革委员会",
        "平原县发展和改革局",
        "市发展改革委",
    ] {
        assert_eq!(office(name), "发展和改革", "{name}");
    }
    assert_eq!(office("区住建局"), "住房和城乡建设");
    assert_eq!(office("区住房城乡建设局"), "住房和城乡建设");
    assert_eq!(office("县工信局"), "工业和信息化");
    assert_eq!(office("县人社局"), "人力资源和社会保障");
    assert_eq!(office("县人力资源社会保障局"), "人力资源和社会保障");
    assert_eq!(office("县卫健局"), "卫生健康");
    assert_eq!(office("县自然资源局"), "自然资源和规划");
    assert_eq!(office("区自然资源和规划分局"), "自然资源和规划");
    assert_eq!(office("市场监管局"), "市场监督管理");
    assert_eq!(office("市市场监督管理局"), "市场监督管理");
}

#[test]
fn the_place_and_level_prefix_give_the_level_else_the_region_does() {
    assert_eq!(
        yy("县财政局"),
        ("县".into(), "财政".into(), "局".into(), false, true)
    );
    assert_eq!(yy("淄博市财政局").0, "市");
    assert_eq!(yy("沂源县财政局").0, "县");
    assert_eq!(yy("财政局").0, "县");
    assert_eq!(
        yy("县委宣传部"),
        ("县".into(), "宣传".into(), "部".into(), false, true)
    );
    assert_eq!(shown(read("发改局", Some("临河区"), &[])).0, "区");
    assert_eq!(yy("南麻街道办事处").0, "街道");
    assert_eq!(
        yy("南麻镇人民政府"),
        (
            "乡镇".into(),
            "人民政府".into(),
            "人民政府".into(),
            false,
            true
        )
    );
    assert_eq!(yy("嘉明经济开发区").0, "开发区");
}

#[test]
fn the_kind_is_how_the_name_ends() {
    assert_eq!(yy("县发展和改革委员会").2, "委");
    assert_eq!(yy("县发改委").2, "委");
    assert_eq!(yy("县政府办公室").2, "办");
    assert_eq!(yy("县大数据中心").2, "中心");
    assert_eq!(yy("县供电公司").2, "公司");
    assert_eq!(
        yy("县妇联"),
        ("县".into(), "妇女联合会".into(), "会".into(), false, true)
    );
}

#[test]
fn collective_names_are_generic_with_no_office() {
    for (name, level) in [
        ("各乡镇人民政府", "乡镇"),
        ("区各相关部门", "区"),
        ("各县（市、区）人民政府", "县"),
        ("有关单位", "县"),
        ("街道", "街道"),
        ("有关镇街", "乡镇"),
    ] {
        let (l, office, _, generic, _) = yy(name);
        assert_eq!(
            (l.as_str(), office.as_str(), generic),
            (level, "-", true),
            "{name}"
        );
    }
}

#[test]
fn traditional_characters_are_read_as_simplified() {
    assert_eq!(
        yy("縣發展和改革局"),
        ("县".into(), "发展和改革".into(), "局".into(), false, true)
    );
}

#[test]
fn a_branch_of_a_city_bureau_is_its_office() {
    assert_eq!(
        yy("区生态环境分局"),
        ("区".into(), "生态环境".into(), "分局".into(), false, true)
    );
    assert_eq!(
        yy("市生态环境局沂源分局"),
        ("市".into(), "生态环境".into(), "分局".into(), false, true)
    );
}

#[test]
fn an_unknown_office_is_the_name_stripped_and_not_derived() {
    assert_eq!(
        yy("县星火事务局"),
        ("县".into(), "星火事务".into(), "局".into(), false, false)
    );
    assert_eq!(yy("沂源县星火事务中心").1, "星火事务");
    assert_eq!(yy("临河区星火事务局").1, "星火事务");
    // Two offices in one name is a merged office no row names.
    assert_eq!(
        yy("区安监环保局"),
        ("区".into(), "安监环保".into(), "局".into(), false, false)
    );
    // A long text before an office is no place: a task force, not the office.
    assert!(!yy("田园综合体财经大学乡村振兴学院推进专班").4);
}

#[test]
fn user_aliases_win_over_the_table() {
    let aliases = read_aliases(
        "name,office\n# 功能区的经发局管发改\n区经济发展局,发展和改革\n星火,科学技术\n",
    )
    .unwrap();
    let read_as = |name: &str| read(name, Some("文昌湖区"), &aliases);
    assert_eq!(
        read_as("区经济发展局").office.as_deref(),
        Some("发展和改革")
    );
    assert_eq!(
        read("区经济发展局", Some("文昌湖区"), &[])
            .office
            .as_deref(),
        Some("经济发展")
    );
    let star = read_as("区星火事务局");
    assert_eq!(
        (star.office.as_deref(), star.derived),
        (Some("科学技术"), true)
    );
}

#[test]
fn a_malformed_alias_file_names_its_line() {
    let e = read_aliases("# mine\n区经济发展局,发展和改革\n区星火局\n").unwrap_err();
    assert_eq!(
        e,
        "line 3: expected `name,office` (two fields, neither empty), found `区星火局`"
    );
    assert!(read_aliases("a,b,c\n").unwrap_err().starts_with("line 1:"));
    assert!(read_aliases("a,\n").unwrap_err().starts_with("line 1:"));
}
