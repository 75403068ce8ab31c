#!/usr/bin/env bash
# End-to-end checks of `--certify` (the ball route, docs/certification.md):
# the issue's example on the digits data, containment of the MPFR values in
# the printed balls, exact decimal CSV input, and refusals (exit 2, one line
# on stderr, nothing on stdout). Usage: cli_certify_ball.sh AELANDSCAPE
set -u
AEL="$1"
PY=/usr/bin/python3
source "$(dirname "$0")/cli_lib.sh"

# Checks a certified spectrum document: 2np ascending balls, each MPFR eigenvalue
# (an independent evaluation of the closed forms) inside its ball, inertia as expected.
check_doc() {  # file n p negative zero
  "$PY" - "$@" <<'PY'
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1])); n, p, neg, zero = map(int, sys.argv[2:])
assert d["evidence"] == "proved-ball", d.get("evidence_reason")
balls = d["eigenvalue_balls"]
assert len(balls) == 2 * n * p and len(d["data_eigenvalue_balls"]) == n
lo = [F(b["mid"]) - F(b["rad"]) for b in balls]; hi = [F(b["mid"]) + F(b["rad"]) for b in balls]
mids = [F(b["mid"]) for b in balls]
assert mids == sorted(mids)
for v, a, b in zip(d["eigenvalues"], lo, hi):
    x = F(v)
    u = abs(x) * F(10) ** -(d["meta"]["digits"] - 1)  # the printed MPFR value is rounded to D digits
    assert a - u <= x <= b + u, (v, a, b)
assert d["inertia"] == {"negative": neg, "zero": zero, "positive": 2 * n * p - neg - zero}, d["inertia"]
assert d["inertia"] == d["inertia_formula"]
assert d["structural_zeros"]["count"] == zero and "docs/lae-math.md" in d["structural_zeros"]["theorem"]
lam = [(F(b["mid"]) - F(b["rad"]), F(b["mid"]) + F(b["rad"])) for b in d["data_eigenvalue_balls"]]
assert all(lam[i + 1][1] < lam[i][0] for i in range(n - 1)) and lam[-1][0] > 0
l = d["loss_ball"]; assert abs(F(d["loss"]) - F(l["mid"])) <= F(l["rad"]) + abs(F(d["loss"])) * F(10) ** -(d["meta"]["digits"] - 1)
PY
}

# 1. The issue's example: digits, p = 8, ordered loss, one inversion (I = (2,1,3,...,8)).
"$AEL" lae spectrum --data digits --center --drop-constant --p 8 --loss ordered --index 2,1,3,4,5,6,7,8 \
  --digits 30 --certify --format json >"$work/d.json" 2>"$work/err" || fail "digits example exit $?"
check_doc "$work/d.json" 61 8 1 8 && pass "digits p=8 ordered: proved-ball, MPFR values inside the balls" || fail "digits example"

# 2. MSE on the same data.
"$AEL" lae spectrum --data digits --center --drop-constant --p 3 --loss mse --index 1,4,2 --certify --method both \
  >"$work/m.json" 2>"$work/err" || fail "digits mse exit $?"
check_doc "$work/m.json" 61 3 1 9 && pass "digits p=3 mse: proved-ball" || fail "digits mse"

# 3. Decimal CSV cells are exact rationals: 0.1 is 1/10 (an exact 2x2 check by fractions).
printf '0.1,0.2\n0.3,-0.1\n0.5,0\n' >"$work/dec.csv"
"$AEL" lae spectrum --data "$work/dec.csv" --center --p 1 --loss ordered --certify --digits 20 >"$work/c.json" 2>"$work/err" \
  || fail "decimal csv exit $? $(cat "$work/err")"
"$PY" - "$work/c.json" <<'PY' && pass "decimal CSV: eigenvalue balls contain the exact eigenvalues of [[2/25,-1/25],[-1/25,7/150]]" || fail "decimal CSV"
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1]))
S = [[F(2, 25), F(-1, 25)], [F(-1, 25), F(7, 150)]]
tr, det = S[0][0] + S[1][1], S[0][0] * S[1][1] - S[0][1] ** 2
# lambda = (tr +- sqrt(tr^2 - 4 det))/2: check the sign of q(x) = x^2 - tr x + det at the ball ends
q = lambda x: x * x - tr * x + det
for b in d["data_eigenvalue_balls"]:
    lo, hi = F(b["mid"]) - F(b["rad"]), F(b["mid"]) + F(b["rad"])
    assert q(lo) * q(hi) < 0, b
assert d["evidence"] == "proved-ball"
PY

