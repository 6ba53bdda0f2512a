//! Criterion benchmarks: parse + evaluate typical queries on the seeds, and ingest the seeds.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use planq::ingest::seed_corpus;
use planq::query::{parser, run};

const TYPICAL: &str = r#"tasks where dept = "区经济发展局" and target.unit = "家""#;
const GROUPED: &str = r#"units where role = "lead" group by name select name, count() as tasks order by tasks desc limit 10"#;
const QUANTITIES: &str = "targets where amount >= 1亿元 select doc.region, task.no, value, unit order by amount desc limit 10";
const TOP_PER_GROUP: &str = r#"units where role = "lead" group by doc.region, name select doc.region, name, count() as n order by n desc, name limit 3 per doc.region"#;
const COUNT_DISTINCT: &str =
    "units group by name having count(distinct doc.region) > 1 select name, count(distinct doc.region) as counties";
const FUNCTIONS: &str = r#"tasks where due_date is null select regex_replace(title, "^(加快|推进)", "") as t, len(title) order by len(title) desc limit 10"#;

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
    c.bench_function("parse+eval top 3 per region", |b| {
        b.iter(|| run(&corpus, black_box(TOP_PER_GROUP)))
    });
    c.bench_function("parse+eval count distinct", |b| {
        b.iter(|| run(&corpus, black_box(COUNT_DISTINCT)))
    });
    c.bench_function("parse+eval scalar functions", |b| {
        b.iter(|| run(&corpus, black_box(FUNCTIONS)))
    });
}

#[path = "support/corpus.rs"]
mod corpus;

fn ingest(c: &mut Criterion) {
    c.bench_function("ingest seeds", |b| b.iter(seed_corpus));
    // 100 copies of the seeds (~21 MB, 500 files) from disk, on all cores.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let bytes = corpus::write(dir.path(), 100).unwrap_or_else(|e| panic!("corpus: {e}"));
    let mut group = c.benchmark_group("ingest 100 copies");
    group.sample_size(10).throughput(Throughput::Bytes(bytes));
    let paths = [dir.path().to_path_buf()];
    group.bench_function("load_all (parallel)", |b| {
        b.iter(|| {
            planq::ingest::load_all(black_box(&paths), &planq::ingest::ReadOptions::default())
        })
    });
    group.finish();
}

criterion_group!(benches, queries, ingest);
criterion_main!(benches);
