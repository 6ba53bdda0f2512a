//! docx cases (being written).
