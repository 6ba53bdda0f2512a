//! Criterion benchmarks: parse + evaluate typical queries on the seeds, and ingest the seeds.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use planq::ingest::seed_corpus;
use planq::query::{parser, run};

const TYPICAL: &str = r#"tasks where dept = "区经济发展局" and target.unit = "家""#;
const GROUPED: &str = r#"units where role = "lead" group by name select name, count() as tasks order by tasks desc limit 10"#;
const QUANTITIES: &str = "targets where amount >= 1亿元 select doc.region, task.no, value, unit order by amount desc limit 10";

fn queries(c: &mut Criterion) {
    let corpus = seed_corpus();
    c.bench_function("parse typical query", |b| {
        b.iter(|| parser::parse(black_box(TYPICAL)))
    });
    c.bench_function("parse+eval typical query", |b| {
        b.iter(|| run(&corpus, black_box(TYPICAL)))
    });
    c.bench_function("parse+eval group by", |b| {
        b.iter(|| run(&corpus, black_box(GROUPED)))
    });
    c.bench_function("parse+eval quantities", |b| {
        b.iter(|| run(&corpus, black_box(QUANTITIES)))
    });
}

fn ingest(c: &mut Criterion) {
    c.bench_function("ingest seeds", |b| b.iter(seed_corpus));
}

criterion_group!(benches, queries, ingest);
criterion_main!(benches);
