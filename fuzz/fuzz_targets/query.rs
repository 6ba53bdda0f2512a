//! Arbitrary UTF-8 text → parse, compile and evaluate it as one statement over the embedded
//! seed corpus, exactly as `planq -e` does for each statement. Must never panic or hang: a
//! bad query is an `Err` with a message.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planq::model::Corpus;

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(planq::ingest::seed_corpus)
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let _ = planq::query::run(corpus(), src);
});
