//! Reads .docx files (stub: being written).

use super::Extract;

pub fn read(_bytes: &[u8]) -> Result<Extract, String> {
    Err("reading .docx is not built yet".into())
}
