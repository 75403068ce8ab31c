// The library API of `sparse expected-gradient`: the exact expected gradient
// E[∇_{W_i} L] under support recovery (docs/sparse.md), its windows and the
// Lemma D2 bound, as the command's document without "meta".
// Errors: ParameterError naming row, arithmetic, out or an instance parameter.
#pragma once

#include "api/common.hpp"
#include "core/report.hpp"
#include "sparse/instance.hpp"

#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

namespace ael::api {

enum class SparseArithmetic { automatic, rational, mpfr, double_precision };
SparseArithmetic parse_sparse_arithmetic(const std::string& name);  // auto | rational | mpfr | double
// The arithmetic `automatic` stands for (rational when the inputs are), or
// ParameterError when rational is asked for inputs that are not.
SparseArithmetic resolve_sparse_arithmetic(SparseArithmetic requested, const sparse::InstanceSpec& spec);
const char* sparse_arithmetic_name(SparseArithmetic a);  // "rational" | "mpfr" | "double"

// "0", "0,64" or "all" (rows 0..h-1); a row listed twice is an error.
std::vector<int> parse_rows(const std::string& text, int h);

// √x printed to `digits` through MPFR, so that an exact rational x is not
// printed through sqrt_upper's double-accuracy bound.
template <class T> std::string sqrt_decimal(const T& x, int digits) {
  if constexpr (std::is_same_v<T, double>) return to_decimal(std::sqrt(x), digits > 17 ? 17 : digits);
  else return to_decimal(mp_real(sqrt(sparse::ScalarOps<T>::to_mp(x))), digits);
}

struct ExpectedGradientOptions {
  sparse::InstanceSpec spec;
  std::string rows = "0";  // "0", a comma list, or "all"
  SparseArithmetic arithmetic = SparseArithmetic::automatic;
  bool all_rows = false;   // every row at once (the h × n matrix); the document lists the row norms
  std::string out;         // with all_rows: write the matrix to this .csv or .npy file (empty: none)
  Spelling spell = plain_name;  // parameter names in the document's warnings
};

// Runs at the caller's working precision. The document's "arithmetic" names
// the scalar used (for the metadata).
Json expected_gradient_document(const ExpectedGradientOptions& options, int digits);

}  // namespace ael::api
