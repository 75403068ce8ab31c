#!/usr/bin/env bash
# End-to-end checks of `lae inspect --certify` (docs/certification.md §9): a trainer's
# output near the global minimum, swapped units, a random point, an exactly critical
# rational point, containment of independently computed values in the printed balls,
# and refusals. Usage: cli_certify_inspect.sh AELANDSCAPE
set -u
AEL="$1"
PY=/usr/bin/python3
source "$(dirname "$0")/cli_lib.sh"

# Data: 40 samples in R^6 with well separated covariance eigenvalues, stored as exact doubles.
"$PY" -c "import numpy as np; np.save('$work/x.npy', np.random.default_rng(3).normal(size=(40, 6)) * [3, 2.5, 2, 1.5, 1, 0.5])"
D=(--data "$work/x.npy" --center)
"$AEL" lae train "${D[@]}" --p 2 --loss both --tol 1e-12 --save-decoder "$work/A.csv" --save-encoder "$work/B.csv" \
  --format json >"$work/t.json" 2>"$work/err" || fail "train exit $? $(cat "$work/err")"
inspect() { "$AEL" lae inspect "${D[@]}" --certify --format json "$@" 2>"$work/err"; }

# Checks one inspect --certify document. Args: file, loss, expected inertia (neg zero) or "none",
# expected criticality, whether everything is proved (1/0), weights A.csv B.csv (exact loss by definition).
check() {
  "$PY" - "$work/x.npy" "$@" <<'PY'
import json, sys
import numpy as np
from fractions import Fraction as F
X = [[F(float(v)) for v in r] for r in np.load(sys.argv[1])]
doc = json.load(open(sys.argv[2])); loss = sys.argv[3]; inertia = sys.argv[4]; crit = sys.argv[5]; full = sys.argv[6] == "1"
d = doc[loss]
ball = lambda b: (F(b["mid"]) - F(b["rad"]), F(b["mid"]) + F(b["rad"]))
m, n = len(X), len(X[0])
mean = [sum(r[j] for r in X) / m for j in range(n)]
Xc = [[r[j] - mean[j] for j in range(n)] for r in X]
rd = lambda f: [[F(c) for c in l.strip().split(",")] for l in open(f) if l.strip()]
A, B = rd(sys.argv[7]), rd(sys.argv[8])
p = len(A[0])
# The loss by its definition, sum over truncations of ||x - A I_i B x||^2 over the samples, in exact fractions:
# a different route from the tool's covariance form.
L = F(0)
for i in ([p] if loss == "mse" else range(1, p + 1)):
    for x in Xc:
        z = [sum(B[k][t] * x[t] for t in range(n)) for k in range(i)]
        L += sum((x[s] - sum(A[s][k] * z[k] for k in range(i))) ** 2 for s in range(n))
lo, hi = ball(d["loss_ball"])
assert lo <= L <= hi, ("loss not in ball", float(L), d["loss_ball"])
assert d["loss_ball"]["evidence"] == "proved-exact" and d["criticality"]["evidence"] == "proved-exact"
assert d["criticality"]["result"] == crit, d["criticality"]
g = ball(d["gradient_norm_ball"])
assert (g[0] > 0) == (crit == "not critical"), d["gradient_norm_ball"]
if inertia != "none":
    neg, zero = map(int, inertia.split(","))
    assert d["inertia"]["evidence"] == "proved-ball", d["inertia"]
    assert (d["inertia"]["negative"], d["inertia"]["zero"], d["inertia"]["positive"]) == (neg, zero, 2 * n * p - neg - zero), d["inertia"]
    db = ball(d["distance_ball"])
    # the uncertified distance (6 digits) agrees with the ball
    u = F(d["nearest_critical_point"]["distance"])
    assert db[0] - u / 10**5 <= u <= db[1] + u / 10**5, (d["distance_ball"], str(u))
    assert d["distance_ball"]["evidence"] == "proved-ball"
    assert "saddle of index" in d["statement"] if neg else "global minimum" in d["statement"], d["statement"]
assert (d["evidence"] == "proved-ball") == full and (d.get("certified") is True) == full, (d["evidence"], d.get("evidence_reason"))
if not full:
    assert "certified" not in d["statement"] and "not proved" in d["evidence_reason"]
PY
}

