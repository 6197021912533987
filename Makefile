# Chiso: the two commands of the README.
#   make report   build (release) and run the main job on the shipped Datasets/
#   make test     run the test suite
# Both install LAPACK/BLAS (Debian: liblapack-dev libblas-dev) first if they are missing.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT_PACKAGES := liblapack-dev libblas-dev pkg-config zlib1g-dev

.PHONY: deps build test report clean fuzz bench bench-scale bench-xlsx e2e hostile docs backtest backtest-smoke backtest-peers calibration

deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
		echo "Installing $(APT_PACKAGES) ..."; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) test

report: deps
	$(SWIFT) build -c release --product chiso
	.build/release/chiso report --data Datasets --out report

clean:
	rm -rf .build report

# libFuzzer over the CSV reader, number and period parsers, the workbook reader, planner tables
# (long/wide, data import) and targets files (Tests/Fuzz),
# seeded from Datasets/ and the test workbooks. The workbook reader inflates with zlib through
# ZIPFoundation's CZlib module map (nothing of ZIPFoundation's Swift is compiled in).
FUZZ_SECONDS ?= 60
FUZZ_DIR := .build/fuzz
fuzz: deps
	$(SWIFT) package resolve
	mkdir -p $(FUZZ_DIR)/corpus
	cp Datasets/*.csv Datasets/examples/*.csv Datasets/tables/*.csv $(FUZZ_DIR)/corpus/ 2>/dev/null || true
	# A planner's targets file (names, ≥, a decimal comma, a thousands dot) and a wide planner table.
	printf 'Chỉ tiêu;Đơn vị;Năm;Giá trị;So sánh\nTỷ lệ;Đắk Lắk;2025;80,5;≥\nSố hồ sơ;Dak Lak;2030;1.000;≤\n' > $(FUZZ_DIR)/corpus/targets-planner.csv
	printf 'Huyện,2021,Năm 2022,6 tháng đầu năm 2024\nĐắk Lắk,"12,5",13.425,-\nĐăk Lăk,1.5,KCS,"1.045"\n' > $(FUZZ_DIR)/corpus/wide-planner.csv
	# A small dataset as one input (the first rows of the shipped tables, joined by NUL bytes: the
	# loader's fuzz path; inputs are at most 16384 bytes).
	for f in sources indicators entities observations targets; do head -c 700 Datasets/$$f.csv; printf '\0'; done > $(FUZZ_DIR)/corpus/dataset.bin
	# The same with a sixth part: a planner's targets file read against the dataset.
	cat $(FUZZ_DIR)/corpus/dataset.bin $(FUZZ_DIR)/corpus/targets-planner.csv > $(FUZZ_DIR)/corpus/dataset-targets.bin
	for f in planner date1904 libreoffice; do cp Tests/IndicatorsTests/Fixtures/$$f.xlsx $(FUZZ_DIR)/corpus/; done
	cp Tests/ChisoCLITests/Fixtures/planner-wide.xlsx Tests/ChisoCLITests/Fixtures/filled-template.xlsx $(FUZZ_DIR)/corpus/
	# The same with their parts stored, not deflated: mutations then reach the XML itself.
	python3 Tests/Fuzz/stored_workbooks.py $(FUZZ_DIR)/corpus Tests/IndicatorsTests/Fixtures/planner.xlsx \
		Tests/IndicatorsTests/Fixtures/date1904.xlsx Tests/ChisoCLITests/Fixtures/planner-wide.xlsx
	cd $(FUZZ_DIR) && swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name CSV \
		-emit-library -static -emit-module -o libCSV.a ../checkouts/CSV.swift/Sources/CSV/*.swift
	swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -module-name ChisoFuzz \
		-I $(FUZZ_DIR) -L $(FUZZ_DIR) -lCSV -I .build/checkouts/ZIPFoundation/Sources/CZLib -lz \
		$$(find Sources/Indicators -name '*.swift') Tests/Fuzz/IndicatorsFuzz.swift -o $(FUZZ_DIR)/chiso-fuzz
	mkdir -p $(FUZZ_DIR)/findings
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Fuzz/lsan.supp $(FUZZ_DIR)/chiso-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 \
		-artifact_prefix=$(FUZZ_DIR)/findings/ $(FUZZ_DIR)/corpus

# Throughput of the forecasting paths against statsmodels and vectorised numpy (Tests/Benchmarks).
BENCH_SERIES ?= 1000000
BENCH_DIR := .build/bench
bench: deps
	@python3 -c "import statsmodels" 2>/dev/null || pip install -q statsmodels
	$(SWIFT) build -c release --product chiso-bench
	.build/release/chiso-bench $(BENCH_SERIES) --write $(BENCH_DIR) | tee $(BENCH_DIR).chiso.txt
	python3 Tests/Benchmarks/bench_peers.py $(BENCH_DIR) | tee $(BENCH_DIR).peers.txt
	@python3 Tests/Benchmarks/ratios.py $(BENCH_DIR).chiso.txt $(BENCH_DIR).peers.txt

# National scale: synthetic datasets of about 10k, 100k and 980k observations (700 districts x 200
# indicators x 7 years, rows shuffled) in .build/national, timed through chiso data validate, gaps and
# report with peak memory, and pandas reading the 980k rows and finding duplicates (README table).
bench-scale: deps
	@python3 -c "import pandas" 2>/dev/null || pip install -q pandas
	$(SWIFT) build -c release --product chiso
	Tests/Benchmarks/bench_scale.sh .build/national | tee .build/bench-scale.txt

# A ~50 MB workbook (Tests/Benchmarks/make_workbook.py, openpyxl write-only: 10 million cells) and
# the same table as CSV, and a 200,000-row planner table (import.xlsx) in .build/bench-xlsx; each read
# once under /usr/bin/time -v (seconds, peak memory) by Tests/Benchmarks/bench_readers.py: chiso
# (chiso-bench --table), python-calamine 0.9.1 and openpyxl 3.1.5 read-only on planner.xlsx, and
# chiso data import against python-calamine's read of import.xlsx.
BENCH_XLSX_DIR := .build/bench-xlsx
bench-xlsx: deps
	@command -v /usr/bin/time >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq time)
	@python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl==3.1.5
	@python3 -c "import python_calamine" 2>/dev/null || pip install -q python-calamine==0.9.1
	$(SWIFT) build -c release --product chiso-bench
	$(SWIFT) build -c release --product chiso
	@[ -f $(BENCH_XLSX_DIR)/planner.xlsx ] || python3 Tests/Benchmarks/make_workbook.py $(BENCH_XLSX_DIR)
	@[ -f $(BENCH_XLSX_DIR)/import.xlsx ] || python3 Tests/Benchmarks/make_workbook.py $(BENCH_XLSX_DIR) --import 200000
	@ls -l $(BENCH_XLSX_DIR)/planner.xlsx $(BENCH_XLSX_DIR)/planner.csv $(BENCH_XLSX_DIR)/import.xlsx
	@unzip -l $(BENCH_XLSX_DIR)/planner.xlsx | grep worksheets
	python3 Tests/Benchmarks/bench_readers.py $(BENCH_XLSX_DIR) | tee $(BENCH_XLSX_DIR).txt

# End-to-end checks with real readers: openpyxl for the XLSX, headless Chromium for the HTML,
# LibreOffice Writer (headless, to PDF) and pdftotext for the Word documents, LibreOffice Calc for
# the template.
e2e: deps
	@command -v chromium >/dev/null 2>&1 || (\
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium)
	@(dpkg -s libreoffice-writer-nogui || dpkg -s libreoffice-writer) >/dev/null 2>&1 || (\
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui)
	@# Calc, to print the template (Tests/E2E/check_template.py).
	@(dpkg -s libreoffice-calc-nogui || dpkg -s libreoffice-calc) >/dev/null 2>&1 || (\
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui)
	@# Times New Roman's metric twin with Vietnamese letters (fonts-liberation 1.x has none: LibreOffice
	@# then draws the marks from another font and pdftotext reads them apart from their letters).
	@dpkg -s fonts-liberation2 >/dev/null 2>&1 || (\
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-liberation2)
	@command -v pdftotext >/dev/null 2>&1 || (\
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils)
	@python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl
	@python3 -c "import websocket" 2>/dev/null || pip install -q websocket-client
	$(SWIFT) build -c release --product chiso
	Tests/E2E/run.sh

# The hostile workbooks (Tests/Hostile/make_hostile.py: a million merged ranges, an 800 MB <v>, a
# shared string reused a million times, a size the ZIP directory lies about, UTF-16 and UTF-8 entity
# bombs, colliding member names, a 100 MB attribute) replayed against the release chiso under
# ulimit -v 2 GiB with /usr/bin/time -v: each refused or read within 5 s and 500 MB, nothing left in
# $$TMPDIR; signals while reading and SIGKILL during a report leave no debris once the next run starts.
hostile: deps
	@command -v /usr/bin/time >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq time)
	$(SWIFT) build -c release --product chiso
	Tests/Hostile/run.sh .build/hostile

# DocC reference for the library (swift-docc-plugin); fails on any warning from Chiso's own sources.
# (SwiftPM's note that the ZIPFoundation dependency has an unhandled file is about that package.)
DOC_TARGETS := --target Chiso --target LinearAlgebra --target Statistics --target Indicators --target Forecasting --target Reporting
docs: deps
	$(SWIFT) package --disable-sandbox generate-documentation $(DOC_TARGETS) > .build/docc.log 2>&1 || (cat .build/docc.log; exit 1)
	@if grep "warning" .build/docc.log | grep -v "'zipfoundation'"; then echo "DocC warnings above"; exit 1; fi
	@echo "docs: built without warnings (.build/plugins/Swift-DocC/outputs)"

# The back-test of the calibrated default, beside R forecast's peers on the same windows:
# 1. by country on the shipped corpus (calibrated on one half of the countries, scored on the other,
#    then swapped; peers from Tests/Backtest/peers.csv.gz, made by make backtest-peers);
# 2. leave one indicator out on both corpora (each of the 27 indicators scored with a calibration
#    learned on the other 26, and by country inside it), the README's transfer table. The second corpus
#    is read from $(CORPUS_2) (present for developers and CI; its licences allow learning and
#    back-testing, not shipping); without it, step 2 says so and runs on the shipped corpus alone.
#    Its R peers come from .build/backtest/peers2.csv when make backtest-peers has made it.
CORPUS := Datasets/reference/indicator_corpus/observations.csv
CORPUS_2 ?= ../shared/reference/indicator_corpus_2
BACKTEST_DIR := .build/backtest
backtest: deps
	$(SWIFT) build -c release --product chiso
	mkdir -p $(BACKTEST_DIR)
	gunzip -c Tests/Backtest/windows.csv.gz > $(BACKTEST_DIR)/windows.csv
	gunzip -c Tests/Backtest/peers.csv.gz > $(BACKTEST_DIR)/peers.csv
	.build/release/chiso backtest --panel $(CORPUS) --cross-validate --textbook \
		--peers $(BACKTEST_DIR)/peers.csv --peer-windows $(BACKTEST_DIR)/windows.csv | tee $(BACKTEST_DIR)/backtest.txt
	Tests/Backtest/transfer.sh $(CORPUS) $(CORPUS_2) $(BACKTEST_DIR) | tee $(BACKTEST_DIR)/transfer.txt

# A small version of the transfer back-test for CI: leave one indicator out on the first corpus's
# shares and counts from two origins (minutes, not an hour).
backtest-smoke: deps
	$(SWIFT) build -c release --product chiso
	.build/release/chiso backtest --panel $(CORPUS) --origins 2005,2012 --sizes 1,3 --leave-indicator-out --lang en | head -20

# Re-runs R forecast 8.20's peers (tslm, rwf drift, naive, ets, thetaf, auto.arima) on the back-test's
# windows: the shipped corpus's from origins 2002, 2006, 2010 and 2014 (committed, about 10 minutes on
# 2 cores), and the second corpus's from origins 2008, 2012, 2015, 2017 and 2019 (into .build only:
# they carry its values; about 20 minutes); needs r-cran-forecast.
backtest-peers: deps
	@command -v Rscript >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq r-base-core r-cran-forecast)
	$(SWIFT) build -c release --product chiso
	mkdir -p $(BACKTEST_DIR)
	.build/release/chiso backtest --panel $(CORPUS) --origins 2002,2006,2010,2014 --export-windows $(BACKTEST_DIR)/windows.csv
	Rscript Tests/Backtest/check_peers.R
	Rscript Tests/Backtest/peers.R $(BACKTEST_DIR)/windows.csv $(BACKTEST_DIR)/peers.csv 2
	gzip -9nc $(BACKTEST_DIR)/windows.csv > Tests/Backtest/windows.csv.gz
	gzip -9nc $(BACKTEST_DIR)/peers.csv > Tests/Backtest/peers.csv.gz
	@if [ -f $(CORPUS_2)/observations.csv ]; then \
		python3 Tests/Backtest/rank_fields.py $(CORPUS_2) $(BACKTEST_DIR)/corpus2 && \
		.build/release/chiso backtest --panel $(BACKTEST_DIR)/corpus2/observations.csv --origins 2008,2012,2015,2017,2019 \
			--export-windows $(BACKTEST_DIR)/windows2.csv && \
		Rscript Tests/Backtest/peers.R $(BACKTEST_DIR)/windows2.csv $(BACKTEST_DIR)/peers2.csv 2; \
	else echo "backtest-peers: $(CORPUS_2) is absent: no peers for the second corpus"; fi

# Re-derives the shipped calibration from the corpus (Datasets/calibration/make_calibration.sh).
calibration: deps
	Datasets/calibration/make_calibration.sh
