//! Documents are parsed on every core: each is read alone, so workers take the next file
//! until none is left, and the results come back in the order the files were given. What
//! is done to each loaded document (reading its offices) is shared out the same way.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Source text worth a thread of its own when parsed. A thread costs some 50–100 µs to
/// start, and on a busy machine it waits for a core; 64 KiB is some 3 ms of parsing. The
/// five seeds (0.2 MB) parse on two threads in 33 ms against 43 ms on one, but read from
/// the cache (a millisecond of work) they answered the card query in 10.2 ms on two
/// threads and 4.4 ms on one while another build ran (hyperfine means): so callers give
/// the work as parsing it would be ([`parse_equivalent`]).
const BYTES_PER_WORKER: u64 = 64 << 10;

/// How much parsing reading a cached model of the same text is worth: it reads at some
/// 157 MiB/s of source, parsing at 14–20 MB/s.
const CACHED_READ_SPEEDUP: u64 = 8;

/// The work of reading `bytes` of source, as bytes of parsing: less when the models are
/// likely read from the cache.
pub fn parse_equivalent(bytes: u64, cached: bool) -> u64 {
    if cached {
        bytes / CACHED_READ_SPEEDUP
    } else {
        bytes
    }
}

/// `f` over `items`, whose reading is `work` bytes of parsing, on as many cores as that
/// is worth; the results in the items' order.
pub fn map<T: Sync, R: Send>(items: &[T], work: u64, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let worth = usize::try_from(work / BYTES_PER_WORKER).map_or(usize::MAX, |n| n + 1);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .min(worth);
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let result = f(item);
                if let Ok(mut done) = done.lock() {
                    done.push((i, result));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_default();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `f` on each of `items` in place, the items shared out among the cores in runs.
pub fn each_mut<T: Send>(items: &mut [T], f: impl Fn(&mut T) + Sync) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        items.iter_mut().for_each(f);
        return;
    }
    let run = items.len().div_ceil(workers);
    std::thread::scope(|scope| {
        for chunk in items.chunks_mut(run) {
            scope.spawn(|| chunk.iter_mut().for_each(&f));
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn small_work_stays_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let threads = super::map(&[1, 2, 3, 4], 1000, |_| std::thread::current().id());
        assert_eq!(threads, [caller; 4]);
    }

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = super::map(&items, u64::MAX, |n| n * n);
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(super::map(&Vec::<u64>::new(), u64::MAX, |n| *n).is_empty());
        let mut items: Vec<u64> = (0..1000).collect();
        super::each_mut(&mut items, |n| *n *= 2);
        assert_eq!(items, (0..1000).map(|n| n * 2).collect::<Vec<_>>());
    }
}
