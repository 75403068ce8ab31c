#!/usr/bin/env bash
# End-to-end checks of the exact route: `lae spectrum --rational-instance` and
# `--covariance/--eigenvectors` print proved-exact results, write certificates
# that the independent checker proofs-checks/replay/replay.py accepts, and the
# checker rejects tampered ones. Bad input: exit 2, one line, nothing on stdout.
# Usage: cli_certify_exact.sh AELANDSCAPE
set -u
AEL="$1"
HERE=$(cd "$(dirname "$0")" && pwd)
REPLAY="$HERE/../proofs-checks/replay/replay.py"
PY=${PYTHON:-python3}
source "$(dirname "$0")/cli_lib.sh"
mkdir "$work/certs"

# 1. Seeded rational instance, ordered loss, swapped tuple: a saddle of index inv(I) = 1, proved exactly.
"$AEL" lae spectrum --rational-instance --n 4 --p 2 --seed 3 --loss ordered --index 2,1 --scales 3/2,-2/3 \
  --certificate "$work/certs/ordered.json" >"$work/o.json" 2>"$work/err" || fail "ordered exit code $?"
"$PY" - "$work/o.json" <<'PY' && pass "ordered: proved-exact JSON" || fail "ordered JSON"
import json, sys
from fractions import Fraction
d = json.load(open(sys.argv[1]))
assert d["evidence"] == "proved-exact", d
assert d["inertia"] == {"negative": 1, "zero": 2, "positive": 13}, d["inertia"]
assert d["inertia"] == d["inertia_formula"]
assert d["gradient"] == "exactly zero" and d["loss_equals_closed_form"] is True
assert d["block_structure"]["equal_to_closed_form"] is True and d["block_structure"]["groups"] == 2 + 1 + 4
lam = [Fraction(x) for x in d["data"]["lambda"]]
# closed form written out here: p tr(Sigma) - (2 lambda_2 + lambda_1)
assert Fraction(d["loss"]) == 2 * sum(lam) - (2 * lam[1] + lam[0])
assert d["scales"] == ["3/2", "-2/3"] and d["classification"] == "saddle"
PY
"$AEL" lae spectrum --rational-instance --n 5 --p 3 --seed 4 --loss mse --index 5,1,3 \
  --certificate "$work/certs/mse.json" >"$work/m.json" 2>/dev/null || fail "mse exit code"
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['evidence']=='proved-exact' and d['inertia']=={'negative':3,'zero':9,'positive':18}, d" \
  "$work/m.json" && pass "mse: inertia (nu, p^2, .)" || fail "mse inertia"
"$AEL" lae spectrum --rational-instance --n 3 --p 3 --seed 9 --index 3,2,1 --certificate "$work/certs/full.json" \
  >/dev/null 2>&1 || fail "p = n exit code"

# 2. Same seed, same bytes (stdout and certificate).
"$AEL" lae spectrum --rational-instance --n 4 --p 2 --seed 3 --index 2,1 --certificate "$work/c" >"$work/a" 2>/dev/null
mv "$work/c" "$work/c1"
"$AEL" lae spectrum --rational-instance --n 4 --p 2 --seed 3 --index 2,1 --certificate "$work/c" >"$work/b" 2>/dev/null
cmp -s "$work/a" "$work/b" && cmp -s "$work/c" "$work/c1" && pass "byte-identical rerun" || fail "rerun differs"

# 3. The independent checker accepts the fresh certificates ...
"$PY" "$REPLAY" "$work/certs" >"$work/replay.out" 2>&1 && pass "replay accepts fresh certificates" \
  || fail "replay rejected: $(cat "$work/replay.out")"
