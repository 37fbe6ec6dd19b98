#!/bin/bash
# htmldocs.sh - the KVM documentation of base and series, built with
# Debian's sphinx, and the series' pages as a reader sees them.
#
# Runs `make SPHINXDIRS=virt/kvm htmldocs` in base and series (output in
# build/obj/VARIANT-docs), compares their warnings (file and message; line
# numbers dropped), and renders the lifetime page and the attribute section
# of the API page to text with w3m (build/results/docs-*.txt). One
# "pass|fail docs/..." line per check: no warning the base does not give;
# the lifetime diagram is one literal block in the HTML, intact.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
out=$top/build/results/docs
mkdir -p "$(dirname "$out")"
fails=0
verdict() {
	if [ "$1" = 0 ]; then echo "pass docs/$2"
	else echo "fail docs/$2"; fails=$((fails + 1)); fi
}
"$top/scripts/tree.sh" basewt >/dev/null
for v in base series; do
	src=$top/build/linux; [ "$v" = base ] && src=$top/build/linux-base
	obj=$top/build/obj/$v-docs
	mkdir -p "$obj"
	t0=$(date +%s)
	make -C "$src" O="$obj" SPHINXDIRS=virt/kvm SPHINXOPTS=-E htmldocs > "$out-$v.log" 2>&1
	echo "htmldocs: $v: rc $? ($(elapsed "$t0")s)"
	grep -iE 'warning|error' "$out-$v.log" | grep -v '^build succeeded' | sed -E "s#$src/##g; s#:[0-9]+:#:#g; s#: [0-9]+: #: #" |
		sort > "$out-warnings-$v.txt"
done
comm -13 "$out-warnings-base.txt" "$out-warnings-series.txt" > "$out-warnings-new.txt"
echo "htmldocs: warnings: base $(grep -c . < "$out-warnings-base.txt")," \
     "series $(grep -c . < "$out-warnings-series.txt"), new $(grep -c . < "$out-warnings-new.txt")"
sed 's/^/    new: /' "$out-warnings-new.txt"
[ ! -s "$out-warnings-new.txt" ]; verdict $? no-new-warnings

html=$top/build/obj/series-docs/Documentation/output/virt/kvm
w3m -dump -cols 100 "$html/devices/lifetime.html" > "$out-lifetime.txt" 2>/dev/null
w3m -dump -cols 100 "$html/api.html" 2>/dev/null |
	sed -n '/KVM_SET_DEVICE_ATTR\/KVM_GET_DEVICE_ATTR/,/KVM_HAS_DEVICE_ATTR/p' > "$out-api-attr.txt"
echo "htmldocs: rendered: $(wc -l < "$out-lifetime.txt") lines of lifetime, $(wc -l < "$out-api-attr.txt") of the attribute section"
# The diagram: every literal block of lifetime.rst (the indented lines
# after a "::") is in one <pre> of the HTML, line for line.
python3 - "$top/build/linux/Documentation/virt/kvm/devices/lifetime.rst" \
	"$html/devices/lifetime.html" <<'PY'
import html, re, sys, textwrap
rst = open(sys.argv[1]).read().splitlines()
page = open(sys.argv[2]).read()
pres = [html.unescape(re.sub(r'<[^>]+>', '', p)) for p in re.findall(r'<pre>(.*?)</pre>', page, re.S)]
blocks, i = [], 0
while i < len(rst):
    if rst[i].rstrip().endswith('::'):
        j = i + 1
        while j < len(rst) and not rst[j].strip():
            j += 1
        k = j
        while k < len(rst) and (not rst[k].strip() or rst[k].startswith(' ')):
            k += 1
        blocks.append(textwrap.dedent('\n'.join(rst[j:k])).strip('\n'))
        i = k
    else:
        i += 1
def norm(t):
    return [l.rstrip() for l in t.strip('\n').splitlines()]
bad = [b for b in blocks if not any(norm(b) == norm(p) for p in pres)]
print(f"htmldocs: lifetime.rst: {len(blocks)} literal blocks (the diagram), {len(bad)} not intact in a <pre>")
for b in bad:
    print(textwrap.indent(b, "    missing: "))
sys.exit(1 if bad or not blocks else 0)
PY
verdict $? lifetime-diagram-intact
[ "$fails" -eq 0 ]
