// The exact route (docs/certification.md §7 (Exact route)): exact parsing, the
// exact LDLᵀ against MPFR eigenvalue signs (a different method), Cayley
// instances, and at P(I,C) the proved statements against hand-written values
// (the inertia table of docs/lae-math.md §8) and the counting formulas.
#include <doctest/doctest.h>

#include "core/exact.hpp"
#include "core/exact_ldl.hpp"
#include "core/io.hpp"
#include "core/linalg.hpp"
#include "core/rng.hpp"
#include "lae/exact.hpp"
#include "lae_exact_checks.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

using ael::ExactMat;
using ael::ExactVec;
using ael::rational;
namespace lae = ael::lae;

namespace {
template <class F> std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

// Signs of MPFR eigenvalues of an exactly known symmetric matrix (zero band 1e-40 relative).
ael::SignCounts signs_by_eigenvalues(const ExactMat& H) {
  ael::set_working_digits(40);
  ael::Mat<ael::mp_real> M(H.rows(), H.cols());
  for (Eigen::Index i = 0; i < H.rows(); ++i)
    for (Eigen::Index j = 0; j < H.cols(); ++j) M(i, j) = ael::to_mp(H(i, j));
  const ael::Vec<ael::mp_real> mu = ael::symmetric_eigenvalues<ael::mp_real>(M);
  const ael::mp_real band = ael::mp_real(1e-40) * mu.cwiseAbs().maxCoeff();
  ael::SignCounts s;
  for (Eigen::Index i = 0; i < mu.size(); ++i) (mu(i) < -band ? s.negative : mu(i) > band ? s.positive : s.zero)++;
  return s;
}
}  // namespace

