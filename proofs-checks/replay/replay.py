#!/usr/bin/env python3
"""Independent replay of aelandscape's LAE and SC certificates (proved-exact) and SA-12 (proved-ball).

Usage: python3 replay.py DIR|FILE ...   (every *.json in a directory)
Exit 0 when every certificate is accepted, 1 when any is rejected (named on
stderr), 2 on usage errors. Standard library only: exact arithmetic with
fractions.Fraction; nothing from the C++ sources is trusted or imported.

For each certificate, from the instance's fractions alone (Y = X, docs/lae-math.md):
  1. Q'Q = I, lambda strictly decreasing and positive, scales nonzero, index valid;
  2. Sigma = Q diag(lambda) Q', A = Q_I C, B = C^-1 Q_I';
  3. gradient (compact formulas, lae-math §3) exactly zero;
  4. loss (compact form, lae-math §2) equals the certificate and the closed form
     terms * tr Sigma - sum_k w_k lambda_{i_k};
  5. Hessian H by the elementwise formulas (lae-math §4); P H P' = L D L' exactly, with
     L unit lower triangular and D symmetric 1x1/2x2 blocks;
  6. inertia from the signs of D (Sylvester) equals the certificate's and the
     formula (nu + inv, p, ...) / (nu, p^2, ...) of lae-math §8;
  7. eigen-coordinate Hessian J H J' equals the closed-form blocks of lae-math §7.2/§7.4
     (rebuilt here from the formulas), zero between groups; each block's trace and
     determinant equal the closed-form ones;
  8. (when listed) every direction of lae-math §10 at the point: theta' H theta equals the
     certificate's value and the closed form.

SC certificates ("claim": "SC-8", "SC-14", "SC-15"; docs/certification.md §11): the instance (A, W, eps, k, the
finite value law) as fractions and the claimed E[grad_{W_i} L] per listed row. The checker
enumerates every k-subset S (probability 1/C(h,k)) and every value vector x_S (product of
the atom probabilities), runs the TRUE network y = A_S x_S, u = W y - eps, r = max(u, 0),
e = W'r - y, and averages the per-sample gradient of L = 1/2 ||e||^2 in row i,
  d L / d W_i = r_i e + [u_i > 0] (W_i . e) y = [u_i > 0] (u_i e + (W_i . e) y)
(the decoder term r_i e plus the encoder term through u_i = W_i . y - eps_i), then
requires equality with the claimed value in every entry. By claim (the hypotheses are
checked before the enumeration):
  SC-8   nothing more (the claimed value is the C++ closed form, docs/sparse.md §5.3);
  SC-14  W = A' exactly, and per row norm_sq = sum of the squared entries and norm_sq > 0;
  SC-15  the hypothesis from the fractions: A = [I, Q] with Q = Q' and Q Q = I,
         W_{n+j} = Q W_j and eps_{n+j} = eps_j for every j; then per listed pair (j, n+j)
         E grad_{n+j} = Q E grad_j entry by entry.

SA-12 certificate ("evidence": "proved-ball", docs/certification.md §11): per law with a
rational mu2 = (E|z|)^2 and convention sign0 in {plus, random}, a bracket [lo, hi] of p*.
From the closed forms of docs/sign.md (taken as given, not replayed: they are limits derived
there) R_Gauss = 1 - 2r/pi and L_id = 1 - r mu2/(2 - p) (plus), 1 - r p mu2 (random), the gap
L_id - R_Gauss = r (2/pi - m(p)) with m = mu2/(2 - p) resp. p mu2; the certificate must
state exactly these forms. The checker
  1. recomputes mu2 from the law (unit variance: Rademacher E|z| = 1; uniform on
     [-sqrt 3, sqrt 3], E|z| = sqrt(3)/2; Laplace of scale 1/sqrt 2, E|z| = 1/sqrt 2);
  2. decides sign(gap) at lo (> 0) and hi (< 0) exactly: 2/pi > m iff pi < 2/m, against a
     rational enclosure of pi (Machin: pi = 16 atan(1/5) - 4 atan(1/239), each atan an
     alternating series with decreasing terms, so consecutive partial sums bracket it;
     terms doubled until the comparison is decided);
  3. uniqueness: for r, mu2 > 0 and hi < 2 (plus) m is strictly increasing in p, so the gap
     is strictly decreasing and has exactly one root, in [lo, hi] (from the closed form, not
     from the C++ derivative ball); hi - lo < 10^-digits, so every point of the bracket (the
     section 2.6 formula 2 - pi mu2/2 resp. 2/(pi mu2) is the gap's root by algebra) agrees
     with p* to that many digits;
  4. transition = (hi < 1) (lo > 1 otherwise; a bracket containing 1 is rejected) and
     transition iff mu2 > 2/pi, decided with the same enclosure of pi.
"""
import itertools
import json
import math
import os
import sys
from fractions import Fraction as F


