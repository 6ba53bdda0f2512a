//! Reads Word files (.docx, .docm, .dotx): the body's paragraphs and tables in document
//! order, automatic numbers written in as Word shows them, then the footnotes. Built on
//! `zip` and `quick-xml` rather than a docx crate because a table's merged cells
//! (`w:gridSpan`, `w:vMerge`) and the list definitions must be read, not just its text.
//! Headers and footers are page furniture and are not read.

mod body;
mod format;
mod numbering;
mod xml;

use super::Extract;
use crate::ingest::source::{max_document_bytes, MAX_BYTES_VAR};
use numbering::Numbering;
use std::io::{Cursor, Read};
use zip::ZipArchive;

const DOCUMENT: &str = "word/document.xml";

pub fn read(bytes: &[u8]) -> Result<Extract, String> {
    Ok(walked(bytes, max_document_bytes())?.finish())
}

/// Walks a Word file whose parts may unpack to at most `budget` bytes in all.
fn walked(bytes: &[u8], budget: u64) -> Result<body::Walker, String> {
    let mut package = Package::open(bytes, budget)?;
    let mut warnings = Vec::new();
    let parts = package.related(&mut warnings);
    let document = package
        .text(DOCUMENT, &mut warnings)?
        .ok_or_else(|| format!("a damaged Word file: it has no {DOCUMENT}"))?;
    let numbering_xml = package.optional(&parts.numbering, &mut warnings);
    let styles_xml = package.optional(&parts.styles, &mut warnings);
    let numbering = Numbering::read(
        numbering_xml.as_deref(),
        styles_xml.as_deref(),
        &mut warnings,
    );
    drop((numbering_xml, styles_xml));
    let mut walker = body::Walker::new(numbering);
    xml::walk(&document, DOCUMENT, &mut walker).map_err(|e| format!("a damaged Word file: {e}"))?;
    drop(document);
    if let Some(notes) = package.optional(&parts.footnotes, &mut warnings) {
        walker.start_notes();
        if let Err(e) = xml::walk(&notes, &parts.footnotes, &mut walker) {
            warnings.push(format!("footnotes not fully read: {e}"));
            walker.reset();
        }
    }
    walker.extract.warnings.extend(warnings);
    Ok(walker)
}

/// Where the parts the reader needs are, as the document's relationships name them.
struct Parts {
    numbering: String,
    styles: String,
    footnotes: String,
}

/// The zip of a Word file, and how many more bytes its parts may unpack to: a zip bomb is
/// refused instead of filling the memory.
struct Package<'b> {
    zip: ZipArchive<Cursor<&'b [u8]>>,
    limit: u64,
    budget: u64,
}

