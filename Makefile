# Convenience targets; the README's quick start uses the scripts directly.
.PHONY: site test bench template-bench check-sample

site:
	scripts/build-sample

test:
	scripts/test

bench:
	scripts/bench

template-bench:
	swift run -c release template-bench ../shared/template-bench

check-sample: site
	../shared/tools/check-site Output --install --base-url https://ledger.example.org/
