# Development tasks. `make ci` runs what CI runs.
.PHONY: ci test forbid

ci:
	.ci/run

test:
	cargo test

# Debugging leftovers must not land in src/.
forbid:
	@! grep -rnE 'dbg!|todo!|unimplemented!|FIXME|XXX' src/ || (echo "forbidden marker in src/"; exit 1)
