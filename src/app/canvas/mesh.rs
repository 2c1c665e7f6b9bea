//! Anti-aliased strokes and discs written straight into egui meshes (a big frame's hot
//! path: no tessellator, no `hypot`).

use egui::{Color32, Pos2, Vec2};

/// Length without `hypot` (a libm call: the hot spot of a big frame).
#[inline]
pub(super) fn len(v: Vec2) -> f32 {
    (v.x * v.x + v.y * v.y).sqrt()
}

#[inline]
fn vertex(m: &mut egui::Mesh, pos: Pos2, color: Color32) {
    m.vertices.push(egui::epaint::Vertex {
        pos,
        uv: egui::epaint::WHITE_UV,
        color,
    });
}

/// [`stroke_polyline`] of one straight segment (most edges), without the joints.
pub(super) fn stroke_segment(m: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let d = b - a;
    let l = len(d);
    if l <= 0.0 || !l.is_finite() {
        return;
    }
    let n = Vec2::new(d.y, -d.x) / l; // Vec2::rot90
    let clear = Color32::TRANSPARENT;
    let base = m.vertices.len() as u32;
    if width <= 2.0 {
        let (w, color) = if width < 1.0 {
            (1.0, color.gamma_multiply(width.max(0.0)))
        } else {
            (width, color)
        };
        let h = n * ((w + 1.0) * 0.5);
        let peak = color.gamma_multiply((2.0 * w / (w + 1.0)).min(1.0));
        for p in [a, b] {
            vertex(m, p + h, clear);
            vertex(m, p, peak);
            vertex(m, p - h, clear);
        }
        m.indices.extend_from_slice(&[
            base,
            base + 1,
            base + 3,
            base + 1,
            base + 4,
            base + 3,
            base + 1,
            base + 2,
            base + 4,
            base + 2,
            base + 5,
            base + 4,
        ]);
    } else {
        let (inner, outer) = (n * ((width - 1.0) * 0.5), n * ((width + 1.0) * 0.5));
        for p in [a, b] {
            vertex(m, p + outer, clear);
            vertex(m, p + inner, color);
            vertex(m, p - inner, color);
            vertex(m, p - outer, clear);
        }
        for j in 0..3 {
            let (a, b) = (base + j, base + 4 + j);
            m.indices.extend_from_slice(&[a, a + 1, b, a + 1, b + 1, b]);
        }
    }
}

/// An anti-aliased polyline of `width` points: a triangle strip with a 1-point feather on
/// each side. Lines up to 2 points wide are drawn with a tent profile (3 vertices a point,
/// same ink), thinner than 1 point fainter.
pub(super) fn stroke_polyline(m: &mut egui::Mesh, pts: &[Pos2], width: f32, color: Color32) {
    if pts.len() < 2 {
        return;
    }
    let thin = width <= 2.0;
    let (w, color) = if width < 1.0 {
        (1.0, color.gamma_multiply(width.max(0.0)))
    } else {
        (width, color)
    };
    let clear = Color32::TRANSPARENT;
    let base = m.vertices.len() as u32;
    let last = pts.len() - 1;
    for i in 0..=last {
        let d_in = if i > 0 {
            (pts[i] - pts[i - 1]).normalized()
        } else {
            Vec2::ZERO
        };
        let d_out = if i < last {
            (pts[i + 1] - pts[i]).normalized()
        } else {
            Vec2::ZERO
        };
        let mut d = d_in + d_out;
        let mut k = 1.0;
        if d.length_sq() < 1e-6 {
            d = if d_out != Vec2::ZERO { d_out } else { d_in };
        } else {
            d = d.normalized();
            // miter: keep the stroke width at joints (capped for sharp turns)
            let c = d.dot(if d_out != Vec2::ZERO { d_out } else { d_in });
            k = 1.0 / c.max(0.5);
        }
        let n = d.rot90() * k;
        let p = pts[i];
        if thin {
            // tent of base w + 1 with the same ink as a w-wide line
            let half = (w + 1.0) * 0.5;
            let peak = color.gamma_multiply((2.0 * w / (w + 1.0)).min(1.0));
            m.colored_vertex(p + n * half, clear);
            m.colored_vertex(p, peak);
            m.colored_vertex(p - n * half, clear);
        } else {
            let (inner, outer) = ((w - 1.0) * 0.5, (w + 1.0) * 0.5);
            m.colored_vertex(p + n * outer, clear);
            m.colored_vertex(p + n * inner, color);
            m.colored_vertex(p - n * inner, color);
            m.colored_vertex(p - n * outer, clear);
        }
    }
    let per = if thin { 3 } else { 4 };
    for i in 0..last as u32 {
        let (a, b) = (base + per * i, base + per * (i + 1));
        for j in 0..per - 1 {
            m.add_triangle(a + j, a + j + 1, b + j);
            m.add_triangle(a + j + 1, b + j + 1, b + j);
        }
    }
}

