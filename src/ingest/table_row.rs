//! A table row on one line: cells split by tabs (a spreadsheet paste) or by the bars of a
//! markdown table, and the `|---|` rule under a markdown header.

/// The cells of a row, trimmed; `None` for a line with no tab and no leading bar.
pub fn cells(text: &str) -> Option<Vec<&str>> {
    if let Some(inner) = text.strip_prefix('|') {
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        return Some(inner.split('|').map(str::trim).collect());
    }
    text.contains('\t')
        .then(|| text.split('\t').map(str::trim).collect())
}

/// The `|---|:---:|` row under a markdown table's header.
pub fn is_rule_row(text: &str) -> bool {
    text.starts_with('|') && text.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    No,
    Title,
    Text,
    Lead,
    Support,
    Due,
    /// People and remarks: not task text, not units.
    Other,
}

/// The column a header cell names, for tables on one line and flattened ones alike.
pub fn column(name: &str) -> Option<Column> {
    Some(match name {
        "序号" | "编号" => Column::No,
        "重点任务" | "工作任务" | "任务名称" | "重点工作" | "任务" | "主要任务" | "工作事项" => {
            Column::Title
        }
        "具体内容" | "工作内容" | "主要内容" | "工作措施" | "具体措施" | "目标任务"
        | "工作目标" | "任务目标" => Column::Text,
        "牵头单位" | "责任单位" | "牵头部门" | "责任部门" => Column::Lead,
        "配合单位" | "参与单位" | "配合部门" | "协同单位" | "协同部门" => {
            Column::Support
        }
        "完成时限" | "完成时间" | "时间节点" | "时限" => Column::Due,
        "责任领导" | "牵头领导" | "分管领导" | "责任人" | "联系人" | "联系电话" | "备注" => {
            Column::Other
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_bars_and_rules() {
        assert_eq!(
            cells("1\t建设\t区农业局"),
            Some(vec!["1", "建设", "区农业局"])
        );
        assert_eq!(cells("| 1 | 建设 |  |"), Some(vec!["1", "建设", ""]));
        assert_eq!(cells("一、稳增长"), None);
        assert!(is_rule_row("|---|:---:|"));
        assert!(!is_rule_row("| 1 | 建设 |"));
    }
}
