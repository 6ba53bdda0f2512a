//! Where results go: standard output, or the file `--out` names.
//!
//! The file is created before any statement runs, so a missing folder is reported before
//! the work, not after it; every failure names the path.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub enum Destination {
    Stdout,
    File {
        path: PathBuf,
        file: BufWriter<File>,
    },
}

impl Destination {
    /// `--out FILE` when given, else standard output.
    pub fn open(out: Option<&Path>) -> Result<Destination, String> {
        let Some(path) = out else {
            return Ok(Destination::Stdout);
        };
        let file = File::create(path).map_err(|e| cannot_write(path, &e))?;
        Ok(Destination::File {
            path: path.to_path_buf(),
            file: BufWriter::new(file),
        })
    }

    /// Writes `bytes`; standard output is flushed at once, so results show as they come.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        match self {
            Destination::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes)
                    .and_then(|()| out.flush())
                    .map_err(|e| format!("cannot write the output: {e}"))
            }
            Destination::File { path, file } => {
                file.write_all(bytes).map_err(|e| cannot_write(path, &e))
            }
        }
    }

    /// Flushes a file, so a full disk is reported rather than lost when the writer drops.
    pub fn finish(self) -> Result<(), String> {
        match self {
            Destination::Stdout => Ok(()),
            Destination::File { path, mut file } => file
                .flush()
                .and_then(|()| file.get_ref().sync_all())
                .map_err(|e| cannot_write(&path, &e)),
        }
    }
}

fn cannot_write(path: &Path, e: &std::io::Error) -> String {
    format!("cannot write {}: {e}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_named() {
        let path = Path::new("/no/such/folder/out.csv");
        let Err(e) = Destination::open(Some(path)) else {
            panic!("created a file in a missing folder");
        };
        assert!(
            e.starts_with("cannot write /no/such/folder/out.csv: "),
            "{e}"
        );
    }

    #[test]
    fn writes_land_in_the_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("out.txt");
        let mut d = Destination::open(Some(&path)).unwrap_or_else(|e| panic!("{e}"));
        d.write(b"a\n")
            .and_then(|()| d.write(b"b\n"))
            .unwrap_or_else(|e| panic!("{e}"));
        d.finish().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some("a\nb\n")
        );
    }
}
