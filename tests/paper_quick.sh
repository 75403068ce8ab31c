#!/usr/bin/env bash
# `aelandscape paper all --quick` end to end: main.tex compiles with latexmk,
# every figure is a valid PDF/SVG/PNG, every CSV has the rows the manifest
# says, every SHA-256 matches; bad input is a one-line error with exit 2 and
# no manifest. Usage: paper_quick.sh AELANDSCAPE
set -u
AEL="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
source "$(dirname "$0")/cli_lib.sh"
one_line_exit2() {  # $1 label, $2 exit code, $3 stderr file, $4 stdout file
  [ "$2" -eq 2 ] && [ "$(wc -l <"$3")" -eq 1 ] && [ ! -s "$4" ] && pass "$1" || { fail "$1 (exit $2)"; cat "$3"; }
}

# 1. The quick run.
start=$(date +%s)
"$AEL" paper all --quick --threads 2 --out "$work/out" >"$work/stdout" 2>"$work/stderr"
rc=$?
echo "paper all --quick: exit $rc in $(( $(date +%s) - start )) s"
[ $rc -eq 0 ] && [ ! -s "$work/stdout" ] && pass "paper all --quick exits 0, nothing on stdout" || { fail "paper all --quick"; tail -5 "$work/stderr"; }

# 2. main.tex compiles.
(cd "$work/out" && latexmk -pdf -interaction=nonstopmode -halt-on-error main.tex >"$work/latex.log" 2>&1) \
  && [ -s "$work/out/main.pdf" ] && pass "main.tex compiles with latexmk -pdf" || { fail "latexmk"; grep -A3 '^!' "$work/out/main.log" | head -20; }

# 3. The manifest: files, digests, CSV rows, figure formats, commands.
python3 - "$work/out" <<'PY' && pass "manifest: sha256, CSV rows, figure formats, commands" || fail "manifest"
import csv, hashlib, json, os, sys, xml.etree.ElementTree as ET
out = sys.argv[1]
m = json.load(open(os.path.join(out, "manifest.json")))
arts = m["artifacts"]
kinds = {a["kind"] for a in arts}
assert {"csv", "table", "gnuplot-script", "figure-pdf", "figure-svg", "figure-png", "latex-document"} <= kinds, kinds
for a in arts:
    path = os.path.join(out, a["path"])
    data = open(path, "rb").read()
    assert hashlib.sha256(data).hexdigest() == a["sha256"], a["path"]
    assert a["version"] and a["commit"], a
    if a["kind"] == "csv":
        rows = list(csv.reader(open(path, newline="")))
        assert len(rows) - 1 == a["rows"], (a["path"], len(rows) - 1, a["rows"])
        assert all(len(r) == len(rows[0]) for r in rows), a["path"]
        assert a["commands"] and all(c.startswith("aelandscape ") for c in a["commands"]), a
    if a["kind"] == "figure-pdf":
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], a["path"]
    if a["kind"] == "figure-png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), a["path"]
    if a["kind"] == "figure-svg":
        assert ET.fromstring(data).tag.endswith("svg"), a["path"]
    if a["kind"] == "table":
        t = data.decode()
        assert "\\toprule" in t and "\\bottomrule" in t and "\\caption" in t and "\\label" in t, a["path"]
for name in ["koegler_phase_transition", "oftadeh_training", "rangamani_sweep_h", "rangamani_window_k"]:
    for ext in ["gp", "pdf", "svg", "png"]:
        assert any(a["path"] == "figures/%s.%s" % (name, ext) for a in arts), (name, ext)
assert any(a["path"] == "tables/verify_claims.tex" for a in arts)
# evidence: never null; a level of docs/certification.md §1, or measured / n/a / per claim with a reason
levels = {"proved-exact", "proved-ball", "pass-tolerance", "pass-statistical", "measured", "n/a", "per claim"}
by_path = {a["path"]: a["evidence"] for a in arts}
for a in arts:
    e = a["evidence"]
    assert isinstance(e, dict) and e.get("level"), a["path"]
    for part in (e["parts"] if e["level"] == "mixed" else [e]):
        assert part["level"] in levels and part.get("reason"), (a["path"], part)
assert by_path["data/koegler_p_star.csv"]["level"] == "proved-ball"
assert by_path["data/koegler_phase_gd_rademacher.csv"]["level"] == "measured"
assert by_path["data/oftadeh_train_cosines.csv"]["level"] == "measured"
assert by_path["data/rangamani_expected_gradient_norms.csv"]["level"] == "proved-exact"
assert by_path["figures/koegler_phase_transition.pdf"]["level"] == "mixed"
assert sum(by_path["data/verify_claims.csv"]["counts"].values()) > 0
# the Gaussian sweep panel needs h >= 512 (D1 window empty below, docs/paper.md): quick mode says so in main.tex
assert "refuses h = 32, 64, 128" in open(os.path.join(out, "main.tex")).read()
assert not os.path.exists(os.path.join(out, ".manifest.json.tmp"))
PY

