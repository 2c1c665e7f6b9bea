//! Plain-text graph files of the layout benchmark (`benches/layout_compare.sh`): an edge list
//! ("u v" per line, nodes 0..N-1) and positions ("x y" per line, node 0 first), plus the
//! process CPU clock the benchmark reports.

use std::path::Path;

use crate::error::Error;
use crate::geom::Point;

/// A graph as the benchmark files hold it: node count and weighted edges.
pub type EdgeList = (usize, Vec<(u32, u32, f32)>);

/// Read an edge list: "u v" per line (extra columns ignored, blank lines and `#` comments
/// skipped). Returns `(node count = largest index + 1, edges with weight 1)`.
pub fn read_edge_list(path: &Path) -> Result<EdgeList, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_edge_list(&text).map_err(|reason| Error::bad_input(path, reason))
}

/// [`read_edge_list`] on a string.
pub fn parse_edge_list(text: &str) -> Result<EdgeList, String> {
    let mut edges = Vec::with_capacity(text.len() / 10);
    let mut n = 0usize;
    for (k, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.split_ascii_whitespace();
        let mut num = || -> Result<u32, String> {
            it.next()
                .and_then(|t| t.parse::<u32>().ok())
                .ok_or_else(|| format!("line {}: expected \"u v\", got {line:?}", k + 1))
        };
        let (u, v) = (num()?, num()?);
        n = n.max(u.max(v) as usize + 1);
        edges.push((u, v, 1.0));
    }
    Ok((n, edges))
}

/// Read positions: "x y" per line, node 0 first.
pub fn read_positions(path: &Path) -> Result<Vec<Point>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.split_ascii_whitespace().map(|t| t.parse::<f32>().ok());
        match (it.next().flatten(), it.next().flatten()) {
            (Some(x), Some(y)) => out.push(Point::new(x, y)),
            _ => {
                return Err(Error::bad_input(
                    path,
                    format!("line {}: expected \"x y\"", k + 1),
                ));
            }
        }
    }
    Ok(out)
}

/// Positions as text: "x y" per line, node 0 first.
pub fn format_positions(pos: &[Point]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(pos.len() * 24);
    for p in pos {
        let _ = writeln!(s, "{} {}", p.x, p.y);
    }
    s
}

/// CPU time (user + system, every thread) of this process so far, in seconds, when the
/// platform tells it (Linux: `/proc/self/stat`, 10 ms ticks).
pub fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the command name (which may hold spaces) in parentheses
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    // utime, stime: fields 14 and 15 of the whole line, i.e. 11 and 12 after the name
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_edge_lists_and_positions() {
        let (n, e) = parse_edge_list("0 1\n\n# c\n1 4 extra\n").unwrap();
        assert_eq!(n, 5);
        assert_eq!(e, vec![(0, 1, 1.0), (1, 4, 1.0)]);
        assert!(parse_edge_list("0 x\n").is_err());
        let s = format_positions(&[Point::new(1.5, -2.0), Point::new(0.0, 3.25)]);
        assert_eq!(s, "1.5 -2\n0 3.25\n");
        #[cfg(target_os = "linux")]
        assert!(process_cpu_seconds().is_some());
    }
}
