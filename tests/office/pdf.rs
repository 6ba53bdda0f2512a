//! pdf cases (being written).
