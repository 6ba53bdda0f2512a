//! The model cache: what parsing a file gave, kept in the data directory so the next run
//! over an unchanged file reads the model instead of the text.
//!
//! An entry is keyed by the file's path, size and modification time, the way it was read
//! (`--lossy`), and the planq build that wrote it. It is trusted only whole: a checksum over
//! everything after the magic, then the key compared in full. Anything else (a truncated,
//! foreign or stale entry) is a miss, and the file is parsed and the entry written again.
//! Entries are written to a temporary file and moved into place, so two runs at once never
//! see half an entry.

use super::ReadOptions;
use crate::model::Document;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

/// The first bytes of every entry; the number changes when the layout of an entry does.
const MAGIC: &[u8; 8] = b"planqc02";

/// Where entries are kept.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What an entry says it is the parse of.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    build: String,
    path: PathBuf,
    size: u64,
    modified_ns: u128,
    /// When the file's inode last changed: a file edited and given back its old time
    /// (`touch -r`) still changes this.
    changed_ns: i128,
    lossy: bool,
    /// A digest of the office aliases the units were read with.
    aliases: u64,
}

#[derive(Serialize)]
struct EntryRef<'a> {
    key: &'a Key,
    doc: &'a Document,
}

#[derive(Deserialize)]
struct Entry {
    key: Key,
    doc: Document,
}

impl Cache {
    /// The cache in `PLANQ_DATA_DIR` or the user's data directory (`…/planq/cache`).
    pub fn in_data_dir() -> Option<Cache> {
        crate::home::data_dir().map(|d| Cache::at(d.join("cache")))
    }

    pub fn at(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The document an entry holds for `path` as it is now, if there is a sound one.
    pub fn get(&self, path: &Path, options: &ReadOptions) -> Option<Document> {
        self.read(&key(path, options)?)
    }

    /// Keeps `doc` as the parse of `path`; says why it could not.
    pub fn put(&self, path: &Path, options: &ReadOptions, doc: &Document) -> Result<(), String> {
        match key(path, options) {
            Some(key) => self.write(&key, doc),
            None => Ok(()),
        }
    }

    /// The document an entry holds for the embedded seed `name`, if there is a sound one.
    pub fn get_embedded(&self, name: &str, text: &str, options: &ReadOptions) -> Option<Document> {
        self.read(&embedded_key(name, text, options))
    }

    /// Keeps `doc` as the parse of the embedded seed `name`.
    pub fn put_embedded(
        &self,
        name: &str,
        text: &str,
        options: &ReadOptions,
        doc: &Document,
    ) -> Result<(), String> {
        self.write(&embedded_key(name, text, options), doc)
    }

    fn read(&self, key: &Key) -> Option<Document> {
        // Only a regular file of a size an entry for this source could have is read: a
        // link to /dev/zero, a FIFO or a huge file in the folder is a miss, not a hang.
        let path = self.entry(key);
        let most = key.size.saturating_mul(16).saturating_add(1 << 20);
        let bytes = super::source::read_limited(&path, most).ok()?;
        let body = bytes.strip_prefix(MAGIC.as_slice())?;
        let (sum, body) = body.split_first_chunk::<4>()?;
        if crc32fast::hash(body) != u32::from_le_bytes(*sum) {
            return None;
        }
        let entry: Entry = rmp_serde::from_slice(body).ok()?;
        (entry.key == *key).then_some(entry.doc)
    }

    fn write(&self, key: &Key, doc: &Document) -> Result<(), String> {
        let cannot = |e: &dyn std::fmt::Display| format!("{}: {e}", self.dir.display());
        let body = rmp_serde::to_vec_named(&EntryRef { key, doc }).map_err(|e| cannot(&e))?;
        std::fs::create_dir_all(&self.dir).map_err(|e| cannot(&e))?;
        let mut temp = tempfile::NamedTempFile::new_in(&self.dir).map_err(|e| cannot(&e))?;
        temp.write_all(MAGIC)
            .and_then(|()| temp.write_all(&crc32fast::hash(&body).to_le_bytes()))
            .and_then(|()| temp.write_all(&body))
            .map_err(|e| cannot(&e))?;
        let entry = self.entry(key);
        temp.persist(&entry)
            .map(|_| ())
            .map_err(|e| format!("{}: {}", entry.display(), e.error))
    }

    /// The entry's file: one per path and way of reading, so a changed file's new entry
    /// replaces the old one.
    fn entry(&self, key: &Key) -> PathBuf {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&key.path, key.lossy).hash(&mut h);
        self.dir.join(format!("{:016x}.model", h.finish()))
    }
}

