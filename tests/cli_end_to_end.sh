#!/usr/bin/env bash
# End-to-end checks of the aelandscape executable: exit codes, JSON keys,
# one-line errors, byte-identical reruns. Usage: cli_end_to_end.sh AELANDSCAPE
set -u
AEL="$1"
source "$(dirname "$0")/cli_lib.sh"

# 1. The README's spectrum example: JSON with the documented keys, a saddle of index 1.
"$AEL" lae spectrum --p 2 --loss ordered --index 2,1 --scales 1.5,-0.75 --digits 40 --format json --method both \
  >"$work/s.json" 2>"$work/err" || fail "spectrum exit code $?"
python3 - "$work/s.json" <<'PY' && pass "spectrum JSON keys and values" || fail "spectrum JSON"
import json, sys
d = json.load(open(sys.argv[1]))
for key in ["loss", "gradient_norm", "eigenvalues", "inertia", "classification", "meta"]:
    assert key in d, key
assert len(d["eigenvalues"]) == 2 * 6 * 2
vals = [float(v) for v in d["eigenvalues"]]
assert vals == sorted(vals)
assert d["inertia"] == {"negative": 1, "zero": 2, "positive": 21}, d["inertia"]
assert d["classification"] == "saddle" and d["saddle_index"] == 1
assert float(d["discrepancy"]) < 1e-50, d["discrepancy"]
assert d["meta"]["digits"] == 40 and d["meta"]["seed"] == "1"
# linear spectrum: lambda = 6..1, ordered loss at I=(2,1): p*tr(Sigma) - (2*5 + 1*6) = 42 - 16
assert abs(float(d["loss"]) - 26) < 1e-30, d["loss"]
PY

# 2. Same seed, same bytes.
"$AEL" lae spectrum --n 5 --p 2 --seed 7 --spectrum gaussian >"$work/a" 2>/dev/null
"$AEL" lae spectrum --n 5 --p 2 --seed 7 --spectrum gaussian >"$work/b" 2>/dev/null
cmp -s "$work/a" "$work/b" && pass "byte-identical rerun" || fail "rerun differs"

# 3. Every output format renders.
for f in table csv md latex; do
  "$AEL" lae spectrum --n 4 --p 2 --format "$f" >"$work/f" 2>/dev/null && grep -q "saddle\|global minimum" "$work/f" \
    && pass "format $f" || fail "format $f"
done

# 4. Bad input: exit code 2, one line on stderr, nothing on stdout.
printf '1,2,3\n4,5\n' >"$work/ragged.csv"
printf '1,nan\n2,3\n' >"$work/nan.csv"
: >"$work/empty.csv"
bad lae spectrum --data "$work/ragged.csv"
bad lae spectrum --data "$work/nan.csv"
bad lae spectrum --data "$work/empty.csv"
bad lae spectrum --p 0
bad lae spectrum --p 7
bad lae spectrum --index 1,1
bad lae spectrum --index 1,9
bad lae spectrum --scales 1
bad lae spectrum --scales 1,0
bad lae spectrum --digits 5
bad lae spectrum --data digits
bad lae spectrum --spectrum 3,2,2,1,1,0.5
bad lae spectrum --n 6 --m 4 --spectrum gaussian
bad lae landscape --p 9

