#!/usr/bin/env bash
# The transfer back-test (make backtest): leave one indicator out on both corpora, by country inside
# it, with R's peers attached where they were run (make backtest-peers).
#   transfer.sh CORPUS_1_OBSERVATIONS CORPUS_2_DIR OUT_DIR
# The second corpus is read where it is (never copied into the repository); a copy with the rank
# panels' field sizes goes to OUT_DIR/corpus2 (Tests/Backtest/rank_fields.py).
set -euo pipefail
corpus1=$1 corpus2=$2 out=$3
chiso=.build/release/chiso
panels=(--panel "$corpus1")
if [ -f "$corpus2/observations.csv" ]; then
  python3 Tests/Backtest/rank_fields.py "$corpus2" "$out/corpus2" >&2
  panels+=(--panel "$out/corpus2/observations.csv")
else
  echo "transfer.sh: $corpus2 is absent: leave-one-indicator-out on the shipped corpus only" >&2
fi
peers=()
gunzip -c Tests/Backtest/windows.csv.gz > "$out/windows.csv"
gunzip -c Tests/Backtest/peers.csv.gz > "$out/peers.csv"
if [ -f "$out/peers2.csv" ] && [ -f "$out/windows2.csv" ]; then
  # One windows file and one peers file: the second corpus's window ids moved past the first's.
  awk -F, 'NR == 1 { print; next } FNR == 1 { next } FILENAME ~ /windows2/ { $1 = $1 + 10000000 } { print }' OFS=, \
    "$out/windows.csv" "$out/windows2.csv" > "$out/windows-all.csv"
  awk -F, 'NR == 1 { print; next } FNR == 1 { next } FILENAME ~ /peers2/ { $1 = $1 + 10000000 } { print }' OFS=, \
    "$out/peers.csv" "$out/peers2.csv" > "$out/peers-all.csv"
  peers=(--peers "$out/peers-all.csv" --peer-windows "$out/windows-all.csv")
else
  echo "transfer.sh: no R peers for the second corpus (make backtest-peers makes them)" >&2
  peers=(--peers "$out/peers.csv" --peer-windows "$out/windows.csv")
fi
"$chiso" backtest "${panels[@]}" --leave-indicator-out --cross-validate "${peers[@]}" --lang en
