//! Where the history file lives: `PLANQ_HISTORY`, else `history.txt` in `PLANQ_DATA_DIR`,
//! else in the user's data directory (`~/.local/share/planq` on Linux).

use std::path::PathBuf;

/// The history file to load and append to, or `None` when there is no home to keep it in.
pub fn path() -> Option<PathBuf> {
    if let Some(file) = std::env::var_os("PLANQ_HISTORY").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(file));
    }
    let dir = match std::env::var_os("PLANQ_DATA_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => directories::ProjectDirs::from("", "", "planq")?
            .data_dir()
            .to_path_buf(),
    };
    Some(dir.join("history.txt"))
}
