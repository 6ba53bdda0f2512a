//! Collects one page from pdf-extract: every glyph with its place, size and width, and every
//! ruling line, turned so that the page's text runs left to right and down.

use super::page::Page;
use super::Limits;
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, PathOp, Transform};

/// A glyph in reading space: x grows along the text, y down the page; (x, y) is the left
/// end of its baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Glyph {
    pub(super) c: char,
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) w: f64,
    pub(super) size: f64,
}

/// A ruling line in reading space: horizontal at y = `at` from x `from` to `to`, or
/// vertical at x = `at`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rule {
    pub(super) horizontal: bool,
    pub(super) at: f64,
    pub(super) from: f64,
    pub(super) to: f64,
}

/// One page as collected: glyphs and rules in PDF space, with the quarter turn of each
/// glyph's baseline (0 for upright text), turned to reading space at the page's end.
#[derive(Default)]
pub(super) struct Collector {
    pub(super) limits: Limits,
    pub(super) pages: Vec<Page>,
    /// The page's media box: width and height.
    pub(super) media: (f64, f64),
    pub(super) glyphs: Vec<(Glyph, u8)>,
    pub(super) segments: Vec<[(f64, f64); 2]>,
    pub(super) text_bytes: usize,
    pub(super) too_much: bool,
    /// Text-showing operations seen, and characters they decoded to.
    pub(super) shown: usize,
    pub(super) decoded: usize,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        media: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.media = ((media.urx - media.llx).abs(), (media.ury - media.lly).abs());
        self.glyphs.clear();
        self.segments.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let glyphs = std::mem::take(&mut self.glyphs);
        let segments = std::mem::take(&mut self.segments);
        let (glyphs, rules, turn) = upright(glyphs, segments);
        let width = if turn % 2 == 0 {
            self.media.0
        } else {
            self.media.1
        };
        self.pages.push(Page::build((glyphs, rules), width));
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.text_bytes += text.len();
        if self.text_bytes > self.limits.text_bytes || self.glyphs.len() > self.limits.page_glyphs {
            self.too_much = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let along = trm.m11.hypot(trm.m12);
        let size = font_size * scale;
        let angle = trm.m12.atan2(trm.m11).to_degrees();
        let turn = (angle / 90.0).round();
        // Text at a slant (a diagonal watermark) belongs to no line.
        if !size.is_finite() || size <= 0.0 || (angle - turn * 90.0).abs() > 5.0 {
            return Ok(());
        }
        let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
        self.decoded += chars.len();
        let w = width * font_size * along / chars.len().max(1) as f64;
        let (dx, dy) = (trm.m11 / along, trm.m12 / along);
        for (i, c) in chars.into_iter().enumerate() {
            let x = trm.m31 + dx * w * i as f64;
            let y = trm.m32 + dy * w * i as f64;
            let glyph = Glyph { c, x, y, w, size };
            self.glyphs.push((glyph, turn.rem_euclid(4.0) as u8));
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.shown += 1;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        let mut at = None;
        let apply = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                x * ctm.m12 + y * ctm.m22 + ctm.m32,
            )
        };
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => at = Some(apply(x, y)),
                PathOp::LineTo(x, y) => {
                    let to = apply(x, y);
                    if let Some(from) = at {
                        self.segments.push([from, to]);
                    }
                    at = Some(to);
                }
                PathOp::Rect(x, y, w, h) => {
                    let c = [
                        apply(x, y),
                        apply(x + w, y),
                        apply(x + w, y + h),
                        apply(x, y + h),
                    ];
                    for i in 0..4 {
                        self.segments.push([c[i], c[(i + 1) % 4]]);
                    }
                }
                PathOp::CurveTo(_, _, _, _, x, y) => at = Some(apply(x, y)),
                PathOp::Close => {}
            }
        }
        Ok(())
    }

    /// Word and WPS draw cell borders as thin filled rectangles: each is a rule.
    fn fill(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        let apply = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                x * ctm.m12 + y * ctm.m22 + ctm.m32,
            )
        };
        for op in &path.ops {
            if let PathOp::Rect(x, y, w, h) = *op {
                let (a, b) = (apply(x, y), apply(x + w, y + h));
                let (wide, high) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
                if high < 2.5 && wide > high {
                    let y = (a.1 + b.1) / 2.0;
                    self.segments.push([(a.0, y), (b.0, y)]);
                } else if wide < 2.5 && high > wide {
                    let x = (a.0 + b.0) / 2.0;
                    self.segments.push([(x, a.1), (x, b.1)]);
                }
            }
        }
        Ok(())
    }
}

