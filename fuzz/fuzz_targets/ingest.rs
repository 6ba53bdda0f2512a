//! Arbitrary bytes → decode → parse into a document. Must never panic, whatever the bytes:
//! an unreadable input is an `Err`, never a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = planq::ingest::parse_bytes("fuzz.txt", data);
});
