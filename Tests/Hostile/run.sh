#!/usr/bin/env bash
# Replays the hostile workbooks (Tests/Hostile/make_hostile.py) against the release chiso under a
# 2 GiB address-space limit and prints, for each, the exit status, the first line chiso said, the
# time and the peak memory (/usr/bin/time -v), and whether anything was left in $TMPDIR. Then the
# interruption checks: SIGINT, SIGTERM and SIGHUP while a workbook is read leave nothing in
# $TMPDIR; after a SIGKILL of a report, the next run removes the stale sibling; the test seam
# CHISO_PAUSE_BEFORE_SWAP does nothing in the release build. Exit status 1 if any check fails.
#   Tests/Hostile/run.sh [FOLDER]   (default .build/hostile; run by make hostile)
set -u
CHISO=${CHISO:-.build/release/chiso}
DIR=${1:-.build/hostile}
LIMIT_SECONDS=5
LIMIT_MB=500
failed=0
mkdir -p "$DIR"
[ -f "$DIR/large-valid.xlsx" ] || python3 Tests/Hostile/make_hostile.py "$DIR"
DIR=$(cd "$DIR" && pwd)
TMP="$DIR/tmp"
rm -rf "$TMP" && mkdir -p "$TMP"

printf '%-26s %8s %6s %9s %9s  %-6s %s\n' file size status seconds peak_MB debris "first line"
for f in merges-1m merges-4m huge-v huge-v-ratio shared-reused shared-alternating declared-lie utf16-entities utf8-entities case-collision huge-attribute; do
    book="$DIR/$f.xlsx"
    out="$DIR/out-$f"
    rm -rf "$out" "$DIR/$f.err" "$DIR/$f.time"
    ( ulimit -v 2097152; TMPDIR="$TMP" exec /usr/bin/time -v -o "$DIR/$f.time" "$CHISO" data import "$book" --out "$out" --lang en ) \
        > /dev/null 2> "$DIR/$f.err"
    status=$?
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$DIR/$f.time")
    peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$DIR/$f.time")
    debris=$(ls -A "$TMP" | wc -l)
    line=$(grep -v '^\s*$' "$DIR/$f.err" | grep -v 'Command exited' | head -1 | cut -c1-150)
    size=$(du -k "$book" | cut -f1)K
    printf '%-26s %8s %6s %9s %9s  %-6s %s\n' "$f.xlsx" "$size" "$status" "$seconds" "$peak" "$debris" "$line"
    ok=$(awk -v s="$seconds" -v m="$peak" -v ls="$LIMIT_SECONDS" -v lm="$LIMIT_MB" 'BEGIN { print (s <= ls && m <= lm) ? 1 : 0 }')
    if [ "$ok" != 1 ] || [ "$debris" != 0 ] || { [ "$status" != 0 ] && [ "$status" != 1 ]; }; then
        echo "  FAIL: $f (limits: ${LIMIT_SECONDS} s, ${LIMIT_MB} MB, exit 0 or 1, nothing left in TMPDIR)"
        failed=1
    fi
    rm -rf "$TMP"/* "$out"
done

echo
echo "Signals while a workbook is read (large-valid.xlsx, 700,000 rows):"
for sig in INT TERM HUP; do
    out="$DIR/out-signal"
    rm -rf "$out"
    TMPDIR="$TMP" "$CHISO" data import "$DIR/large-valid.xlsx" --out "$out" > /dev/null 2>&1 &
    pid=$!
    sleep 0.4
    kill -"$sig" "$pid" 2>/dev/null
    wait "$pid"
    status=$?
    debris=$(ls -A "$TMP" | wc -l)
    printf '  SIG%-5s exit %3s, files left in TMPDIR: %s\n' "$sig" "$status" "$debris"
    [ "$debris" = 0 ] || failed=1
    rm -rf "$TMP"/* "$out"
done

echo
echo "SIGKILL during a report, then the next run:"
parent="$DIR/reports"
rm -rf "$parent" && mkdir -p "$parent"
"$CHISO" report --out "$parent/report" --lang en > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 2000); do
    ls -A "$parent" | grep -q '^\.report\.chiso-' && break
    sleep 0.005
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
echo "  after SIGKILL:      $(ls -A "$parent" | tr '\n' ' ')"
"$CHISO" report --out "$parent/report" --lang en > /dev/null 2>&1
echo "  after the next run: $(ls -A "$parent" | tr '\n' ' ')"
[ "$(ls -A "$parent")" = "report" ] || { echo "  FAIL: stale sibling left"; failed=1; }

echo
echo "The interruption seam in the release build:"
n=$(grep -c CHISO_PAUSE_BEFORE_SWAP "$CHISO")
start=$(date +%s)
CHISO_PAUSE_BEFORE_SWAP=30 "$CHISO" report --out "$parent/report" --lang en > /dev/null 2> "$DIR/seam.err"
took=$(( $(date +%s) - start ))
echo "  occurrences of CHISO_PAUSE_BEFORE_SWAP in the binary: $n; report with it set took ${took} s; said 'new report ready': $(grep -c 'new report ready' "$DIR/seam.err")"
{ [ "$n" = 0 ] && [ "$took" -lt 30 ]; } || { echo "  FAIL: the seam is reachable"; failed=1; }

rm -rf "$TMP" "$parent"
[ "$failed" = 0 ] && echo "hostile: all checks passed" || echo "hostile: some checks FAILED"
exit "$failed"
