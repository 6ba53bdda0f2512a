//! One walk over an XML part of a Word file: elements told apart by namespace and local
//! name (a file may bind WordprocessingML to any prefix), text with its entities resolved,
//! and errors that name the part.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::reader::NsReader;
use quick_xml::XmlVersion;

/// The namespaces the Word reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML, transitional or strict.
    W,
    /// Markup compatibility (`mc:AlternateContent`, `mc:Fallback`).
    Mc,
    Other,
}

const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// An element as it opens: its name and its attributes.
pub struct Element<'a> {
    pub ns: Ns,
    pub name: &'a str,
    start: &'a BytesStart<'a>,
}

impl Element<'_> {
    /// The attribute with this local name (`w:val` is `val`), entities resolved.
    pub fn attr(&self, local: &str) -> Option<String> {
        let mut attributes = self.start.attributes();
        attributes.with_checks(false);
        attributes
            .flatten()
            .find(|a| a.key.local_name().as_ref() == local)
            .and_then(|a| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
    }

    /// `w:val`.
    pub fn val(&self) -> Option<String> {
        self.attr("val")
    }

    /// An attribute read as a whole number.
    pub fn number(&self, local: &str) -> Option<i64> {
        self.attr(local)?.trim().parse().ok()
    }

    /// Whether a toggle (`<w:vanish/>`, `<w:isLgl w:val="false"/>`) is on: it is unless its
    /// value says off.
    pub fn is_on(&self) -> bool {
        !matches!(self.val().as_deref(), Some("0" | "false" | "off"))
    }
}

/// What a walk tells its visitor, in document order.
pub trait Visitor {
    fn open(&mut self, element: &Element);
    fn close(&mut self, ns: Ns, name: &str);
    fn text(&mut self, text: &str);
}

/// Walks a whole part, `name` naming it in errors. An empty element opens and closes.
pub fn walk(xml: &str, name: &str, visitor: &mut impl Visitor) -> Result<(), String> {
    let mut reader = NsReader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (kind(&ns), event),
            Err(e) => return Err(format!("{name}: {e} (at byte {})", reader.error_position())),
        };
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let local = start.local_name();
                visitor.open(&Element {
                    ns,
                    name: local.as_ref(),
                    start,
                });
                if matches!(event, Event::Empty(_)) {
                    visitor.close(ns, local.as_ref());
                } else {
                    depth += 1;
                }
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                visitor.close(ns, end.local_name().as_ref());
            }
            Event::Text(text) => visitor.text(&text.xml10_content()),
            Event::CData(data) => visitor.text(&data.xml10_content()),
            Event::GeneralRef(reference) => {
                let c = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => predefined(&reference),
                    Err(_) => None,
                };
                if let Some(c) = c {
                    visitor.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth > 0 {
        return Err(format!("{name} ends before its elements are closed"));
    }
    Ok(())
}

fn kind(ns: &ResolveResult) -> Ns {
    match ns {
        ResolveResult::Bound(Namespace(uri)) if W.contains(uri) => Ns::W,
        ResolveResult::Bound(Namespace(uri)) if *uri == MC => Ns::Mc,
        _ => Ns::Other,
    }
}

/// The five entities XML predefines; Word writes no others.
fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}
