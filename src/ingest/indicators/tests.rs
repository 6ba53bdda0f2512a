//! Unit tests of indicators: each form the genre uses, and what must not be read.

use super::*;

#[test]
fn names_and_units_even_damaged() {
    assert_eq!(
        name_and_unit("一般公共预算收入(亿元)"),
        ("一般公共预算收入".into(), Some("亿元".into()), false)
    );
    assert_eq!(
        name_and_unit("高新技术企业规模占比(%"),
        ("高新技术企业规模占比".into(), Some("%".into()), true)
    );
    assert_eq!(
        name_and_unit("城镇登记失业率%"),
        ("城镇登记失业率".into(), Some("%".into()), true)
    );
}

#[test]
fn target_comparators() {
    assert_eq!(split_comparator("4.5以内"), ("4.5".into(), Comparator::Le));
    assert_eq!(split_comparator("45"), ("45".into(), Comparator::Eq));
    assert_eq!(
        split_comparator("完成上级下达任务"),
        ("完成上级下达任务".into(), Comparator::Eq)
    );
}
