//! Legacy binary documents (.doc, .wps) and OpenDocument text (.odt): no well-kept
//! pure-Rust crate reads them, so they are converted to .docx by LibreOffice when `soffice`
//! is on PATH, and refused with the one command that converts them when it is not.

use super::{docx, Extract};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a conversion may take before it is given up.
const CONVERT_TIMEOUT: Duration = Duration::from_secs(120);

/// The LibreOffice programs looked for, in order.
const SOFFICE: &[&str] = &["soffice", "libreoffice"];

/// Converts the bytes of `path` (written to a temporary folder, so a document given as
/// bytes converts too) and reads the .docx LibreOffice makes of them.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Extract, String> {
    let kind = kind_of(path);
    let Some(soffice) = SOFFICE.iter().find(|p| on_path(p)) else {
        return Err(format!(
            "{kind}: planq reads it through LibreOffice, which is not installed; convert it with `soffice --headless --convert-to docx {}` (or save it as .docx from Word/WPS) and load the .docx",
            path.display()
        ));
    };
    let out = tempfile::tempdir().map_err(|e| format!("{kind}: no temporary folder: {e}"))?;
    let name = path
        .file_name()
        .map_or_else(|| "document.doc".into(), |n| n.to_os_string());
    let input = out.path().join("in");
    std::fs::create_dir(&input)
        .and_then(|()| std::fs::write(input.join(&name), bytes))
        .map_err(|e| format!("{kind}: cannot write a temporary copy to convert: {e}"))?;
    let mut child = Command::new(soffice)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(out.path())
        .arg(input.join(&name))
        // LibreOffice refuses to start a second instance on one profile: give it its own.
        .env("HOME", out.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{kind}: {soffice} did not start: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() < CONVERT_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(50))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{kind}: {soffice} did not finish converting it within {} s",
                    CONVERT_TIMEOUT.as_secs()
                ));
            }
        }
    }
    let converted = std::fs::read_dir(out.path()).ok().and_then(|mut d| {
        d.find_map(|e| {
            e.ok()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        })
    });
    let Some(converted) = converted else {
        return Err(format!(
            "{kind}: {soffice} could not convert it; the file may be damaged"
        ));
    };
    let bytes = std::fs::read(&converted).map_err(|e| format!("{kind}: {e}"))?;
    docx::read(&bytes)
}

fn kind_of(path: &Path) -> String {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "wps" => "a WPS document (.wps)".into(),
        "odt" => "an OpenDocument text (.odt)".into(),
        "doc" => "a legacy Word document (.doc)".into(),
        _ => "a legacy binary office document".into(),
    }
}

/// Whether a program is found on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            let file = dir.join(program);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::metadata(&file)
                    .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            }
            #[cfg(not(unix))]
            {
                file.is_file()
            }
        })
    })
}