/// The key of a seed compiled into this build: its name and size (the build stands for
/// its text).
fn embedded_key(name: &str, text: &str, options: &ReadOptions) -> Key {
    Key {
        build: build().to_string(),
        path: Path::new("(embedded)").join(name),
        size: text.len() as u64,
        modified_ns: 0,
        changed_ns: 0,
        lossy: false,
        aliases: digest(&options.aliases),
    }
}

fn digest(aliases: &[(String, String)]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    aliases.hash(&mut h);
    h.finish()
}

/// The key of `path` as it is now; `None` when it cannot be told (no such file, no
/// modification time), and then the file is not cached.
fn key(path: &Path, options: &ReadOptions) -> Option<Key> {
    let meta = std::fs::metadata(path).ok()?;
    let modified_ns = meta
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(Key {
        build: build().to_string(),
        path: std::fs::canonicalize(path).ok()?,
        size: meta.len(),
        modified_ns,
        changed_ns: {
            use std::os::unix::fs::MetadataExt;
            i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec())
        },
        lossy: options.lossy,
        aliases: digest(&options.aliases),
    })
}

/// This build of planq: its version and its executable's size and time, so a rebuilt
/// planq (whose parse may differ) never reads an older one's entries.
fn build() -> &'static str {
    static BUILD: OnceLock<String> = OnceLock::new();
    BUILD.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        let stamp = exe.ok().and_then(|m| {
            let t = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
            Some(format!("{}-{}", m.len(), t.as_nanos()))
        });
        format!(
            "{} {}",
            env!("CARGO_PKG_VERSION"),
            stamp.unwrap_or_default()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> ReadOptions {
        ReadOptions::default()
    }

    fn setup() -> (tempfile::TempDir, PathBuf, Cache, Document) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("plan.txt");
        let (name, text) = super::super::SEEDS[0];
        std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::at(dir.path().join("cache"));
        (dir, file, cache, super::super::parse_document(name, text))
    }

    fn only_entry(cache: &Cache) -> PathBuf {
        let entries: Vec<PathBuf> = std::fs::read_dir(cache.dir())
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        assert_eq!(entries.len(), 1, "{entries:?}");
        entries[0].clone()
    }

    #[test]
    fn an_entry_gives_back_the_same_model() {
        let (_dir, file, cache, doc) = setup();
        assert!(cache.get(&file, &plain()).is_none());
        cache
            .put(&file, &plain(), &doc)
            .unwrap_or_else(|e| panic!("{e}"));
        let back = cache
            .get(&file, &plain())
            .unwrap_or_else(|| panic!("no entry"));
        let json = |d: &Document| serde_json::to_string(d).unwrap_or_default();
        assert_eq!(json(&back), json(&doc));
        let lossy = ReadOptions {
            lossy: true,
            ..plain()
        };
        assert!(
            cache.get(&file, &lossy).is_none(),
            "read lossily is another key"
        );
        let aliased = ReadOptions {
            aliases: vec![("招商中心".into(), "投资促进".into())],
            ..plain()
        };
        assert!(
            cache.get(&file, &aliased).is_none(),
            "other aliases, another key"
        );
    }

    #[test]
    fn a_changed_file_is_a_miss() {
        let (_dir, file, cache, doc) = setup();
        cache
            .put(&file, &plain(), &doc)
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&file, "另一份文件\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(cache.get(&file, &plain()).is_none());
    }

    #[test]
    fn a_damaged_or_truncated_entry_is_a_miss() {
        let (_dir, file, cache, doc) = setup();
        cache
            .put(&file, &plain(), &doc)
            .unwrap_or_else(|e| panic!("{e}"));
        let entry = only_entry(&cache);
        let mut bytes = std::fs::read(&entry).unwrap_or_default();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x20;
        std::fs::write(&entry, &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert!(cache.get(&file, &plain()).is_none(), "one flipped bit");
        std::fs::write(&entry, &bytes[..middle]).unwrap_or_else(|e| panic!("{e}"));
        assert!(cache.get(&file, &plain()).is_none(), "cut short");
        std::fs::write(&entry, b"planqc02").unwrap_or_else(|e| panic!("{e}"));
        assert!(cache.get(&file, &plain()).is_none(), "magic only");
    }
}
