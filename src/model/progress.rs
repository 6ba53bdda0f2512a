//! What a progress report's figures say about a plan's targets: which actual measures which
//! target (same unit, the most alike metric), how much of the target it reaches, and the
//! shares a report states outright (完成全年任务的55%).

use super::{Comparator, Target};
use rust_decimal::Decimal;

/// Words that make a percentage a share of the plan itself (完成全年任务的55%,
/// 占年度计划的51.2%) rather than some other rate (增长12%).
const SHARE_OF_PLAN: &[&str] = &[
    "全年任务",
    "年度任务",
    "目标任务",
    "全年目标",
    "年度目标",
    "全年计划",
    "年度计划",
    "任务的",
    "计划的",
    "目标的",
];

/// For each of `targets`, the actual that measures it, if any: every actual picks the target
/// of its own unit whose metric is most like its own, and a target picked by several keeps
/// the most alike.
pub fn pair_actuals<'a>(targets: &[Target], actuals: &'a [Target]) -> Vec<Option<&'a Target>> {
    let mut best: Vec<Option<(f64, &Target)>> = vec![None; targets.len()];
    for actual in actuals.iter().filter(|a| stated_share(a).is_none()) {
        let chosen = targets
            .iter()
            .enumerate()
            .filter(|(_, t)| t.base_unit == actual.base_unit)
            .map(|(i, t)| (i, likeness(t, actual)))
            .fold(None, |acc: Option<(usize, f64)>, (i, score)| match acc {
                Some((_, s)) if s >= score => acc,
                _ => Some((i, score)),
            });
        if let Some((i, score)) = chosen {
            if best[i].is_none_or(|(s, _)| score > s) {
                best[i] = Some((score, actual));
            }
        }
    }
    best.into_iter().map(|b| b.map(|(_, a)| a)).collect()
}

/// How alike what a target and an actual measure are (their metrics, else their quotes).
fn likeness(target: &Target, actual: &Target) -> f64 {
    let text = |t: &Target| t.metric.clone().unwrap_or_else(|| t.quote.clone());
    similarity(&text(target), &text(actual))
}

/// Sørensen–Dice similarity over pairs of adjacent characters, 0 to 1. (strsim's counts
/// byte pairs, which for Chinese text mostly measures shared UTF-8 lead bytes.)
pub fn similarity(a: &str, b: &str) -> f64 {
    fn pairs(s: &str) -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    }
    let (a, mut b) = (pairs(a), pairs(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let total = a.len() + b.len();
    let mut shared = 0;
    for pair in &a {
        if let Some(i) = b.iter().position(|p| p == pair) {
            b.swap_remove(i);
            shared += 1;
        }
    }
    (2 * shared) as f64 / total as f64
}

/// The share of a target an actual reaches (48.6亿元 of 95亿元 → 0.5116), to four places.
/// A ceiling (1个工作日以内) is reached in full at or under it, and in part above it.
pub fn achieved(target: &Target, actual: &Target) -> Option<Decimal> {
    if target.base_value.is_zero() || target.base_unit != actual.base_unit {
        return None;
    }
    let share = if target.cmp == Comparator::Le {
        if actual.base_value <= target.base_value {
            Some(Decimal::ONE)
        } else {
            target.base_value.checked_div(actual.base_value)
        }
    } else {
        actual.base_value.checked_div(target.base_value)
    };
    share.map(|r| r.round_dp(4).normalize())
}

/// A percentage the report gives as a share of the plan (完成全年任务的55% → 0.55).
pub fn stated_share(actual: &Target) -> Option<Decimal> {
    let of_plan = SHARE_OF_PLAN.iter().any(|w| actual.quote.contains(w));
    (actual.base_unit == "%" && of_plan)
        .then(|| (actual.base_value / Decimal::ONE_HUNDRED).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: &str, unit: &str, metric: &str, quote: &str) -> Target {
        let value: Decimal = value.parse().unwrap_or_default();
        let q =
            crate::model::Quantity::from_written(value, unit).unwrap_or_else(|| panic!("{unit}"));
        Target {
            value,
            value_hi: None,
            unit: unit.into(),
            cmp: Comparator::Eq,
            metric: Some(metric.into()),
            base_value: q.value,
            base_unit: q.unit,
            quote: quote.into(),
            line: 1,
        }
    }

    #[test]
    fn each_actual_measures_the_target_of_its_unit_and_metric() {
        let targets = [
            figure("68", "个", "重点项目", "重点项目68个"),
            figure("95", "亿元", "完成投资", "完成投资95亿元以上"),
            figure("25", "个", "新开工项目", "新开工项目不少于25个"),
        ];
        let actuals = [
            figure("59", "个", "已开工重点项目", "已开工59个"),
            figure("48.6", "亿元", "完成投资", "完成投资48.6亿元"),
            figure("51.2", "%", "", "占年度计划的51.2%"),
        ];
        let paired = pair_actuals(&targets, &actuals);
        let values: Vec<Option<String>> = paired
            .iter()
            .map(|a| a.map(|a| a.value.to_string()))
            .collect();
        assert_eq!(values, [Some("59".into()), Some("48.6".into()), None]);
        assert_eq!(
            achieved(&targets[1], &actuals[1])
                .map(|d| d.to_string())
                .as_deref(),
            Some("0.5116")
        );
        assert_eq!(
            stated_share(&actuals[2]).map(|d| d.to_string()).as_deref(),
            Some("0.512")
        );
        assert!(
            (similarity("城南片区管网工程", "加快建设县城南片区综合管网工程") - 12.0 / 21.0).abs()
                < 1e-9
        );
        let mut ceiling = figure("1", "个工作日", "开办时间", "压缩至1个工作日以内");
        ceiling.cmp = Comparator::Le;
        let one =
            |a: &str| achieved(&ceiling, &figure(a, "个工作日", "", "")).map(|d| d.to_string());
        assert_eq!(
            (one("0.5").as_deref(), one("2").as_deref()),
            (Some("1"), Some("0.5"))
        );
        // A growth rate is no share of the plan.
        assert_eq!(
            stated_share(&figure("11.3", "%", "增长", "同比增长11.3%")),
            None
        );
    }
}
