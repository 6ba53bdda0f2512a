//! Where planq keeps its own files (history, the model cache): `PLANQ_DATA_DIR`, else the
//! user's data directory (`~/.local/share/planq` on Linux).

use std::path::PathBuf;

/// planq's data directory, or `None` when the user has no home to keep it in.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("PLANQ_DATA_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => Some(
            directories::ProjectDirs::from("", "", "planq")?
                .data_dir()
                .to_path_buf(),
        ),
    }
}
