#!/usr/bin/env bash
# End-to-end checks of `aelandscape sign … --certify` (docs/sign.md, Certified
# results): evidence keys, balls that contain the printed decimals, the p*
# bracket replayed in exact rational arithmetic with a rational enclosure of pi,
# and one-line refusals (exit 2, nothing on stdout). Usage: cli_certify_sign.sh AELANDSCAPE
set -u
AEL="$1"
source "$(dirname "$0")/cli_lib.sh"

# check_balls FILE KEY...: each KEY (dotted path) has "evidence", KEY_ball, and KEY's decimal inside the ball.
check_balls() {
  python3 - "$@" <<'PY'
import json, sys
from decimal import Decimal, getcontext
getcontext().prec = 200
doc = json.load(open(sys.argv[1]))
assert doc["evidence"].startswith("proved"), doc.get("evidence")
for path in sys.argv[2:]:
    *parents, key = path.split(".")
    node = doc
    for p in parents:
        node = node[int(p)] if isinstance(node, list) else node[p]
    ball = node[key + "_ball"]
    mid, rad, val = Decimal(ball["mid"]), Decimal(ball["rad"]), Decimal(node[key])
    assert rad >= 0, path
    # the printed decimal is within one unit of its last digit of the exact value, which lies in the ball
    assert abs(val - mid) <= rad + abs(val) * Decimal(10) ** (1 - len(node[key].lstrip("-0.").replace(".", "").split("e")[0])), path
PY
}

"$AEL" sign gaussian-risk --rate 0.3 --certify --format json >"$work/g.json" 2>"$work/err" \
  && check_balls "$work/g.json" risk benchmarks.shannon_D && pass "gaussian-risk --certify" || fail "gaussian-risk --certify"
"$AEL" sign gaussian-risk --rate 2.5 --certify --format json >"$work/g2.json" 2>"$work/err" \
  && check_balls "$work/g2.json" risk && pass "gaussian-risk r > 1 --certify" || fail "gaussian-risk r > 1 --certify"
"$AEL" sign identity-risk --rate 0.25 --d 40 --p 0.3 --nonzero uniform --sign0 plus --certify --format json >"$work/i.json" 2>"$work/err" \
  && check_balls "$work/i.json" risk risk_d_infinity r_gauss mu_z_squared && pass "identity-risk --certify" || fail "identity-risk --certify"
"$AEL" sign phase-transition --nonzero rademacher --d 20 --p-grid 0.2,0.5,1 --certify --format json >"$work/ph.json" 2>"$work/err" \
  && check_balls "$work/ph.json" L_rot p_star table.0.L_id_exact_d table.2.L_id_d_infinity && pass "phase-transition --certify" \
  || fail "phase-transition --certify"

# p*: replay the bracket's sign change exactly (fractions, 333/106-style rational bounds on pi to 60 digits).
"$AEL" sign critical-sparsity --nonzero rademacher --sign0 plus --certify --format json >"$work/c.json" 2>"$work/err" || fail "critical-sparsity exit"
python3 - "$work/c.json" <<'PY' && pass "critical-sparsity --certify: bracket replayed in rationals" || fail "critical-sparsity bracket replay"
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1]))
assert d["evidence"] == "proved-ball" and "p_star_ball" in d
PI = "3.14159265358979323846264338327950288419716939937510582097494"
pi_lo, pi_hi = F(PI), F(PI) + F(1, 10**59)
lo, hi = F(d["p_star_bracket"]["lo"]), F(d["p_star_bracket"]["hi"])
# plus, rademacher (mu^2 = 1): gap(p) = 2/pi - 1/(2 - p) is decreasing in p and pi only enters as 2/pi
assert F(2) / pi_hi - 1 / (2 - lo) > 0
assert F(2) / pi_lo - 1 / (2 - hi) < 0
assert lo < hi
PY

# Gaussian nonzeros, sign0 = zero: 2/pi - mu_z^2 = 0 is structural; the note must not claim its ball decided it.
"$AEL" sign critical-sparsity --nonzero gaussian --sign0 zero --certify --format json >"$work/cz.json" 2>"$work/err" && python3 -c "
import json; d = json.load(open('$work/cz.json'))
assert d['evidence'].startswith('proved-exact (structural') and d['identity_always_better'] is False
assert 'decided by its ball' not in d['evidence_note'] and 'contains 0' in d['evidence_note'], d['evidence_note']" \
  && pass "critical-sparsity gaussian/zero: structural tie, note says the ball decides nothing" || fail "critical-sparsity gaussian/zero note"

