# kvm-devctl workbench. README.md says what each target does and costs.
.PHONY: all help setup tree export rebase check demo run baseline bench profile distro docs bisect test-tooling test-mutants clean check-6.12 tree-6.12 export-6.12 shell post

all: help

help: ## this list
	@sed -n 's/^\([a-z-]*\):.*## \(.*\)/make \1\t\2/p' Makefile | expand -t 20

setup: ## install what a Debian 12 host needs (apt-get; idempotent)
	./scripts/setup.sh

tree: setup ## build/linux: the series applied on its pinned base (patches/BASE)
	./scripts/tree.sh apply

export: ## write build/linux's commits back to patches/
	./scripts/tree.sh export

rebase: setup ## re-apply the series onto the archive's newest linux-source-X.Y
	./scripts/tree.sh rebase

check: ## the whole test suite (what .ci/run runs)
	./scripts/check.sh

demo: tree ## build the patched kernels, boot them showing the device API
	./scripts/demo.sh

run: demo ## the old name of make demo

baseline: tree ## the test lists on the unpatched base and on the series
	./scripts/baseline.sh

bench: setup ## devbench: base and series side by side
	./bench/run.sh

profile: setup ## ftrace profile of a vCPU attribute read (x86_64)
	./bench/profile.sh

distro: tree ## Debian's configs: configure, and build what the series touches (W=1, sparse)
	set -e; for a in $$(bash -c '. scripts/lib.sh; arches_with CHECK distro'); do \
		./scripts/distro.sh config $$a; ./scripts/distro.sh build $$a; done

docs: tree ## make htmldocs of virt/kvm, base vs series, and the rendered pages
	./scripts/htmldocs.sh

bisect: tree ## build the KVM directories at every patch
	./scripts/bisect-build.sh

# The tooling tests need the tree's KTAP parser, not the series applied
# again (tree.sh apply refuses work in build/linux not yet exported).
kunit-parser = build/linux/tools/testing/kunit/kunit_parser.py

test-tooling: ## the workbench's own tests, on stored logs (under a minute; make tree first if there is no tree)
	[ -f $(kunit-parser) ] || $(MAKE) tree
	./scripts/test-tooling.sh

test-mutants: ## can the workbench's tests fail? tests/tooling/mutants, each must fail make test-tooling (~2 h)
	[ -f $(kunit-parser) ] || $(MAKE) tree
	./scripts/test-mutants.sh

check-6.12: ## the series as it was on 6.12 (v2.4, v6.12/), its own workbench under build/wb-6.12
	./scripts/wb.sh 6.12 check

tree-6.12: ## build/wb-6.12/build/linux: v6.12/patches on linux-source-6.12
	./scripts/wb.sh 6.12 tree

export-6.12: ## write build/wb-6.12/build/linux's commits back to v6.12/patches
	./scripts/wb.sh 6.12 export

shell: tree ## boot ARCH=NAME (an arches/ file; KERNEL=base|series) with a shell and its list's programs
	./scripts/shell.sh $(or $(ARCH),x86_64-debug) $(or $(KERNEL),series)

post: ## build/post/: the series with WHO="Name <email>" as author and signer (the DCO is theirs)
	./scripts/identity.sh "$(WHO)"

clean: ## remove build products (keeps the trees and ccache)
	rm -rf build/obj build/kst build/initramfs build/logs build/results build/progs
