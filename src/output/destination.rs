//! Where results go: standard output, or the file `--out` names.
//!
//! Results are written to a temporary file beside it, made before any statement runs (so a
//! missing folder is reported before the work), and moved over the named file only when
//! something was written: a run whose every statement failed leaves an existing file as
//! it was. Every failure names the path.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

pub enum Destination {
    Stdout,
    File {
        path: PathBuf,
        file: BufWriter<NamedTempFile>,
        written: bool,
    },
    /// A device or a pipe (`--out /dev/null`): written into as it is.
    Stream {
        path: PathBuf,
        file: BufWriter<std::fs::File>,
    },
}

impl Destination {
    /// `--out FILE` when given, else standard output.
    pub fn open(out: Option<&Path>) -> Result<Destination, String> {
        let Some(path) = out else {
            return Ok(Destination::Stdout);
        };
        match super::OutPath::resolve(path)? {
            super::OutPath::Replace { path, folder } => {
                let file = NamedTempFile::new_in(&folder).map_err(|e| cannot_write(&path, &e))?;
                Ok(Destination::File {
                    path,
                    file: BufWriter::new(file),
                    written: false,
                })
            }
            super::OutPath::Stream(path) => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .map_err(|e| cannot_write(&path, &e))?;
                Ok(Destination::Stream {
                    path,
                    file: BufWriter::new(file),
                })
            }
        }
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
            Destination::File {
                path,
                file,
                written,
            } => {
                *written = true;
                file.write_all(bytes).map_err(|e| cannot_write(path, &e))
            }
            Destination::Stream { path, file } => {
                file.write_all(bytes).map_err(|e| cannot_write(path, &e))
            }
        }
    }

    /// The destination as an `io::Write`; an error is described by [`Destination::describe`].
    pub fn writer(&mut self) -> Writer<'_> {
        Writer(self)
    }

    /// A write error, with the path it happened to.
    pub fn describe(&self, e: &std::io::Error) -> String {
        match self {
            Destination::Stdout => format!("cannot write the output: {e}"),
            Destination::File { path, .. } | Destination::Stream { path, .. } => {
                cannot_write(path, e)
            }
        }
    }

    /// Flushes a file (so a full disk is reported rather than lost) and puts it in place;
    /// with nothing written, the named file is left as it was.
    pub fn finish(self) -> Result<(), String> {
        match self {
            Destination::Stdout => Ok(()),
            // A full device (/dev/full) says so at the last flush.
            Destination::Stream { path, mut file } => {
                file.flush().map_err(|e| cannot_write(&path, &e))
            }
            Destination::File {
                path,
                file,
                written,
            } => {
                let temp = file
                    .into_inner()
                    .map_err(|e| cannot_write(&path, e.error()))?;
                if !written {
                    return Ok(());
                }
                put_in_place(temp, &path)
            }
        }
    }
}

/// Writes a whole file over `path` (a regular file, or none yet; through a link, the file
/// it names): `fill` writes a temporary file beside it, which is moved into place only
/// when `fill` succeeds, so a failure leaves the old file as it was. `what` names the
/// output when `path` is a device or a pipe, which cannot be replaced.
pub fn replace_file(
    path: &Path,
    what: &str,
    fill: impl FnOnce(&NamedTempFile) -> Result<(), String>,
) -> Result<(), String> {
    let (path, folder) = match super::OutPath::resolve(path)? {
        super::OutPath::Replace { path, folder } => (path, folder),
        super::OutPath::Stream(p) => {
            return Err(format!(
                "cannot write {}: {what} is a regular file, and this is a device or a pipe",
                p.display()
            ))
        }
    };
    let temp = NamedTempFile::new_in(folder).map_err(|e| cannot_write(&path, &e))?;
    fill(&temp).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    put_in_place(temp, &path)
}

/// Flushes the temporary file to disk (so a full disk is reported), gives it the
/// permissions of the file it replaces, and moves it over `path`.
fn put_in_place(temp: NamedTempFile, path: &Path) -> Result<(), String> {
    temp.as_file()
        .sync_all()
        .and_then(|()| keep_permissions(&temp, path))
        .map_err(|e| cannot_write(path, &e))?;
    temp.persist(path)
        .map(|_| ())
        .map_err(|e| cannot_write(path, &e.error))
}

/// A [`Destination`] as an `io::Write`, for output streamed by a serializer.
pub struct Writer<'a>(&'a mut Destination);

impl Write for Writer<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0 {
            Destination::Stdout => std::io::stdout().lock().write(buf),
            Destination::File { file, written, .. } => {
                *written = true;
                file.write(buf)
            }
            Destination::Stream { file, .. } => file.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.0 {
            Destination::Stdout => std::io::stdout().lock().flush(),
            Destination::File { file, .. } => file.flush(),
            Destination::Stream { file, .. } => file.flush(),
        }
    }
}

/// A temporary file is private to its owner; the result takes the permissions of the file
/// it replaces, or those a new file usually gets (rw-r--r--).
fn keep_permissions(temp: &NamedTempFile, path: &Path) -> std::io::Result<()> {
    let permissions = match std::fs::metadata(path) {
        Ok(old) => old.permissions(),
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::Permissions::from_mode(0o644)
        }
    };
    temp.as_file().set_permissions(permissions)
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
        assert_eq!(
            e,
            "cannot write /no/such/folder/out.csv: there is no folder /no/such/folder"
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
