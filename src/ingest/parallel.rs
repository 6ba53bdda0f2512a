//! Documents are parsed on every core: each is read alone, so workers take the next file
//! until none is left, and the results come back in the order the files were given. What
//! is done to each loaded document (reading its offices) is shared out the same way.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `f` over `items` on all available cores; the results in the items' order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
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
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = super::map(&items, |n| n * n);
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(super::map(&Vec::<u64>::new(), |n| *n).is_empty());
        let mut items: Vec<u64> = (0..1000).collect();
        super::each_mut(&mut items, |n| *n *= 2);
        assert_eq!(items, (0..1000).map(|n| n * 2).collect::<Vec<_>>());
    }
}
