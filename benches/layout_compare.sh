#!/usr/bin/env bash
# Dyad's force layout against the shared layout peers (d3-force, ForceAtlas2 ports, igraph,
# networkx), same graphs, same start positions, same run, one table.
#
#   benches/layout_compare.sh                       # default subset (see below), ~15 min
#   PEERS="igraph-fr d3-force" GRAPHS="n1k" SPREAD=0 benches/layout_compare.sh
#   BENCH_DIR=/tmp/layout-bench benches/layout_compare.sh   # reuse an installed copy
#
# It copies the read-only shared bench (BENCH_SRC, default /work/shared/bench/layout) to a temp
# dir (or BENCH_DIR), runs its ./setup.sh there (pip + npm; skipped when already installed),
# builds the `layout_compare` example (release; examples/layout_compare.rs, the benchmark's
# peer: the product binary carries no benchmark harness) and registers two extra peers in the
# copy's run_one.py:
#   dyad     `layout_compare GRAPH --iterations N --init GRAPH.init.txt` (rayon, all cores)
#   dyad-1t  the same with RAYON_NUM_THREADS=1 (single-threaded, like the peers)
# Then the shared run_all.sh runs every peer (and dyad) on GRAPHS (+ the BIG_PEERS on
# BIG_GRAPHS), the shared quality.py scores every final layout, summarize.py writes the full
# tables (out/summary.md) and this script prints one compact table.
#
# Env: PEERS, GRAPHS, BIG_PEERS, BIG_GRAPHS, SPREAD (repeat runs on n10k, default 3),
# BIG_SPREAD (repeat runs on the first big graph, default 2), LIMIT.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=${BENCH_SRC:-/work/shared/bench/layout}
DIR=${BENCH_DIR:-$(mktemp -d /tmp/dyad-layout-bench.XXXXXX)}
PEERS=${PEERS:-"d3-force graphology-fa2 fa2 igraph-fr dyad dyad-1t"}
GRAPHS=${GRAPHS:-"n1k n10k"}
BIG_PEERS=${BIG_PEERS-"igraph-fr dyad dyad-1t"}
BIG_GRAPHS=${BIG_GRAPHS-"n100k"}
BIG_SPREAD=${BIG_SPREAD:-2}
export SPREAD=${SPREAD:-3} LIMIT=${LIMIT:-300}

echo "== building the layout_compare example (release)" >&2
# (built once here and run by path below: `cargo run --release --example layout_compare -- ...`
# runs the same program, but cargo's own start-up would be timed with every peer run)
(cd "$ROOT" && cargo build --release --quiet --example layout_compare)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$(cd "$TARGET/release/examples" && pwd)/layout_compare

if [ ! -x "$DIR/.venv/bin/python" ] || [ ! -d "$DIR/node_modules/d3-force" ]; then
  echo "== copying $SRC to $DIR and running its setup (pip + npm)" >&2
  mkdir -p "$DIR"
  cp -r "$SRC/." "$DIR/"
  chmod -R u+w "$DIR"
  (cd "$DIR" && ./setup.sh)
fi
cd "$DIR"
[ -f graphs/n100k.txt ] || ./make_graphs.sh

# dyad as a peer: same CLI shape as the others (GRAPH [--tag T] [--iterations N] [--deadline S])
cat > peers/dyad_peer.sh <<SH
#!/usr/bin/env bash
# GRAPH [--tag T] [--iterations N] [--deadline S]   (env PEER=dyad|dyad-1t)
set -euo pipefail
g=\$1; shift; tag=""; it=300
while [ \$# -gt 0 ]; do
  case \$1 in --tag) tag=\$2; shift 2;; --iterations) it=\$2; shift 2;; *) shift;; esac
