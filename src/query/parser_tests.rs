//! Grammar and AST tests: precedence, postfix operators, literals, clauses, spans.
use super::*;

/// The expression tree as an s-expression, for compact expectations.
fn sexpr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Lit(v) => format!("{v:?}"),
        ExprKind::Path(p) => p.join("."),
        ExprKind::Call { name, args } => format!(
            "{name}({})",
            args.iter().map(sexpr).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::Not(x) => format!("(not {})", sexpr(x)),
        ExprKind::And(a, b) => format!("(and {} {})", sexpr(a), sexpr(b)),
        ExprKind::Or(a, b) => format!("(or {} {})", sexpr(a), sexpr(b)),
        ExprKind::Cmp { op, lhs, rhs } => {
            format!("({} {} {})", op.symbol(), sexpr(lhs), sexpr(rhs))
        }
        ExprKind::In { expr, list } => format!(
            "(in {} {})",
            sexpr(expr),
            list.iter().map(sexpr).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::Matches { expr, re } => format!("(matches {} {})", sexpr(expr), re.as_str()),
        ExprKind::IsEmpty { expr, negated } => {
            format!("(empty{} {})", if *negated { "!" } else { "" }, sexpr(expr))
        }
        ExprKind::IsNull { expr, negated } => {
            format!("(null{} {})", if *negated { "!" } else { "" }, sexpr(expr))
        }
        ExprKind::IsDimension {
            expr,
            dimension,
            negated,
        } => format!(
            "({dimension}{} {})",
            if *negated { "!" } else { "" },
            sexpr(expr)
        ),
    }
}

fn where_of(src: &str) -> String {
    let q = parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    match &q.stages[0] {
        Stage::Where(e) => sexpr(e),
        other => panic!("{other:?}"),
    }
}

#[test]
fn and_binds_tighter_than_or_and_not_looser_than_comparison() {
    assert_eq!(
        where_of("tasks where a = 1 or b = 2 and c = 3"),
        "(or (= a Num(1)) (and (= b Num(2)) (= c Num(3))))"
    );
    assert_eq!(where_of("tasks where not a = 1"), "(not (= a Num(1)))");
    assert_eq!(
        where_of("tasks where not lead is empty"),
        "(not (empty lead))"
    );
    assert_eq!(
        where_of("tasks where (a = 1 or b = 2) and c"),
        "(and (or (= a Num(1)) (= b Num(2))) c)"
    );
}

