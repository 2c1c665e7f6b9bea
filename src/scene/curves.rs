//! Quadratic-curve geometry of edges: points, tangents, bounds, distances and arrowheads.

use super::Style;
use crate::geom::{Point, Rect};

pub(super) fn circle_bounds(c: Point, r: f32) -> Rect {
    Rect::new(Point::new(c.x - r, c.y - r), Point::new(c.x + r, c.y + r))
}

pub(super) fn arrow_head(
    from: Point,
    ctrl: Point,
    to: Point,
    target_radius: f32,
    width: f32,
    style: &Style,
    unit: f32,
) -> Option<[Point; 3]> {
    let rim = target_radius + 0.5 * unit;
    if from.distance(to) <= rim + f32::EPSILON {
        return None;
    }
    if is_straight(from, ctrl, to) {
        // closed form: the rim point on the segment
        let d = (to - from).normalized();
        if d == Point::ZERO {
            return None;
        }
        let tip = to - d * rim;
        let len = style.arrow_length * unit + style.arrow_length_per_width * width;
        let half = len * style.arrow_aspect;
        let base = tip - d * len;
        let n = d.perp();
        return Some([tip, base + n * half, base - n * half]);
    }
    // Bisect for the point where the curve leaves the target's rim.
    let (mut a, mut b) = (0.0f32, 1.0f32);
    for _ in 0..24 {
        let m = 0.5 * (a + b);
        if quad_point(from, ctrl, to, m).distance(to) > rim {
            a = m;
        } else {
            b = m;
        }
    }
    let t = 0.5 * (a + b);
    let tip = quad_point(from, ctrl, to, t);
    let d = quad_tangent(from, ctrl, to, t).normalized();
    if d == Point::ZERO {
        return None;
    }
    let len = style.arrow_length * unit + style.arrow_length_per_width * width;
    let half = len * style.arrow_aspect;
    let base = tip - d * len;
    let n = d.perp();
    Some([tip, base + n * half, base - n * half])
}

/// The point at `t` of a quadratic Bézier.
pub fn quad_point(p0: Point, p1: Point, p2: Point, t: f32) -> Point {
    let u = 1.0 - t;
    p0 * (u * u) + p1 * (2.0 * u * t) + p2 * (t * t)
}

fn quad_tangent(p0: Point, p1: Point, p2: Point, t: f32) -> Point {
    (p1 - p0) * (2.0 * (1.0 - t)) + (p2 - p1) * (2.0 * t)
}

/// Whether the control point sits (within 1e-4 of the chord's length, or of 1) on the chord's
/// middle. Squared, no square root: this runs for every edge of every frame.
pub(super) fn is_straight(p0: Point, p1: Point, p2: Point) -> bool {
    let m = p0.lerp(p2, 0.5) - p1;
    let c = p2 - p0;
    m.x * m.x + m.y * m.y <= 1e-8 * (1.0 + c.x * c.x + c.y * c.y)
}

/// The exact bounding box of a quadratic Bézier.
pub(super) fn quad_bounds(p0: Point, p1: Point, p2: Point) -> Rect {
    let mut r = Rect::bounding([p0, p2]);
    for axis in 0..2 {
        let (a, b, c) = if axis == 0 {
            (p0.x, p1.x, p2.x)
        } else {
            (p0.y, p1.y, p2.y)
        };
        let den = a - 2.0 * b + c;
        if den.abs() > f32::EPSILON {
            let t = (a - b) / den;
            if t > 0.0 && t < 1.0 {
                let p = quad_point(p0, p1, p2, t);
                r = r.union(&Rect::new(p, p));
            }
        }
    }
    r
}

fn segment_distance(a: Point, b: Point, p: Point) -> f32 {
    let ab = b - a;
    let l2 = ab.dot(ab);
    if l2 <= f32::EPSILON {
        return a.distance(p);
    }
    let t = ((p - a).dot(ab) / l2).clamp(0.0, 1.0);
    (a + ab * t).distance(p)
}

const CURVE_STEPS: usize = 8;

/// The polyline hit testing uses for a curve: 1 segment when straight, else 8 (within ~1/128 of the
/// curve's bulge).
fn flatten(p0: Point, p1: Point, p2: Point, mut f: impl FnMut(Point, Point)) {
    if is_straight(p0, p1, p2) {
        f(p0, p2);
        return;
    }
    let mut prev = p0;
    for i in 1..=CURVE_STEPS {
        let q = quad_point(p0, p1, p2, i as f32 / CURVE_STEPS as f32);
        f(prev, q);
        prev = q;
    }
}

/// Distance from `p` to a quadratic Bézier (exact when straight, else an 8-segment flattening).
pub(super) fn quad_distance(p0: Point, p1: Point, p2: Point, p: Point) -> f32 {
    let mut best = f32::INFINITY;
    flatten(p0, p1, p2, |a, b| {
        best = best.min(segment_distance(a, b, p))
    });
    best
}
