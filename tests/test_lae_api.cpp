// The library API the commands share: classification of critical points and
// the cancellation-free optimal loss (docs/lae-math.md §6, §8, §11).
#include <doctest/doctest.h>

#include "lae/classify.hpp"
#include "lae/optimal_loss.hpp"

#include <cmath>

using namespace ael;
using lae::LossKind;

TEST_SUITE("lae_api") {
  TEST_CASE("optimal_loss equals p tr Syy - sum w_k lambda_k on exact rational data") {
    // λ = 6, 5, …, 1: tr Σ = 21. Reference from the closed form of docs/lae-math.md §6 (exact in mp_real).
    Vec<mp_real> lambda(6);
    for (int s = 0; s < 6; ++s) lambda(s) = 6 - s;
    CHECK(lae::optimal_loss<mp_real>(lambda, mp_real(21), true, LossKind::ordered, 2) == 2 * 21 - (2 * 6 + 1 * 5));
    CHECK(lae::optimal_loss<mp_real>(lambda, mp_real(21), true, LossKind::mse, 2) == 21 - (6 + 5));
    CHECK(lae::optimal_loss<mp_real>(lambda, mp_real(21), true, LossKind::ordered, 6) == 6 * 21 - (6 * 6 + 5 * 5 + 4 * 4 + 3 * 3 + 2 * 2 + 1));
    // General Y: the irreducible part tr Syy - tr Σ = 9 counts once per truncation.
    CHECK(lae::optimal_loss<mp_real>(lambda, mp_real(30), false, LossKind::ordered, 2) == 2 * 30 - (2 * 6 + 1 * 5));
    CHECK(lae::optimal_loss<mp_real>(lambda, mp_real(30), false, LossKind::mse, 3) == 30 - (6 + 5 + 4));
    CHECK_THROWS_AS(lae::optimal_loss<mp_real>(lambda, mp_real(21), true, LossKind::mse, 7), std::invalid_argument);
  }

  TEST_CASE("optimal_loss keeps full relative accuracy where the closed form cancels (double)") {
    // λ = (1e8, 1, 1e-8), p = 2, ordered: L* = (1 + 1e-8) + 1e-8; p tr Σ − Σ w_k λ_k loses ~8 digits.
    Vec<double> lambda(3);
    lambda << 1e8, 1, 1e-8;
    const double exact = 1 + 2e-8;
    const double L = lae::optimal_loss<double>(lambda, lambda.sum(), true, LossKind::ordered, 2);
    CHECK(std::abs(L - exact) <= 4 * std::numeric_limits<double>::epsilon() * exact);
  }

  TEST_CASE("classify: saddle iff a negative eigenvalue; global minimum iff the tuple attains L*") {
    CHECK(lae::attains_optimum({0, 1, 2}, LossKind::ordered));
    CHECK_FALSE(lae::attains_optimum({1, 0, 2}, LossKind::ordered));
    CHECK(lae::attains_optimum({1, 0, 2}, LossKind::mse));
    CHECK_FALSE(lae::attains_optimum({0, 1, 3}, LossKind::mse));
    const lae::Inertia saddle{1, 2, 21}, flat{0, 2, 22};
    CHECK(lae::classify(saddle, true) == lae::Classification::saddle);
    CHECK(lae::classify(flat, true) == lae::Classification::global_minimum);
    CHECK(lae::classify(flat, false) == lae::Classification::minimum);
    CHECK(std::string(lae::classification_name(lae::Classification::global_minimum)) == "global minimum");
    // Agrees with the inertia formula of docs/lae-math.md §8: (2,1) is an ordered saddle of index inv = 1, an MSE minimum.
    const lae::Index I{1, 0};
    CHECK(lae::classify(lae::inertia_formula(I, 3, LossKind::ordered), lae::attains_optimum(I, LossKind::ordered)) ==
          lae::Classification::saddle);
    CHECK(lae::classify(lae::inertia_formula(I, 3, LossKind::mse), lae::attains_optimum(I, LossKind::mse)) ==
          lae::Classification::global_minimum);
  }
}
