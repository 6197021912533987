#!/usr/bin/env bash
# Loads a report's index.html in headless Chromium: no console errors, every SVG chart present
# (as many <svg> in the rendered DOM as in the file), and a screenshot for a person to look at.
# Usage: check_html.sh REPORT_DIR EXPECTED_MIN_SVG
set -euo pipefail
dir=$(cd "$1" && pwd); min=${2:-1}
browser=$(command -v chromium || command -v chromium-browser)
flags=(--headless --no-sandbox --disable-gpu --no-first-run --enable-logging=stderr --v=0)
"${browser}" "${flags[@]}" --dump-dom "file://${dir}/index.html" > "${dir}/dom.html" 2> "${dir}/console.log" || true
if grep -E "CONSOLE|Uncaught" "${dir}/console.log"; then echo "console errors in ${dir}/index.html"; exit 1; fi
file_svgs=$(grep -o "<svg" "${dir}/index.html" | wc -l)
dom_svgs=$(grep -o "<svg" "${dir}/dom.html" | wc -l)
[ "${dom_svgs}" -eq "${file_svgs}" ] || { echo "DOM has ${dom_svgs} charts, file ${file_svgs}"; exit 1; }
[ "${dom_svgs}" -ge "${min}" ] || { echo "only ${dom_svgs} charts (expected at least ${min})"; exit 1; }
if grep -q "<script" "${dir}/dom.html"; then echo "a <script> element reached the DOM"; exit 1; fi
"${browser}" "${flags[@]}" --window-size=1400,2400 --screenshot="${dir}/screenshot.png" "file://${dir}/index.html" 2>/dev/null >/dev/null || true
[ -s "${dir}/screenshot.png" ] || { echo "no screenshot"; exit 1; }
echo "html ok: ${dom_svgs} SVG charts, no console errors, screenshot ${dir}/screenshot.png"
