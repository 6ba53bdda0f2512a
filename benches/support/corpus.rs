//! A corpus for scale (a bench helper, not part of the CLI): N copies of the seeds, each
//! copy's regions renamed (东西南北… prefixes, so every copy is a county of its own) and its
//! figures varied, written as text files into a folder.

use std::path::Path;

/// The regions the seeds name.
const REGIONS: &[&str] = &["文昌湖区", "东昌府区", "沂源县", "台儿庄区"];
/// Characters that spell a copy's number in its region names.
const DIGITS: [char; 10] = ['东', '西', '南', '北', '中', '上', '下', '前', '后', '左'];

/// Writes `copies` copies of the seeds into `dir`; returns the bytes written.
pub fn write(dir: &Path, copies: usize) -> std::io::Result<u64> {
    let mut bytes = 0;
    for i in 0..copies {
        let tag: String = format!("{i:04}")
            .bytes()
            .map(|d| DIGITS[usize::from(d - b'0')])
            .collect();
        for (file, text) in planq::ingest::SEEDS {
            let mut copy = text.to_string();
            for region in REGIONS {
                copy = copy.replace(region, &format!("{tag}{region}"));
            }
            // Vary the figures a little: 15家 becomes 16家 in odd copies.
            if i % 2 == 1 {
                copy = copy.replace("5家", "6家").replace("0亿元", "1亿元");
            }
            bytes += copy.len() as u64;
            std::fs::write(dir.join(format!("{i:04}_{file}")), copy)?;
        }
    }
    Ok(bytes)
}

/// `copies` copies of the seeds in memory, each copy's documents given a region and file
/// of their own, settled as a loaded corpus is: for query benches at scale, without
/// parsing the text `copies` times.
#[allow(dead_code)] // the make_corpus example writes files only
pub fn in_memory(copies: usize) -> planq::model::Corpus {
    let seeds = planq::ingest::seed_corpus();
    let mut corpus = planq::model::Corpus::default();
    for i in 0..copies {
        for doc in &seeds.documents {
            let mut doc = doc.clone();
            doc.file = format!("{i:04}_{}", doc.file);
            doc.region = doc.region.map(|r| format!("{i:04}{r}"));
            corpus.documents.push(doc);
        }
    }
    planq::ingest::settle(&mut corpus);
    corpus
}