#[test]
fn postfix_operators() {
    assert_eq!(where_of("tasks where lead is not empty"), "(empty! lead)");
    assert_eq!(where_of("tasks where due is null"), "(null due)");
    assert_eq!(where_of("tasks where due is not null"), "(null! due)");
    assert_eq!(
        where_of(r#"tasks where doc.region in ("沂源县", '台儿庄区')"#),
        r#"(in doc.region Str("沂源县") Str("台儿庄区"))"#
    );
    assert_eq!(
        where_of(r"tasks where text matches /光伏|a\/b/"),
        "(matches text 光伏|a/b)"
    );
    assert_eq!(
        where_of(r#"tasks where text matches "储能""#),
        "(matches text 储能)"
    );
}

#[test]
fn literals() {
    assert_eq!(
        where_of("targets where amount >= 1.5万千瓦"),
        "(>= amount Qty(Quantity { value: 15000, unit: \"千瓦\" }))"
    );
    assert_eq!(
        where_of("targets where amount = 5个亿"),
        "(= amount Qty(Quantity { value: 500000000, unit: \"元\" }))"
    );
    assert_eq!(
        where_of("docs where date >= 2023-07-01"),
        "(>= date Date(\"2023-07-01\"))"
    );
    assert_eq!(
        where_of(r#"tasks where title = "a\"b""#),
        r#"(= title Str("a\"b"))"#
    );
    assert_eq!(
        where_of("tasks where title = “光伏”"),
        r#"(= title Str("光伏"))"#
    );
    assert_eq!(
        where_of("tasks where x = true or y = null"),
        "(or (= x Bool(true)) (= y Null))"
    );
    assert_eq!(
        where_of("targets where value = 0.90"),
        "(= value Num(0.90))"
    );
}

#[test]
fn clauses_and_pipes() {
    let q = parse("tasks | where no > 1 | select no as n, count() as \"数量\" | order by n desc | limit 5 offset 2 | distinct | count")
        .unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<String> = q
        .stages
        .iter()
        .map(|s| {
            format!("{s:?}")
                .split([' ', '(', '{'])
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(
        kinds,
        ["Where", "Select", "OrderBy", "Limit", "Distinct", "Count"]
    );
    let Stage::Select { items, .. } = &q.stages[1] else {
        panic!()
    };
    assert_eq!(items[1].name, "数量");
    assert!(matches!(
        q.stages[3],
        Stage::Limit {
            limit: 5,
            offset: 2,
            ..
        }
    ));
}

#[test]
fn between_is_two_comparisons_and_dimensions_are_words() {
    assert_eq!(
        where_of("tasks where due_date between 2024-07-01 and 2024-09-30 and no = 1"),
        "(and (and (>= due_date Date(\"2024-07-01\")) (<= due_date Date(\"2024-09-30\"))) (= no Num(1)))"
    );
    assert_eq!(
        where_of("tasks where no not between 1 and 3"),
        "(not (and (>= no Num(1)) (<= no Num(3))))"
    );
    assert_eq!(
        where_of("targets where amount is money or amount is not Power"),
        "(or (money amount) (power! amount))"
    );
    let e = parse("targets where amount is cash")
        .err()
        .map(|e| e.message);
    assert_eq!(e.as_deref(), Some("`cash` is not a kind of quantity"));
}

#[test]
fn count_distinct_as_sql_writes_it_is_the_nested_call() {
    let q = parse("units group by name select count(distinct doc.region)")
        .unwrap_or_else(|e| panic!("{e}"));
    let Stage::Select { items, .. } = &q.stages[1] else {
        panic!("{:?}", q.stages)
    };
    assert_eq!(sexpr(&items[0].expr), "count(distinct(doc.region))");
}

#[test]
fn limit_per_keys_and_let_statements() {
    let q = parse("units limit 3 offset 1 per doc.region, name").unwrap_or_else(|e| panic!("{e}"));
    let Stage::Limit { limit, offset, per } = &q.stages[0] else {
        panic!("{:?}", q.stages)
    };
    let keys: Vec<String> = per.iter().map(sexpr).collect();
    assert_eq!(
        (*limit, *offset, keys),
        (3, 1, vec!["doc.region".into(), "name".into()])
    );
    match parse_statement("let solar = targets where metric ~ \"光伏\";") {
        Ok(Statement::Let { name, query, .. }) => {
            assert_eq!((name.as_str(), query.source.as_str()), ("solar", "targets"));
        }
        other => panic!("{other:?}"),
    }
    assert!(parse("let solar = targets").is_err(), "a let is no query");
}

#[test]
fn spans_point_into_the_source() {
    let src = "tasks where 牵头 = 1";
    assert!(parse(src).is_err());
    let q = parse("tasks where doc.region = \"x\"").unwrap_or_else(|e| panic!("{e}"));
    let Stage::Where(e) = &q.stages[0] else {
        panic!()
    };
    let ExprKind::Cmp { lhs, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(lhs.span, 12..22);
    assert_eq!(e.text(), "doc.region = \"x\"");
}

#[test]
fn keywords_are_not_field_names_and_comments_are_skipped() {
    assert!(parse("tasks where where = 1").is_err());
    assert!(parse("tasks -- every task\n where no = 1 -- the first").is_ok());
    assert!(parse("TASKS WHERE no = 1 ORDER BY no DESC").is_ok());
}

#[test]
fn unknown_unit_is_explained() {
    let e = parse("targets where amount > 5亿美刀")
        .err()
        .unwrap_or_else(|| panic!("should fail"));
    assert_eq!(e.kind, ErrorKind::Unit);
    assert_eq!(e.message, "unknown unit `亿美刀` in `5亿美刀`");
}