# 4. A recorded command reproduces its CSV's numbers (p* table: same digits).
cmd=$(python3 -c "
import json, sys
m = json.load(open('$work/out/manifest.json'))
a = [a for a in m['artifacts'] if a['path'] == 'data/koegler_p_star.csv'][0]
print(a['commands'][1])")
(cd "$work/out" && eval "\"$AEL\" ${cmd#aelandscape }") >"$work/rerun.json" 2>/dev/null
python3 - "$work/rerun.json" "$work/out/data/koegler_p_star.csv" <<'PY' && pass "manifest command reproduces a CSV row" || fail "rerun of a recorded command"
import csv, json, sys
d = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
assert rows[1]["p_star_formula"] == d["p_star"] and rows[1]["sign0"] == d["sign0"], (rows[1], d["p_star"])
PY

# 5. Bad input.
"$AEL" paper nosuchpaper --out "$work/x" >"$work/o" 2>"$work/e"; rc=$?
one_line_exit2 "unknown paper name" $rc "$work/e" "$work/o"
grep -q "oftadeh2020, rangamani2018, koegler2024, all" "$work/e" && pass "unknown paper lists the names" || fail "names listed"
"$AEL" paper koegler2024 --quick --out "$work/out" >"$work/o" 2>"$work/e"; rc=$?
one_line_exit2 "non-empty --out refused" $rc "$work/e" "$work/o"
[ -f "$work/out/manifest.json" ] && pass "refusal leaves the existing output alone" || fail "refusal touched the output"
mkdir -p "$work/ro" && chmod 555 "$work/ro"
if [ "$(id -u)" -ne 0 ]; then
  "$AEL" paper koegler2024 --quick --out "$work/ro/sub" >"$work/o" 2>"$work/e"; rc=$?
  one_line_exit2 "unwritable --out" $rc "$work/e" "$work/o"
fi
"$AEL" paper koegler2024 --quick --out /proc/version >"$work/o" 2>"$work/e"; rc=$?
one_line_exit2 "--out is a file" $rc "$work/e" "$work/o"
mkdir -p "$work/bin"
cat >"$work/bin/gnuplot" <<'SH'
#!/bin/sh
[ "$1" = "--version" ] && { echo "gnuplot 5.4 (fake)"; exit 0; }
echo "         plot foo" >&2
echo "              ^" >&2
echo "\"$1\" line 9: undefined variable: foo" >&2
exit 1
SH
chmod +x "$work/bin/gnuplot"
PATH="$work/bin:$PATH" "$AEL" paper oftadeh2020 --quick --out "$work/gpfail" >"$work/o" 2>"$work/e2"; rc=$?
grep -v '^paper: ' "$work/e2" >"$work/e"
one_line_exit2 "gnuplot failing" $rc "$work/e" "$work/o"
grep -q "undefined variable: foo" "$work/e" && pass "gnuplot's error line is shown" || fail "gnuplot error line"
ls "$work/gpfail/data/"*.csv >/dev/null 2>&1 && [ ! -e "$work/gpfail/manifest.json" ] \
  && pass "gnuplot failing keeps the CSVs, writes no manifest" || fail "gnuplot failure state"
PATH=/nonexistent "$AEL" paper oftadeh2020 --quick --out "$work/nogp" >"$work/o" 2>"$work/e"; rc=$?
one_line_exit2 "gnuplot missing" $rc "$work/e" "$work/o"
grep -q -- "--no-figures" "$work/e" && [ ! -e "$work/nogp" ] && pass "gnuplot missing: names --no-figures, writes nothing" || fail "gnuplot missing message"

# 6. --no-figures without gnuplot; --force rewrites; same bytes for another thread count.
PATH=/nonexistent "$AEL" paper koegler2024 --quick --no-figures --threads 1 --out "$work/nofig" >/dev/null 2>"$work/e"; rc=$?
[ $rc -eq 0 ] && [ -f "$work/nofig/manifest.json" ] && [ -f "$work/nofig/figures/koegler_phase_transition.gp" ] \
  && [ ! -e "$work/nofig/figures/koegler_phase_transition.pdf" ] && pass "--no-figures writes scripts, no figures" || fail "--no-figures"
python3 - "$work/out/manifest.json" "$work/nofig/manifest.json" <<'PY' && pass "koegler2024 data: same bytes for --threads 1 and 2" || fail "thread-count independence"
import json, sys
a = {x["path"]: x["sha256"] for x in json.load(open(sys.argv[1]))["artifacts"] if x["path"].startswith("data/koegler")}
b = {x["path"]: x["sha256"] for x in json.load(open(sys.argv[2]))["artifacts"] if x["path"].startswith("data/koegler")}
assert a and a == b, set(k for k in a if a.get(k) != b.get(k))
PY

# 7. --format latex of an ordinary command compiles inside a document (booktabs + siunitx).
mkdir -p "$work/fmt"
"$AEL" lae spectrum --n 4 --p 2 --format latex >"$work/fmt/body.tex" 2>/dev/null
printf '%s\n' '\documentclass{article}' '\usepackage[utf8]{inputenc}' '\usepackage{booktabs,siunitx,amsmath,amssymb}' \
  '\begin{document}' '\input{body.tex}' '\end{document}' >"$work/fmt/doc.tex"
grep -q '\\toprule' "$work/fmt/body.tex" && grep -q 'S\[table-format=' "$work/fmt/body.tex" \
  && (cd "$work/fmt" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex >/dev/null 2>&1) \
  && pass "--format latex: booktabs with S columns, compiles" || fail "--format latex document"

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
