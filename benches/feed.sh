#!/usr/bin/env bash
# A feed of 10,000 items served over loopback: `crossread fetch` with its default settings
# against `newsboat -x reload` on the same feed in the same run, then crossread's phases
# measured in-process (download and parse on the fetching thread; analysis, indexing,
# commits, linking and journals of the add). Prints a Markdown table.
#
#   benches/feed.sh                 # 10000 items (about 30 MB)
#   benches/feed.sh 2000            # another number of items
#   FEED_DIR=/path benches/feed.sh  # where the corpus, feed and libraries go (default target/feed)
#
# The items are articles of the scale benchmark's generated corpus (examples/scale_corpus),
# each with its first paragraph as description and the whole text as content:encoded.
# newsboat is measured when it is installed (Debian: apt-get install newsboat). Needs no
# network beyond 127.0.0.1 and nothing from ../shared.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
items="${1:-10000}"
work="${FEED_DIR:-$root/target/feed}"
mkdir -p "$work"

echo "feed: building (release)" >&2
cargo build --release --quiet --bin crossread --example scale_corpus --example feed_bench
bin="$root/target/release"
corpus="$work/corpus-$items"
if [ ! -d "$corpus" ]; then
    "$bin/examples/scale_corpus" --articles "$items" --seed 7 --out "$corpus" >&2
fi
feed="$work/feed-$items.xml"
"$bin/examples/feed_bench" feed "$corpus" "$feed" --items "$items"
feed_mb=$(awk -v b="$(stat -c %s "$feed")" 'BEGIN { printf "%.1f", b / 1e6 }')

rm -f "$work/url"
"$bin/examples/feed_bench" serve "$feed" >"$work/url" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
until [ -s "$work/url" ]; do sleep 0.1; done
url="$(head -n 1 "$work/url")"

# Wall seconds and peak memory (MB) of a command, as "SECONDS MB".
measure() {
    local start end
    start=$(date +%s%N)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%M" -o "$work/peak" "$@" >/dev/null 2>"$work/stderr"
    else
        "$@" >/dev/null 2>"$work/stderr"
        echo nan >"$work/peak"
    fi
    end=$(date +%s%N)
    awk -v ns=$((end - start)) -v kb="$(tail -n 1 "$work/peak")" \
        'BEGIN { printf "%.2f %.0f\n", ns / 1e9, kb / 1024 }'
}

echo "feed: crossread fetch ($items items, $feed_mb MB)" >&2
library="$work/library"
rm -rf "$library"
"$bin/crossread" --library "$library" feeds add "$url" >/dev/null
read -r cr_s cr_mb < <(measure "$bin/crossread" --library "$library" fetch)
articles=$("$bin/crossread" --library "$library" list --json | grep -c '"id"' || true)

nb_s=nan nb_mb=nan
if command -v newsboat >/dev/null; then
    echo "feed: newsboat -x reload" >&2
    nb="$work/newsboat"
    rm -rf "$nb"
    mkdir -p "$nb"
    echo "$url" >"$nb/urls"
    : >"$nb/config"
    read -r nb_s nb_mb < <(measure newsboat -x reload -u "$nb/urls" -c "$nb/cache.db" -C "$nb/config")
fi

echo "feed: crossread phases (in-process)" >&2
rm -rf "$work/library-phases"
"$bin/examples/feed_bench" fetch "$url" "$work/library-phases" >"$work/phases.json"

echo "| $items items, $feed_mb MB, over 127.0.0.1 | wall s | peak MB |"
echo "|---|---:|---:|"
echo "| \`crossread fetch\` (default settings; $articles articles in the library) | $cr_s | $cr_mb |"
echo "| \`newsboat -x reload\` | $nb_s | $nb_mb |"
echo
echo "crossread phases (in-process, same feed, default settings):"
echo
cat "$work/phases.json"
