#!/bin/bash
# make bench-scale: national-scale cost of chiso data validate, gaps and report at about 10k, 100k
# and 980k observations (Tests/Benchmarks/make_national.py, rows shuffled), with peak memory from
# /usr/bin/time -v, and pandas reading the 980k observations and finding duplicates per
# (indicator, entity, period) in the same run. Prints a Markdown table; data and outputs in $1.
set -euo pipefail
DIR=${1:-.build/national}
CHISO=${CHISO:-.build/release/chiso}
LIMIT=${LIMIT:-300}
mkdir -p "$DIR"
measure() {  # label, command...: prints "seconds MB" (or "timeout" after $LIMIT s)
    local log="$DIR/time.log"
    if timeout "$LIMIT" /usr/bin/time -v "${@:2}" > "$DIR/$1.out" 2> "$log"; then
        local s mb
        s=$(grep "Elapsed (wall clock)" "$log" | awk -F': ' '{print $2}' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
        mb=$(grep "Maximum resident set size" "$log" | awk -F': ' '{printf "%.0f", $2 / 1024}')
        echo "$s $mb"
    else
        echo "timeout -"
    fi
}
echo "| rows | validate s | validate MB | gaps s | gaps MB | report s | report MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for districts in 7 72 700; do
    data="$DIR/d$districts"
    [ -f "$data/observations.csv" ] || python3 Tests/Benchmarks/make_national.py "$data" --districts "$districts" --shuffle > /dev/null
    rows=$(($(wc -l < "$data/observations.csv") - 1))
    read -r vs vm <<< "$(measure validate "$CHISO" data validate --data "$data")"
    read -r gs gm <<< "$(measure gaps "$CHISO" gaps --data "$data")"
    read -r rs rm_ <<< "$(measure report "$CHISO" report --data "$data" --out "$DIR/report-d$districts")"
    echo "| $rows | $vs | $vm | $gs | $gm | $rs | $rm_ |"
done
read -r ps pm <<< "$(measure pandas python3 -c "
import pandas as pd
o = pd.read_csv('$DIR/d700/observations.csv', dtype={'period': str})
d = o.duplicated(['indicator', 'entity', 'period'], keep=False)
print(len(o), 'rows,', int(d.sum()), 'in duplicated (indicator, entity, period)')
")"
echo
echo "pandas $(python3 -c 'import pandas; print(pandas.__version__)'), read_csv + duplicated on the 980k observations: $ps s, $pm MB"