/// Unit circle points for `k` segments (cached for the few sizes used).
fn unit_circle(k: usize) -> &'static [Vec2] {
    use std::sync::OnceLock;
    const SIZES: [usize; 7] = [6, 8, 12, 16, 24, 32, 64];
    static TABLES: OnceLock<Vec<Vec<Vec2>>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        SIZES
            .iter()
            .map(|&k| {
                (0..k)
                    .map(|i| Vec2::angled(i as f32 * std::f32::consts::TAU / k as f32))
                    .collect()
            })
            .collect()
    });
    let i = SIZES
        .iter()
        .position(|&s| s >= k)
        .unwrap_or(SIZES.len() - 1);
    &tables[i]
}

/// A filled, stroked, anti-aliased disc (fan + stroke ring + 1-point feather). Small discs
/// (radius under 5 points) blend fill into stroke over the stroke width: fewer vertices.
pub(super) fn disc(m: &mut egui::Mesh, c: Pos2, r: f32, fill: Color32, sw: f32, stroke: Color32) {
    let circle = unit_circle((r * 1.2) as usize);
    let k = circle.len() as u32;
    let r_in = (r - sw * 0.5).max(0.0);
    let r_out = r + sw * 0.5;
    let base = m.vertices.len() as u32;
    let small = r < 5.0;
    m.colored_vertex(c, fill);
    for &u in circle {
        m.colored_vertex(c + u * r_in, fill);
    }
    for &u in circle {
        if !small {
            m.colored_vertex(c + u * r_in, stroke);
        }
        m.colored_vertex(c + u * r_out, stroke);
        m.colored_vertex(c + u * (r_out + 1.0), Color32::TRANSPARENT);
    }
    let per = if small { 2 } else { 3 };
    let ring = base + 1 + k;
    for i in 0..k {
        let j = (i + 1) % k;
        m.add_triangle(base, base + 1 + i, base + 1 + j);
        let (a, b) = if small {
            (base + 1 + i, base + 1 + j)
        } else {
            (ring + per * i, ring + per * j)
        };
        // small: fill rim -> stroke; big: stroke inner -> outer
        let (a1, b1) = if small {
            (ring + per * i, ring + per * j)
        } else {
            (a + 1, b + 1)
        };
        m.add_triangle(a, a1, b);
        m.add_triangle(a1, b1, b);
        m.add_triangle(a1, a1 + 1, b1);
        m.add_triangle(a1 + 1, b1 + 1, b1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_fast_path_draws_what_the_polyline_draws() {
        let color = Color32::from_rgb(200, 40, 40);
        for (a, b, w) in [
            (Pos2::new(10.0, 10.0), Pos2::new(200.0, 35.0), 0.5),
            (Pos2::new(10.0, 10.0), Pos2::new(-20.0, 300.0), 1.5),
            (Pos2::new(0.0, 0.0), Pos2::new(0.0, 40.0), 2.0),
            (Pos2::new(5.0, 5.0), Pos2::new(90.0, -60.0), 6.0),
        ] {
            let (mut fast, mut slow) = (egui::Mesh::default(), egui::Mesh::default());
            stroke_segment(&mut fast, a, b, w, color);
            stroke_polyline(&mut slow, &[a, b], w, color);
            assert_eq!(fast.indices, slow.indices, "width {w}");
            assert_eq!(fast.vertices.len(), slow.vertices.len());
            for (f, s) in fast.vertices.iter().zip(&slow.vertices) {
                assert!(
                    (f.pos - s.pos).length() < 1e-3,
                    "{:?} vs {:?}",
                    f.pos,
                    s.pos
                );
                assert_eq!(f.color, s.color);
            }
        }
        // degenerate: nothing drawn, no NaN vertices
        let mut m = egui::Mesh::default();
        stroke_segment(&mut m, Pos2::new(1.0, 1.0), Pos2::new(1.0, 1.0), 1.0, color);
        assert!(m.is_empty());
    }
}
