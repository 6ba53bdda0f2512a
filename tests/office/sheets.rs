//! sheets cases (being written).