class Reject(Exception):
    pass


def need(cond, what):
    if not cond:
        raise Reject(what)


def mat(rows):
    return [[F(x) for x in row] for row in rows]


def matmul(a, b):
    bt = list(zip(*b))
    return [[sum((x * y for x, y in zip(row, col) if x and y), F(0)) for col in bt] for row in a]


def transpose(a):
    return [list(r) for r in zip(*a)]


def sign_counts(d):
    """(negative, zero, positive) of one symmetric 1x1 or 2x2 block."""
    if len(d) == 1:
        x = d[0][0]
        return (x < 0, x == 0, x > 0)
    a, b, c = d[0][0], d[1][0], d[1][1]
    need(d[0][1] == b, "2x2 pivot of D is not symmetric")
    det, tr = a * c - b * b, a + c
    if det < 0:
        return (1, 0, 1)
    if det > 0:
        return (0, 0, 2) if tr > 0 else (2, 0, 0)
    return (0, 2, 0) if tr == 0 else ((0, 1, 1) if tr > 0 else (1, 1, 0))


def hessian(Sig, A, B, S, w, R):
    """Elementwise Hessian, theta = [vec A; vec B] column-major (lae-math §1 "Vectorization", §4)."""
    n, p = len(A), len(A[0])
    np_ = n * p
    G = matmul(matmul(B, Sig), transpose(B))
    Ga = matmul(transpose(A), A)
    P = matmul(B, Sig)
    H = [[F(0)] * (2 * np_) for _ in range(2 * np_)]
    for k in range(p):
        for k2 in range(p):
            for s in range(n):
                H[s + k * n][s + k2 * n] = 2 * S[k][k2] * G[k][k2]
            for t in range(n):
                for t2 in range(n):
                    H[np_ + k + t * p][np_ + k2 + t2 * p] = 2 * S[k][k2] * Ga[k][k2] * Sig[t][t2]
    for k in range(p):
        for l in range(p):
            for s in range(n):
                for t in range(n):
                    v = 2 * S[k][l] * A[s][l] * P[k][t] + (2 * R[k][s][t] if k == l else 0)
                    H[s + k * n][np_ + l + t * p] = H[np_ + l + t * p][s + k * n] = v
    return H


def closed_form_blocks(n, p, I, c, lam, ordered, w):
    """Groups of lae-math §7.1 with their closed-form blocks, trace and determinant."""
    np_ = n * p
    a = lambda s, k: s + k * n
    b = lambda k, s: np_ + k + s * p
    L = lambda k: lam[I[k]]
    out = []

    def two(f, x, y, z):
        return [[f * x, f * y], [f * y, f * z]]

    for k in range(p):
        ck = c[k]
        if not ordered:
            for l in range(p):
                cl = c[l]
                out.append(([a(I[k], l), b(k, I[l])], two(2 * L(l), 1 / cl**2, ck / cl, ck**2),
                            2 * L(l) * (ck**2 + 1 / cl**2), F(0)))
        else:
            out.append(([a(I[k], k), b(k, I[k])], two(2 * w[k] * L(k), 1 / ck**2, F(1), ck**2),
                        2 * w[k] * L(k) * (ck**2 + 1 / ck**2), F(0)))
            for l in range(k + 1, p):
                cl, wk, wl, d, lk, ll = c[l], w[k], w[l], l - k, L(k), L(l)
                Q = [[wl * ll / cl**2, wl * ll * ck / cl, 0, 0],
                     [wl * ll * ck / cl, wk * ll * ck**2, -d * ll, 0],
                     [0, -d * ll, wk * lk / ck**2, wl * lk * cl / ck],
                     [0, 0, wl * lk * cl / ck, wl * lk * cl**2]]
                out.append(([a(I[k], l), b(k, I[l]), a(I[l], k), b(l, I[k])], [[2 * F(x) for x in r] for r in Q],
                             2 * (wl * ll / cl**2 + wk * ll * ck**2 + wk * lk / ck**2 + wl * lk * cl**2),
                             16 * wl**2 * d**2 * lk * ll**2 * (lk - ll)))
        for s in range(n):
            if s in I:
                continue
            ls = lam[s]
            out.append(([a(s, k), b(k, s)], two(2 * w[k], L(k) / ck**2, -ls, ls * ck**2),
                        2 * w[k] * (ls * ck**2 + L(k) / ck**2), 4 * w[k]**2 * ls * (L(k) - ls)))
    return out