done
name=\$(basename "\$g" .txt)
out="out/pos/\${PEER}__\${name}\${tag:+__\$tag}.txt"
exec "$BIN" "\$g" --iterations "\$it" --init "\${g%.txt}.init.txt" --out "\$out" --peer "\$PEER"
SH
chmod +x peers/dyad_peer.sh
"$DIR/.venv/bin/python" - <<'PY'
import re
p = "peers/run_one.py"
s = open(p).read()
if '"dyad"' not in s:
    s = s.replace('PEERS = {', 'PEERS = {\n    "dyad": ["env", "PEER=dyad", "peers/dyad_peer.sh"],\n'
                  '    "dyad-1t": ["env", "PEER=dyad-1t", "RAYON_NUM_THREADS=1", "peers/dyad_peer.sh"],', 1)
    # the graph goes after the first two elements: keep env's assignments in front of it
    s = s.replace('cmd = ["timeout", str(a.limit)] + PEERS[a.peer][:2] + [a.graph] + PEERS[a.peer][2:]',
                  'dyad = a.peer.startswith("dyad")\n'
                  '    pre = PEERS[a.peer] if dyad else PEERS[a.peer][:2]\n'
                  '    post = [] if dyad else PEERS[a.peer][2:]\n'
                  '    cmd = ["timeout", str(a.limit)] + pre + [a.graph] + post', 1)
    open(p, "w").write(s)
PY

mkdir -p out
rm -f out/compare.jsonl out/compare_big.jsonl
echo "== peers + dyad on $GRAPHS: $PEERS" >&2
PEERS="$PEERS" GRAPHS="$GRAPHS" ./run_all.sh out/compare.jsonl > out/compare.log
if [ -n "$BIG_GRAPHS" ] && [ -n "$BIG_PEERS" ]; then
  echo "== $BIG_GRAPHS: $BIG_PEERS" >&2
  # (repeat runs on the first big graph too: the n100k / n10k ratio is a median over runs)
  PEERS="$BIG_PEERS" GRAPHS="$BIG_GRAPHS" SPREAD=$BIG_SPREAD SPREAD_GRAPH=${BIG_GRAPHS%% *} \
    ./run_all.sh out/compare_big.jsonl > out/compare_big.log
fi
{ cat out/compare.jsonl; [ ! -f out/compare_big.jsonl ] || cat out/compare_big.jsonl; } > out/compare_all.jsonl
.venv/bin/python peers/quality.py out/pos > out/quality.jsonl
.venv/bin/python peers/summarize.py out/compare_all.jsonl out/quality.jsonl > out/summary.md

.venv/bin/python - out/compare_all.jsonl out/quality.jsonl <<'PY'
import json, statistics, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
qual = {(q["peer"], q["graph"]): q for q in map(json.loads, open(sys.argv[2])) if q.get("finite")}
order = ["n100", "n1k", "n10k", "n100k"]
graphs = [g for g in order if any(r["graph"] == g for r in recs)]
peers = []
for r in recs:
    if r["peer"] not in peers:
        peers.append(r["peer"])
def fmt(x):
    return "-" if x is None else (f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.2f}")
print("ms per iteration, wall (process CPU), median of the ok runs [count]; quality = mean edge length /"
      " mean random-pair distance (lower is better)\n")
ratio = "n10k" in graphs and "n100k" in graphs
print("| peer | " + " | ".join(f"{g} ms/it | {g} quality" for g in graphs)
      + (" | n100k / n10k |" if ratio else " |"))
print("|---|" + "---|---|" * len(graphs) + ("---|" if ratio else ""))
for p in peers:
    row = []
    med = {}
    for g in graphs:
        ok = [r for r in recs if r["peer"] == p and r["graph"] == g and r["status"] == "ok"]
        part = [r for r in recs if r["peer"] == p and r["graph"] == g and r["status"] == "timeout" and r.get("partial")]
        if ok:
            w = statistics.median(r["ms_per_iteration"] for r in ok)
            c = statistics.median(r["cpu_ms_per_iteration"] or 0 for r in ok)
            row.append(f"{fmt(w)} ({fmt(c)}) [{len(ok)}]")
            med[g] = w
        elif part:
            r = part[0]
            row.append(f"{fmt(r['ms_per_iteration'])} ({fmt(r['cpu_ms_per_iteration'])}), {r['iterations']} it (timeout)")
        else:
            row.append("-")
        q = qual.get((p, g))
        row.append(f"{q['ratio']:.4f}" if q else "-")
    if ratio:
        both = "n10k" in med and "n100k" in med
        row.append(f"{med['n100k'] / med['n10k']:.1f}x" if both else "-")
    print(f"| {p} | " + " | ".join(row) + " |")
PY
echo
echo "full tables: $DIR/out/summary.md"

