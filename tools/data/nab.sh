#!/bin/sh
# Lays out NAB (github.com/numenta/NAB) for `presswatch detect backtest --nab data/nab`: the four
# development groups' series (realKnownCause, realTraffic, realAdExchange, realAWSCloudwatch), the
# labels and the scoring profiles, from a fetched copy of the repository, into data/nab/ (gitignored;
# nothing of NAB is committed). realTweets is reserved for independent measurement and is never
# laid out. The scorer (a re-implementation of NAB's, NAB_SCORER) is copied next to them.
#
#   tools/data/nab.sh [NAB_GIT_DIR] [OUT_DIR]
#   defaults: /work/.mirror/numenta+NAB/repo data/nab; NAB_SCORER=/work/shared/tools/nabscore.cjs
set -eu
GIT_DIR=${1:-/work/.mirror/numenta+NAB/repo}
OUT=${2:-data/nab}
SCORER=${NAB_SCORER:-/work/shared/tools/nabscore.cjs}
GROUPS="realKnownCause realTraffic realAdExchange realAWSCloudwatch"
mkdir -p "$OUT"
paths="labels/combined_windows.json config/profiles.json config/thresholds.json"
for group in $GROUPS; do paths="$paths data/$group"; done
# shellcheck disable=SC2086
git --git-dir="$GIT_DIR" archive --format=tar HEAD $paths | tar -x -C "$OUT"
# The labels of the four groups only, so the scorer's overall figure is over them; and the
# threshold of Presswatch's results: its anomaly_score is 1 on a row that raised an alert, else 0,
# so the score at threshold 1 is the score of the alerts as raised (not an optimised threshold).
node -e '
const fs = require("fs"), out = process.argv[1], groups = process.argv.slice(2);
const file = `${out}/labels/combined_windows.json`;
const windows = JSON.parse(fs.readFileSync(file, "utf8"));
const kept = Object.fromEntries(Object.entries(windows).filter(([name]) => groups.some((g) => name.startsWith(`${g}/`))));
fs.writeFileSync(file, JSON.stringify(kept, null, 1));
const tfile = `${out}/config/thresholds.json`;
const thresholds = JSON.parse(fs.readFileSync(tfile, "utf8"));
const profiles = Object.keys(JSON.parse(fs.readFileSync(`${out}/config/profiles.json`, "utf8")));
thresholds.presswatch = Object.fromEntries(profiles.map((p) => [p, { threshold: 1.0, score: null }]));
fs.writeFileSync(tfile, JSON.stringify(thresholds, null, 1));
' "$OUT" $GROUPS
if [ -f "$SCORER" ]; then cp "$SCORER" "$OUT/nabscore.cjs"; else echo "no scorer at $SCORER (set NAB_SCORER)" >&2; fi
echo "NAB $(git --git-dir="$GIT_DIR" rev-parse --short HEAD): $(find "$OUT/data" -name '*.csv' | wc -l) series in $OUT"