# 4b. Every bad value exits 2 with its option named (CLI11 parse errors included); help and version exit 0.
bad_named() {
  local flag="$1"; shift
  "$AEL" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  if [ "$code" -eq 2 ] && [ ! -s "$work/out" ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q -- "^aelandscape: error: .*$flag" "$work/err"; then
    pass "rejects naming $flag: $*"; else
    fail "bad input '$*' gave exit $code, stdout $(wc -c <"$work/out") bytes, stderr: $(cat "$work/err") (expected $flag named)"; fi
}
bad_named --p lae spectrum --p two
bad_named --max-points lae landscape --max-points many
bad_named --n lae spectrum --n 0
bad_named --digits lae spectrum --digits 5
bad_named --index lae spectrum --index 1,x
bad_named --bogus lae spectrum --bogus
bad_named --rate sign denoiser-risk --rate abc --p 0.1
bad_named --rate sign gaussian-risk --rate abc
bad_named --rate sign gaussian-risk --rate 0
bad_named --rate sign gaussian-risk
bad_named --eps-frac sparse expected-gradient --n 16 --k 2 --eps-frac abc
bad_named --window sparse expected-gradient --n 16 --k 2 --eps-frac 0.5 --window sideways
bad_named --format lae spectrum --format yaml
for args in "--help" "--version" "lae --help" "lae spectrum --help" "sign gaussian-risk --help"; do
  # shellcheck disable=SC2086
  "$AEL" $args >"$work/out" 2>"$work/err" && [ -s "$work/out" ] && pass "exit 0: $args" || fail "exit code of: $args"
done
"$AEL" sign gaussian-risk --rate 0.5 --digits 20 --format json >"$work/gr.json" 2>/dev/null \
  && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['risk']=='0.68169011381620932846' and d['meta']['digits']==20, d" "$work/gr.json" \
  && pass "sign gaussian-risk (runner): 1 - 1/pi" || fail "sign gaussian-risk (runner)"

# 4c. --format table fits 100 columns: long cells wrap (every digit kept), verify prints one line per claim.
"$AEL" lae spectrum --p 2 --digits 150 --format table >"$work/wide.txt" 2>/dev/null \
  && python3 -c "
import sys
lines = open(sys.argv[1]).read().split('\\n')
rows = [l for l in lines if l.startswith('  ')]
assert rows and max(len(l) for l in rows) <= 100, max(len(l) for l in rows)
" "$work/wide.txt" && pass "table cells wrap within 100 columns" || fail "table cells wrap"
"$AEL" verify --only LAE-1 --instances 1 >"$work/vt.txt" 2>"$work/vt.err" \
  && python3 -c "
import sys
lines = open(sys.argv[1]).read().split('\\n')
claims = [l for l in lines if l.startswith('  LAE-1')]
assert len(claims) >= 1 and all(len(l) <= 100 for l in claims), claims
assert lines[-2].startswith('totals.') or any(l.startswith('totals.claims') for l in lines), lines[-6:]
" "$work/vt.txt" && grep -q '^\[1/' "$work/vt.err" && pass "verify table: one line per claim, totals, progress" || fail "verify table"
# verify --certify: the table line of a claim carries its level of evidence (merge of #11 with the certification branch).
"$AEL" verify --only LAE-17 --instances 1 --certify >"$work/vc.txt" 2>/dev/null \
  && grep -E '^  LAE-17 +PASS +proved-exact ' "$work/vc.txt" >/dev/null \
  && awk 'length > 100 && /^  LAE-17/ { exit 1 }' "$work/vc.txt" \
  && pass "verify --certify table: evidence per claim" || fail "verify --certify table: evidence per claim"

# 5. Digits with constant pixels dropped: the ordered loss's minimum at I = (1..p).
"$AEL" lae spectrum --data digits --drop-constant --center --p 3 --format json --digits 20 >"$work/d.json" 2>/dev/null \
  && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['classification']=='global minimum' and d['inertia']['negative']==0 and d['data']['dropped_columns']==[1,33,40]" "$work/d.json" \
  && pass "digits global minimum" || fail "digits global minimum"

# 6. verify on the LAE claims exits 0 and reports no FAIL.
"$AEL" verify --only LAE --instances 2 --format csv >"$work/v.csv" 2>/dev/null && ! grep -q FAIL "$work/v.csv" \
  && pass "verify --only LAE" || fail "verify --only LAE"

# 7. Training on digits: the paper's headline (ordered loss → ordered eigenvectors, MSE → subspace only),
#    then `inspect` verdicts on weights derived from it.
"$AEL" lae train --data digits --center --drop-constant --p 4 --loss both --save-decoder "$work/A.csv" \
  --save-encoder "$work/B.csv" --log "$work/trace.csv" --format json >"$work/t.json" 2>/dev/null || fail "train exit"
python3 - "$work/t.json" <<'PY' && pass "train: ordered recovers eigenvectors, MSE only the subspace" || fail "train headline"
import json, sys
d = json.load(open(sys.argv[1]))
o, m = d["ordered"], d["mse"]
assert min(float(c) for c in o["abs_cos_columns_vs_eigenvectors"]) > 0.9999
assert float(o["relative_gap"]) < 1e-6 and float(m["relative_gap"]) < 1e-6
assert float(m["subspace_distance"]) < 1e-3 and float(m["offdiag_ratio_AtA"]) > 1e-3
assert min(float(c) for c in m["abs_cos_columns_vs_eigenvectors"]) < 0.99
PY
[ "$(head -1 "$work/trace.csv" | cut -d, -f1-3)" = "loss_kind,iteration,loss" ] && pass "trace CSV" || fail "trace CSV"
inspect() { "$AEL" lae inspect --data digits --center --drop-constant --decoder "$1" --encoder "$2" --format json 2>"$work/err"; }
inspect "$work/A.ordered.csv" "$work/B.ordered.csv" >"$work/i1.json" && python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); assert d['verdict']=='global minimum' and d['nearest_critical_point']['index']==[1,2,3,4]" "$work/i1.json" \
  && pass "inspect: trained weights are the global minimum" || fail "inspect minimum"
# Swap units 1 and 2: an MSE minimum but an ordered-loss saddle with inv(I) = 1.
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
A = [l.strip().split(",") for l in open(w + "/A.ordered.csv")]
B = [l.strip().split(",") for l in open(w + "/B.ordered.csv")]
open(w + "/As.csv", "w").write("".join(",".join([r[1], r[0]] + r[2:]) + "\n" for r in A))
open(w + "/Bs.csv", "w").write("".join(",".join(r) + "\n" for r in [B[1], B[0]] + B[2:]))
open(w + "/Ap.csv", "w").write("".join(",".join([str(float(r[0]) * 1.01)] + r[1:]) + "\n" for r in A))
open(w + "/Anan.csv", "w").write("".join(",".join(["nan"] + r[1:]) + "\n" for r in A))
PY
inspect "$work/As.csv" "$work/Bs.csv" >"$work/i2.json" && python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); assert d['verdict']=='saddle' and d['saddle_index']==1 and d['mse']['verdict']=='global minimum' and d['nearest_critical_point']['index']==[2,1,3,4]" "$work/i2.json" \
  && pass "inspect: swapped units are an ordered saddle of index 1, an MSE minimum" || fail "inspect saddle"
