# GlassBox — see README.md. Everything builds into this checkout:
#   .venv/  Python virtual environment with Jupyter (requirements.txt)
#   bin/    glassbox, gonb, goimports, gopls
#   out/    executed notebooks and their HTML exports
#   third_party/echarts/  the ECharts library of the board, the HTML report and notebook charts
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON    ?= python3
VENV      := .venv
JUPYTER   := $(VENV)/bin/jupyter
GO        ?= go
# Without an XLA PJRT plugin the pure-Go backend runs; noxla keeps cgo/XLA out
# of test builds (faster, and nothing tries to download a plugin).
GOTAGS    ?= noxla
NOTEBOOK_TIMEOUT ?= 1800
export GOMLX_NO_AUTO_INSTALL := 1

GO_SOURCES := $(shell find . -name '*.go' -not -path './.venv/*' -not -path './tools/*' 2>/dev/null) go.mod go.sum

.PHONY: help
help:
	@echo "make demo    set up everything and run notebooks/01-quickstart.ipynb into out/"
	@echo "make test    go vet, Go tests and end-to-end notebook tests through Jupyter"
	@echo "make lab     start JupyterLab with the Go (GlassBox) kernel"
	@echo "make bench   run the benchmarks (results: bench/RESULTS.md)"
	@echo "make tools   build bin/glassbox, bin/gonb, bin/goimports, bin/gopls; fetch ECharts"
	@echo "make echarts fetch the pinned ECharts into third_party/echarts (interactive charts)"
	@echo "make venv    create .venv with Jupyter"
	@echo "make kernel  install the kernelspec into .venv"
	@echo "make clean   remove bin/ and out/ (keeps .venv)"

# --- Python: Jupyter in a project-local virtual environment -----------------
$(VENV)/.installed: requirements.txt
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

.PHONY: venv
venv: $(VENV)/.installed

# --- Go tools ------------------------------------------------------------------
bin/glassbox: $(GO_SOURCES)
	$(GO) build -o bin/ ./cmd/glassbox

bin/gonb bin/goimports &: go.mod go.sum
	$(GO) build -o bin/ github.com/janpfeifer/gonb golang.org/x/tools/cmd/goimports

bin/gopls: tools/gopls/go.mod tools/gopls/go.sum
	cd tools/gopls && $(GO) build -o ../../bin/ golang.org/x/tools/gopls

# --- ECharts: the board, the HTML report and notebook charts (interactive) -----
# The npm package at an exact version, checked against the registry's sha512
# integrity, unpacked into an ignored folder; never committed. npm fetches it
# when installed, else Python fetches the same tarball from the npm registry.
ECHARTS_VERSION   := 5.6.0
ECHARTS_INTEGRITY := sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA==
ECHARTS_DIR       := third_party/echarts

$(ECHARTS_DIR)/echarts.min.js:
	@rm -rf $(ECHARTS_DIR)/.pack && mkdir -p $(ECHARTS_DIR)/.pack
	if command -v npm >/dev/null 2>&1; then \
		npm pack --silent --pack-destination $(ECHARTS_DIR)/.pack echarts@$(ECHARTS_VERSION) >/dev/null; \
	else \
		$(PYTHON) -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
			https://registry.npmjs.org/echarts/-/echarts-$(ECHARTS_VERSION).tgz $(ECHARTS_DIR)/.pack/echarts-$(ECHARTS_VERSION).tgz; \
	fi
	got=$$($(PYTHON) -c 'import base64, hashlib, sys; print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' \
		$(ECHARTS_DIR)/.pack/echarts-$(ECHARTS_VERSION).tgz); \
	if [ "$$got" != "$(ECHARTS_INTEGRITY)" ]; then echo "echarts-$(ECHARTS_VERSION).tgz: integrity $$got, want $(ECHARTS_INTEGRITY)" >&2; exit 1; fi
	tar -xzf $(ECHARTS_DIR)/.pack/echarts-$(ECHARTS_VERSION).tgz -C $(ECHARTS_DIR)/.pack package/dist/echarts.min.js package/LICENSE
	mv $(ECHARTS_DIR)/.pack/package/LICENSE $(ECHARTS_DIR)/LICENSE
	echo "echarts $(ECHARTS_VERSION) ($(ECHARTS_INTEGRITY))" > $(ECHARTS_DIR)/VERSION
	mv $(ECHARTS_DIR)/.pack/package/dist/echarts.min.js $@
	rm -rf $(ECHARTS_DIR)/.pack

.PHONY: echarts
echarts: $(ECHARTS_DIR)/echarts.min.js

.PHONY: tools
tools: bin/glassbox bin/gonb bin/goimports bin/gopls echarts
	@# Fill the module cache, so that notebook cells build offline.
	$(GO) mod download

# --- The kernel ----------------------------------------------------------------
.PHONY: kernel
kernel: tools venv
	bin/glassbox kernel install --prefix $(VENV)

# --- Demo: run the quickstart notebook headless into out/ ----------------------
.PHONY: demo
demo: kernel
	@mkdir -p out
	$(JUPYTER) nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=glassbox \
		--ExecutePreprocessor.timeout=$(NOTEBOOK_TIMEOUT) --output-dir out notebooks/01-quickstart.ipynb
	$(JUPYTER) nbconvert --to html --output-dir out out/01-quickstart.ipynb
	@# The HTML report of the quickstart's run, on the notebook's customer table.
	bin/glassbox report data --name customers --rows 2000 --seed 42 --out out/customers.csv
	bin/glassbox report --run notebooks/runs/quickstart --data out/customers.csv --out out/01-quickstart.report.html --seed 42
	@echo
	@echo "Executed notebook: $(CURDIR)/out/01-quickstart.ipynb"
	@echo "HTML export:       $(CURDIR)/out/01-quickstart.html"
	@ls out/*.report.html 2>/dev/null | sed 's|^|Report:            $(CURDIR)/|' || true

# --- Tests ---------------------------------------------------------------------
.PHONY: test vet gotest xla-lane e2e
test: vet gotest xla-lane e2e

vet:
	$(GO) vet -tags=$(GOTAGS) ./...

gotest:
	$(GO) test -tags=$(GOTAGS) -count=1 ./...

# The ml tests again with XLA linked, on XLA's CPU PJRT plugin from PyPI
# (test-only; see the script), compared with the pure-Go backend.
xla-lane:
	bash tests/xla_cpu_lane.sh

# End-to-end: every notebook and the kernel's fault handling, through a real
# Jupyter client, offline (GOPROXY=off proves cells need no downloads).
e2e: kernel
	GOPROXY=off $(VENV)/bin/python -m pytest -q tests/e2e

# --- Interactive -----------------------------------------------------------------
.PHONY: lab
lab: kernel
	$(JUPYTER) lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# --- Benchmarks ------------------------------------------------------------------
# Each script prints its table; bench/RESULTS.md records them with the machine.
# The Python peers (shap, lime, scikit-learn) go into bench/.venv.
.PHONY: bench bench-kernel bench-explain bench-lime bench-train bench-load bench-prune
bench: bench-kernel bench-explain bench-lime bench-train bench-load bench-prune

bench-kernel: kernel
	bash bench/kernel/run.sh

bench-explain:
	bash bench/explain/run.sh

bench-lime: bench-explain
	$(GO) run ./bench/lime -rows 50 -python bench/.venv/bin/python

bench-train:
	bash bench/train/run.sh

bench-load:
	bash bench/load/run.sh

bench-prune:
	bash bench/prune/run.sh

.PHONY: clean
clean:
	rm -rf bin out
