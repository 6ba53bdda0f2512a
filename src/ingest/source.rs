//! Reading sources from disk: regular files only (a FIFO or a device would block or never
//! end), within a size limit the user can raise, folders walked to the bottom, and every
//! file loaded once however often it is named.

use super::readers::DOCUMENT_EXTENSIONS;
use super::IngestError;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest document read, unless `PLANQ_MAX_BYTES` says otherwise.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// The environment variable that raises (or lowers) the size limit, in bytes.
pub const MAX_BYTES_VAR: &str = "PLANQ_MAX_BYTES";

/// The size limit for one document: `PLANQ_MAX_BYTES` when it is a number, else the default.
pub fn max_document_bytes() -> u64 {
    std::env::var(MAX_BYTES_VAR)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_MAX_DOCUMENT_BYTES)
}

/// Reads a whole regular file of at most `limit` bytes; the error says what was wrong in
/// words a user can act on.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    // stat never blocks; opening a FIFO with no writer would.
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err(format!(
            "not a regular file ({}); planq reads documents and scripts from regular files",
            kind_of(&meta)
        ));
    }
    let too_big = |size: u64| {
        format!(
            "{} is larger than planq's limit of {} for one file; set {MAX_BYTES_VAR}=<bytes> to raise it",
            megabytes(size),
            megabytes(limit)
        )
    };
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow while it is read: never take more than the limit.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads standard input up to `limit` bytes.
pub fn read_stdin_limited(limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "more than {} on standard input; set {MAX_BYTES_VAR}=<bytes> to raise the limit",
            megabytes(limit)
        ));
    }
    Ok(bytes)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// The files that `paths` name: files as given, folders walked (subfolders too) for their
/// documents, sorted by path; each file once. Files named again are listed in `repeated`.
#[derive(Debug, Default)]
pub struct Sources {
    pub files: Vec<PathBuf>,
    pub repeated: Vec<PathBuf>,
    pub errors: Vec<IngestError>,
}

pub fn sources(paths: &[PathBuf]) -> Sources {
    let mut found = Sources::default();
    let mut seen = HashSet::new();
    for path in paths {
        let before = found.files.len() + found.repeated.len();
        if path.is_dir() {
            walk(path, &mut found, &mut seen);
            if found.files.len() + found.repeated.len() == before && found.errors.is_empty() {
                found.errors.push(IngestError {
                    path: path.clone(),
                    message: format!(
                        "folder holds no documents (.{})",
                        DOCUMENT_EXTENSIONS.join(", .")
                    ),
                });
            }
        } else {
            add(path.clone(), &mut found, &mut seen);
        }
    }
    found
}

fn add(path: PathBuf, found: &mut Sources, seen: &mut HashSet<PathBuf>) {
    let key = path.canonicalize().unwrap_or_else(|_| path.clone());
    if seen.insert(key) {
        found.files.push(path);
    } else {
        found.repeated.push(path);
    }
}

/// Walks a folder depth first in name order; a folder seen before (a symlink loop) is not
/// walked again.
fn walk(dir: &Path, found: &mut Sources, seen: &mut HashSet<PathBuf>) {
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(key) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found.errors.push(IngestError {
                path: dir.to_path_buf(),
                message: e.to_string(),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, found, seen);
        } else if path.extension().is_some_and(|x| {
            DOCUMENT_EXTENSIONS
                .iter()
                .any(|d| x.eq_ignore_ascii_case(d))
        }) {
            add(path, found, seen);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_and_files_counted_once() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("b");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(dir.path().join("a.txt"), "1").unwrap();
        std::fs::write(sub.join("c.txt"), "2").unwrap();
        std::fs::write(sub.join("d.jpg"), "3").unwrap();
        std::fs::write(sub.join("e.xlsx"), "4").unwrap();
        let a = dir.path().join("a.txt");
        let found = sources(&[dir.path().to_path_buf(), a.clone()]);
        assert_eq!(
            found.files,
            [a.clone(), sub.join("c.txt"), sub.join("e.xlsx")]
        );
        assert_eq!(found.repeated, [a]);
    }

    #[test]
    fn limits_and_non_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'x'; 2000]).unwrap();
        let e = read_limited(&big, 1000).unwrap_err();
        assert!(e.contains("PLANQ_MAX_BYTES"), "{e}");
        assert_eq!(read_limited(&big, 5000).unwrap().len(), 2000);
        let e = read_limited(dir.path(), 5000).unwrap_err();
        assert!(e.contains("not a regular file (a folder)"), "{e}");
    }
}