/// Turns a page so that its main text runs left to right and down: the quarter turn most
/// glyphs share (a landscape table on a rotated page reads upright), dropping glyphs of
/// other turns (a stamp, a margin note set sideways).
pub(super) fn upright(
    glyphs: Vec<(Glyph, u8)>,
    segments: Vec<[(f64, f64); 2]>,
) -> (Vec<Glyph>, Vec<Rule>, u8) {
    let mut counts = [0usize; 4];
    for (_, turn) in &glyphs {
        counts[usize::from(*turn)] += 1;
    }
    let turn = (0..4).max_by_key(|&t| (counts[t], 4 - t)).unwrap_or(0) as u8;
    let to_reading = |(x, y): (f64, f64)| match turn {
        0 => (x, -y),
        1 => (y, x),
        2 => (-x, y),
        _ => (-y, -x),
    };
    let glyphs = glyphs
        .into_iter()
        .filter(|(_, t)| *t == turn)
        .map(|(g, _)| {
            let (x, y) = to_reading((g.x, g.y));
            Glyph { x, y, ..g }
        })
        .collect();
    let rules = segments
        .into_iter()
        .filter_map(|[a, b]| {
            let (a, b) = (to_reading(a), to_reading(b));
            let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
            if dy < 0.8 && dx >= 3.0 {
                Some(Rule {
                    horizontal: true,
                    at: (a.1 + b.1) / 2.0,
                    from: a.0.min(b.0),
                    to: a.0.max(b.0),
                })
            } else if dx < 0.8 && dy >= 3.0 {
                Some(Rule {
                    horizontal: false,
                    at: (a.0 + b.0) / 2.0,
                    from: a.1.min(b.1),
                    to: a.1.max(b.1),
                })
            } else {
                None
            }
        })
        .collect();
    (glyphs, rules, turn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(c: char, x: f64, y: f64) -> Glyph {
        Glyph {
            c,
            x,
            y,
            w: 10.0,
            size: 10.0,
        }
    }

    #[test]
    fn a_page_turns_to_its_main_text_and_drops_the_rest() {
        // Text running up the page (a landscape table on a page turned a quarter), one
        // stamp glyph upright, and a vertical rule.
        let glyphs = vec![
            (glyph('任', 100.0, 100.0), 1),
            (glyph('务', 100.0, 110.0), 1),
            (glyph('清', 120.0, 100.0), 1),
            (glyph('章', 300.0, 300.0), 0),
        ];
        let (glyphs, rules, turn) = upright(glyphs, vec![[(50.0, 0.0), (50.0, 200.0)]]);
        assert_eq!(turn, 1);
        let placed: Vec<(char, f64, f64)> = glyphs.iter().map(|g| (g.c, g.x, g.y)).collect();
        assert_eq!(
            placed,
            [
                ('任', 100.0, 100.0),
                ('务', 110.0, 100.0),
                ('清', 100.0, 120.0)
            ]
        );
        // Up the page is along the text: the rule across the text lines reads horizontal.
        assert_eq!(
            rules,
            [Rule {
                horizontal: true,
                at: 50.0,
                from: 0.0,
                to: 200.0
            }]
        );
    }
}
