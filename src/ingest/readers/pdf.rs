//! Reads PDF files (stub: being written).

use super::Extract;
use std::path::Path;

pub fn read(_path: &Path, _bytes: &[u8]) -> Result<Extract, String> {
    Err("reading .pdf is not built yet".into())
}
