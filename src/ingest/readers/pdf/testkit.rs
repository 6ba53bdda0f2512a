//! Helpers for the tests of the PDF modules: glyphs set in a line, pages from lines, grids.

use super::collect::{Glyph, Rule};
use super::lines::Line;
use super::page::Page;

/// Glyphs of `text` set from `x` on baseline `y`, `size` wide each (CJK) or half (ASCII).
pub(super) fn set(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut at = x;
    for c in text.chars() {
        let w = if c.is_ascii() { size / 2.0 } else { size };
        out.push(Glyph {
            c,
            x: at,
            y,
            w,
            size,
        });
        at += w;
    }
    out
}

pub(super) fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::text).collect()
}

pub(super) fn page(lines: &[(&str, f64, f64)]) -> Page {
    let glyphs = lines
        .iter()
        .flat_map(|(t, x, y)| set(t, *x, *y, 10.0))
        .collect();
    Page::build((glyphs, Vec::new()), 0.0)
}

/// Rules of a grid: horizontal lines at `ys`, vertical at `xs`, each across the grid.
pub(super) fn grid_rules(xs: &[f64], ys: &[f64]) -> Vec<Rule> {
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let (y0, y1) = (ys[0], ys[ys.len() - 1]);
    let mut rules: Vec<Rule> = ys
        .iter()
        .map(|&y| Rule {
            horizontal: true,
            at: y,
            from: x0,
            to: x1,
        })
        .collect();
    rules.extend(xs.iter().map(|&x| Rule {
        horizontal: false,
        at: x,
        from: y0,
        to: y1,
    }));
    rules
}