# Denoiser at 30 digits: every digit supported by the ball.
"$AEL" sign denoiser-risk --rate 1 --p 0.1 --digits 30 --certify --format json >"$work/d.json" 2>"$work/err" \
  && check_balls "$work/d.json" risk r_gauss channel_noise_variance benchmarks.shannon_D && python3 -c "
import json,sys; d=json.load(open('$work/d.json')); assert 'risk_supported_digits' not in d; assert d['risk'].startswith('0.117488691598126268746513789522')" \
  && pass "denoiser-risk --digits 30 --certify" || fail "denoiser-risk --certify"

# State evolution: per-layer balls and the contraction-certified fixed point.
"$AEL" sign state-evolution --rate 0.5 --p 0.1 --layers 3 --digits 16 --certify --format json >"$work/se.json" 2>"$work/err" \
  && check_balls "$work/se.json" fixed_point mse_by_layer.0.mse mse_by_layer.2.mse r_gauss benchmarks.shannon_D && python3 -c "
import json; d = json.load(open('$work/se.json'))
assert 'exactly one fixed point' in d['fixed_point_proof'] and 'not certified' not in d['fixed_point_proof']
D = d['fixed_point_map_derivative_ball']; assert abs(float(D['mid'])) + float(D['rad']) < 1
assert 'fixed_point_gamma2_ball' in d
t = d['enters_certified_interval_at_layer']; assert isinstance(t, int) and 0 < t < 200, t
assert d['convergence_proof'].startswith('F maps certified_interval')" \
  && pass "state-evolution --certify (unique fixed point, |F'| < 1, entry of the recursion into the interval)" \
  || fail "state-evolution --certify: $(cat "$work/err")"

# sign risk --certify: R*(B) in balls. Independent routes: the MPFR optimal decoder at 60 digits (Eigen
# factorisation, `sign risk` without --certify) must lie in the 30-digit ball; orthonormal rows with
# non-dyadic entries (3/5, 4/5) must contain the closed form 1 - 2r/pi (r = 2/3, pi to 60 digits).
printf '0.875,-0.375,0.25,0.125\n0.25,0.6875,-0.5,0.3125\n-0.4375,0.125,0.625,0.8125\n' >"$work/enc.csv"
printf '0.6,0.8,0\n0,0,2.5\n' >"$work/orth.csv"
"$AEL" sign risk --encoder "$work/enc.csv" --certify --format json >"$work/sr.json" 2>"$work/err" \
  && "$AEL" sign risk --encoder "$work/enc.csv" --digits 60 --format json >"$work/sr60.json" 2>>"$work/err" \
  && check_balls "$work/sr.json" risk reference_risk excess rate && python3 - "$work/sr.json" "$work/sr60.json" <<'PY' \
  && pass "sign risk --certify: balls contain the 60-digit MPFR R*; excess proved positive; plain run labelled estimate" \
  || fail "sign risk --certify: $(cat "$work/err")"
import json, sys
from decimal import Decimal, getcontext
getcontext().prec = 100
c, m = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert c["evidence"] == "proved-ball" and m["evidence"] == "estimate", (c["evidence"], m["evidence"])
b = c["risk_ball"]
assert abs(Decimal(m["risk"]) - Decimal(b["mid"])) <= Decimal(b["rad"]), (m["risk"], b)
assert c["excess_sign"] == "positive" and Decimal(c["excess_ball"]["mid"]) > Decimal(c["excess_ball"]["rad"])
PY
"$AEL" sign risk --encoder "$work/orth.csv" --certify --format json >"$work/so.json" 2>"$work/err" && python3 - "$work/so.json" <<'PY' \
  && pass "sign risk --certify, orthonormal rows: ball contains 1 - 4/(3 pi); excess null, its sign undecided" \
  || fail "sign risk --certify orthonormal: $(cat "$work/err")"
import json, sys
from decimal import Decimal, getcontext
getcontext().prec = 80
d = json.load(open(sys.argv[1]))
PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494")  # |error| < 1e-59
exact = 1 - Decimal(4) / (3 * PI)
b = d["risk_ball"]
assert abs(exact - Decimal(b["mid"])) <= Decimal(b["rad"]) + Decimal("1e-55"), (exact, b)
assert d["excess"] is None and d["excess_sign"] == "undecided" and "contains 0" in d["excess_note"]
e = d["excess_ball"]
assert abs(Decimal(e["mid"])) <= Decimal(e["rad"]), e
PY

# phase-transition --certify: the near-identity heuristic 1 - r[p mu^2 + (2/pi)(1-p)^2] has a ball (recomputed here
# with a rational enclosure of pi), and p_star_bisection is labelled an MPFR cross-check, not proved.
"$AEL" sign phase-transition --nonzero rademacher --d 20 --p-grid 0.2,0.8 --certify --format json >"$work/ph2.json" 2>"$work/err" \
  && check_balls "$work/ph2.json" table.0.L_near_identity_heuristic table.1.L_near_identity_heuristic && python3 - "$work/ph2.json" <<'PY' \
  && pass "phase-transition --certify: L_near_identity_heuristic ball; p_star_bisection labelled estimate" \
  || fail "phase-transition --certify heuristic/bisection: $(cat "$work/err")"
import json, sys
from decimal import Decimal, getcontext
getcontext().prec = 80
d = json.load(open(sys.argv[1]))
PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494")
for row in d["table"]:
    p = Decimal(row["p"])
    h = 1 - Decimal("0.5") * (p + 2 / PI * (1 - p) ** 2)  # r = 1/2, mu_z^2 = 1 (Rademacher)
    b = row["L_near_identity_heuristic_ball"]
    assert abs(h - Decimal(b["mid"])) <= Decimal(b["rad"]) + Decimal("1e-55"), (row["p"], h, b)
assert d["p_star_bisection_evidence"].startswith("estimate") and "not proved" in d["p_star_bisection_evidence"]
PY

# verify --certify: SA claims at their level (closed forms proved in balls, Monte Carlo statistical).
"$AEL" verify --certify --only SA-7 --format json >"$work/v7.json" 2>"$work/err" \
  && "$AEL" verify --certify --only SA-12 --format json >"$work/v12.json" 2>>"$work/err" \
  && "$AEL" verify --certify --only SA-1 --format json >"$work/v1.json" 2>>"$work/err" \
  && "$AEL" verify --certify --only SA-6 --format json >"$work/v6.json" 2>>"$work/err" \
  && python3 -c "
import json
lv = lambda f: json.load(open(f))['claims'][0]['evidence']
assert lv('$work/v7.json') == 'proved-ball' and lv('$work/v12.json') == 'proved-ball', (lv('$work/v7.json'), lv('$work/v12.json'))
assert lv('$work/v6.json') == 'proved-ball', lv('$work/v6.json')
assert lv('$work/v1.json') == 'pass-statistical'" && pass "verify --certify: SA-6, SA-7, SA-12 proved-ball; SA-1 pass-statistical" \
  || fail "verify --certify SA levels: $(tail -2 "$work/err")"

# Refusals: one line, exit 2, nothing on stdout.
refuse() {
  local what="$1"; shift
  "$AEL" "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  if [ $rc -eq 2 ] && [ ! -s "$work/out" ] && [ "$(wc -l <"$work/err")" -le 1 ] && grep -q "$what" "$work/err"; then
    pass "refuses: $*"
  else
    fail "refusal ($rc): $* -> $(cat "$work/err")"
  fi
}
refuse "nearest certified alternative" sign simulate-decoder --certify
refuse "nearest certified alternative" sign train --certify
refuse "nearest certified alternative" sign tight-frame --certify
refuse "phase-transition --gd has no certified route.*nearest certified alternative.*drop --gd" sign phase-transition --nonzero rademacher --d 20 --p-grid 0.5 --gd --certify
refuse "needs --p < 1" sign state-evolution --rate 0.5 --p 1 --certify
printf '0.3,0.6,0.9\n0.1,0.2,0.3\n0,1,0\n' >"$work/par.csv"
refuse "rows 1 and 2 are exactly parallel" sign risk --encoder "$work/par.csv" --certify
printf '1,0\n1,1e-30\n' >"$work/near.csv"
refuse "not certified positive definite.*raise --digits" sign risk --encoder "$work/near.csv" --certify --digits 16
refuse "supports only .* of 40 digits" sign risk --encoder "$work/near.csv" --certify --digits 40
python3 -c "print('\\n'.join(str(i) for i in range(1, 402)))" >"$work/tall.csv"
refuse "limited to n <= 400" sign risk --encoder "$work/tall.csv" --certify
refuse "partial requires --certify" sign risk --encoder "$work/enc.csv" --partial

[ $fails -eq 0 ] && echo "all certify checks passed" || echo "$fails certify check(s) failed"
exit $((fails > 0))
