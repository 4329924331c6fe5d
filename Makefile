# Shortcuts; each target is one script in scripts/, which is what the README and CI use.
.PHONY: run test screenshots bench

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

screenshots:
	bash scripts/screenshots.sh docs/screenshots

# Benchmarks with their baselines in the same run; figures go to docs/PERFORMANCE.md.
bench:
	bash scripts/bench.sh