# 3a. .npy doubles are exact dyadic rationals: an independent exact check with Python fractions
# (sign change of det(Sigma - x I) at the two ends of every eigenvalue ball).
"$PY" -c "import numpy as np; np.save('$work/x.npy', np.random.default_rng(5).normal(size=(12, 3)) * [1, 0.3, 2])"
"$AEL" lae spectrum --data "$work/x.npy" --center --p 2 --loss mse --certify >"$work/n.json" 2>"$work/err" || fail "npy exit $?"
"$PY" - "$work/x.npy" "$work/n.json" <<'PY' && pass ".npy data: Sigma eigenvalue balls bracket exact roots (fractions)" || fail ".npy data"
import json, sys
import numpy as np
from fractions import Fraction as F
X = [[F(float(v)) for v in row] for row in np.load(sys.argv[1])]
m, n = len(X), len(X[0])
mean = [sum(r[j] for r in X) / m for j in range(n)]
S = [[sum((r[i] - mean[i]) * (r[j] - mean[j]) for r in X) for j in range(n)] for i in range(n)]
def det3(M):
    return (M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) - M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0])
            + M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]))
q = lambda x: det3([[S[i][j] - (x if i == j else 0) for j in range(n)] for i in range(n)])
d = json.load(open(sys.argv[2]))
assert d["evidence"] == "proved-ball"
for b in d["data_eigenvalue_balls"]:
    lo, hi = F(b["mid"]) - F(b["rad"]), F(b["mid"]) + F(b["rad"])
    assert q(lo) * q(hi) < 0, b
PY

# 3b. The assembled route (independent of the closed forms) on the README's synthetic example, both losses.
for loss in ordered mse; do
  "$AEL" lae spectrum --p 2 --loss $loss --index 2,1 --scales 1.5,-0.75 --digits 40 --certify >"$work/a.json" 2>"$work/err" \
    || fail "assembled exit $?"
  "$PY" - "$work/a.json" <<'PY' && pass "assembled route ($loss): proved, agrees with the closed form" || fail "assembled route ($loss)"
import json, sys
d = json.load(open(sys.argv[1]))
a = d["assembled_route"]
assert d["evidence"] == "proved-ball" and a["evidence"] == "proved-ball", a
assert a["agrees_with_closed_form"] is True and a["inertia"] == d["inertia"] == d["inertia_formula"], a
PY
done

# 4. Same input, same bytes.
"$AEL" lae spectrum --data "$work/dec.csv" --center --p 1 --certify --digits 20 >"$work/c2.json" 2>/dev/null
cmp -s <(grep -v command_line "$work/c.json") <(grep -v command_line "$work/c2.json") && pass "byte-identical rerun" || fail "rerun differs"

# 5. verify --certify: levels per claim, summary counts, --require proved.
"$AEL" verify --only LAE-22 --certify --instances 2 --format json >"$work/v.json" 2>/dev/null || fail "verify --certify exit $?"
"$PY" - "$work/v.json" <<'PY' && pass "verify --certify: LAE-22 proved-ball with route and summary counts" || fail "verify --certify JSON"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["claims"][0]
assert c["id"] == "LAE-22" and c["verdict"] == "PASS" and c["evidence"] == "proved-ball", c
assert "docs/certification.md" in c["route"], c
s = d["summary"]
assert s["proved_ball"] == 1 and all(s[k] == 0 for k in ["proved_exact", "pass_tolerance", "pass_statistical", "failed", "skipped"]), s
PY
"$AEL" verify --only LAE-22 --format json >"$work/v0.json" 2>/dev/null
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); assert 'evidence' not in d['claims'][0] and 'proved_ball' not in d['summary']" "$work/v0.json" \
  && pass "verify without --certify: unchanged report" || fail "verify without --certify changed"
"$AEL" verify --only LAE-10 --require proved --instances 1 --format csv >/dev/null 2>&1
[ $? -eq 1 ] && pass "--require proved exits 1 on a pass-tolerance claim (LAE-10, a trainer claim with no proved route)" || fail "--require proved exit code"
"$AEL" verify --only LAE-23 --require proved --instances 2 --format csv >/dev/null 2>&1
[ $? -eq 0 ] && pass "--require proved exits 0 when every claim is proved (LAE-23)" || fail "--require proved on LAE-23"
for c in SA-23 SA-25; do  # BG mask moments in balls (docs/sign.md, verify --certify: SA claims)
  "$AEL" verify --only $c --require proved --instances 2 --format csv >/dev/null 2>&1
  [ $? -eq 0 ] && pass "--require proved exits 0 on $c (ball mask moments)" || fail "--require proved on $c"
done

# 6. Refusals.
# A repeated eigenvalue (the centered Sigma is exactly 2I): the enclosures overlap.
printf '1,0,0.5\n-1,0,0.5\n0,1,0.5\n0,-1,0.5\n0,0,1.5\n0,0,-0.5\n' >"$work/rep2.csv"
bad_saying "eigenvalues 1 and 2 of Sigma not certifiably distinct" lae spectrum --data "$work/rep2.csv" --center --p 1 --certify
bad_saying "no certified route for --targets" lae spectrum --targets synthetic --certify
bad_saying "no certified route for --scale-matrix" lae spectrum --loss mse --scale-matrix "$work/dec.csv" --certify
bad_saying "no certified route for --point origin" lae spectrum --point origin --certify

[ "$fails" -eq 0 ] && echo "all certify-ball checks passed" || echo "$fails certify-ball check(s) FAILED"
[ "$fails" -eq 0 ]
