//! Writes a corpus for scale: N copies of the seeds, regions renamed and figures varied.
//! `cargo run --release --example make_corpus -- DIR N` (benches/compare.sh uses it).

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(copies))) = (args.first(), args.get(1).map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: make_corpus DIR N   (N copies of the seeds into DIR)");
        return std::process::ExitCode::from(2);
    };
    let dir = std::path::Path::new(dir);
    match std::fs::create_dir_all(dir).and_then(|()| corpus::write(dir, copies)) {
        Ok(bytes) => {
            println!("{} files, {bytes} bytes in {}", copies * 5, dir.display());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("make_corpus: {e}");
            std::process::ExitCode::from(1)
        }
    }
}
