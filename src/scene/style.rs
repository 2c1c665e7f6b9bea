//! Colours and sizes of a scene: [`Rgba`] and the [`Style`] table.

use std::collections::BTreeMap;

use crate::extract::ActorKind;

/// Typical edge length (world units) the style sizes are designed for when [`Scene::unit`] is 1.
pub const REFERENCE_EDGE_LENGTH: f32 = 100.0;

/// A colour, sRGB with straight (not premultiplied) alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Rgba([r, g, b, 255])
    }
    pub const fn new(r: u8, g: u8, b: u8, a: u8) -> Self {
        Rgba([r, g, b, a])
    }
    /// From `0xRRGGBB`.
    pub const fn hex(v: u32) -> Self {
        Rgba([(v >> 16) as u8, (v >> 8) as u8, v as u8, 255])
    }
    pub fn r(self) -> u8 {
        self.0[0]
    }
    pub fn g(self) -> u8 {
        self.0[1]
    }
    pub fn b(self) -> u8 {
        self.0[2]
    }
    pub fn a(self) -> u8 {
        self.0[3]
    }
    /// Alpha as `0.0..=1.0`.
    pub fn alpha(self) -> f32 {
        self.0[3] as f32 / 255.0
    }
    /// The same colour with alpha multiplied by `k` (`0.0..=1.0`).
    pub fn faded(self, k: f32) -> Self {
        let a = (self.0[3] as f32 * k.clamp(0.0, 1.0)).round() as u8;
        Rgba([self.0[0], self.0[1], self.0[2], a])
    }
    /// The same colour with this alpha.
    pub fn with_alpha(self, a: u8) -> Self {
        Rgba([self.0[0], self.0[1], self.0[2], a])
    }
    /// Mix towards `other` by `t` (0 = self, 1 = other), alpha included.
    pub fn mix(self, other: Rgba, t: f32) -> Self {
        let t = t.clamp(0.0, 1.0);
        let m = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Rgba([
            m(self.0[0], other.0[0]),
            m(self.0[1], other.0[1]),
            m(self.0[2], other.0[2]),
            m(self.0[3], other.0[3]),
        ])
    }
    /// `#rrggbb` (alpha not included).
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

/// Colours and sizes. Sizes are in style pixels (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub background: Rgba,
    /// Colours of relation kinds; kinds not here take [`Style::user_palette`] by name hash.
    pub kind_colors: BTreeMap<String, Rgba>,
    /// Colours for user-defined kinds (colour-blind-friendlier picks, distinct from built-ins).
    pub user_palette: Vec<Rgba>,
    /// Node fills by actor kind.
    pub node_fill: BTreeMap<ActorKind, Rgba>,
    pub node_stroke: Rgba,
    pub node_stroke_width: f32,
    /// Ring of the selected (or hovered) node.
    pub selected_stroke: Rgba,
    pub selected_stroke_width: f32,
    /// Ring of search hits.
    pub highlight_stroke: Rgba,
    pub highlight_stroke_width: f32,
    pub label_color: Rgba,
    /// Halo drawn behind labels for readability.
    pub label_halo: Rgba,
    /// Label font size of the smallest node; larger nodes get slightly larger labels.
    pub label_size: f32,
    pub label_size_max: f32,
    /// Legend and title font sizes, in output pixels (not world).
    pub legend_font_size: f32,
    pub title_font_size: f32,
    pub font_family: String,
    /// Node radius: `node_radius_min + node_radius_per_sqrt_mention * sqrt(mentions)`, clamped.
    pub node_radius_min: f32,
    pub node_radius_per_sqrt_mention: f32,
    pub node_radius_max: f32,
    /// Edge width: `edge_width_min + edge_width_per_log * ln(weight)`, clamped.
    pub edge_width_min: f32,
    pub edge_width_per_log: f32,
    pub edge_width_max: f32,
    /// Edge alpha factor when not dimmed.
    pub edge_alpha: f32,
    /// Width factor and extra width of the selected edge.
    pub selected_edge_scale: f32,
    pub selected_edge_extra: f32,
    /// Alpha factor of edges dimmed by hover/selection focus.
    pub dim_alpha: f32,
    /// How far dimmed nodes/labels fade towards the background (focus dimming).
    pub dim_fade: f32,
    /// How far nodes whose every relation is filtered out fade towards the background.
    pub filtered_fade: f32,
    /// Distance between parallel edges at their middle.
    pub curve_spacing: f32,
    /// Arrowhead length: `arrow_length + arrow_length_per_width * edge width`.
    pub arrow_length: f32,
    pub arrow_length_per_width: f32,
    /// Arrowhead half width as a fraction of its length.
    pub arrow_aspect: f32,
    /// World units per style pixel. `None`: derived from the layout
    /// ([`auto_unit`](super::auto_unit)).
    pub unit: Option<f32>,
}

