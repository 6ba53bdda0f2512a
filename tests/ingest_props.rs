//! Property tests: the ingest never panics, whatever text or bytes it is given, and it
//! always accounts for every line.

use planq::ingest::{parse_bytes, parse_document};
use proptest::prelude::*;

/// Text built from the pieces plan documents are made of, so the parsers' deeper paths run.
fn genre_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "（一）",
        "第一章 ",
        "第二节 ",
        "专栏1 ",
        "主要指标表",
        "预期性",
        "1.",
        "12．",
        "3、",
        "\n",
        "\n\n",
        "。",
        "，",
        ",",
        "；",
        "（",
        "）",
        "(",
        ")",
        "【",
        "】",
        "[",
        "]",
        "：",
        "牵头",
        "负责",
        "配合",
        "参与",
        "牵头单位：",
        "配合单位:",
        "完成时限：",
        "区发改局",
        "、",
        "等部门",
        "15",
        "2.5",
        "万",
        "亿元",
        "个",
        "家",
        "%",
        "以上",
        "以内",
        "左右",
        "余",
        "~",
        "-",
        "《",
        "》",
        "“",
        "”",
        "\"",
        "2023年",
        "第",
        "5G",
        "的",
        "和",
        "\t",
        "序号\t重点任务\t牵头单位\n",
        "关于印发",
        "的通知",
        "〔2023〕",
        "号",
        " ",
        "\u{a0}",
    ]);
    prop::collection::vec(pieces, 0..200).prop_map(|v| v.concat())
}

/// Lines as an editor counts them: \n, \r\n or \r end a line; a final newline starts none.
fn source_lines(text: &str) -> usize {
    if text.is_empty() {
        return 0;
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    body.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r').count())
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_parses_and_every_line_is_counted(text in any::<String>()) {
        let doc = parse_document("random.txt", &text);
        prop_assert_eq!(doc.lines.total, source_lines(&text));
    }

    #[test]
    fn genre_like_text_parses(text in genre_text()) {
        let doc = parse_document("genre.txt", &text);
        let l = &doc.lines;
        let placed = l.blank + l.header + l.heading + l.task + l.note + l.table + l.column + l.prose + l.footer + l.page + l.unplaced;
        prop_assert_eq!(placed, l.total);
        for task in &doc.tasks {
            for target in &task.targets {
                prop_assert!(task.text.contains(target.quote.as_str()), "quote {:?} comes from the task text", target.quote);
                prop_assert!((1..=l.total).contains(&target.line), "target line {} is a source line", target.line);
            }
        }
    }

    #[test]
    fn huge_and_many_digit_figures_never_panic(
        digits in "[0-9]{1,600}",
        decimals in "[0-9]{0,60}",
        unit in prop::sample::select(vec!["亿元", "万千瓦", "万元", "个", "%", "万亿元", "亿千瓦时"]),
        number in 1u64..u64::MAX,
    ) {
        let text = format!(
            "测试县2024年重点工作任务\n1. 投资{digits}.{decimals}{unit}，新建{number}{unit}。（县发改局负责）\n{number}. 第{digits}项。\n"
        );
        let doc = parse_document("big.txt", &text);
        prop_assert_eq!(doc.lines.total, 3);
    }

    #[test]
    fn long_and_deeply_bracketed_text_parses(depth in 0usize..3000, repeat in 1usize..400) {
        let text = format!(
            "一、经济\n1. {}建设{}。（{}县发改局牵头{}）\n{}\n",
            "（".repeat(depth), "）".repeat(depth), "（".repeat(depth / 2), "）".repeat(depth / 2),
            "新增企业15家以上，".repeat(repeat)
        );
        let doc = parse_document("deep.txt", &text);
        prop_assert_eq!(doc.lines.total, 3);
    }

    #[test]
    fn any_bytes_give_a_document_or_a_reason(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        match parse_bytes("random.bin", &bytes) {
            Ok(_) => {}
            Err(reason) => prop_assert!(!reason.is_empty()),
        }
    }
}
