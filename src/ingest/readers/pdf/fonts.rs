//! Mends a document before pdf-extract reads it: images emptied (it would parse them as page
//! content and panic), composite fonts with a CMap of their own turned into Identity-H ones.

use pdf_extract::{Document, Object, ObjectId};
use std::collections::HashMap;

/// Empties every image: pdf-extract parses an image it paints as if it were page content,
/// which panics on most image data (a scan, a seal), and images hold no text anyway.
pub(super) fn blank_images(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            let image = stream
                .dict
                .get(b"Subtype")
                .and_then(|s| s.as_name())
                .is_ok_and(|n| n == b"Image");
            if image {
                stream.set_plain_content(Vec::new());
            }
        }
    }
}

/// pdf-extract looks a composite (Type0) font's characters up by glyph id, which is right
/// only when codes are glyph ids (`Identity-H`, as Word, WPS and browsers write): for a font
/// with a CMap of its own (fpdf2 writes one) it finds no character at all. Such a font is
/// rewritten to `Identity-H` with its widths keyed by code, so that its ToUnicode map (keyed
/// by code) gives the characters.
pub(super) fn mend_cid_fonts(doc: &mut Document) {
    let fonts: Vec<(ObjectId, ObjectId)> = doc
        .objects
        .iter()
        .filter_map(|(id, object)| {
            let font = object.as_dict().ok()?;
            let type0 = font
                .get(b"Subtype")
                .and_then(|s| s.as_name())
                .is_ok_and(|n| n == b"Type0");
            let cmap = font.get(b"Encoding").and_then(|e| e.as_reference()).ok()?;
            type0.then_some((*id, cmap))
        })
        .collect();
    for (font_id, cmap_id) in fonts {
        let Some(codes) = doc
            .get_object(cmap_id)
            .and_then(|o| o.as_stream())
            .ok()
            .and_then(|s| {
                s.decompressed_content()
                    .ok()
                    .or_else(|| Some(s.content.clone()))
            })
            .and_then(|bytes| cid_of_codes(&String::from_utf8_lossy(&bytes)))
        else {
            continue;
        };
        let Some(descendant) = doc
            .get_object(font_id)
            .and_then(|o| o.as_dict())
            .and_then(|f| f.get(b"DescendantFonts"))
            .and_then(|d| match d {
                Object::Reference(id) => doc.get_object(*id),
                other => Ok(other),
            })
            .and_then(|d| d.as_array())
            .ok()
            .and_then(|a| a.first()?.as_reference().ok())
        else {
            continue;
        };
        let widths = doc
            .get_object(descendant)
            .and_then(|o| o.as_dict())
            .and_then(|d| d.get(b"W"))
            .and_then(|w| w.as_array())
            .map(|w| widths_by_cid(w))
            .unwrap_or_default();
        let mut by_code: Vec<Object> = Vec::new();
        for (code, cid) in &codes {
            if let Some(w) = widths.get(cid) {
                by_code.push(Object::Integer(i64::from(*code)));
                by_code.push(Object::Array(vec![Object::Real(*w as f32)]));
            }
        }
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(descendant) {
            d.set("W", Object::Array(by_code));
        }
        if let Ok(Object::Dictionary(f)) = doc.get_object_mut(font_id) {
            f.set("Encoding", Object::Name(b"Identity-H".to_vec()));
        }
    }
}

/// The glyph id of each code in an embedded CMap (`begincidchar`, `begincidrange`), when
/// all its codes are two bytes (as `Identity-H` reads them).
pub(super) fn cid_of_codes(cmap: &str) -> Option<Vec<(u32, u32)>> {
    let hex = |t: &str| {
        let inner = t.strip_prefix('<')?.strip_suffix('>')?;
        (inner.len() == 4)
            .then(|| u32::from_str_radix(inner, 16).ok())
            .flatten()
    };
    let tokens: Vec<&str> = cmap.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut section = "";
    while i < tokens.len() {
        match tokens[i] {
            "begincodespacerange" | "begincidchar" | "begincidrange" => section = tokens[i],
            t if t.starts_with("end") => section = "",
            _ if section == "begincodespacerange" => {
                hex(tokens[i])?;
            }
            _ if section == "begincidchar" => {
                let cid = tokens.get(i + 1)?.parse().ok()?;
                out.push((hex(tokens[i])?, cid));
                i += 1;
            }
            _ if section == "begincidrange" => {
                let (lo, hi) = (hex(tokens[i])?, hex(tokens.get(i + 1)?)?);
                let cid: u32 = tokens.get(i + 2)?.parse().ok()?;
                out.extend((lo..=hi.min(lo + 0xFFFF)).map(|c| (c, cid + (c - lo))));
                i += 2;
            }
            _ => {}
        }
        i += 1;
    }
    (!out.is_empty()).then_some(out)
}

/// A CID font's `W` array (`cid [w w …]` or `first last w`) as a width per glyph id.
pub(super) fn widths_by_cid(w: &[Object]) -> HashMap<u32, f64> {
    let num = |o: &Object| {
        o.as_float()
            .map(f64::from)
            .or_else(|_| o.as_i64().map(|i| i as f64))
            .ok()
    };
    let mut out = HashMap::new();
    let mut i = 0;
    while i + 1 < w.len() {
        let Some(first) = w[i].as_i64().ok().and_then(|c| u32::try_from(c).ok()) else {
            break;
        };
        if let Ok(list) = w[i + 1].as_array() {
            for (k, width) in list.iter().enumerate() {
                if let Some(width) = num(width) {
                    out.insert(first + k as u32, width);
                }
            }
            i += 2;
        } else {
            let (Some(last), Some(width)) = (w[i + 1].as_i64().ok(), w.get(i + 2).and_then(num))
            else {
                break;
            };
            for c in first..=u32::try_from(last).unwrap_or(first).min(first + 0xFFFF) {
                out.insert(c, width);
            }
            i += 3;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::Object;

    #[test]
    fn embedded_cid_maps_are_read_as_glyph_ids() {
        let cmap = "/CIDInit /ProcSet findresource begin\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 begincidchar\n<0001> 27691\n<0002> 46769\nendcidchar\n1 begincidrange\n<0010> <0012> 19\nendcidrange\nendcmap";
        assert_eq!(
            cid_of_codes(cmap),
            Some(vec![(1, 27691), (2, 46769), (16, 19), (17, 20), (18, 21)])
        );
        assert_eq!(
            cid_of_codes("1 begincodespacerange\n<00> <FF>\nendcodespacerange"),
            None
        );
        let w = [
            Object::Integer(1),
            Object::Array(vec![Object::Integer(224)]),
            Object::Integer(17),
            Object::Integer(19),
            Object::Integer(555),
        ];
        let widths = widths_by_cid(&w);
        assert_eq!(
            (widths[&1], widths[&17], widths[&19], widths.len()),
            (224.0, 555.0, 555.0, 4)
        );
    }
}
