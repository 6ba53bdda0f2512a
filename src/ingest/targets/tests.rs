//! Unit tests of target extraction: comparators, ranges, units, what is left out.
use super::*;

fn found(text: &str) -> Vec<String> {
    extract(text, Some(2023), &|_| 1)
        .targets
        .into_iter()
        .map(|t| match t.value_hi {
            Some(hi) => format!("{}-{}{} {}", t.value, hi, t.unit, t.cmp),
            None => format!("{}{} {}", t.value, t.unit, t.cmp),
        })
        .collect()
}

#[test]
fn comparators() {
    assert_eq!(found("新增高新技术企业 15 家以上"), ["15家 >="]);
    assert_eq!(found("用水总量控制在1238万立方米之内"), ["1238万立方米 <="]);
    assert_eq!(found("储备 20 家左右后备企业"), ["20家 ~"]);
    assert_eq!(found("免费播放公益电影 700 余场"), ["700场 >="]);
    assert_eq!(found("省外到位资金总量不低于5个亿"), ["5个亿 >="]);
    assert_eq!(found("主攻2~3个主导优势产业"), ["2-3个 range"]);
    // The scale word before 余: the unit keeps it, 余 is the comparator.
    assert_eq!(found("新增就业1.2万余人"), ["1.2万人 >="]);
    assert_eq!(found("完成造林2.3万多亩"), ["2.3万亩 >="]);
    assert_eq!(found("到位资金3亿余元"), ["3亿元 >="]);
}

#[test]
fn ranges_that_repeat_the_unit() {
    assert_eq!(found("增长6%-7%"), ["6-7% range"]);
    assert_eq!(found("增长6.5%至7%"), ["6.5-7% range"]);
    assert_eq!(found("新建3个至5个"), ["3-5个 range"]);
    assert_eq!(found("投资5亿至8亿元"), ["5-8亿元 range"]);
    assert_eq!(found("吸纳5万—8万人"), ["5-8万人 range"]);
    assert!(found("2024—2025年").is_empty());
}

#[test]
fn more_units() {
    assert_eq!(found("举办活动50场次以上"), ["50场次 >="]);
    assert_eq!(found("办结时限压缩至1个工作日以内"), ["1个工作日 <="]);
    assert_eq!(found("新增装机200MW"), ["200MW ="]);
    assert_eq!(found("实现投资超1亿元"), ["1亿元 >="]);
    assert_eq!(
        found("PM2.5浓度控制在35微克/立方米以内"),
        ["35微克/立方米 <="]
    );
    let rate = &extract("地价不超过20万元/亩", Some(2023), &|_| 1).targets[0];
    assert_eq!(
        (rate.unit.as_str(), rate.base_unit.as_str()),
        ("万元/亩", "元/亩")
    );
    assert_eq!(rate.base_value, Decimal::from(200_000));
}

#[test]
fn units_of_safety_environment_and_farming() {
    assert_eq!(found("较大事故不超过1起"), ["1起 <="]);
    assert_eq!(found("噪声低于50分贝"), ["50分贝 <="]);
    assert_eq!(found("化学需氧量不超过30毫克/升"), ["30毫克/升 <="]);
    assert_eq!(found("存栏蛋鸡10万羽"), ["10万羽 ="]);
    assert_eq!(
        found("新建机井20眼、渡口2个、泵站3座，新增设备12台套"),
        ["20眼 =", "2个 =", "3座 =", "12台套 ="]
    );
    assert_eq!(found("开展检查300项次"), ["300项次 ="]);
    assert_eq!(found("工期压缩至3个月以内"), ["3个月 <="]);
    // 个 before a scale other than 亿 counts things the scale names.
    assert_eq!(found("建设3个千吨万人水源地"), ["3个 ="]);
    assert_eq!(found("建成5个万亩基地"), ["5个 ="]);
    assert_eq!(found("到位资金3个亿元"), ["3个亿元 ="]);
    // An age stays no target.
    assert!(found("为70周岁以上老人").is_empty());
}

#[test]
fn symbols_classes_and_spelled_out_rates() {
    assert_eq!(found("重污染天数≤3天，完成率≥95%"), ["3天 <=", "95% >="]);
    assert_eq!(found("新建5000吨级泊位2个"), ["2个 ="]);
    assert_eq!(found("引水流量1.2立方米每秒"), ["1.2立方米每秒 ="]);
    assert_eq!(found("集装箱吞吐量达到12万标准箱"), ["12万标准箱 ="]);
    assert_eq!(found("新增充电桩3至5千个"), ["3-5千个 range"]);
    assert_eq!(
        found("线网密度达到2.5千米/平方千米"),
        ["2.5千米/平方千米 ="]
    );
}

#[test]
fn ocr_letters_inside_numbers() {
    assert_eq!(
        found("打造场景l5个，覆盖率9O%，新建1O00个"),
        ["15个 =", "90% =", "1000个 ="]
    );
    assert!(found("建设Olympic场馆").is_empty());
}

