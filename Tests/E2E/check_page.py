#!/usr/bin/env python3
"""A report's index.html as a planner sees it, in headless Chromium driven over the DevTools protocol.

Usage: check_page.py REPORT_DIR LANG OUT_PREFIX [MIN_TARGETS [NAME...]]

- At 1400 px and at 390 px (a phone): nothing overflows the page sideways (wide tables scroll inside
  their own boxes), every chart's text stays inside its chart, every chart has a legend; a screenshot
  of each (OUT_PREFIX-1400.png, OUT_PREFIX-390.png) for a person to look at.
- As printed (A4 landscape, print CSS): no table is wider than the page, and the PDF
  (OUT_PREFIX.pdf) holds every column header of the gap table (the shown ones: names, not ids), the
  status of every target and the glossary.
"""
import base64, json, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request

import websocket  # websocket-client

report, lang, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
# Optional: the fewest target badges the page must show (default 10, the shipped report has 74), then
# names every one of which the printed PDF must hold (a comparison's entities).
min_targets = int(sys.argv[4]) if len(sys.argv) > 4 else 10
names = sys.argv[5:]
index = "file://" + os.path.abspath(os.path.join(report, "index.html"))
browser = shutil.which("chromium") or shutil.which("chromium-browser")
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
profile = tempfile.mkdtemp()
proc = subprocess.Popen([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                         f"--remote-debugging-port={port}", f"--user-data-dir={profile}", "about:blank"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


try:
    for _ in range(100):
        try:
            pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
            target = next(p for p in pages if p.get("type") == "page")
            break
        except Exception:
            time.sleep(0.2)
    else:
        raise SystemExit("chromium did not start")
    ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=120, suppress_origin=True)
    counter = [0]

    def call(method, **params):
        counter[0] += 1
        ws.send(json.dumps({"id": counter[0], "method": method, "params": params}))
        while True:
            message = json.loads(ws.recv())
            if message.get("id") == counter[0]:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(expression):
        result = call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def load(width, height, mobile, media=""):
        call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        call("Emulation.setEmulatedMedia", media=media)
        call("Page.navigate", url=index)
        for _ in range(300):
            if evaluate("document.readyState") == "complete":
                return
            time.sleep(0.1)
        raise SystemExit("page did not load")

    call("Page.enable")
    call("Runtime.enable")
    # Words the page must show in its language.
    status_word = {"vi": "Tình trạng", "en": "Status"}[lang]
    glossary_word = {"vi": "Giải thích thuật ngữ", "en": "Glossary"}[lang]

    for width, mobile in [(1400, False), (390, True)]:
        load(width, 900, mobile)
        overflow = evaluate("document.documentElement.scrollWidth")
        if overflow > width + 1:
            fail(f"{width} px: the page is {overflow} px wide")
        if not mobile:
            # The targets table (with its paces and reading) is read whole at 1400 px: no column cut off.
            cut = evaluate("""(() => { const s = document.querySelector('section#targets .scroll');
                                       return s ? s.scrollWidth - s.clientWidth : 0 })()""")
            if cut > 1:
                fail(f"{width} px: the targets table is cut off ({cut} px scroll sideways)")
        charts = evaluate("""(() => {
            const out = [];
            for (const svg of document.querySelectorAll('svg')) {
                const box = svg.viewBox.baseVal, name = (svg.querySelector('title') || {}).textContent || '';
                if (!svg.querySelector('.legend')) out.push('no legend: ' + name);
                for (const t of svg.querySelectorAll('text')) {
                    const b = t.getBBox();
                    if (b.x < -0.5 || b.x + b.width > box.width + 0.5 || b.y < -0.5 || b.y + b.height > box.height + 0.5)
                        out.push('text outside the chart: "' + t.textContent + '" in ' + name);
                }
            }
            return [document.querySelectorAll('svg').length, out];
        })()""")
        count, problems = charts
        if count < 4:
            fail(f"{width} px: only {count} charts")
        for p in problems[:10]:
            fail(f"{width} px: {p}")
        shot = call("Page.captureScreenshot", format="png",
                    clip={"x": 0, "y": 0, "width": width, "height": 2400, "scale": 1}, captureBeyondViewport=True)
        with open(f"{prefix}-{width}.png", "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print(f"{width} px: page {overflow} px wide, {count} charts, screenshot {prefix}-{width}.png")

    # Printed: A4 landscape less 10 mm margins is 277 mm (1047 CSS px) wide.
    load(1047, 740, False, media="print")
    wide = evaluate("""[...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().width > 1048)
                       .map(t => (t.closest('section') || {}).id + ': ' + Math.round(t.getBoundingClientRect().width))""")
    for w in wide:
        fail(f"printed: table wider than the page: {w}")
    headers = evaluate("""[...document.querySelectorAll('section#gaps th')].map(th => th.textContent)""")
    statuses = evaluate("""document.querySelectorAll('section#targets .badge').length""")
    call("Emulation.setEmulatedMedia", media="")
    pdf = call("Page.printToPDF", preferCSSPageSize=True, printBackground=True)
    with open(f"{prefix}.pdf", "wb") as f:
        f.write(base64.b64decode(pdf["data"]))
    text = subprocess.run(["pdftotext", "-layout", f"{prefix}.pdf", "-"], capture_output=True, text=True, check=True).stdout
    words = set(re.findall(r"[\w%/()]+", text))
    for h in set(headers):
        missing = [w for w in re.findall(r"[\w%/()]+", h) if w not in words]
        if missing:
            fail(f"printed: gap-table header {h!r} not in the PDF (missing {missing})")
    for word in [status_word, glossary_word] + names:
        if word not in text:
            fail(f"printed: {word!r} not in the PDF")
    pages = subprocess.run(["pdfinfo", f"{prefix}.pdf"], capture_output=True, text=True).stdout
    page_count = re.search(r"Pages:\s+(\d+)", pages)
    print(f"printed: {page_count.group(1) if page_count else '?'} pages, {len(set(headers))} gap-table headers, {statuses} target badges")
    if len(set(headers)) < 20 or statuses < min_targets:
        fail(f"printed: {len(set(headers))} gap-table headers, {statuses} target badges")
    ws.close()
finally:
    proc.terminate()
    proc.wait()
    shutil.rmtree(profile, ignore_errors=True)

if failures:
    sys.exit(f"check_page: {len(failures)} problems in {report}")
print(f"page ok ({lang})")
