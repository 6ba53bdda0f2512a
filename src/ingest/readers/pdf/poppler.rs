//! The second reader: `pdftotext -layout` (poppler), when installed, for files the built-in
//! reader cannot read. Pages split at form feeds, cells at runs of three spaces, laid out
//! like the glyphs with display columns for positions.

use super::assemble::layout;
use super::layout::Tolerance;
use super::lines::{keeps_space, no_line_start, Line, Run};
use super::page::Page;
use super::MAX_TEXT_BYTES;
use crate::ingest::readers::Extract;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long pdftotext may take.
const PDFTOTEXT_TIMEOUT: Duration = Duration::from_secs(60);

/// Reads the PDF with `pdftotext -layout`: pages split at form feeds, cells at runs of three
/// spaces, then laid out like the glyphs (columns for positions).
pub(super) fn read_with_pdftotext(bytes: &[u8]) -> Result<Extract, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("no temporary folder: {e}"))?;
    let (input, output) = (dir.path().join("in.pdf"), dir.path().join("out.txt"));
    std::fs::write(&input, bytes).map_err(|e| format!("cannot write a temporary copy: {e}"))?;
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&input)
        .arg(&output)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("pdftotext did not start: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(Some(status)) => return Err(format!("pdftotext failed ({status})")),
            Ok(None) if started.elapsed() < PDFTOTEXT_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(50))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "pdftotext did not finish within {} s",
                    PDFTOTEXT_TIMEOUT.as_secs()
                ));
            }
        }
    }
    let size = std::fs::metadata(&output).map_err(|e| e.to_string())?.len();
    if size > MAX_TEXT_BYTES as u64 {
        return Err(format!(
            "a PDF whose text passes {} MB",
            MAX_TEXT_BYTES >> 20
        ));
    }
    let text = std::fs::read(&output).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&text);
    let mut pages: Vec<Page> = text.split('\u{c}').map(page_of_columns).collect();
    // The form feed after the last page leaves an empty page behind it.
    if pages.len() > 1 && pages.last().is_some_and(|p| p.lines.is_empty()) {
        pages.pop();
    }
    Ok(layout(pages, Tolerance::COLUMNS))
}

/// One page of pdftotext's layout text as lines: x in display columns (a Chinese character
/// is two, its "em"), y one and a half ems a line (so that a blank line breaks a
/// paragraph), runs split at three or more spaces.
pub(super) fn page_of_columns(text: &str) -> Page {
    use unicode_width::UnicodeWidthChar;
    const EM: f64 = 2.0;
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let mut runs: Vec<Run> = Vec::new();
        let mut col = 0.0;
        let mut spaces = 0usize;
        for c in raw.chars() {
            let w = c.width().unwrap_or(0) as f64;
            if c == ' ' || c == '\u{3000}' {
                spaces += 1;
                col += w;
                continue;
            }
            let new_run = runs.is_empty() || spaces >= 3;
            if new_run {
                runs.push(Run {
                    text: String::new(),
                    x0: col,
                    x1: col,
                    lead: 0.0,
                });
            }
            let run = runs.last_mut().expect("a run was just pushed");
            if spaces > 0 && !new_run && run.text.chars().last().is_some_and(|p| keeps_space(p, c))
            {
                run.text.push(' ');
            }
            let last = run.text.chars().last();
            let word = c.is_ascii_alphanumeric() && last.is_some_and(|l| l.is_ascii_alphanumeric());
            let leading = run.text.is_empty()
                || (run.x1 - run.x0 <= run.lead && spaces == 0 && (no_line_start(c) || word));
            run.text.push(c);
            col += w;
            run.x1 = col;
            if leading {
                run.lead = run.x1 - run.x0;
            }
            spaces = 0;
        }
        if !runs.is_empty() {
            lines.push(Line {
                y: i as f64 * 1.5 * EM,
                size: EM,
                runs,
                no: i as u32 + 1,
            });
        }
    }
    Page {
        width: 0.0,
        lines,
        tables: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdftotext_pages_become_lines_and_rows() {
        let page = page_of_columns(
            "  1. 推进充电设施建设，新建充电桩\n300个，建成站点12座，实现全覆盖。\n  2. 实施老旧小区改造，改造小区24\n个。\n\n序号   工作任务   牵头单位\n 1     新建道路   县交通局\n        — 2 —\n",
        );
        let extract = layout(vec![page], Tolerance::COLUMNS);
        assert_eq!(
            extract.text(),
            "1.推进充电设施建设，新建充电桩300个，建成站点12座，实现全覆盖。\n2.实施老旧小区改造，改造小区24个。\n序号\t工作任务\t牵头单位\n1\t新建道路\t县交通局"
        );
    }
}
