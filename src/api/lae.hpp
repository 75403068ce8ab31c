// The library API of the LAE commands `lae inspect` and `lae spectrum`: typed
// inputs (data in memory, weights, enums) in, the result document out (the
// command's JSON without "meta"). The command line and the Python bindings
// both call these; neither computes anything of its own.
// Errors: ParameterError naming the parameter (bad input), std::domain_error /
// std::runtime_error for numerical refusals (repeated eigenvalues, ...).
#pragma once

#include "api/common.hpp"
#include "api/lae_data.hpp"
#include "lae/model.hpp"

#include <functional>
#include <string>
#include <vector>

namespace ael::api {

// Which loss(es) `inspect` scores; with `both` the top-level verdict is the ordered loss's.
enum class LossChoice { ordered, mse, both };
LossChoice parse_loss_choice(const std::string& name);  // "ordered" | "mse" | "both"; ParameterError("loss")

struct InspectOptions {
  LossChoice loss = LossChoice::both;
  double tol = 1e-5;     // relative gradient norm below which the weights count as critical (finite, > 0)
  bool numeric = false;  // also diagonalise the Hessian and cross-check the inertia
  bool centered = false; // whether the data were centred (for the not-critical hint)
  Spelling spell = plain_name;
};

// Verdict on weights A (n × p, decoder) and B (p × n, encoder) against the exact
// landscape of `data` (docs/lae-math.md §7.11). `digits`: printed digits (17 for double).
// Throws ParameterError naming decoder, encoder, p, tol or multiprecision (a loss
// or gradient that overflows double).
template <class T>
Json inspect_document(const LaeData<T>& data, const Mat<T>& A, const Mat<T>& B, const InspectOptions& options, int digits);

enum class SpectrumMethod { closed_form, numeric, both };
SpectrumMethod parse_spectrum_method(const std::string& name);  // "closed-form" | "numeric" | "both"
const char* spectrum_method_name(SpectrumMethod method);

struct SpectrumOptions {
  int p = 2;                             // hidden units, 1 <= p <= n
  lae::LossKind loss = lae::LossKind::ordered;
  std::string index;                     // 1-based comma list, e.g. "2,1" (empty: 1..p)
  std::vector<std::string> scales;       // diagonal of C as decimals, parsed exactly (empty: all 1)
  Mat<mp_real> scale_matrix;             // a full invertible p × p C (MSE only); empty: diagonal C
  SpectrumMethod method = SpectrumMethod::closed_form;
  bool origin = false;                   // the point (A, B) = (0, 0) instead of P(I, C)
};

// Loss, gradient and full Hessian spectrum at P(I, C) or at the origin, in MPFR
// at the working precision (the caller holds a PrecisionScope). `seed` is not
// used here: the caller adds the metadata.
Json spectrum_document(const LaeData<mp_real>& data, const SpectrumOptions& options, int digits);
// The validation of spectrum_document that needs no data, for callers that
// want to refuse bad options before loading data.
void check_spectrum_options(const SpectrumOptions& options);

}  // namespace ael::api
