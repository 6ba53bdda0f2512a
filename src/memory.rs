//! How the process takes memory from the kernel: small pages for a small model, huge pages
//! for a large one.
//!
//! The allocator asks for transparent huge pages, and the kernel zeroes each 2 MiB page on
//! first touch. A one-shot query over a few documents touches a handful of them: zeroing
//! them was 29% of the card query's time on the embedded seeds (perf, docs/PERFORMANCE.md).
//! A model of hundreds of megabytes is the other way round: huge pages save it hundreds of
//! thousands of page faults (a cached run over 100 copies of the seeds: 43–49 ms with them,
//! 51–53 ms without, through this machine's noise). So planq starts on small pages and
//! turns huge pages back on when the documents it is about to read are large.

/// Source bytes from which a model is large enough for huge pages to pay for their zeroing.
pub const LARGE_SOURCE_BYTES: u64 = 16 << 20;

/// Small pages from here on (called first thing by the binary).
pub fn start_small() {
    set_huge_pages(false);
}

/// Huge pages back on when the documents about to be read come to `source_bytes` or more.
pub fn expect_source(source_bytes: u64) {
    if source_bytes >= LARGE_SOURCE_BYTES {
        set_huge_pages(true);
    }
}

#[cfg(target_os = "linux")]
fn set_huge_pages(on: bool) {
    // SAFETY: PR_SET_THP_DISABLE takes a flag and touches only this process's memory policy;
    // a kernel without it returns an error, which changes nothing and needs no handling.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, libc::c_ulong::from(!on), 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn set_huge_pages(_on: bool) {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// The process's flag, or `None` where the kernel (or a sandbox) does not answer.
    fn thp_disabled() -> Option<bool> {
        // SAFETY: PR_GET_THP_DISABLE only reads this process's flag.
        let flag = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        (flag >= 0).then_some(flag == 1)
    }

    fn huge_pages_off() -> bool {
        thp_disabled() == Some(true)
    }

    #[test]
    fn small_until_the_documents_are_large() {
        if thp_disabled().is_none() {
            return; // no such setting here: set_huge_pages changes nothing, by design
        }
        super::start_small();
        assert!(huge_pages_off());
        super::expect_source(super::LARGE_SOURCE_BYTES - 1);
        assert!(huge_pages_off());
        super::expect_source(super::LARGE_SOURCE_BYTES);
        assert!(!huge_pages_off());
    }
}
