//! Ingest: bytes → text → a [`Document`] of the plan model, with every line accounted for.

pub mod report;

use crate::model::{Corpus, Document};
use std::path::{Path, PathBuf};

/// The five seed documents compiled into the binary: the default corpus.
pub const SEEDS: &[(&str, &str)] = &[
    ("000_300f806c979b8884.txt", include_str!("../../seeds/000_300f806c979b8884.txt")),
    ("001_70bbf6938fcb4631.txt", include_str!("../../seeds/001_70bbf6938fcb4631.txt")),
    ("002_df7bbdd99b3e2ff6.txt", include_str!("../../seeds/002_df7bbdd99b3e2ff6.txt")),
    ("003_0bd5adcbd4f51cd8.txt", include_str!("../../seeds/003_0bd5adcbd4f51cd8.txt")),
    ("004_d341896d7292a1e4.txt", include_str!("../../seeds/004_d341896d7292a1e4.txt")),
];

/// A source that could not be read at all.
#[derive(Debug)]
pub struct IngestError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for IngestError {}

/// Parses one decoded document.
pub fn parse_document(file: &str, _text: &str) -> Document {
    Document::new(file, crate::model::DocumentKind::AnnualTasks)
}

/// The embedded seeds as a corpus.
pub fn seed_corpus() -> Corpus {
    Corpus {
        documents: SEEDS.iter().map(|(f, t)| parse_document(f, t)).collect(),
    }
}

/// Loads files and folders (every .txt inside a folder, sorted by name).
pub fn load_paths(paths: &[PathBuf]) -> Result<Corpus, IngestError> {
    let mut documents = Vec::new();
    for path in paths {
        for file in expand(path)? {
            documents.push(load_file(&file)?);
        }
    }
    Ok(Corpus { documents })
}

/// Reads, decodes and parses one file.
pub fn load_file(path: &Path) -> Result<Document, IngestError> {
    let bytes = std::fs::read(path).map_err(|e| IngestError {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| IngestError {
        path: path.to_path_buf(),
        message: "not UTF-8".into(),
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(parse_document(&name, &text))
}

fn expand(path: &Path) -> Result<Vec<PathBuf>, IngestError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| IngestError {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")))
        .collect();
    files.sort();
    Ok(files)
}