impl Default for Style {
    fn default() -> Self {
        // the kind registry's colours
        let kind_colors = crate::kinds::BUILTIN
            .iter()
            .map(|k| (k.name.to_owned(), Rgba::hex(k.color)))
            .collect();
        let node_fill = [
            (ActorKind::State, Rgba::hex(0x3E5C8A)),
            (ActorKind::Organisation, Rgba::hex(0x4F9FCF)),
            (ActorKind::Collective, Rgba::hex(0x7D8A96)),
            (ActorKind::Group, Rgba::hex(0x8D6E63)),
            (ActorKind::Person, Rgba::hex(0xB89B5E)),
            (ActorKind::Company, Rgba::hex(0x6A8F5B)),
        ]
        .into_iter()
        .collect();
        Style {
            background: Rgba::hex(0xFCFCFA),
            kind_colors,
            user_palette: vec![
                Rgba::hex(0x0072B2), // blue
                Rgba::hex(0xCC79A7), // reddish purple
                Rgba::hex(0x56B4E9), // sky blue
                Rgba::hex(0x882255), // wine
                Rgba::hex(0x997700), // ochre
                Rgba::hex(0x332288), // indigo
                Rgba::hex(0x44AA99), // teal
                Rgba::hex(0x666666), // grey
            ],
            node_fill,
            node_stroke: Rgba::hex(0xFFFFFF),
            node_stroke_width: 1.5,
            selected_stroke: Rgba::hex(0x111111),
            selected_stroke_width: 3.0,
            highlight_stroke: Rgba::hex(0xFFC400),
            highlight_stroke_width: 3.5,
            label_color: Rgba::hex(0x1E1E1E),
            label_halo: Rgba::hex(0xFCFCFA).with_alpha(220),
            label_size: 12.0,
            label_size_max: 16.0,
            legend_font_size: 13.0,
            title_font_size: 18.0,
            font_family: "DejaVu Sans".to_owned(),
            node_radius_min: 5.0,
            node_radius_per_sqrt_mention: 2.5,
            node_radius_max: 20.0,
            edge_width_min: 1.5,
            edge_width_per_log: 1.6,
            edge_width_max: 8.0,
            edge_alpha: 0.85,
            selected_edge_scale: 1.6,
            selected_edge_extra: 2.0,
            dim_alpha: 0.12,
            dim_fade: 0.8,
            filtered_fade: 0.55,
            curve_spacing: 14.0,
            arrow_length: 7.0,
            arrow_length_per_width: 2.0,
            arrow_aspect: 0.45,
            unit: None,
        }
    }
}

impl Style {
    /// A dark variant (dark background, light labels).
    pub fn dark() -> Self {
        let bg = Rgba::hex(0x1B1D22);
        Style {
            background: bg,
            node_stroke: bg,
            selected_stroke: Rgba::hex(0xF2F2F2),
            label_color: Rgba::hex(0xE8E8E8),
            label_halo: bg.with_alpha(220),
            ..Style::default()
        }
    }

    /// Give each kind of `kinds` that has no colour yet the next free palette colour, so user
    /// kinds never share a colour while the palette lasts (pass `Extractor::kinds()`).
    pub fn with_kinds(mut self, kinds: &[String]) -> Self {
        let mut next = 0;
        for k in kinds {
            if self.kind_colors.contains_key(k) || self.user_palette.is_empty() {
                continue;
            }
            let c = self.user_palette[next % self.user_palette.len()];
            next += 1;
            self.kind_colors.insert(k.clone(), c);
        }
        self
    }

    /// The colour of a relation kind: the table's, else a palette colour chosen by a stable hash
    /// of the name (same kind, same colour, every run).
    pub fn kind_color(&self, kind: &str) -> Rgba {
        if let Some(c) = self.kind_colors.get(kind) {
            return *c;
        }
        if self.user_palette.is_empty() {
            return Rgba::hex(0x666666);
        }
        // FNV-1a: stable across runs and platforms.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in kind.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.user_palette[(h % self.user_palette.len() as u64) as usize]
    }

    /// The fill of an actor kind.
    pub fn node_color(&self, kind: ActorKind) -> Rgba {
        self.node_fill
            .get(&kind)
            .copied()
            .unwrap_or(Rgba::hex(0x7D8A96))
    }

    /// Node radius (style pixels) for a mention count: sqrt scale, clamped.
    pub fn node_radius(&self, mentions: usize) -> f32 {
        (self.node_radius_min + self.node_radius_per_sqrt_mention * (mentions as f32).sqrt()).clamp(
            self.node_radius_min,
            self.node_radius_max.max(self.node_radius_min),
        )
    }

    /// Edge width (style pixels) for a weight (evidence count): log scale, clamped.
    pub fn edge_width(&self, weight: usize) -> f32 {
        let w = weight.max(1) as f32;
        (self.edge_width_min + self.edge_width_per_log * w.ln()).clamp(
            self.edge_width_min,
            self.edge_width_max.max(self.edge_width_min),
        )
    }

    /// Label font size (style pixels) for a node radius (style pixels).
    pub fn label_size_for(&self, radius: f32) -> f32 {
        (self.label_size + 0.25 * (radius - self.node_radius_min).max(0.0))
            .clamp(self.label_size, self.label_size_max.max(self.label_size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_colors_stable_and_distinct() {
        let st = Style::default();
        assert_eq!(st.kind_color("cooperation"), Rgba::hex(0x009E73));
        assert_eq!(st.kind_color("alliance"), st.kind_color("alliance"));
        let st = st.with_kinds(&["cooperation".into(), "alliance".into(), "trade".into()]);
        assert_ne!(st.kind_color("alliance"), st.kind_color("trade"));
        assert!(st.node_radius(100) <= st.node_radius_max);
        assert!(st.edge_width(1) < st.edge_width(10));
    }
}
