//! Where the history file lives: `PLANQ_HISTORY`, else `history.txt` in `PLANQ_DATA_DIR`,
//! else in the user's data directory (`~/.local/share/planq` on Linux); loading it, and
//! adding each entry to it as it is entered.

use super::LineEditor;
use std::path::{Path, PathBuf};

/// The history file to load and append to, or `None` when there is no home to keep it in.
pub fn path() -> Option<PathBuf> {
    if let Some(file) = std::env::var_os("PLANQ_HISTORY").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(file));
    }
    Some(crate::home::data_dir()?.join("history.txt"))
}

/// Loads earlier sessions' history; returns where to keep adding to it, or `None` (with a
/// warning) if there is nowhere to keep it.
pub fn open(editor: &mut LineEditor, path: PathBuf) -> Option<PathBuf> {
    if let Err(why) = usable(&path) {
        eprintln!(
            "planq: history will not be kept ({}: {why})",
            path.display()
        );
        return None;
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("planq: history will not be kept ({}: {e})", dir.display());
            return None;
        }
    }
    if path.exists() {
        if let Err(e) = editor.load_history(&path) {
            eprintln!("planq: could not read history {}: {e}", path.display());
        }
    }
    Some(path)
}

/// A history file must be a regular file or not exist yet: reading a FIFO waits for a
/// writer that never comes, and `/dev/zero` is one endless line that eats all memory.
fn usable(path: &Path) -> Result<(), &'static str> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err("not a regular file"),
        _ => Ok(()),
    }
}

/// Adds an entry to history and appends it to the file at once, so a killed session
/// keeps what it was asked.
pub fn remember(editor: &mut LineEditor, history: &mut Option<PathBuf>, entry: &str) {
    let _ = editor.add_history_entry(entry);
    if let Some(path) = history.as_ref() {
        if let Err(e) = editor.append_history(path) {
            eprintln!("planq: history will not be kept ({}: {e})", path.display());
            *history = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_or_new_paths_are_used() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("history.txt");
        assert_eq!(usable(&file), Ok(()), "not there yet: it will be created");
        std::fs::write(&file, "").unwrap();
        assert_eq!(usable(&file), Ok(()));
        assert!(usable(dir.path()).is_err());
        assert!(usable(Path::new("/dev/zero")).is_err());
    }
}
