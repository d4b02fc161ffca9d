#!/usr/bin/env bash
# Whole-process scale benchmark: generated corpora of 1k, 10k and 100k articles with planted
# claims, `add` against bare tantivy, linking growth and quality, search latency and reader
# timings at the largest size. Prints a Markdown table (the one in BENCHMARKS.md).
#
#   benches/scale.sh                    # 1000 10000 100000 articles
#   benches/scale.sh 1000 10000         # other sizes (the last one gets the reader/search runs)
#   SCALE_DIR=/path benches/scale.sh    # where corpora, libraries and results go
#                                       # (default target/scale; 100k needs about 2 GB)
#
# Each measurement is its own process (examples/scale_bench.rs), so peak memory belongs to
# one activity. Needs no network and nothing from ../shared.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes=("$@")
[ "${#sizes[@]}" -eq 0 ] && sizes=(1000 10000 100000)
work="${SCALE_DIR:-$root/target/scale}"
results="$work/results"
mkdir -p "$results"
rm -f "$results"/*.json

echo "scale: building (release)" >&2
cargo build --release --quiet --bin crossread --example scale_corpus --example scale_bench \
    --example reader_timing
bin="$root/target/release"
bench="$bin/examples/scale_bench"

for n in "${sizes[@]}"; do
    corpus="$work/corpus-$n"
    library="$work/library-$n"
    bare="$work/bare-$n"
    echo "scale: $n articles: generating" >&2
    rm -rf "$corpus" "$library" "$bare"
    "$bin/examples/scale_corpus" --articles "$n" --seed 7 --out "$corpus"
    echo "scale: $n articles: crossread add" >&2
    "$bench" add "$corpus" "$library" >"$results/add-$n.json"
    echo "scale: $n articles: bare tantivy" >&2
    "$bench" bare "$corpus" "$bare" >"$results/bare-$n.json"
    rm -rf "$bare"
    echo "scale: $n articles: linking quality" >&2
    "$bench" score "$corpus" "$library" >"$results/score-$n.json"
done

largest="${sizes[-1]}"
library="$work/library-$largest"
echo "scale: search latency at $largest" >&2
"$bench" search "$library" >"$results/search-$largest.json"
echo "scale: reader (TestBackend) at $largest" >&2
"$bin/examples/reader_timing" "$library" --json >"$results/reader-$largest.json"
echo "scale: reader (real binary in a pty) at $largest" >&2
CROSSREAD_BIN="$bin/crossread" "$bench" pty "$library" >"$results/pty-$largest.json"

"$bench" table "$results" "${sizes[@]}"