inspect "$work/Ap.csv" "$work/B.ordered.csv" >"$work/i3.json" && python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); assert d['verdict']=='not critical'" "$work/i3.json" \
  && pass "inspect: perturbed weights are not critical" || fail "inspect not critical"
bad lae inspect --data digits --center --drop-constant --decoder "$work/B.ordered.csv" --encoder "$work/B.ordered.csv"
bad lae inspect --data digits --center --drop-constant --decoder "$work/Anan.csv" --encoder "$work/B.ordered.csv"
# A diverging learning rate stops with an error and writes no weights.
"$AEL" lae train --n 4 --p 2 --lr 10 --save-decoder "$work/diverged.csv" >"$work/out" 2>"$work/err"
code=$?
[ "$code" -ne 0 ] && [ ! -e "$work/diverged.csv" ] && grep -q diverged "$work/err" && pass "divergence detected" || fail "divergence (exit $code)"

# sparse train --lr-grid: one row per step, a diverging step is flagged, the largest stable step reported.
"$AEL" sparse train --n 16 --k 2 --d0 1 --lr-grid 0.1,30 --epochs 2 --steps 5 --batch 64 --format json >"$work/g.json" 2>/dev/null \
  && python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); g=d['grid']; assert [r['status'] for r in g]==['stable','non-finite'], g; assert d['largest_stable_step']=='0.1'" "$work/g.json" \
  && pass "sparse train --lr-grid flags divergence" || fail "sparse train --lr-grid"

# sparse expected-gradient --all-rows: the all-rows kernel's row 3 equals the per-row kernel's (rational, so
# the printed decimals must be identical), and --out writes an h x n matrix.
"$AEL" sparse expected-gradient --n 16 --delta 0.01 --eps-frac 0.3 --all-rows --out "$work/g.csv" --format json >"$work/all.json" 2>/dev/null \
  && "$AEL" sparse expected-gradient --n 16 --delta 0.01 --eps-frac 0.3 --row 3 --format json >"$work/row3.json" 2>/dev/null \
  && python3 -c "
import json,sys; a=json.load(open(sys.argv[1])); r=json.load(open(sys.argv[2]))
assert a['expected_gradient_norms'][3]==r['expected_gradient_norm'], (a['expected_gradient_norms'][3], r['expected_gradient_norm'])
rows=[l.split(',') for l in open(sys.argv[3]).read().split()]; assert len(rows)==32 and all(len(x)==16 for x in rows)" \
  "$work/all.json" "$work/row3.json" "$work/g.csv" \
  && pass "sparse expected-gradient --all-rows = per-row kernel" || fail "sparse expected-gradient --all-rows"

# sign simulate-decoder: same seed -> same results for 1 and 2 threads (meta holds the command line).
for t in 1 2; do
  "$AEL" sign simulate-decoder --rate 0.5 --p 0.2 --d 100 --layers 3 --signals 6 --seed 5 --threads $t --format json >"$work/sd$t.json" 2>/dev/null
done
python3 -c "
import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:3]); a.pop('meta'); b.pop('meta'); assert a==b and a['mse_by_layer']" \
  "$work/sd1.json" "$work/sd2.json" && pass "sign simulate-decoder thread-count independent" || fail "sign simulate-decoder threads"

# --certify where no certified route exists: one line naming the nearest certified command, exit 2, no stdout.
for c in "lae train:lae inspect --certify" "lae landscape:lae spectrum --certify"; do
  cmd=${c%%:*}; alt=${c#*:}
  "$AEL" $cmd --certify >"$work/out" 2>"$work/err"; rc=$?
  [ $rc -eq 2 ] && [ ! -s "$work/out" ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "$alt" "$work/err" \
    && pass "$cmd --certify refused, names $alt" || fail "$cmd --certify: exit $rc, $(cat "$work/err")"
done

# Every --help page fits 100 columns (cli/help_format.hpp wraps descriptions at word boundaries).
wide=""
for g in "" lae sparse sign; do
  for c in "" $("$AEL" $g --help 2>/dev/null | awk '/^Subcommands:/{f=1;next} f&&NF{print $1}'); do
    w=$("$AEL" $g $c --help 2>/dev/null | awk 'length($0) > 100' | head -1)
    [ -n "$w" ] && wide="$wide [$g $c] $w"
  done
done
[ -z "$wide" ] && pass "--help within 100 columns on every command" || fail "--help wider than 100 columns:$wide"

echo "$fails failed"
[ "$fails" -eq 0 ]
