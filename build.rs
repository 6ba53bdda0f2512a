//! Links the planq binary at a fixed address (not position-independent) on Linux.
//!
//! Why: a position-independent planq carries ~50,000 relative relocations (the static tables
//! of the Chinese-conversion, pinyin, encoding and PDF crates) that the dynamic loader applies
//! at every start, a third of a one-shot query's time on the embedded seeds. Linked at a fixed
//! address, the linker resolves them once. Only the binary is affected: the library, tests
//! and benches link as usual.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let gnu = std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if linux && gnu {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
