#!/usr/bin/env bash
# End-to-end checks of the aelandscape executable: exit codes, JSON keys,
# one-line errors, byte-identical reruns. Usage: cli_end_to_end.sh AELANDSCAPE
set -u
AEL="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
pass() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; fails=$((fails + 1)); }

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
bad() {
  "$AEL" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  if [ "$code" -eq 2 ] && [ ! -s "$work/out" ] && [ "$(wc -l <"$work/err")" -eq 1 ]; then pass "rejects: $*"; else
    fail "bad input '$*' gave exit $code, stdout $(wc -c <"$work/out") bytes, stderr: $(cat "$work/err")"; fi
}
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

# 5. Digits with constant pixels dropped: the ordered loss's minimum at I = (1..p).
"$AEL" lae spectrum --data digits --drop-constant --center --p 3 --format json --digits 20 >"$work/d.json" 2>/dev/null \
  && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['classification']=='global minimum' and d['inertia']['negative']==0 and d['data']['dropped_columns']==[1,33,40]" "$work/d.json" \
  && pass "digits global minimum" || fail "digits global minimum"

# 6. verify on the LAE claims exits 0 and reports no FAIL.
"$AEL" verify --only LAE --instances 2 --format csv >"$work/v.csv" 2>/dev/null && ! grep -q FAIL "$work/v.csv" \
  && pass "verify --only LAE" || fail "verify --only LAE"

echo "$fails failed"
[ "$fails" -eq 0 ]