#[test]
fn several_numbers_in_one_phrase() {
    assert_eq!(found("数量达到 20 家和 25 家"), ["20家 =", "25家 ="]);
    assert_eq!(
        found("分别达到180亿元、130亿元、20亿元"),
        ["180亿元 =", "130亿元 =", "20亿元 ="]
    );
}

#[test]
fn non_targets_left_out() {
    assert!(found("用好“人才金政 50 条”").is_empty());
    assert!(found("加快5G和10G-PON建设，PM2.5浓度下降").is_empty());
    assert!(found("引进世界500强企业，创建3A级景区，第3批").is_empty());
    assert!(found("完成《规划(2021—2035年)》编制，2023年7月17日").is_empty());
    assert!(found("新增三家企业").is_empty());
}

#[test]
fn qualifiers_left_out() {
    assert_eq!(found("实施投资500万元以上技术改造项目20个左右"), ["20个 ~"]);
    assert!(found("储备总投资 10 亿元、20 亿元、100 亿元以上的大项目").is_empty());
    // A capacity before a noun sizes the facility; a capacity that is the commitment stays.
    assert_eq!(found("建成年产10万吨饲料项目1个"), ["1个 ="]);
    assert_eq!(found("建设装机容量5万千瓦光伏电站"), ["5万千瓦 ="]);
    assert_eq!(found("建设总装机5万千瓦光伏电站2座"), ["2座 ="]);
    assert_eq!(found("新增年产能10万吨"), ["10万吨 ="]);
    assert_eq!(found("实现年产值50亿元"), ["50亿元 ="]);
}

#[test]
fn historical_sentences_left_out() {
    assert!(found("2022年完成投资12亿元。").is_empty());
    assert_eq!(found("比2020年下降13.5%。"), ["13.5% ="]);
    // A past year as the base of a multiple is no history.
    assert_eq!(found("力争财政收入增长到2020年的1.5倍。"), ["1.5倍 ="]);
    assert_eq!(found("产值是2020年的1.5倍以上。"), ["1.5倍 >="]);
    assert!(found("2020年的产值12亿元。").is_empty());
    // A past year as a cut-off picks out what is counted: no history.
    assert_eq!(
        found("改造2000年前建成的老旧小区18个，惠及居民2600户。"),
        ["18个 =", "2600户 ="]
    );
    assert_eq!(found("改造2005年底以前建成的小区6个"), ["6个 ="]);
    assert!(found("2020年以来累计改造小区36个。").is_empty());
    // 前三季度 of a past year is history, not a cut-off.
    assert!(found("2022年前三季度规上工业增加值增长4.1%。").is_empty());
}

#[test]
fn base_values_and_metric() {
    let t = &extract("年内力争光伏装机容量达到1.5万千瓦", Some(2023), &|_| 7).targets[0];
    assert_eq!(t.base_value, Decimal::from(15000));
    assert_eq!(t.base_unit, "千瓦");
    assert_eq!(t.metric.as_deref(), Some("光伏装机容量"));
    assert_eq!(t.line, 7);
    let t = &extract("（1）新建高标准农田2万亩", Some(2023), &|_| 1).targets[0];
    assert_eq!(t.metric.as_deref(), Some("新建高标准农田"));
    let t = &extract("实施 3 个以上市级重点技改项目，", Some(2023), &|_| 1).targets[0];
    assert_eq!(t.metric.as_deref(), Some("市级重点技改项目"));
    // The longest comparator word is cut, not 高于 out of 不高于.
    let t = &extract("PM2.5浓度不高于35微克/立方米", Some(2023), &|_| 1).targets[0];
    assert_eq!(t.metric.as_deref(), Some("PM2.5浓度"));
    assert_eq!(t.cmp, Comparator::Le);
}

#[test]
fn decimals_keep_their_spelling() {
    let t = &extract("能繁母猪保持在 0.9 万头以上", Some(2023), &|_| 1).targets[0];
    assert_eq!(t.value.to_string(), "0.9");
    assert_eq!(t.base_value, Decimal::from(9000));
}

#[test]
fn figures_a_decimal_cannot_hold_are_reported() {
    let e = extract(
        "投资1000000000000000000000亿元，新增企业5家",
        Some(2024),
        &|_| 3,
    );
    assert_eq!(found("新增企业5家"), ["5家 ="]);
    assert_eq!(e.targets.len(), 1);
    assert_eq!(e.unkept.len(), 1);
    assert_eq!(e.unkept[0].0, 3);
    assert!(
        e.unkept[0].1.starts_with("figure too large"),
        "{:?}",
        e.unkept
    );
    let long = extract(&format!("新增{}家", "9".repeat(40)), Some(2024), &|_| 1);
    assert!(long.targets.is_empty());
    assert!(
        long.unkept[0].1.contains("more digits"),
        "{:?}",
        long.unkept
    );
    let precise = extract(
        "节约0.0000000000000000000000000000001亿元",
        Some(2024),
        &|_| 1,
    );
    assert!(precise.targets.is_empty());
    assert_eq!(precise.unkept.len(), 1);
}