# ... and rejects tampered ones, naming them.
tamper_file() {  # certificate, name, python statement on d (Fraction imported)[, text the reason must contain]
  "$PY" - "$1" "$work/bad_$2.json" "$3" <<'PY'
import json, sys
from fractions import Fraction
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"))
PY
  "$PY" "$REPLAY" "$work/bad_$2.json" >/dev/null 2>"$work/rej"
  local code=$?
  if [ "$code" -eq 1 ] && grep -q "REJECT .*bad_$2.json.*${4:-}" "$work/rej"; then pass "replay rejects $2"; else
    fail "replay on $2 gave exit $code: $(cat "$work/rej")"; fi
}
tamper() { tamper_file "$work/certs/ordered.json" "$@"; }
tamper inertia 'd["inertia"]["negative"] += 1; d["inertia"]["positive"] -= 1'
tamper D_entry 'b = d["factorization"]["D"]; i = next(k for k, x in enumerate(b) if len(x) == 1); b[i][0][0] = str(__import__("fractions").Fraction(b[i][0][0]) + 1)'
tamper L_entry 'L = d["factorization"]["L"]; L[-1][0] = str(__import__("fractions").Fraction(L[-1][0]) + 1)'
tamper lambda 'd["instance"]["lambda"][0] = str(__import__("fractions").Fraction(d["instance"]["lambda"][0]) + 1)'
tamper block 'd["blocks"]["list"][0]["block"][0][1] = "0"'
tamper loss 'd["loss"] = "0"'
tamper direction_value 'x = d["directions"]["list"][0]; x["value"] = str(__import__("fractions").Fraction(x["value"]) - 1)'
tamper direction_dropped 'd["directions"]["list"].pop()'
"$PY" "$REPLAY" "$work/certs" "$work/bad_inertia.json" >/dev/null 2>&1
[ $? -eq 1 ] && pass "replay: one rejected certificate makes the run fail" || fail "replay mixed run exit code"

# 3b. verify --certificates DIR writes the claims' exact certificates; the checker accepts all of them.
"$AEL" verify --only LAE-22 --instances 1 --format csv --certificates "$work/vcerts" >/dev/null 2>"$work/verr" \
  && [ "$(ls "$work/vcerts"/*.json | wc -l)" -ge 5 ] && "$PY" "$REPLAY" "$work/vcerts" >/dev/null 2>"$work/rej" \
  && pass "verify --certificates: replay accepts every certificate" || fail "verify --certificates: $(cat "$work/verr" "$work/rej")"

# 3c. Among them the SC-8 certificates (exact expected gradient): the checker re-enumerates every
# support and value vector; one changed gradient entry or one changed threshold is rejected.
for f in SC-8_orthogonal_n7_k2 SC-8_had_n16_k2; do
  [ -f "$work/vcerts/$f.json" ] && pass "verify --certificates writes $f" || fail "no $f certificate"
done
"$AEL" verify --only SC-21 --format csv --certificates "$work/vcerts2" >/dev/null 2>&1
cmp -s "$work/vcerts/SC-8_had_n16_k2.json" "$work/vcerts2/SC-8_had_n16_k2.json" \
  && cmp -s "$work/vcerts/SC-8_orthogonal_n7_k2.json" "$work/vcerts2/SC-8_orthogonal_n7_k2.json" \
  && pass "SC certificates: same seed, same bytes" || fail "SC certificates differ between runs"
tamper_file "$work/vcerts/SC-8_orthogonal_n7_k2.json" sc_gradient_entry 'g = d["rows"][3]["expected_gradient"]; g[2] = str(Fraction(g[2]) + Fraction(1, 10**9))'
tamper_file "$work/vcerts/SC-8_orthogonal_n7_k2.json" sc_threshold 'd["instance"]["eps"][1] = str(Fraction(d["instance"]["eps"][1]) + Fraction(1, 100))'
tamper_file "$work/vcerts/SC-8_orthogonal_n7_k2.json" sc_law 'd["instance"]["probs"] = ["1/3", "2/3"]'

# 3c'. SC-14 (E grad != 0 at W = A*') and SC-15 (E grad_{n+j} = Q E grad_j) on HAD n = 16, and the
# proved-ball SA-12 p* brackets: written, same bytes on a rerun, accepted, tampered copies rejected.
for f in SC-14_had_n16_k2 SC-15_had_n16_k2 SA-12_p_star_brackets; do
  [ -f "$work/vcerts/$f.json" ] && cmp -s "$work/vcerts/$f.json" "$work/vcerts2/$f.json" \
    && pass "verify --certificates writes $f (same bytes on a rerun)" || fail "no $f certificate or bytes differ"
