//! Traditional characters: read a traditional-script document as simplified, keep names as written.