impl<'b> Package<'b> {
    fn open(bytes: &'b [u8], budget: u64) -> Result<Package<'b>, String> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("a damaged Word file: not a readable zip: {e}"))?;
        Ok(Package {
            zip,
            limit: budget,
            budget,
        })
    }

    /// A part as text, `None` when the file has no such part.
    fn text(&mut self, name: &str, warnings: &mut Vec<String>) -> Result<Option<String>, String> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| format!("a damaged Word file: {name}: {e}"))?;
        let too_big = || {
            format!(
                "the Word file unpacks to more than {:.1} MB (at {name}), planq's limit for one document (a zip bomb?); set {MAX_BYTES_VAR}=<bytes> to raise it",
                self.limit as f64 / 1_000_000.0
            )
        };
        if entry.size() > self.budget {
            return Err(too_big());
        }
        // The declared size may lie: the read itself stops past the budget.
        let mut bytes = Vec::with_capacity(entry.size().min(1 << 24) as usize);
        entry
            .take(self.budget.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| format!("a damaged Word file: {name}: {e}"))?;
        if bytes.len() as u64 > self.budget {
            return Err(too_big());
        }
        self.budget -= bytes.len() as u64;
        let (text, lossy) = decoded(bytes);
        if lossy {
            warnings.push(format!(
                "{name}: bytes that are not valid text were replaced by U+FFFD"
            ));
        }
        Ok(Some(text))
    }

    /// A part the document can do without: when it cannot be read, a warning says so.
    fn optional(&mut self, name: &str, warnings: &mut Vec<String>) -> Option<String> {
        match self.text(name, warnings) {
            Ok(text) => text,
            Err(e) => {
                warnings.push(format!("{name} not read: {e}"));
                None
            }
        }
    }

    /// The numbering, styles and footnotes parts named by word/_rels/document.xml.rels,
    /// or the names Word gives them where it names none.
    fn related(&mut self, warnings: &mut Vec<String>) -> Parts {
        let mut parts = Parts {
            numbering: "word/numbering.xml".into(),
            styles: "word/styles.xml".into(),
            footnotes: "word/footnotes.xml".into(),
        };
        let rels = "word/_rels/document.xml.rels";
        let Some(xml) = self.optional(rels, warnings) else {
            return parts;
        };
        let mut reader = Relationships::default();
        if xml::walk(&xml, rels, &mut reader).is_err() {
            return parts;
        }
        for (kind, target) in reader.found {
            let slot = match kind.rsplit('/').next() {
                Some("numbering") => &mut parts.numbering,
                Some("styles") => &mut parts.styles,
                Some("footnotes") => &mut parts.footnotes,
                _ => continue,
            };
            *slot = part_path(&target);
        }
        parts
    }
}

/// Text of a part: UTF-8, or UTF-16 where a byte-order mark says so; whether bytes had to
/// be replaced.
fn decoded(bytes: Vec<u8>) -> (String, bool) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, lossy) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), lossy);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    }
}

/// A relationship target as a path in the zip: relative to word/, or absolute from the root.
fn part_path(target: &str) -> String {
    let mut path: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        vec!["word"]
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            _ => path.push(piece),
        }
    }
    path.join("/")
}

/// The (type, target) of each internal relationship.
#[derive(Default)]
struct Relationships {
    found: Vec<(String, String)>,
}

