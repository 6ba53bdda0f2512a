//! A session's equality indexes: from the second filter on a field, its rows come from an
//! index. Every answer must be the one a fresh scan gives — rows, their order and the
//! warnings — and a corpus that changed is never answered from an index of the old one.

use planq::ingest::seed_corpus;
use planq::model::Corpus;
use planq::query::{run, run_with, Env, Outcome};

/// Equalities an index answers, alone and beside conditions it does not, with literals
/// that need folding, that match nothing, and that make a filter explain itself.
const QUERIES: &[&str] = &[
    r#"tasks where dept = "区经济发展局" and target.unit = "家""#,
    r#"tasks where dept = "区经济发展局" | count"#,
    r#"tasks where dept = " 区经济发展局　" | count"#,
    r#"tasks where lead = "区经济发展局" and not (support = "区财政局") select no, lead, support"#,
    r#"tasks where doc.region = "沂源县" and (due_date is null or target.unit = "个") select no, due"#,
    r#"tasks where doc.kind = "ANNUAL_TASKS" | count"#,
    r#"units where name = "区财政局" and role = "support" select doc.region, task.no"#,
    r#"units where role = "lead" group by name select name, count() as n order by n desc, name limit 5"#,
    r#"targets where unit = "亿元" and task.lead = "区经济发展局" select task.no, value"#,
    r#"targets where unit = "家" and amount > 1亿元"#,
    r#"targets where unit = "no such unit" | count"#,
    r#"tasks where dept = "" | count"#,
    r#"tasks where dept = "区经济发展局" or dept = "区财政局" | count"#,
    r#"sections where doc.region = "沂源县" select id, title"#,
];

fn answer(corpus: &Corpus, env: &mut Env, query: &str) -> Outcome {
    run_with(corpus, env, query).unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn fresh(corpus: &Corpus, query: &str) -> Outcome {
    run(corpus, query).unwrap_or_else(|e| panic!("{query}: {e}"))
}

#[test]
fn indexed_answers_are_the_scans_answers() {
    let corpus = seed_corpus();
    let mut env = Env::default();
    // Three rounds: the first scans, the second builds the indexes, the third reads them.
    for round in 0..3 {
        for query in QUERIES {
            assert_eq!(
                answer(&corpus, &mut env, query),
                fresh(&corpus, query),
                "round {round}: {query}"
            );
        }
    }
}

#[test]
fn counts_through_an_index_are_exact() {
    let corpus = seed_corpus();
    let mut env = Env::default();
    let count = |env: &mut Env, q: &str| answer(&corpus, env, q).rows.rows[0][0].to_string();
    for _ in 0..3 {
        assert_eq!(
            count(&mut env, r#"tasks where dept = "区经济发展局" | count"#),
            "33"
        );
        assert_eq!(
            count(
                &mut env,
                r#"tasks where dept = "区经济发展局" and target.unit = "家" | count"#
            ),
            "4"
        );
        assert_eq!(
            count(
                &mut env,
                r#"units where name = "区财政局" and role = "support" | count"#
            ),
            "13"
        );
        assert_eq!(
            count(&mut env, r#"tasks where doc.region = "沂源县" | count"#),
            "75"
        );
    }
}

#[test]
fn a_changed_corpus_is_not_answered_from_the_old_index() {
    let mut corpus = seed_corpus();
    let mut env = Env::default();
    let query = r#"tasks where dept = "区经济发展局" | count"#;
    for _ in 0..2 {
        answer(&corpus, &mut env, query);
    }
    // A document dropped: fewer rows, and the ordinals after it move.
    let dropped = corpus.documents.remove(0);
    assert_eq!(answer(&corpus, &mut env, query), fresh(&corpus, query));
    // A document replaced by an edited copy, at the same place: as many documents as before.
    corpus.documents.insert(0, dropped);
    answer(&corpus, &mut env, query);
    let mut edited = corpus.documents[0].clone();
    for task in &mut edited.tasks {
        for unit in task.lead.iter_mut().chain(&mut task.support) {
            *unit = unit.replace("区经济发展局", "区发展改革局");
        }
    }
    let before = corpus.documents.len();
    corpus.documents[0] = edited;
    assert_eq!(corpus.documents.len(), before);
    // The seeds name 区发展改革局 in 11 tasks already; the edit adds the 33 above.
    let renamed = r#"tasks where dept = "区发展改革局" | count"#;
    for (q, n) in [(query, "0"), (renamed, "44"), (query, "0"), (renamed, "44")] {
        let got = answer(&corpus, &mut env, q);
        assert_eq!(got, fresh(&corpus, q), "{q}");
        assert_eq!(got.rows.rows[0][0].to_string(), n, "{q}");
    }
}
