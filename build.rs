//! Build-time work: the traditional-char bit set, and a binary linked at a fixed address.
//!
//! The bit set (`$OUT_DIR/traditional_chars.bits`): one bit per BMP char, set when OpenCC's
//! one-char table (hanconv) turns it into another char. Script detection reads it for every
//! document; built at run time it cost ~3 M instructions per process, a tenth of reading one
//! small document.
//!
//! Fixed address, why: a position-independent planq carries ~50,000 relative relocations (the static tables
//! of the Chinese-conversion, pinyin, encoding and PDF crates) that the dynamic loader applies
//! at every start, a third of a one-shot query's time on the embedded seeds. Linked at a fixed
//! address, the linker resolves them once. Only the binary is affected: the library, tests
//! and benches link as usual.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    write_traditional_bits();
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let gnu = std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if linux && gnu {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// One bit per BMP char (8 KiB): set when the char's one-char conversion to simplified is
/// another char.
fn write_traditional_bits() {
    let mut bits = vec![0u8; 0x10000 / 8];
    for (from, to) in hanconv::Dictionary::TSCharacters.iter() {
        let (mut f, mut t) = (from.chars(), to.chars());
        if let (Some(a), None, Some(b), None) = (f.next(), f.next(), t.next(), t.next()) {
            let u = a as usize;
            if a != b && u < 0x10000 {
                bits[u / 8] |= 1 << (u % 8);
            }
        }
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("traditional_chars.bits");
    std::fs::write(out, bits).expect("write the traditional-char bit set");
}
