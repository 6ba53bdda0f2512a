//! Criterion benchmarks: query parse; filter, group-by, regex and order-by-limit on the
//! seeds and on 1,000 copies of them (one-off, and asked again in a session); ingest of one seed, all seeds and 100 copies from
//! disk (serial and on all cores); and loading those 100 copies from the model cache.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use planq::ingest::seed_corpus;
use planq::query::{parser, run, run_with, Env};

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

/// The questions of benches/compare.sh, as planq asks them.
const SCALE: &[(&str, &str)] = &[
    (
        "filter (card query)",
        r#"tasks where dept = "区经济发展局" and target.unit = "家" | count"#,
    ),
    (
        "group by region",
        "tasks group by doc.region select doc.region, count() as n order by n desc limit 10",
    ),
    (
        "regex over task text",
        r#"tasks where text matches "光伏|储能" | count"#,
    ),
    (
        "order by amount limit 10",
        r#"targets where unit = "亿元" order by amount desc limit 10 select doc.region, task.no, value, unit"#,
    ),
    (
        "lead units ranked",
        r#"units where role = "lead" group by name select name, count() as n order by n desc limit 10"#,
    ),
];

fn at_scale(c: &mut Criterion) {
    for copies in [1, 1000] {
        let corpus = corpus::in_memory(copies);
        let mut group = c.benchmark_group(format!("{copies} copies"));
        if copies > 1 {
            group.sample_size(10);
        }
        for (name, query) in SCALE {
            // A one-off query (`planq -e`) scans; a session asking again reads the
            // equality indexes its earlier filters built.
            group.bench_function(format!("{name}, one-off"), |b| {
                b.iter(|| run(&corpus, black_box(query)))
            });
            let mut session = Env::default();
            group.bench_function(format!("{name}, in a session"), |b| {
                b.iter(|| run_with(&corpus, &mut session, black_box(query)))
            });
        }
        group.finish();
    }
}

fn ingest(c: &mut Criterion) {
    use planq::ingest::{cache::Cache, load_all, load_file, parse_document, ReadOptions, SEEDS};
    let (name, text) = SEEDS[1];
    let mut one = c.benchmark_group("ingest one seed");
    one.throughput(Throughput::Bytes(text.len() as u64));
    one.bench_function(name, |b| b.iter(|| parse_document(name, black_box(text))));
    one.finish();
    let mut all = c.benchmark_group("ingest seeds");
    all.throughput(Throughput::Bytes(
        SEEDS.iter().map(|(_, t)| t.len() as u64).sum(),
    ));
    all.bench_function("all five (parallel, settled)", |b| b.iter(seed_corpus));
    all.finish();
    // 100 copies of the seeds (~21 MB, 500 files) from disk.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let bytes = corpus::write(dir.path(), 100).unwrap_or_else(|e| panic!("corpus: {e}"));
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut group = c.benchmark_group("ingest 100 copies");
    group.sample_size(10).throughput(Throughput::Bytes(bytes));
    let paths = [dir.path().to_path_buf()];
    group.bench_function("serial", |b| {
        b.iter(|| files.iter().filter(|f| load_file(f, false).is_ok()).count())
    });
    group.bench_function("parallel", |b| {
        b.iter(|| load_all(black_box(&paths), &ReadOptions::default()))
    });
    let cache_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let cached = ReadOptions {
        cache: Some(Cache::at(cache_dir.path().to_path_buf())),
        ..ReadOptions::default()
    };
    load_all(&paths, &cached);
    group.bench_function("from the cache", |b| {
        b.iter(|| load_all(black_box(&paths), &cached))
    });
    group.finish();
}

criterion_group!(benches, queries, at_scale, ingest);
criterion_main!(benches);
