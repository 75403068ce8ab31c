// The library API (src/api): in-memory LAE data preprocessing, the inspect
// verdict on weights whose critical-point type is known by construction
// (diagonal Σ: the eigenvectors are the unit vectors, docs/lae-math.md §8),
// and errors that name the parameter (core/errors.hpp).
#include <doctest/doctest.h>

#include "api/lae.hpp"
#include "api/sparse.hpp"
#include "core/errors.hpp"

#include <string>

using ael::Mat;
namespace api = ael::api;

namespace {
// The parameter a ParameterError names, or "" when `f` does not throw one.
template <class F> std::string parameter_of(F&& f) {
  try {
    f();
  } catch (const ael::ParameterError& e) {
    return e.parameter();
  }
  return "";
}

// Samples (rows) X = diag(4, 3, 2, 1): Σ = X'X = diag(16, 9, 4, 1), eigenvectors e_1..e_4.
api::LaeData<double> diagonal_data() {
  Mat<double> X = Mat<double>::Zero(4, 4);
  for (int k = 0; k < 4; ++k) X(k, k) = 4 - k;
  ael::Json desc;
  desc["source"] = "test";
  return api::prepare_lae_data<double>(X, Mat<double>(), {}, desc, "");
}

// Decoder A = [e_i1 e_i2] (1-based), encoder B = A'.
Mat<double> unit_columns(int i1, int i2) {
  Mat<double> A = Mat<double>::Zero(4, 2);
  A(i1 - 1, 0) = 1;
  A(i2 - 1, 1) = 1;
  return A;
}
}  // namespace

TEST_SUITE("api") {
TEST_CASE("prepare_lae_data centres, drops constant columns and names its parameter when Sigma_xx is singular") {
  Mat<double> X(3, 3);
  X << 1, 5, 2, 2, 5, 7, 4, 5, 1;  // column 2 constant
  const auto d = api::prepare_lae_data<double>(X, Mat<double>(), {true, true}, {{"source", "t"}}, "");
  CHECK(d.description["n"] == 2);
  CHECK(d.description["dropped_columns"] == ael::Json::array({2}));
  CHECK(d.X_rows.col(0).sum() == doctest::Approx(0).epsilon(1e-15));
  CHECK(parameter_of([&] { api::prepare_lae_data<double>(X, Mat<double>(), {true, false}, {}, ""); }) == "drop_constant");
  CHECK(parameter_of([&] { api::prepare_lae_data<double>(X.topRows(2), Mat<double>(), {}, {}, ""); }) == "data");  // m < n
}

TEST_CASE("inspect_document: the top-2 unit vectors are the ordered minimum, swapped they are an index-1 saddle") {
  const auto data = diagonal_data();
  api::InspectOptions o;
  o.loss = api::LossChoice::ordered;
  const Mat<double> A = unit_columns(1, 2), S = unit_columns(2, 1);
  const auto min = api::inspect_document<double>(data, A, Mat<double>(A.transpose()), o, 17);
  CHECK(min["verdict"] == "global minimum");
  const auto saddle = api::inspect_document<double>(data, S, Mat<double>(S.transpose()), o, 17);
  CHECK(saddle["verdict"] == "saddle");
  CHECK(saddle["saddle_index"] == 1);  // one inversion in I = (2, 1)
  CHECK(saddle["nearest_critical_point"]["index"] == ael::Json::array({2, 1}));
  o.loss = api::LossChoice::mse;  // the same weights attain the MSE optimum
  CHECK(api::inspect_document<double>(data, S, Mat<double>(S.transpose()), o, 17)["verdict"] == "global minimum");
}

TEST_CASE("api errors name parameters, not flags") {
  const auto data = diagonal_data();
  const Mat<double> A = unit_columns(1, 2);
  CHECK(parameter_of([&] { api::inspect_document<double>(data, Mat<double>(A.topRows(3)), Mat<double>(A.transpose()), {}, 17); }) ==
        "decoder");
  api::InspectOptions bad;
  bad.tol = -1;
  CHECK(parameter_of([&] { api::inspect_document<double>(data, A, Mat<double>(A.transpose()), bad, 17); }) == "tol");
  CHECK(parameter_of([] { api::parse_loss_choice("l1"); }) == "loss");
  CHECK(parameter_of([] { api::parse_rows("0,0", 8); }) == "row");
  CHECK(parameter_of([] { api::parse_rows("8", 8); }) == "row");
  CHECK(api::parse_rows("all", 3) == std::vector<int>{0, 1, 2});
  CHECK(parameter_of([] { api::parse_sparse_arithmetic("float"); }) == "arithmetic");
}
}