done
"$PY" "$REPLAY" "$work/vcerts/SA-12_p_star_brackets.json" 2>&1 | grep -q "^ACCEPT .*replayed: .*sign change .*not replayed: " \
  && pass "SA-12 replay says what it replayed and what not" || fail "SA-12 replay message"
tamper_file "$work/vcerts/SC-14_had_n16_k2.json" sc14_gradient_entry 'g = d["rows"][1]["expected_gradient"]; g[5] = str(Fraction(g[5]) + Fraction(1, 10**9))' "differs from the enumeration"
tamper_file "$work/vcerts/SC-14_had_n16_k2.json" sc14_norm 'd["rows"][0]["norm_sq"] = str(Fraction(d["rows"][0]["norm_sq"]) * 2)' "norm_sq"
tamper_file "$work/vcerts/SC-14_had_n16_k2.json" sc14_not_At 'd["instance"]["W"][0][0] = str(Fraction(d["instance"]["W"][0][0]) + Fraction(1, 100))' "W is not A'"
tamper_file "$work/vcerts/SC-15_had_n16_k2.json" sc15_gradient_entry 'g = d["rows"][3]["expected_gradient"]; g[0] = str(Fraction(g[0]) - Fraction(1, 10**9))' "differs from the enumeration"
tamper_file "$work/vcerts/SC-15_had_n16_k2.json" sc15_pair 'd["pairs"][0] = [d["pairs"][0][0], d["pairs"][1][1]]' "bad pair"
tamper_file "$work/vcerts/SC-15_had_n16_k2.json" sc15_threshold 'd["instance"]["eps"][21] = str(Fraction(d["instance"]["eps"][21]) + Fraction(1, 100))' "eps_{n+j} != eps_j at j = 5"
tamper_file "$work/vcerts/SA-12_p_star_brackets.json" sa12_endpoints_up \
  'b = d["brackets"][1]; w = Fraction(b["hi"]) - Fraction(b["lo"]); b["lo"], b["hi"] = str(Fraction(b["lo"]) + w), str(Fraction(b["hi"]) + w)' "not positive at lo"
tamper_file "$work/vcerts/SA-12_p_star_brackets.json" sa12_endpoints_down \
  'b = d["brackets"][3]; w = Fraction(b["hi"]) - Fraction(b["lo"]); b["lo"], b["hi"] = str(Fraction(b["lo"]) - w), str(Fraction(b["hi"]) - w)' "not negative at hi"
tamper_file "$work/vcerts/SA-12_p_star_brackets.json" sa12_lo 'b = d["brackets"][4]; b["lo"] = str(Fraction(b["lo"]) + (Fraction(b["hi"]) - Fraction(b["lo"])) * 2)' "empty bracket"
tamper_file "$work/vcerts/SA-12_p_star_brackets.json" sa12_transition 'd["brackets"][0]["transition"] = not d["brackets"][0]["transition"]' "transition"
tamper_file "$work/vcerts/SA-12_p_star_brackets.json" sa12_mu2 'd["brackets"][2]["mu2"] = "7/10"' "mu2"
tamper_file "$work/vcerts/SA-12_p_star_brackets.json" sa12_closed_form 'd["closed_forms"]["L_id_plus"] = "1 - r mu2 / (1 - p)"' "closed forms"

# 3d. verify --certify levels of SC claims (docs/sparse.md "Certified SC routes"): exact ones proved-exact,
# Monte-Carlo ones pass-statistical with the SE multiple in the route.
for c in SC-2 SC-14 SC-19 SC-5 SC-12; do
  "$AEL" verify --only "$c" --certify --format json >"$work/sc_$c.json" 2>/dev/null || fail "verify --only $c --certify exit code"
done
"$PY" - "$work" <<'PY' && pass "SC levels: SC-2/14/19 proved-exact, SC-5 pass-statistical with '3 SE', SC-12 proved-ball" || fail "SC levels"
import json, sys
rows = {c: json.load(open(sys.argv[1] + "/sc_" + c + ".json"))["claims"][0] for c in ("SC-2", "SC-14", "SC-19", "SC-5")}
for c in ("SC-2", "SC-14", "SC-19"):
    assert rows[c]["evidence"] == "proved-exact" and rows[c]["route"].startswith("exact:"), rows[c]
