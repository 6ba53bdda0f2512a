//! What an `--out` path names: a regular file to replace whole (through a symbolic link,
//! the file it points to), or a device or pipe (`/dev/null`, `/dev/stdout`, a FIFO) to
//! write into as the shell's `>` would. A folder, a link to nothing or a missing folder is
//! an error that names the path.

use std::path::{Path, PathBuf};

#[derive(Debug, PartialEq, Eq)]
pub enum OutPath {
    /// A regular file (or none yet): written beside it and moved over it when whole.
    Replace { path: PathBuf, folder: PathBuf },
    /// Not a regular file: written into directly, never replaced.
    Stream(PathBuf),
}

impl OutPath {
    pub fn resolve(path: &Path) -> Result<OutPath, String> {
        let cannot = |why: &str| format!("cannot write {}: {why}", path.display());
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => Err(cannot("it is a folder")),
            Ok(m) if m.is_file() => {
                let real = std::fs::canonicalize(path).map_err(|e| cannot(&e.to_string()))?;
                let folder = real.parent().unwrap_or(Path::new("/")).to_path_buf();
                Ok(OutPath::Replace { path: real, folder })
            }
            Ok(_) => Ok(OutPath::Stream(path.to_path_buf())),
            Err(_) if std::fs::symlink_metadata(path).is_ok() => {
                Err(cannot("it is a link to nothing"))
            }
            Err(_) => {
                let folder = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                if folder.is_dir() {
                    Ok(OutPath::Replace {
                        path: path.to_path_buf(),
                        folder,
                    })
                } else {
                    Err(cannot(&format!("there is no folder {}", folder.display())))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_followed_and_devices_written_into() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let real = dir.path().join("real.db");
        std::fs::write(&real, "x").unwrap_or_else(|e| panic!("{e}"));
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(&real, &link).unwrap_or_else(|e| panic!("{e}"));
        let Ok(OutPath::Replace { path, .. }) = OutPath::resolve(&link) else {
            panic!("a link to a file")
        };
        assert_eq!(path, std::fs::canonicalize(&real).unwrap_or_default());
        assert_eq!(
            OutPath::resolve(Path::new("/dev/null")),
            Ok(OutPath::Stream("/dev/null".into()))
        );
        let nowhere = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("gone"), &nowhere)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(OutPath::resolve(&nowhere).is_err_and(|e| e.ends_with("it is a link to nothing")));
        assert!(OutPath::resolve(dir.path()).is_err_and(|e| e.ends_with("it is a folder")));
        assert_eq!(
            OutPath::resolve(Path::new("/no/such/folder/out.csv")),
            Err("cannot write /no/such/folder/out.csv: there is no folder /no/such/folder".into())
        );
    }
}