# 1. The trainer's output near the global minimum: proved not critical, within a certified distance of
#    P((1,2),C), inertia (0, p, .) ordered and (0, p^2, .) MSE, proved-ball.
inspect --decoder "$work/A.ordered.csv" --encoder "$work/B.ordered.csv" >"$work/min.json" || fail "inspect min exit $(cat "$work/err")"
check "$work/min.json" ordered 0,2 "not critical" 1 "$work/A.ordered.csv" "$work/B.ordered.csv" \
  && pass "trained ordered weights: certified near the global minimum, inertia (0,2,20) proved-ball" || fail "trained ordered"
check "$work/min.json" mse 0,4 "not critical" 1 "$work/A.ordered.csv" "$work/B.ordered.csv" \
  && pass "same weights, MSE: global minimum, inertia (0,4,20) proved-ball" || fail "trained mse"
"$PY" -c "
import json,sys; d=json.load(open(sys.argv[1]))
assert d['evidence']=='proved-ball' and d['certified'] is True and d['statement']==d['ordered']['statement']
assert d['proved_classification']=='global minimum' and float(d['distance_ball']['mid']) < 1e-4
assert float(d['distance_ball']['rad']) < 1e-30" "$work/min.json" \
  && pass "top level: certified, distance < 1e-4 with radius < 1e-30" || fail "top level"

# 2. Swapped units 1 and 2: an ordered saddle of index 1 (proved), still an MSE global minimum.
"$PY" - "$work" <<'PY'
import sys
w = sys.argv[1]
A = [l.strip().split(",") for l in open(w + "/A.ordered.csv")]
B = [l.strip().split(",") for l in open(w + "/B.ordered.csv")]
open(w + "/As.csv", "w").write("".join(",".join([r[1], r[0]] + r[2:]) + "\n" for r in A))
open(w + "/Bs.csv", "w").write("".join(",".join(r) + "\n" for r in [B[1], B[0]] + B[2:]))
PY
inspect --decoder "$work/As.csv" --encoder "$work/Bs.csv" >"$work/sw.json" || fail "inspect swapped exit $(cat "$work/err")"
check "$work/sw.json" ordered 1,2 "not critical" 1 "$work/As.csv" "$work/Bs.csv" \
  && pass "swapped units: proved saddle of index 1 of the ordered loss" || fail "swapped ordered"
check "$work/sw.json" mse 0,4 "not critical" 1 "$work/As.csv" "$work/Bs.csv" && pass "swapped units: MSE global minimum" || fail "swapped mse"

# 3. A random point: proved not critical (the gradient ball excludes 0), loss ball exact.
"$PY" - "$work" <<'PY'
import random, sys
r = random.Random(7); w = sys.argv[1]
open(w + "/Ar.csv", "w").write("".join(",".join("%.3f" % r.uniform(-1, 1) for _ in range(2)) + "\n" for _ in range(6)))
open(w + "/Br.csv", "w").write("".join(",".join("%.3f" % r.uniform(-1, 1) for _ in range(6)) + "\n" for _ in range(2)))
PY
inspect --decoder "$work/Ar.csv" --encoder "$work/Br.csv" >"$work/r.json" || fail "inspect random exit $(cat "$work/err")"
check "$work/r.json" ordered none "not critical" 1 "$work/Ar.csv" "$work/Br.csv" && check "$work/r.json" mse none "not critical" 1 "$work/Ar.csv" "$work/Br.csv" \
  && grep -q '"verdict": "not critical"' "$work/r.json" && pass "random point: proved not critical, loss ball contains the exact loss" || fail "random point"

# 4. Containment against the uncertified MPFR route at twice the digits.
"$AEL" lae inspect "${D[@]}" --multiprecision --digits 60 --decoder "$work/As.csv" --encoder "$work/Bs.csv" --format json >"$work/mp.json" 2>/dev/null
"$PY" - "$work/sw.json" "$work/mp.json" <<'PY' && pass "loss balls contain the 60-digit MPFR losses" || fail "MPFR containment"
import json, sys
from fractions import Fraction as F
c, m = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for loss in ("ordered", "mse"):
    b = c[loss]["loss_ball"]; x = F(m[loss]["loss"])
    assert abs(x - F(b["mid"])) <= F(b["rad"]) + abs(x) * F(10) ** -55, (loss, b, m[loss]["loss"])
