# kvm-devctl workbench. See README.md for what each target does and costs.
.PHONY: all setup tree export rebase check run baseline bench bisect clean help

all: help

help:
	@sed -n 's/^## \(make .*\)/\1/p' README.md

setup:
	./scripts/setup.sh

tree: setup
	./scripts/tree.sh apply

export:
	./scripts/tree.sh export

rebase: setup
	./scripts/tree.sh rebase

check:
	./scripts/check.sh

run: tree
	./scripts/demo.sh

baseline: tree
	./scripts/baseline.sh

bench: setup
	./bench/run.sh

bisect: tree
	./scripts/bisect-build.sh

clean:
	rm -rf build/obj build/kst build/initramfs build/logs build/results build/progs