impl xml::Visitor for Relationships {
    fn open(&mut self, e: &xml::Element) {
        if e.name != "Relationship" || e.attr("TargetMode").is_some_and(|m| m == "External") {
            return;
        }
        if let (Some(kind), Some(target)) = (e.attr("Type"), e.attr("Target")) {
            self.found.push((kind, target));
        }
    }
    fn close(&mut self, _: xml::Ns, _: &str) {}
    fn text(&mut self, _: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::readers::{Cell, Grid, Span};
    use std::io::Write;

    const NAMESPACES: &str = concat!(
        r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
        r#"xmlns:v="urn:schemas-microsoft-com:vml""#
    );

    /// A Word file of the given parts (name, XML), written with the zip crate.
    fn package(parts: &[(&str, String)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, xml) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn document(body: &str) -> (&'static str, String) {
        (
            DOCUMENT,
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>"#
            ),
        )
    }

    fn part(name: &'static str, root: &str, content: &str) -> (&'static str, String) {
        (name, format!("<w:{root} {NAMESPACES}>{content}</w:{root}>"))
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    /// A paragraph numbered by list `num` at level `ilvl`.
    fn np(num: u32, ilvl: u32, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    fn level(ilvl: u32, format: &str, text: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/></w:lvl>"#
        )
    }

    fn lines(parts: &[(&str, String)]) -> Vec<String> {
        let extract = read(&package(parts)).unwrap_or_else(|e| panic!("{e}"));
        extract.text().split('\n').map(String::from).collect()
    }

    /// Every line's place, as `check` and `.show` print it.
    fn places(parts: &[(&str, String)]) -> Vec<String> {
        let extract = read(&package(parts)).unwrap();
        (1..=extract.places.lines.len())
            .map(|line| extract.places.of(line).unwrap())
            .collect()
    }

    fn cells(texts: &[&str]) -> Vec<Cell> {
        texts.iter().map(|t| Cell::new(*t)).collect()
    }

    #[test]
    fn automatic_numbers_are_written_as_word_shows_them() {
        let numbering = part(
            "word/numbering.xml",
            "numbering",
            &[
                r#"<w:abstractNum w:abstractNumId="0">"#,
                &level(0, "chineseCounting", "%1、"),
                &level(1, "chineseCounting", "（%2）"),
                "</w:abstractNum>",
                r#"<w:abstractNum w:abstractNumId="1">"#,
                &level(0, "decimal", "%1."),
                &level(1, "decimal", "%1.%2"),
                "</w:abstractNum>",
                r#"<w:abstractNum w:abstractNumId="2">"#,
                &level(0, "bullet", "\u{F0B7}"),
                "</w:abstractNum>",
                r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
                r#"<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#,
                r#"<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>"#,
                r#"<w:num w:numId="4"><w:abstractNumId w:val="0"/>"#,
                r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>"#,
            ]
            .concat(),
        );
        let body = [
            np(1, 0, "总体要求"),
            np(1, 1, "指导思想"),
            np(1, 1, "工作目标"),
            np(1, 0, "重点任务"),
            // The deeper level starts again under a new heading.
            np(1, 1, "稳增长"),
            np(2, 0, "2025年完成投资80亿元"),
            np(2, 1, "新开工项目"),
            np(2, 1, "续建项目"),
            np(2, 0, "扩内需"),
            np(2, 1, "促消费"),
            np(3, 0, "要点"),
            np(4, 0, "第十项"),
            np(4, 0, "第十一项"),
            // A second list of the same abstract list continues its numbers.
            np(1, 0, "保障措施"),
            // numId 0 takes the numbering away.
            np(0, 0, "不编号"),
        ]
        .concat();
        assert_eq!(
            lines(&[document(&body), numbering]),
            [
                "一、总体要求",
                "（一）指导思想",
                "（二）工作目标",
                "二、重点任务",
                "（一）稳增长",
                "1. 2025年完成投资80亿元",
                "1.1 新开工项目",
                "1.2 续建项目",
                "2. 扩内需",
                "2.1 促消费",
                "要点",
                "十、第十项",
                "十一、第十一项",
                "三、保障措施",
                "不编号",
            ]
        );
    }

    #[test]
    fn numbering_through_paragraph_styles() {
        let numbering = part(
            "word/numbering.xml",
            "numbering",
            &[
                r#"<w:abstractNum w:abstractNumId="5">"#,
                r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:pStyle w:val="H1"/><w:lvlText w:val="%1、"/></w:lvl>"#,
                r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:pStyle w:val="H2"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>"#,
                "</w:abstractNum>",
                r#"<w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num>"#,
            ]
            .concat(),
        );
        let styles = part(
            "word/styles.xml",
            "styles",
            concat!(
                r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#,
                r#"<w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>"#,
                r#"<w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>"#,
                r#"<w:style w:type="paragraph" w:styleId="H2x"><w:basedOn w:val="H2"/></w:style>"#,
            ),
        );
        let styled = |style: &str, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            styled("H1", "总体要求"),
            styled("H2", "指导思想"),
            styled("H2x", "工作目标"),
            styled("H1", "重点任务"),
            styled("H2", "稳增长"),
            p("正文"),
        ]
        .concat();
        assert_eq!(
            lines(&[document(&body), numbering, styles]),
            [
                "一、总体要求",
                "（一）指导思想",
                "（二）工作目标",
                "二、重点任务",
                "（一）稳增长",
                "正文"
            ]
        );
    }

    #[test]
    fn merged_cells_make_a_grid() {
        let tc = |props: &str, paragraphs: &[&str]| {
            let body: String = paragraphs.iter().map(|t| p(t)).collect();
            format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
        };
        let span = |n: u32| format!(r#"<w:gridSpan w:val="{n}"/>"#);
        let nested = format!(
            "<w:tc>{}<w:tbl><w:tr>{}{}</w:tr></w:tbl><w:p/></w:tc>",
            p("另有："),
            tc("", &["县交通局"]),
            tc("", &["县公安局"])
        );
        let rows = [
            format!("<w:tr>{}</w:tr>", tc(&span(4), &["任务清单"])),
            format!(
                "<w:tr>{}{}{}{}</w:tr>",
                tc("", &["序号"]),
                tc("", &["重点任务"]),
                tc("", &["牵头单位"]),
                tc("", &["配合单位"])
            ),
            format!(
                "<w:tr>{}{}{}{}</w:tr>",
                tc("", &["1"]),
                tc("", &["新建道路10公里"]),
                tc(r#"<w:vMerge w:val="restart"/>"#, &["县住建局"]),
                tc("", &["县财政局", "县自然资源局"])
            ),
            format!(
                "<w:tr>{}{}{}{}</w:tr>",
                tc("", &["2"]),
                tc("", &["改造小区12个"]),
                tc("<w:vMerge/>", &[""]),
                nested
            ),
            format!(
                r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{}{}</w:tr>"#,
                tc(&span(2), &["合计"]),
                tc("", &["3项"])
            ),
        ]
        .concat();
        let walker = walked(
            &package(&[document(&format!("<w:tbl>{rows}</w:tbl>"))]),
            u64::MAX,
        )
        .unwrap();
        let mut title = cells(&["任务清单"]);
        title.extend([Cell::covered(Span::Left), Cell::covered(Span::Left)]);
        title.push(Cell::covered(Span::Left));
        let mut second = cells(&["2", "改造小区12个"]);
        second.push(Cell::covered(Span::Above));
        second.push(Cell::new("另有：\n县交通局\n县公安局\n"));
        let mut total = vec![Cell::default(), Cell::new("合计")];
        total.extend([Cell::covered(Span::Left), Cell::new("3项")]);
        assert_eq!(
            walker.grids,
            [Grid {
                rows: vec![
                    title,
                    cells(&["序号", "重点任务", "牵头单位", "配合单位"]),
                    cells(&["1", "新建道路10公里", "县住建局", "县财政局\n县自然资源局"]),
                    second,
                    total,
                ]
            }]
        );
        assert_eq!(
            walker.finish().text(),
            [
                "任务清单",
                "序号\t重点任务\t牵头单位\t配合单位",
                "1\t新建道路10公里\t县住建局\t县财政局、县自然资源局",
                "2\t改造小区12个\t县住建局\t另有：县交通局、县公安局",
                "\t合计\t\t3项",
            ]
            .join("\n")
        );
    }

    #[test]
    fn paragraphs_are_numbered_on_across_tables() {
        let table = format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p("序号"),
            p("重点任务"),
            p("1"),
            p("任务")
        );
        let body = [
            p("通知"),
            "<w:p/>".to_string(),
            table.clone(),
            p("附件"),
            table,
        ]
        .concat();
        let parts = [document(&body)];
        assert_eq!(
            lines(&parts),
            [
                "通知",
                "",
                "序号\t重点任务",
                "1\t任务",
                "附件",
                "序号\t重点任务",
                "1\t任务"
            ]
        );
        assert_eq!(
            places(&parts),
            [
                "paragraph 1",
                "paragraph 2",
                "table 1 row 1",
                "table 1 row 2",
                "paragraph 3",
                "table 2 row 1",
                "table 2 row 2",
            ]
        );
    }

    #[test]
    fn what_word_does_not_show_is_left_out() {
        let body = [
            // A deletion, an insertion, and a field: its code is hidden, its result shown.
            concat!(
                "<w:p><w:r><w:t>新增</w:t></w:r>",
                r#"<w:del w:id="1"><w:r><w:delText>12</w:delText></w:r></w:del>"#,
                r#"<w:ins w:id="2"><w:r><w:t>15</w:t></w:r></w:ins>"#,
                r#"<w:r><w:t>家，见第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
                r#"<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \h </w:instrText></w:r>"#,
                r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>"#,
                r#"<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r>"#,
                r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>"#,
            )
            .to_string(),
            // A tab is a space; a break goes on with the paragraph.
            concat!(
                r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>"#,
                "<w:r><w:t>一、</w:t><w:tab/><w:t>建设5G</w:t><w:br/><w:t>base站</w:t>",
                "<w:br/><w:t>，全县</w:t></w:r></w:p>",
            )
            .to_string(),
            // A text box, once as a drawing and once as its VML fallback: read once, where it
            // stands, before the paragraph that holds it ends.
            concat!(
                "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">",
                "<w:drawing><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></w:drawing>",
                "</mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p>",
                "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
            )
            .to_string(),
            // The numbering a tracked change took away is no numbering.
            concat!(
                r#"<w:p><w:pPr><w:pPrChange w:id="3"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>"#,
                "</w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>&lt;无编号&gt; &amp; &#x4E00;</w:t></w:r></w:p>",
            )
            .to_string(),
        ]
        .concat();
        let numbering = part(
            "word/numbering.xml",
            "numbering",
            &[
                r#"<w:abstractNum w:abstractNumId="0">"#,
                &level(0, "decimal", "%1."),
                r#"</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            ]
            .concat(),
        );
        assert_eq!(
            lines(&[document(&body), numbering]),
            [
                "新增15家，见第3页",
                "一、 建设5G base站，全县",
                "框内文字",
                "正文",
                "<无编号> & 一",
            ]
        );
    }

    #[test]
    fn footnotes_come_after_the_body() {
        let notes = part(
            "word/footnotes.xml",
            "footnotes",
            concat!(
                r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"#,
                r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#,
                r#"<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>高新技术企业以认定为准。</w:t></w:r></w:p></w:footnote>"#,
                r#"<w:footnote w:id="2"><w:p><w:r><w:t>含续建项目。</w:t></w:r></w:p></w:footnote>"#,
            ),
        );
        let header = part("word/header1.xml", "hdr", &p("页眉文字"));
        let body = concat!(
            "<w:p><w:r><w:t>新增高新技术企业15家</w:t></w:r>",
            r#"<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>。</w:t></w:r></w:p>"#
        );
        let parts = [document(body), notes, header];
        assert_eq!(
            lines(&parts),
            [
                "新增高新技术企业15家。",
                "高新技术企业以认定为准。",
                "含续建项目。"
            ]
        );
        assert_eq!(
            places(&parts),
            ["paragraph 1", "footnotes note 1", "footnotes note 2"]
        );
    }

    #[test]
    fn parts_are_found_through_the_relationships() {
        let rels = (
            "word/_rels/document.xml.rels",
            concat!(
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="/word/lists.xml"/>"#,
                r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>"#,
                "</Relationships>",
            )
            .to_string(),
        );
        let numbering = part(
            "word/lists.xml",
            "numbering",
            &[
                r#"<w:abstractNum w:abstractNumId="0">"#,
                &level(0, "decimalEnclosedCircle", "%1"),
                r#"</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            ]
            .concat(),
        );
        let body = [np(1, 0, "甲"), np(1, 0, "乙")].concat();
        assert_eq!(lines(&[document(&body), numbering, rels]), ["①甲", "②乙"]);
        assert_eq!(part_path("../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(part_path("footnotes.xml"), "word/footnotes.xml");
    }

    /// The fixture made by tests/fixtures/office/make_docx.py reads, line for line, as the
    /// twin a person typed from it.
    #[test]
    fn fixture_reads_as_its_typed_twin() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/office");
        let bytes = std::fs::read(dir.join("notice.docx")).unwrap();
        let twin = std::fs::read_to_string(dir.join("notice.txt")).unwrap();
        let extract = read(&bytes).unwrap();
        assert_eq!(extract.text(), twin.trim_end_matches('\n'));
        assert!(extract.warnings.is_empty(), "{:?}", extract.warnings);
    }

    #[test]
    fn damaged_files_are_errors() {
        let damaged = |bytes: &[u8]| read(bytes).unwrap_err();
        let e = damaged(b"PK\x03\x04 not really a zip");
        assert!(
            e.starts_with("a damaged Word file: not a readable zip"),
            "{e}"
        );
        let e = damaged(&package(&[("word/styles.xml", "<x/>".into())]));
        assert_eq!(e, "a damaged Word file: it has no word/document.xml");
        let e = damaged(&package(&[(DOCUMENT, "<w:document><w:body><w:p>".into())]));
        assert!(
            e.starts_with("a damaged Word file: word/document.xml"),
            "{e}"
        );
        let e = damaged(&package(&[(DOCUMENT, "<a><b></a>".into())]));
        assert!(
            e.starts_with("a damaged Word file: word/document.xml"),
            "{e}"
        );

        let good = package(&[document(&p("新增高新技术企业15家以上"))]);
        let e = damaged(&good[..good.len() / 2]);
        assert!(e.starts_with("a damaged Word file"), "{e}");
        // Every single damaged byte gives text or an error, never a panic.
        for at in 0..good.len() {
            let mut bytes = good.clone();
            bytes[at] ^= 0x55;
            let _ = read(&bytes);
        }
    }

    #[test]
    fn hostile_values_are_bounded() {
        let numbering = part(
            "word/numbering.xml",
            "numbering",
            &[
                r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">"#,
                r#"<w:start w:val="9223372036854775807"/><w:numFmt w:val="upperLetter"/>"#,
                &format!(r#"<w:lvlText w:val="{}"/></w:lvl>"#, "%1%9".repeat(500)),
                r#"<w:lvl w:ilvl="99"><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>"#,
                r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
                r#"<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>"#,
                r#"<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>"#,
                r#"<w:abstractNum w:abstractNumId="3"><w:numStyleLink w:val="L"/></w:abstractNum>"#,
            ]
            .concat(),
        );
        // A numbering style that links back to its own list.
        let styles = part(
            "word/styles.xml",
            "styles",
            concat!(
                r#"<w:style w:type="numbering" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>"#,
                r#"<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>"#,
                r#"<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>"#,
            ),
        );
        let body = [
            np(1, 0, "甲"),
            np(1, 0, "乙"),
            np(1, 99, "丙"),
            np(2, 0, "丁"),
            np(3, 0, "戊"),
            r#"<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr><w:r><w:t>己</w:t></w:r></w:p>"#.into(),
            concat!(
                r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="-5"/></w:trPr>"#,
                r#"<w:tc><w:tcPr><w:gridSpan w:val="4000000000"/></w:tcPr><w:p/></w:tc>"#,
                "<w:tc><w:p><w:r><w:t>末</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
            )
            .into(),
        ]
        .concat();
        let walker = walked(&package(&[document(&body), numbering, styles]), u64::MAX).unwrap();
        assert_eq!(walker.grids[0].rows[0].len(), 1 + 63 + 1);
        let lines: Vec<String> = walker
            .finish()
            .text()
            .split('\n')
            .map(String::from)
            .collect();
        // Past Z×30 letters are digits, a level never defined (%9) counts from Word's
        // default start 0, a counter at its end stays there, and the label is cut at 64
        // characters.
        let first = "92233720368547758070".repeat(4);
        assert_eq!(lines[0], format!("{} 甲", &first[..64]));
        assert_eq!(lines[1].chars().count(), 64 + 2);
        assert_eq!(lines[2..6], ["丙", "丁", "戊", "己"]);
    }

    #[test]
    fn parts_that_unpack_past_the_limit_are_refused() {
        let body = "<w:p/>".repeat(20_000);
        let bytes = package(&[document(&body)]);
        assert!(bytes.len() < 10_000, "the test wants a small file");
        let e = walked(&bytes, 100_000).err().unwrap();
        assert!(
            e.starts_with("the Word file unpacks to more than 0.1 MB (at word/document.xml), planq's limit for one document"),
            "{e}"
        );
        assert!(walked(&bytes, 1_000_000).is_ok());
    }
}
