//! `limit N per KEY`: the first rows of each group of rows that share a key, in the order
//! the rows already have. Rows tied with the last one kept (equal on every `order by` key)
//! are kept too and reported, so a cut never hides a tie silently.

use super::compare::sort_order;
use super::eval::identity;
use super::Value;
use std::collections::HashMap;

/// How many rows each group keeps, after skipping `offset` of them.
pub struct Slice {
    pub limit: usize,
    pub offset: usize,
}

/// A group whose cut fell inside a tie: its key and how many rows it kept.
pub struct Tie {
    pub key: String,
    pub kept: usize,
}

#[derive(Default)]
struct Taken<'k, 'a> {
    seen: usize,
    kept: usize,
    /// The sort key of the last row kept within the limit.
    last: Option<&'k [Value<'a>]>,
}

impl Slice {
    /// Which rows stay: `keys[i]` is row i's group key, `sorted[i]` its sort values (empty
    /// when the rows were never sorted: then nothing ties). Also the groups cut in a tie.
    pub fn keep<'a>(
        &self,
        keys: &[Vec<Value<'a>>],
        sorted: &[&[Value<'a>]],
    ) -> (Vec<bool>, Vec<Tie>) {
        let identities: Vec<String> = keys.iter().map(|k| identity(k).into_owned()).collect();
        let mut taken: HashMap<&str, Taken> = HashMap::new();
        let mut keep = Vec::with_capacity(keys.len());
        let mut tied: Vec<usize> = Vec::new();
        for (i, id) in identities.iter().enumerate() {
            let t = taken.entry(id.as_str()).or_default();
            t.seen += 1;
            let row_sort = sorted.get(i).copied().unwrap_or_default();
            let stays = if t.seen <= self.offset {
                false
            } else if t.kept < self.limit {
                t.last = Some(row_sort);
                true
            } else {
                let ties = !row_sort.is_empty() && t.last.is_some_and(|last| same(last, row_sort));
                if ties && !tied.iter().any(|&j| identities[j] == *id) {
                    tied.push(i);
                }
                ties
            };
            t.kept += usize::from(stays);
            keep.push(stays);
        }
        let ties = tied
            .into_iter()
            .map(|i| Tie {
                key: display_key(&keys[i]),
                kept: taken.get(identities[i].as_str()).map_or(0, |t| t.kept),
            })
            .collect();
        (keep, ties)
    }
}

fn same(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| sort_order(x, y).is_eq())
}

fn display_key(values: &[Value]) -> String {
    values
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Groups listed in a ties note before "and N more".
const LISTED_TIES: usize = 5;

/// "limit 3 per doc.region kept ties at the cut: 沂源县 4 rows, 临淄区 5 rows".
pub fn ties_note(
    ties: &[Tie],
    per: &[(String, super::plan::Node)],
    limit: usize,
) -> Option<String> {
    if ties.is_empty() {
        return None;
    }
    let keys: Vec<&str> = per.iter().map(|(k, _)| k.as_str()).collect();
    let mut listed: Vec<String> = ties
        .iter()
        .take(LISTED_TIES)
        .map(|t| format!("{} {} rows", t.key, t.kept))
        .collect();
    if ties.len() > LISTED_TIES {
        listed.push(format!("and {} more", ties.len() - LISTED_TIES));
    }
    Some(format!(
        "limit {limit} per {} kept rows tied at the cut: {}",
        keys.join(", "),
        listed.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn n(x: i64) -> Value<'static> {
        Value::Num(Decimal::from(x))
    }

    fn s(x: &str) -> Value<'static> {
        Value::owned(x.to_string())
    }

    #[test]
    fn keeps_the_first_rows_of_each_group_and_their_ties() {
        // (group, score), already sorted by score descending.
        let rows = [
            ("a", 9),
            ("b", 8),
            ("a", 7),
            ("a", 7),
            ("b", 6),
            ("a", 5),
            ("b", 6),
        ];
        let keys: Vec<Vec<Value>> = rows.iter().map(|(g, _)| vec![s(g)]).collect();
        let sorted: Vec<Vec<Value>> = rows.iter().map(|(_, v)| vec![n(*v)]).collect();
        let sorted: Vec<&[Value]> = sorted.iter().map(Vec::as_slice).collect();
        let slice = Slice {
            limit: 2,
            offset: 0,
        };
        let (keep, ties) = slice.keep(&keys, &sorted);
        // a keeps 9, 7 and the tied 7; b keeps 8, 6 and the tied 6.
        assert_eq!(keep, [true, true, true, true, true, false, true]);
        let described: Vec<(String, usize)> = ties.into_iter().map(|t| (t.key, t.kept)).collect();
        assert_eq!(described, vec![("a".to_string(), 3), ("b".to_string(), 3)]);
    }

    #[test]
    fn unsorted_rows_never_tie_and_offset_skips_within_each_group() {
        let keys: Vec<Vec<Value>> = ["a", "a", "a", "b"].iter().map(|g| vec![s(g)]).collect();
        let slice = Slice {
            limit: 1,
            offset: 1,
        };
        let (keep, ties) = slice.keep(&keys, &[]);
        assert_eq!(keep, [false, true, false, false]);
        assert!(ties.is_empty());
    }
}
