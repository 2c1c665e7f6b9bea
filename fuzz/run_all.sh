#!/bin/sh
# Run fuzz targets one after the other, each for SECONDS (default 600), logs in LOGDIR.
# Usage: sh fuzz/run_all.sh [target ...]   (default: every target of `cargo fuzz list`)
set -u
cd "$(dirname "$0")"
secs=${SECONDS_PER_TARGET:-600}
logs=${LOGDIR:-/tmp/fuzzlogs}
mkdir -p "$logs"
[ -d corpus ] || sh ./seed.sh
targets=${*:-$(cargo +nightly fuzz list)}
for t in $targets; do
    mkdir -p "corpus/$t"
    echo "== $t: $secs s" >&2
    nice -n 19 cargo +nightly fuzz run -O "$t" "corpus/$t" -- \
        -max_total_time="$secs" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 \
        > "$logs/$t.log" 2>&1
    echo "== $t: exit $?" >&2
    grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|Done [0-9]+ runs' "$logs/$t.log" >&2
done
