//! Reads .html files (stub: being written).

use super::Extract;

pub fn read(_bytes: &[u8]) -> Result<Extract, String> {
    Err("reading .html is not built yet".into())
}