TEST_SUITE("exact") {
  TEST_CASE("decimals and fractions parse exactly; zero denominators are refused") {
    CHECK(ael::parse_rational("0.8") == rational(4, 5));
    CHECK(ael::parse_rational(" -1.25e-2 ") == rational(-1, 80));
    CHECK(ael::parse_rational("3/7") == rational(3, 7));
    CHECK(ael::parse_rational("-6/4") == rational(-3, 2));
    CHECK(ael::parse_rational("0.5/3") == rational(1, 6));
    CHECK(ael::parse_rational("095") == rational(95));
    CHECK(ael::rational_text(rational(-6, 4)) == "-3/2");
    CHECK(ael::rational_text(rational(5)) == "5");
    CHECK(error_of([] { ael::parse_rational("1/0"); }).find("zero denominator") != std::string::npos);
    CHECK(error_of([] { ael::parse_rational("1/0.0"); }).find("zero denominator") != std::string::npos);
    CHECK_FALSE(error_of([] { ael::parse_rational("1/"); }).empty());
    CHECK_FALSE(error_of([] { ael::parse_rational("nan"); }).empty());
    CHECK_FALSE(error_of([] { ael::parse_rational("1/2/3"); }).empty());
    CHECK_FALSE(error_of([] { ael::parse_rational(""); }).empty());
  }

  TEST_CASE("parse_exact_decimal: the plain-decimal grammar, exactly; fractions refused; huge exponents fast") {
    CHECK(ael::parse_exact_decimal("0.95") == rational(19, 20));
    CHECK(ael::parse_exact_decimal("+2.5E1") == rational(25));
    CHECK(ael::parse_exact_decimal("1e-3") == rational(1, 1000));
    CHECK(error_of([] { ael::parse_exact_decimal("1/2"); }) == "'1/2' is not a finite decimal number");
    CHECK(error_of([] { ael::parse_exact_decimal("inf"); }) == "'inf' is not a finite decimal number");
    CHECK(error_of([] { ael::parse_exact_decimal("1e1234567"); }).find("exponent out of range") != std::string::npos);
    // 10^999999 by binary powering, not 999999 multiplications (seconds -> milliseconds).
    CHECK(ael::bit_size(ael::parse_exact_decimal("1e999999")) > 3000000);
    CHECK(ael::bit_size(ael::parse_rational("1e-99999")) > 300000);  // the sign counts among the 6 characters
  }

  TEST_CASE("read_matrix<rational> reads CSV fractions and decimals exactly") {
    const std::string path = "exact_test_matrix.csv";
    std::ofstream(path) << "1/3,0.1\n-2,4/6\n";
    const ExactMat M = ael::read_matrix<rational>(path);
    CHECK(M(0, 0) == rational(1, 3));
    CHECK(M(0, 1) == rational(1, 10));
    CHECK(M(1, 0) == rational(-2));
    CHECK(M(1, 1) == rational(2, 3));
    std::ofstream(path) << "1/0,1\n";
    CHECK(error_of([&] { ael::read_matrix<rational>(path); }).find("zero denominator") != std::string::npos);
    std::remove(path.c_str());
  }

  TEST_CASE("exact LDL': 2x2 pivot on a zero diagonal, rank deficiency, random symmetric matrices") {
    ExactMat swap(2, 2);
    swap << 0, 3, 3, 0;
    auto f = ael::ldl_exact(swap);
    CHECK(f.pivots == std::vector<int>{2});
    CHECK(ael::inertia(f) == ael::SignCounts{1, 0, 1});
    CHECK(ael::ldl_reproduces(f, swap));

    ael::Rng rng(5);
    for (int trial = 0; trial < 12; ++trial) {
      const int N = 3 + trial;
      ExactMat G(N, N);
      for (int i = 0; i < N; ++i)
        for (int j = 0; j < N; ++j) G(i, j) = rational(static_cast<long>(rng.below(7)) - 3, 1 + static_cast<long>(rng.below(3)));
      // Zero diagonal forces 2x2 pivots; a rank-deficient product forces zero pivots.
      ExactMat H = (trial % 3 == 0) ? ExactMat(G + G.transpose()) : ExactMat(G.leftCols(N / 2) * G.leftCols(N / 2).transpose());
      if (trial % 3 == 0) H.diagonal().setZero();
      if (trial % 3 == 2) H -= ExactMat(G.rightCols(2) * G.rightCols(2).transpose());
      f = ael::ldl_exact(H);
      CHECK(ael::ldl_reproduces(f, H));
      CHECK(ael::inertia(f) == signs_by_eigenvalues(H));
    }
    ExactMat asym(2, 2);
    asym << 1, 2, 3, 4;
    CHECK(error_of([&] { ael::ldl_exact(asym); }).find("not symmetric") != std::string::npos);
  }

  TEST_CASE("Cayley instances are exactly orthogonal with distinct decreasing eigenvalues") {
    for (int n : {1, 2, 5, 9}) {
      const auto inst = lae::cayley_instance(n, 3);
      CHECK(ExactMat(inst.Q * inst.Q.transpose()) == ExactMat::Identity(n, n));
      CHECK(ExactMat(inst.Sigma * inst.Q) == ExactMat(inst.Q * inst.lambda.asDiagonal()));
      for (int s = 0; s + 1 < n; ++s) CHECK(inst.lambda(s) > inst.lambda(s + 1));
      CHECK(inst.lambda(n - 1) > 0);
    }
    // Q is mostly dense although S is banded (coincidental zeros occur: seed 1 has
    // u_6 = -e_5 because S(4,5) = S(4,6) = 2, S(5,6) = 1; 10 of 36 entries are zero).
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      const auto inst = lae::cayley_instance(8, seed);
      int zeros = 0;
      for (Eigen::Index i = 0; i < inst.Q.size(); ++i) zeros += inst.Q.data()[i] == 0;
      CHECK(zeros <= 32);
    }
  }

  TEST_CASE("claimed eigenvectors are checked exactly") {
    const auto inst = lae::cayley_instance(4, 2);
    // Columns in another order are accepted and sorted back.
    ExactMat Qs = inst.Q;
    Qs.col(0).swap(Qs.col(2));
    const auto back = lae::instance_from_eigenvectors(inst.Sigma, Qs);
    CHECK(back.Q == inst.Q);
    CHECK(back.lambda == inst.lambda);
    ExactMat bad = inst.Q;
    bad(0, 0) += rational(1, 1000000);
    CHECK(error_of([&] { lae::instance_from_eigenvectors(inst.Sigma, bad); }).find("not exactly orthogonal") != std::string::npos);
    ExactMat S2 = inst.Sigma;
    S2(0, 1) += rational(1, 7);
    S2(1, 0) += rational(1, 7);
    CHECK(error_of([&] { lae::instance_from_eigenvectors(S2, inst.Q); }).find("not exactly diagonal") != std::string::npos);
    ExactVec rep = inst.lambda;
    rep(1) = rep(2);
    const ExactMat S3 = inst.Q * rep.asDiagonal() * inst.Q.transpose();
    CHECK(error_of([&] { lae::instance_from_eigenvectors(S3, inst.Q); }).find("not distinct") != std::string::npos);
    ExactVec neg = inst.lambda;
    neg(3) = -1;
    const ExactMat S4 = inst.Q * neg.asDiagonal() * inst.Q.transpose();
    CHECK(error_of([&] { lae::instance_from_eigenvectors(S4, inst.Q); }).find("not positive definite") != std::string::npos);
    CHECK(error_of([&] { lae::instance_from_eigenvectors(inst.Sigma, ExactMat(inst.Q.leftCols(3))); }).find("is 4x3") !=
          std::string::npos);
  }

  TEST_CASE("n = 3, p = 2: every tuple matches the hand-written table of docs/lae-math.md §7.5") {
    // #neg for MSE / ordered, from the worked example (not from the formula code).
    const std::map<std::string, std::pair<int, int>> table = {{"(1,2)", {0, 0}}, {"(2,1)", {0, 1}}, {"(1,3)", {1, 1}},
                                                              {"(3,1)", {1, 2}}, {"(2,3)", {2, 2}}, {"(3,2)", {2, 3}}};
    const auto inst = lae::cayley_instance(3, 7);
    ExactVec c(2);
    c << rational(3, 2), rational(-2, 3);
    for (const auto& [name, neg] : table) {
      const lae::Index I = lae::parse_index(name.substr(1, name.size() - 2), 3, 2);
      const auto mse = lae::exact_critical_point(inst, I, c, lae::LossKind::mse);
      const auto ord = lae::exact_critical_point(inst, I, c, lae::LossKind::ordered);
      INFO(name);
      CHECK(mse.proved());
      CHECK(ord.proved());
      CHECK(mse.inertia == ael::SignCounts{neg.first, 4, 12 - 4 - neg.first});
      CHECK(ord.inertia == ael::SignCounts{neg.second, 2, 12 - 2 - neg.second});
      CHECK(ael::ldl_reproduces(ord.ldl, ord.H));
    }
  }

  TEST_CASE("larger instances: proved, LDL' reproduces H, loss equals the MPFR closed form") {
    const auto inst = lae::cayley_instance(6, 11);
    ExactVec c(3);
    c << rational(1), rational(-5, 4), rational(2, 3);
    for (const auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
      const lae::Index I{4, 0, 2};
      const auto r = lae::exact_critical_point(inst, I, c, kind);
      CHECK(r.proved());
      CHECK(r.failures().empty());
      CHECK(ael::ldl_reproduces(r.ldl, r.H));
      // ν(I) = (5+1+3) − 6 = 3; inv = 2 (5>1, 5>3).
      CHECK(r.inertia.negative == (kind == lae::LossKind::ordered ? 5 : 3));
      CHECK(r.inertia.zero == (kind == lae::LossKind::ordered ? 3 : 9));
    }
  }

  TEST_CASE("statements that do not hold are reported, not proved") {
    const auto inst = lae::cayley_instance(4, 1);
    ExactVec c = ExactVec::Ones(2);
    auto r = lae::exact_critical_point(inst, {1, 0}, c, lae::LossKind::ordered);
    REQUIRE(r.proved());
    r.inertia.negative += 1;
    CHECK_FALSE(r.proved());
    r = lae::exact_critical_point(inst, {1, 0}, c, lae::LossKind::ordered);
    r.blocks[1].equal = false;
    CHECK_FALSE(r.proved());
    CHECK(error_of([&] { lae::exact_critical_point(inst, {1, 1}, c, lae::LossKind::ordered); }).find("distinct") !=
          std::string::npos);
    c(1) = 0;
    CHECK(error_of([&] { lae::exact_critical_point(inst, {1, 0}, c, lae::LossKind::ordered); }).find("zero") != std::string::npos);
  }

  TEST_CASE("exact proof-checks for LAE-17/19/20/21/22 return proved verdicts") {
    for (const auto& v : ael::checks::exact_lae_verdicts(1, 2)) {
      INFO(v.claim << ": " << v.detail);
      CHECK(v.proved);
      CHECK(v.instances > 0);
    }
  }
}