def det(m):
    """Exact determinant by elimination (blocks are at most 4x4)."""
    m = [row[:] for row in m]
    n, d = len(m), F(1)
    for k in range(n):
        piv = next((i for i in range(k, n) if m[i][k] != 0), None)
        if piv is None:
            return F(0)
        if piv != k:
            m[k], m[piv], d = m[piv], m[k], -d
        d *= m[k][k]
        for i in range(k + 1, n):
            f = m[i][k] / m[k][k]
            m[i] = [x - f * y for x, y in zip(m[i], m[k])]
    return d


def replay(cert):
    need(cert.get("evidence") == "proved-exact", "evidence is not proved-exact")
    inst = cert["instance"]
    n, p = inst["n"], inst["p"]
    ordered = {"ordered": True, "mse": False}[inst["loss"]]
    I = [i - 1 for i in inst["index"]]
    c = [F(x) for x in inst["scales"]]
    lam = [F(x) for x in inst["lambda"]]
    Q = mat(inst["eigenvectors"])
    need(len(I) == p == len(c) and 1 <= p <= n and len(set(I)) == p and all(0 <= i < n for i in I), "bad index tuple")
    need(all(x != 0 for x in c), "a scale is zero")
    need(len(lam) == n and all(lam[s] > lam[s + 1] for s in range(n - 1)) and lam[-1] > 0, "lambda not distinct decreasing positive")
    need(len(Q) == n and all(len(r) == n for r in Q), "Q has the wrong shape")
    need(matmul(transpose(Q), Q) == [[F(int(i == j)) for j in range(n)] for i in range(n)], "Q'Q != I")
    Sig = matmul(matmul(Q, [[lam[i] if i == j else F(0) for j in range(n)] for i in range(n)]), transpose(Q))
    A = [[Q[s][I[k]] * c[k] for k in range(p)] for s in range(n)]
    B = [[Q[t][I[k]] / c[k] for t in range(n)] for k in range(p)]
    # Loss weights: ordered S_jk = p - max(j,k) (0-based +1), w_k = p - k; MSE all ones.
    S = [[F(p - max(j, k)) if ordered else F(1) for k in range(p)] for j in range(p)]
    w = [F(p - k) if ordered else F(1) for k in range(p)]
    terms = p if ordered else 1
    # Gradient (lae-math §3; MSE by the substitution S -> ones, T -> I).
    G = matmul(matmul(B, Sig), transpose(B))
    Ga = matmul(transpose(A), A)
    SBt = matmul(Sig, transpose(B))
    gA = [[2 * sum(A[s][j] * G[j][k] * S[j][k] for j in range(p)) - 2 * SBt[s][k] * w[k] for k in range(p)] for s in range(n)]
    ASig = matmul(transpose(A), Sig)
    P_ = matmul(B, Sig)
    gB = [[2 * sum(Ga[k][j] * S[k][j] * P_[j][t] for j in range(p)) - 2 * w[k] * ASig[k][t] for t in range(n)] for k in range(p)]
    need(all(x == 0 for r in gA + gB for x in r), "gradient is not zero")
    trS = sum(Sig[i][i] for i in range(n))
    loss = terms * trS - 2 * sum(w[k] * SBt[s][k] * A[s][k] for s in range(n) for k in range(p)) \
        + sum(S[j][k] * Ga[j][k] * G[j][k] for j in range(p) for k in range(p))
    need(loss == F(cert["loss"]), "loss differs from the certificate")
    need(loss == terms * trS - sum(w[k] * lam[I[k]] for k in range(p)), "loss differs from the closed form")
    # Suffix residuals R_k = A D_k B Sigma - w_k Sigma (D_k = diag(S e_k)).
    R = []
    for k in range(p):
        ADB = [[sum(A[s][j] * S[j][k] * B[j][t] for j in range(p)) for t in range(n)] for s in range(n)]
        R.append([[x - w[k] * y for x, y in zip(r1, r2)] for r1, r2 in zip(matmul(ADB, Sig), Sig)])
    H = hessian(Sig, A, B, S, w, R)
    N = 2 * n * p
    fac = cert["factorization"]
    perm, Lrows, Dblocks = fac["P"], fac["L"], fac["D"]
    need(sorted(perm) == list(range(N)), "P is not a permutation")
    need(len(Lrows) == N and all(len(Lrows[i]) == i for i in range(N)), "L has the wrong shape")
    L = [[F(Lrows[i][j]) if j < i else F(int(i == j)) for j in range(N)] for i in range(N)]
    D = [[F(0)] * N for _ in range(N)]
    k, neg, zero, pos = 0, 0, 0, 0
    for blk in Dblocks:
        m = len(blk)
        need(m in (1, 2) and k + m <= N and all(len(r) == m for r in blk), "bad pivot block in D")
        blk = mat(blk)
        if m == 2:
            need(L[k + 1][k] == 0, "L is not the identity inside a 2x2 pivot")
        for i in range(m):
            for j in range(m):
                D[k + i][k + j] = blk[i][j]
        a, b, cc = sign_counts(blk)
        neg, zero, pos = neg + a, zero + b, pos + cc
        k += m
    need(k == N, "pivot blocks do not cover the matrix")
    PHP = [[H[perm[i]][perm[j]] for j in range(N)] for i in range(N)]
    need(matmul(matmul(L, D), transpose(L)) == PHP, "P H P' != L D L'")
    inert = cert["inertia"]
    need((neg, zero, pos) == (inert["negative"], inert["zero"], inert["positive"]), "inertia differs from the signs of D")
    nu = sum(I) - p * (p - 1) // 2
    inv = sum(1 for a in range(p) for b in range(a + 1, p) if I[a] > I[b])
    want_zero = p if ordered else p * p
    want_neg = nu + (inv if ordered else 0)
    need((neg, zero) == (want_neg, want_zero) and cert.get("kernel_dimension") == zero, "inertia differs from the formula")
    # Eigen-coordinates: theta_bar = J theta, J = blkdiag(I_p (x) Q', Q' (x) I_p).
    np_ = n * p
    J = [[F(0)] * N for _ in range(N)]
    for k in range(p):
        for s in range(n):
            for t in range(n):
                J[s + k * n][t + k * n] = Q[t][s]
                J[np_ + k + s * p][np_ + k + t * p] = Q[t][s]
    Hbar = matmul(matmul(J, H), transpose(J))
    blocks = closed_form_blocks(n, p, I, c, lam, ordered, w)
    listed = cert["blocks"]["list"]
    need(len(listed) == len(blocks), "number of blocks differs")
    group = [None] * N
    for g, ((var, block, tr, dt), cb) in enumerate(zip(blocks, listed)):
        need(cb["variables"] == var and mat(cb["block"]) == block, "block %d differs from the closed form" % g)
        need(F(cb["trace"]) == tr and F(cb["det"]) == dt, "block %d trace/det differs from the closed form" % g)
        got = [[Hbar[i][j] for j in var] for i in var]
        need(got == block, "eigen-coordinate Hessian differs from closed-form block %d" % g)
        need(sum(got[i][i] for i in range(len(var))) == tr and det(got) == dt, "block %d trace/det" % g)
        for v in var:
            need(group[v] is None, "variable in two groups")
            group[v] = g
    need(all(g is not None for g in group), "groups do not cover every variable")
    need(all(Hbar[i][j] == 0 for i in range(N) for j in range(N) if group[i] != group[j]),
         "eigen-coordinate Hessian is nonzero between groups")
    # 8. Directions of lae-math §10 (optional key): rebuilt here from Q and c, theta' H theta against the
    #    certificate and the closed form 2 w_k (lambda_{i_k} - lambda_s), 2 (l - k)(lambda_{i_k} - lambda_{i_l}) (MSE: 0).
    if "directions" in cert:
        dirs = cert["directions"]["list"]
        unused = [(k, s) for k in range(p) for s in range(I[k]) if s not in I]
        need(len(dirs) == len(unused) + p * (p - 1) // 2, "directions: not every unused index and swap is listed")

        def theta(parts):  # sum of (scale u_s e_k', e_k u_s' / scale) over parts (s, k, scale)
            th = [F(0)] * N
            for s, k, sc in parts:
                for t in range(n):
                    th[t + k * n] += sc * Q[t][s]
                    th[np_ + k + t * p] += Q[t][s] / sc
            return th

        for dct in dirs:
            if dct["kind"] == "unused":
                k, s = dct["unit"] - 1, dct["s"] - 1
                need((k, s) in unused, "direction: bad unused index")
                th, want = theta([(s, k, c[k])]), 2 * w[k] * (lam[I[k]] - lam[s])
            else:
                need(dct["kind"] == "swap", "direction: unknown kind")
                k, l = dct["units"][0] - 1, dct["units"][1] - 1
                need(0 <= k < l < p, "direction: bad swap units")
                th = theta([(I[l], k, c[k]), (I[k], l, -c[l])])
                want = 2 * (l - k) * (lam[I[k]] - lam[I[l]]) if ordered else F(0)
            got = sum(th[i] * H[i][j] * th[j] for i in range(N) if th[i] for j in range(N) if th[j])
            need(got == F(dct["value"]), "direction value differs from the certificate")
            need(got == want, "direction value differs from the closed form")


def network_expected_gradients(inst, rows):
    """E[grad_{W_i} L] of the TRUE network for each row in rows, by enumeration over (S, x_S)."""
    n, h, k = inst["n"], inst["h"], inst["k"]
    need(inst["support"] == "uniform-k-subsets", "unknown support law")
    A, W = mat(inst["A"]), mat(inst["W"])
    eps, atoms, probs = [F(x) for x in inst["eps"]], [F(x) for x in inst["atoms"]], [F(x) for x in inst["probs"]]
    need(len(A) == n and all(len(r) == h for r in A), "A is not n x h")
    need(len(W) == h and all(len(r) == n for r in W), "W is not h x n")
    need(len(eps) == h and 1 <= k <= h, "bad eps or k")
    need(0 < len(atoms) == len(probs) and all(p > 0 for p in probs) and sum(probs) == 1, "the value law is not a law")
    need(rows and all(0 <= i < h for i in rows) and len(set(rows)) == len(rows), "bad row list")
    total = {i: [F(0)] * n for i in rows}
    p_support = F(1, math.comb(h, k))
    for S in itertools.combinations(range(h), k):
        for x in itertools.product(range(len(atoms)), repeat=k):
            p = p_support * math.prod((probs[a] for a in x), start=F(1))
            y = [sum((A[r][j] * atoms[a] for j, a in zip(S, x)), F(0)) for r in range(n)]
            u = [sum((W[j][r] * y[r] for r in range(n)), F(0)) - eps[j] for j in range(h)]
            e = [sum((W[j][r] * u[j] for j in range(h) if u[j] > 0), F(0)) - y[r] for r in range(n)]
            for i in rows:
                if u[i] > 0:
                    we = sum((W[i][r] * e[r] for r in range(n)), F(0))
                    g = total[i]
                    for r in range(n):
                        g[r] += p * (u[i] * e[r] + we * y[r])
    return total


def sparse_hypothesis(claim, inst):
    """The hypotheses of SC-14 / SC-15 on the instance's fractions; returns Q for SC-15."""
    n, h = inst["n"], inst["h"]
    A, W, eps = mat(inst["A"]), mat(inst["W"]), [F(x) for x in inst["eps"]]
    if claim == "SC-14":
        need(W == transpose(A), "SC-14: W is not A'")
        return None
    if claim != "SC-15":
        return None
    need(h == 2 * n and len(A) == n and all(len(r) == h for r in A) and len(W) == h and len(eps) == h, "SC-15: shapes")
    need(all(A[r][c] == (1 if r == c else 0) for r in range(n) for c in range(n)), "SC-15: A does not start with I")
    Q = [row[n:] for row in A]
    need(Q == transpose(Q), "SC-15: Q is not symmetric")
    need(matmul(Q, Q) == [[F(int(i == j)) for j in range(n)] for i in range(n)], "SC-15: Q Q != I")
    for j in range(n):
        need(W[n + j] == [sum((Q[r][c] * W[j][c] for c in range(n)), F(0)) for r in range(n)], "SC-15: W_{n+j} != Q W_j at j = %d" % j)
        need(eps[n + j] == eps[j], "SC-15: eps_{n+j} != eps_j at j = %d" % j)
    return Q


def replay_sparse(cert):
    need(cert.get("evidence") == "proved-exact", "evidence is not proved-exact")
    claim = cert["claim"]
    need(claim in ("SC-8", "SC-14", "SC-15"), "unknown SC claim " + str(claim))
    inst = cert["instance"]
    n = inst["n"]
    Q = sparse_hypothesis(claim, inst)  # before the enumeration: cheap, and names the hypothesis
    total = network_expected_gradients(inst, [r["row"] for r in cert["rows"]])
    claimed = {}
    for entry in cert["rows"]:
        got = [F(v) for v in entry["expected_gradient"]]
        need(len(got) == n and got == total[entry["row"]], "E[grad] of row %d differs from the enumeration" % entry["row"])
        claimed[entry["row"]] = got
    if claim == "SC-14":
        for entry in cert["rows"]:
            norm_sq = sum(x * x for x in claimed[entry["row"]])
            need(F(entry["norm_sq"]) == norm_sq, "SC-14: norm_sq of row %d differs from the gradient" % entry["row"])
            need(norm_sq > 0, "SC-14: E[grad] of row %d is zero" % entry["row"])
    elif claim == "SC-15":
        pairs = cert["pairs"]
        need(pairs, "SC-15: no pairs")
        for j, nj in pairs:
            need(0 <= j < n and nj == n + j and j in claimed and nj in claimed, "SC-15: bad pair")
            Qg = [sum((Q[r][c] * claimed[j][c] for c in range(n)), F(0)) for r in range(n)]
            need(claimed[nj] == Qg, "SC-15: E grad_{n+j} != Q E grad_j at j = %d" % j)
    return None


def atan_inv_bounds(m, terms):
    """(lower, upper) rational bounds of atan(1/m), m >= 2: partial sums of the alternating series
    sum_k (-1)^k / ((2k+1) m^(2k+1)), whose terms decrease in magnitude, bracket it."""
    s, prev = F(0), None
    for k in range(terms + 1):
        prev = s
        s += F((-1) ** k, (2 * k + 1) * m ** (2 * k + 1))
    return (min(prev, s), max(prev, s))


def pi_bounds(terms):
    """Rational lower and upper bounds of pi by Machin's formula pi = 16 atan(1/5) - 4 atan(1/239)."""
    lo5, hi5 = atan_inv_bounds(5, terms)
    lo239, hi239 = atan_inv_bounds(239, terms)
    lo, hi = 16 * lo5 - 4 * hi239, 16 * hi5 - 4 * lo239
    need(F(333, 106) < lo < hi < F(355, 113), "pi enclosure inconsistent with 333/106 < pi < 355/113")
    return lo, hi


def compare_pi(x):
    """-1 if pi < x, +1 if pi > x, decided by refining the rational enclosure of pi."""
    terms = 8
    while terms <= 8192:
        lo, hi = pi_bounds(terms)
        if hi < x:
            return -1
        if lo > x:
            return 1
        terms *= 2
    raise Reject("pi against %s not decided" % x)


# (E|z|)^2 of the unit-variance nonzero laws with a rational value (see the docstring).
MU2 = {"rademacher": F(1), "uniform": F(3, 4), "laplace": F(1, 2)}
# The closed forms gap_sign below evaluates (docs/sign.md), as the certificate must state them.
SA12_CLOSED_FORMS = {"R_Gauss": "1 - 2 r / pi", "L_id_plus": "1 - r mu2 / (2 - p)", "L_id_random": "1 - r p mu2"}


def replay_sign(cert):
    need(cert.get("evidence") == "proved-ball", "evidence is not proved-ball")
    need(cert["claim"] == "SA-12", "unknown SA claim")
    need(cert["closed_forms"] == SA12_CLOSED_FORMS, "closed forms differ from the ones this checker evaluates")
    r, digits = F(cert["rate"]), cert["digits"]
    need(r > 0, "rate is not positive")
    need(isinstance(digits, int) and digits >= 1, "bad digits")
    brackets = cert["brackets"]
    need(brackets, "no brackets")
    for b in brackets:
        tag = "%s/%s" % (b["sign0"], b["law"])
        need(b["law"] in MU2 and F(b["mu2"]) == MU2[b["law"]], "mu2 of %s differs from the law" % tag)
        need(b["sign0"] in ("plus", "random"), "unknown sign0 in " + tag)
        mu2, lo, hi = MU2[b["law"]], F(b["lo"]), F(b["hi"])
        need(lo < hi, "empty bracket " + tag)
        need(hi - lo < F(1, 10**digits), "bracket wider than 10^-digits, " + tag)
        if b["sign0"] == "plus":
            need(hi < 2, "bracket reaches p = 2, " + tag)
            m = lambda p: mu2 / (2 - p)
        else:
            m = lambda p: p * mu2
        # gap(p) = r (2/pi - m(p)): positive iff m <= 0 or pi < 2/m.
        def gap_sign(p):
            mp = m(p)
            return 1 if mp <= 0 else -compare_pi(2 / mp)
        need(gap_sign(lo) > 0, "gap L_id - R_Gauss not positive at lo, " + tag)
        need(gap_sign(hi) < 0, "gap L_id - R_Gauss not negative at hi, " + tag)
        need(hi < 1 or lo > 1, "bracket contains p = 1, " + tag)
        need(bool(b["transition"]) == (hi < 1), "transition flag differs from the bracket, " + tag)
        need((hi < 1) == (compare_pi(2 / mu2) > 0), "transition iff mu2 > 2/pi fails, " + tag)
    return ("replayed: mu2 of each law, sign change of L_id - R_Gauss at both endpoints (exact rationals, rational "
            "enclosure of pi), uniqueness of the root (the gap is strictly decreasing by its closed form), "
            "bracket width < 10^-digits, transition iff mu2 > 2/pi; not replayed: the closed forms L_id (d -> infinity) and R_Gauss themselves "
            "(docs/sign.md), the Gaussian law (p* = 1, no bracket)")


def main(argv):
    if len(argv) < 2:
        print("usage: replay.py DIR|FILE ...", file=sys.stderr)
        return 2
    files = []
    for arg in argv[1:]:
        if os.path.isdir(arg):
            files += sorted(os.path.join(arg, f) for f in os.listdir(arg) if f.endswith(".json"))
        elif os.path.isfile(arg):
            files.append(arg)
        else:
            print("replay.py: no such file or directory: " + arg, file=sys.stderr)
            return 2
    if not files:
        print("replay.py: no certificates found", file=sys.stderr)
        return 2
    rejected = 0
    for path in files:
        try:
            with open(path) as fh:
                cert = json.load(fh)
            claim = str(cert.get("claim", ""))
            note = (replay_sparse if claim.startswith("SC-") else replay_sign if claim.startswith("SA-") else replay)(cert)
            print("ACCEPT " + path + (" (" + note + ")" if note else ""))
        except Reject as e:
            rejected += 1
            print("REJECT " + path + ": " + str(e), file=sys.stderr)
        except (ValueError, KeyError, TypeError, IndexError, ZeroDivisionError, AttributeError) as e:
            rejected += 1
            print("REJECT " + path + ": malformed certificate (" + type(e).__name__ + ": " + str(e) + ")", file=sys.stderr)
    print("%d accepted, %d rejected" % (len(files) - rejected, rejected))
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
