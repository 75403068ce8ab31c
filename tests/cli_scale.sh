#!/usr/bin/env bash
# End-to-end checks of the issue #15 data path: exact moments, the refined data
# eigensolver and "data_eigenvalues" in lae spectrum, the Fashion-MNIST hint.
# Usage: cli_scale.sh AELANDSCAPE
set -u
AEL="$1"
source "$(dirname "$0")/cli_lib.sh"

# 1. digits (n = 61 after dropping 3 constant pixels): exact moments, refined solver, and the same
#    loss, spectrum and data eigenvalues as the closed form cross-checked by the numeric route.
"$AEL" lae spectrum --data digits --drop-constant --center --p 1 --loss ordered --digits 30 --method both \
  >"$work/d.json" 2>"$work/err" || fail "digits spectrum exit code"
python3 - "$work/d.json" <<'PY' && pass "digits: data_eigenvalues, exact moments, refined solver" || fail "digits JSON"
import json, sys
from fractions import Fraction
d = json.load(open(sys.argv[1]))
lam = [Fraction(v) for v in d["data_eigenvalues"]]
assert len(lam) == 61 and lam == sorted(lam, reverse=True) and lam[-1] > 0
assert d["data"]["moments"].startswith("exact"), d["data"]
assert "Ogita-Aishima" in d["data_eigen_solver"], d["data_eigen_solver"]
assert float(d["discrepancy"]) < 1e-25, d["discrepancy"]
assert float(d["loss_discrepancy"]) < 1e-25 * float(d["loss"]), d["loss_discrepancy"]
PY
[ -s "$work/err" ] && fail "digits: unexpected stderr: $(head -c 200 "$work/err")"

# 2. The loss at the top critical point is p·tr Σ − Σ_k w_k λ_k with the printed data eigenvalues:
#    a relation between two printed outputs (trace from the exact moments, λ from the solver).
"$AEL" lae spectrum --data digits --drop-constant --center --p 2 --loss mse --digits 40 >"$work/m.json" 2>/dev/null
"$AEL" lae spectrum --data digits --drop-constant --center --p 2 --loss mse --digits 40 --point origin >"$work/o.json" 2>/dev/null
python3 - "$work/m.json" "$work/o.json" <<'PY' && pass "digits: MSE loss = tr Sigma - lambda_1 - lambda_2" || fail "loss vs data eigenvalues"
import json, sys
from fractions import Fraction
m, o = (json.load(open(f)) for f in sys.argv[1:3])
tr = Fraction(o["loss"])  # origin: MSE loss = tr Sigma_yy
lam = [Fraction(v) for v in m["data_eigenvalues"]]
assert abs(tr - sum(lam)) <= Fraction(1, 10**35) * tr, float(tr - sum(lam))
assert abs(Fraction(m["loss"]) - (tr - lam[0] - lam[1])) <= Fraction(1, 10**35) * tr
PY

# 3. Decimal CSV cells that are not doubles keep the MPFR route (no "moments" key); dyadic ones are exact.
printf '0.1,1\n0.2,3\n0.7,2\n0.5,7\n' >"$work/dec.csv"
printf '0.5,1\n0.25,3\n0.75,2\n0.5,7\n' >"$work/dya.csv"
"$AEL" lae spectrum --data "$work/dec.csv" --p 1 >"$work/dec.json" 2>/dev/null
"$AEL" lae spectrum --data "$work/dya.csv" --p 1 >"$work/dya.json" 2>/dev/null
python3 - "$work/dec.json" "$work/dya.json" <<'PY' && pass "exact moments only for double-valued data" || fail "moments route"
import json, sys
dec, dya = (json.load(open(f)) for f in sys.argv[1:3])
assert "moments" not in dec["data"], dec["data"]
assert dya["data"]["moments"].startswith("exact"), dya["data"]
PY

# 4. Fashion-MNIST missing: one line naming the Debian package, exit 2, nothing on stdout.
"$AEL" lae spectrum --data /usr/share/datasets/fashion-mnist/missing-images-idx3-ubyte.gz --center --p 2 \
  >"$work/out" 2>"$work/err"
rc=$?
if [ $rc -eq 2 ] && [ ! -s "$work/out" ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "dataset-fashion-mnist" "$work/err"; then
  pass "missing Fashion-MNIST names its package"
else
  fail "missing Fashion-MNIST: rc=$rc, stderr: $(cat "$work/err")"
fi

[ $fails -eq 0 ] && echo "all cli_scale checks passed" || echo "$fails cli_scale check(s) failed"
exit $((fails > 0))
