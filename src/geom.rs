//! Plain 2-D geometry shared by layout, scene and renderers (no GUI types).

/// A point (or vector) in layout/world coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const ZERO: Point = Point { x: 0.0, y: 0.0 };
    pub const fn new(x: f32, y: f32) -> Self {
        Point { x, y }
    }
    pub fn length(self) -> f32 {
        (self.x * self.x + self.y * self.y).sqrt()
    }
    pub fn distance(self, o: Point) -> f32 {
        (self - o).length()
    }
    pub fn dot(self, o: Point) -> f32 {
        self.x * o.x + self.y * o.y
    }
    /// The vector turned 90° counter-clockwise.
    pub fn perp(self) -> Point {
        Point::new(-self.y, self.x)
    }
    pub fn normalized(self) -> Point {
        let l = self.length();
        if l > 0.0 {
            self * (1.0 / l)
        } else {
            Point::ZERO
        }
    }
    pub fn lerp(self, o: Point, t: f32) -> Point {
        self + (o - self) * t
    }
}

impl std::ops::Add for Point {
    type Output = Point;
    fn add(self, o: Point) -> Point {
        Point::new(self.x + o.x, self.y + o.y)
    }
}
impl std::ops::Sub for Point {
    type Output = Point;
    fn sub(self, o: Point) -> Point {
        Point::new(self.x - o.x, self.y - o.y)
    }
}
impl std::ops::Mul<f32> for Point {
    type Output = Point;
    fn mul(self, k: f32) -> Point {
        Point::new(self.x * k, self.y * k)
    }
}
impl std::ops::AddAssign for Point {
    fn add_assign(&mut self, o: Point) {
        self.x += o.x;
        self.y += o.y;
    }
}
impl std::ops::SubAssign for Point {
    fn sub_assign(&mut self, o: Point) {
        self.x -= o.x;
        self.y -= o.y;
    }
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    pub const fn new(min: Point, max: Point) -> Self {
        Rect { min, max }
    }
    /// The smallest rectangle holding every point (a unit rect around 0 when empty).
    pub fn bounding(points: impl IntoIterator<Item = Point>) -> Rect {
        let mut it = points.into_iter();
        let Some(first) = it.next() else {
            return Rect::new(Point::new(-1.0, -1.0), Point::new(1.0, 1.0));
        };
        let mut r = Rect::new(first, first);
        for p in it {
            r.min.x = r.min.x.min(p.x);
            r.min.y = r.min.y.min(p.y);
            r.max.x = r.max.x.max(p.x);
            r.max.y = r.max.y.max(p.y);
        }
        r
    }
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }
    pub fn center(&self) -> Point {
        self.min.lerp(self.max, 0.5)
    }
    pub fn expand(&self, m: f32) -> Rect {
        Rect::new(
            Point::new(self.min.x - m, self.min.y - m),
            Point::new(self.max.x + m, self.max.y + m),
        )
    }
    pub fn union(&self, o: &Rect) -> Rect {
        Rect::new(
            Point::new(self.min.x.min(o.min.x), self.min.y.min(o.min.y)),
            Point::new(self.max.x.max(o.max.x), self.max.y.max(o.max.y)),
        )
    }
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }
    pub fn intersects(&self, o: &Rect) -> bool {
        self.min.x <= o.max.x
            && o.min.x <= self.max.x
            && self.min.y <= o.max.y
            && o.min.y <= self.max.y
    }
}