PY

# 5. An exactly critical point: Sigma = diag(2, 8, 18) (rows +-e_s * s), A = 2 e_3, B = e_3'/2 (I = (1): lambda_1 = 18).
printf '0,0,3\n0,0,-3\n0,2,0\n0,-2,0\n1,0,0\n-1,0,0\n' >"$work/diag.csv"
printf '0\n0\n2\n' >"$work/Ae.csv"; printf '0,0,0.5\n' >"$work/Be.csv"
"$AEL" lae inspect --data "$work/diag.csv" --certify --decoder "$work/Ae.csv" --encoder "$work/Be.csv" --format json >"$work/e.json" 2>"$work/err" \
  || fail "exact point exit $(cat "$work/err")"
"$PY" - "$work/e.json" <<'PY' && pass "exactly critical rational point: gradient exactly 0, distance ball contains 0, global minimum" || fail "exact point"
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1]))
for loss in ("ordered", "mse"):
    j = d[loss]
    g = j["gradient_norm_ball"]
    assert j["criticality"]["result"] == "critical" and F(g["mid"]) == 0 == F(g["rad"]), g
    b = j["distance_ball"]; assert abs(F(b["mid"])) <= F(b["rad"]) < F(1, 10**30), b
    assert F(j["loss_ball"]["mid"]) == 8 + 2 and j["inertia"]["negative"] == 0, j  # tr - lambda_1 = 28 - 18
assert d["certified"] is True and d["proved_classification"] == "global minimum", d
PY

# 6. Dead unit: the inertia has no certified route; the document says so and claims nothing certified.
"$PY" - "$work" <<'PY'
import sys
w = sys.argv[1]
A = [l.strip().split(",") for l in open(w + "/A.ordered.csv")]
B = [l.strip().split(",") for l in open(w + "/B.ordered.csv")]
open(w + "/Ad.csv", "w").write("".join(",".join([r[0], "0"]) + "\n" for r in A))
open(w + "/Bd.csv", "w").write("".join(",".join(r) + "\n" for r in [B[0], ["0"] * len(B[1])]))
PY
inspect --decoder "$work/Ad.csv" --encoder "$work/Bd.csv" >"$work/dead.json" || fail "dead unit exit $(cat "$work/err")"
check "$work/dead.json" ordered none "not critical" 0 "$work/Ad.csv" "$work/Bd.csv" && "$PY" -c "
import json,sys; d=json.load(open(sys.argv[1]))
assert 'certified' not in d and d['evidence']=='pass-tolerance' and 'dead units' in d['ordered']['inertia']['reason']
assert d['ordered']['distance_ball']['evidence']=='proved-ball'" "$work/dead.json" \
  && pass "dead unit: distance proved, inertia not (reason given), not certified" || fail "dead unit"

# 7. Same input, same bytes.
inspect --decoder "$work/As.csv" --encoder "$work/Bs.csv" >"$work/sw2.json"
cmp -s <(grep -v command_line "$work/sw.json") <(grep -v command_line "$work/sw2.json") && pass "byte-identical rerun" || fail "rerun differs"

# 8. Refusals.
printf '1,0,0.5\n-1,0,0.5\n0,1,0.5\n0,-1,0.5\n0,0,1.5\n0,0,-0.5\n' >"$work/rep2.csv"
printf '1\n0\n0\n' >"$work/A1.csv"; printf '1,0,0\n' >"$work/B1.csv"
bad_saying "eigenvalues 1 and 2 of Sigma not certifiably distinct.*raise --digits" \
  lae inspect --data "$work/rep2.csv" --center --decoder "$work/A1.csv" --encoder "$work/B1.csv" --certify
bad_saying "no certified route for --targets" lae inspect --targets synthetic --decoder "$work/A.csv" --encoder "$work/B.csv" --certify
bad_saying "no certified route for --numeric" lae inspect "${D[@]}" --decoder "$work/A.ordered.csv" --encoder "$work/B.ordered.csv" --certify --numeric

[ "$fails" -eq 0 ] && echo "all certify-inspect checks passed" || echo "$fails certify-inspect check(s) FAILED"
[ "$fails" -eq 0 ]