assert rows["SC-5"]["evidence"] == "pass-statistical" and "3 SE" in rows["SC-5"]["route"], rows["SC-5"]
# SC-12 runs through irrational HAD sizes: decided by the ball route (docs/sparse.md "The ball route").
sc12 = json.load(open(sys.argv[1] + "/sc_SC-12.json"))["claims"][0]
assert sc12["verdict"] == "PASS" and sc12["evidence"] == "proved-ball" and sc12["route"].startswith("ball:"), sc12
PY

# 4. --covariance/--eigenvectors: cells are fractions; Sigma and Q taken from a certificate.
"$PY" - "$work/certs/mse.json" "$work" <<'PY'
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1]))["instance"]
Q = [[F(x) for x in r] for r in d["eigenvectors"]]
lam = [F(x) for x in d["lambda"]]
n = len(lam)
S = [[sum(Q[i][k] * lam[k] * Q[j][k] for k in range(n)) for j in range(n)] for i in range(n)]
w = lambda name, M: open(sys.argv[2] + "/" + name, "w").write("\n".join(",".join(str(x) for x in r) for r in M) + "\n")
w("S.csv", S)
w("Q.csv", [list(reversed(r)) for r in Q])          # columns in another order: allowed
w("Qbad.csv", [[x + (F(1, 10**9) if (i, j) == (0, 0) else 0) for j, x in enumerate(r)] for i, r in enumerate(Q)])
Sn = [r[:] for r in S]; Sn[0][1] += F(1, 3); Sn[1][0] += F(1, 3)
w("Snotdiag.csv", Sn)
lr = lam[:]; lr[1] = lr[0]
w("Srepeat.csv", [[sum(Q[i][k] * lr[k] * Q[j][k] for k in range(n)) for j in range(n)] for i in range(n)])
Z = [[str(x) for x in r] for r in S]; Z[0][0] = "1/0"
w("Szero.csv", Z)
PY
"$AEL" lae spectrum --covariance "$work/S.csv" --eigenvectors "$work/Q.csv" --p 3 --loss mse --index 5,1,3 \
  --format json >"$work/f.json" 2>/dev/null \
  && "$PY" -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); assert a['evidence']=='proved-exact' and a['inertia']==b['inertia'] and a['loss']==b['loss']" \
  "$work/f.json" "$work/m.json" && pass "--covariance/--eigenvectors gives the same proved result" || fail "covariance route"

# 5. Bad input: exit 2, one line naming the problem, nothing on stdout.
bad() { bad_saying "$@"; }  # expected text, then the arguments (tests/cli_lib.sh)
bad "not exactly orthogonal" lae spectrum --covariance "$work/S.csv" --eigenvectors "$work/Qbad.csv" --p 2
bad "not exactly diagonal" lae spectrum --covariance "$work/Snotdiag.csv" --eigenvectors "$work/Q.csv" --p 2
bad "not distinct" lae spectrum --covariance "$work/Srepeat.csv" --eigenvectors "$work/Q.csv" --p 2
bad "zero denominator" lae spectrum --covariance "$work/Szero.csv" --eigenvectors "$work/Q.csv" --p 2
bad "zero denominator" lae spectrum --rational-instance --n 4 --p 2 --scales 1/0,1
bad "is zero" lae spectrum --rational-instance --n 4 --p 2 --scales 0/3,1
bad "needs --eigenvectors" lae spectrum --covariance "$work/S.csv" --p 2
bad "needs --n" lae spectrum --rational-instance --p 2
bad "no exact route" lae spectrum --rational-instance --n 4 --p 2 --data digits
bad "no exact route" lae spectrum --rational-instance --n 4 --p 2 --method numeric
bad "not both" lae spectrum --rational-instance --n 4 --covariance "$work/S.csv" --eigenvectors "$work/Q.csv"
bad "needs the exact route" lae spectrum --n 4 --p 2 --certificate "$work/x.json"
[ ! -e "$work/x.json" ] && pass "no certificate written on refusal" || fail "certificate written on refusal"
bad "1 <= p <= n" lae spectrum --rational-instance --n 3 --p 4
bad "too large for the exact route" lae spectrum --rational-instance --n 30 --p 7

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
