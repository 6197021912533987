# Chiso: the two commands of the README.
#   make report   build (release) and run the main job on the shipped Datasets/
#   make test     run the test suite
# Both install LAPACK/BLAS (Debian: liblapack-dev libblas-dev) first if they are missing.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT_PACKAGES := liblapack-dev libblas-dev pkg-config

.PHONY: deps build test report clean

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
	.build/release/chiso regress Datasets/examples/dvctt-share.csv --response share --predictors t

clean:
	rm -rf .build report
