#include "api/plain.hpp"

#include "api/lae.hpp"
#include "api/lae_certify.hpp"
#include "api/sign.hpp"
#include "api/sparse.hpp"
#include "api/verify.hpp"
#include "core/errors.hpp"
#include "core/integer_text.hpp"
#include "core/meta.hpp"
#include "core/precision.hpp"
#include "core/progress.hpp"
#include "lae/synthetic.hpp"

#include <atomic>
#include <optional>
#include <type_traits>

namespace ael::api::plain {

namespace {
std::atomic<bool> g_interrupt{false};

void check_interrupt() {
  if (g_interrupt.load()) throw Interrupted();
}

// For the duration of a call: the kernels' progress points (core/progress.hpp)
// become interruption points, checked every 0.1 s.
class InterruptScope {
 public:
  InterruptScope() {
    g_interrupt = false;
    install_heartbeat([](const std::string&, double) { check_interrupt(); }, 0.1);
  }
  ~InterruptScope() { install_heartbeat(nullptr); }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
};

Mat<double> to_eigen(const Matrix& M) {
  Mat<double> out(M.rows, M.cols);
  std::copy(M.values.begin(), M.values.end(), out.data());  // both column-major
  return out;
}

template <class T> LaeData<T> lae_data(const LaeInput& in, bool with_moments = true) {
  const Preprocess pre{in.center, in.drop_constant};
  Json desc;
  if (in.X.empty()) {
    desc["source"] = "synthetic (seed " + std::to_string(in.seed) + ", spectrum " + in.spectrum + ")";
    return prepare_lae_data<T>(lae::synthetic_samples<T>(in.n, in.m, in.seed, in.spectrum), Mat<T>(), pre, desc, "", with_moments);
  }
  desc["source"] = in.source;
  const Mat<double> X = to_eigen(in.X);
  if constexpr (std::is_same_v<T, mp_real>)  // the CLI's route for data files that hold doubles
    if (in.Y.empty())
      if (auto exact = exact_lae_data(X, pre, desc, with_moments)) return std::move(*exact);
  return prepare_lae_data<T>(X.cast<T>(), to_eigen(in.Y).cast<T>(), pre, desc, in.targets, with_moments);
}

template <class T> std::string inspect_typed(const LaeInput& data, const Matrix& A, const Matrix& B, const InspectArgs& a, int digits) {
  InspectOptions o;
  o.loss = parse_loss_choice(a.loss);
  o.tol = a.tol;
  o.numeric = a.numeric;
  o.centered = data.center;
  return inspect_document<T>(lae_data<T>(data), to_eigen(A).cast<T>(), to_eigen(B).cast<T>(), o, digits).dump();
}
// `certify`: the exact inputs first (overlapping eigenvalue balls refuse before any other work),
// then the MPFR document and its certified keys (docs/certification.md §9).
std::string inspect_certified(const LaeInput& data, const Matrix& A, const Matrix& B, const InspectArgs& a) {
  if (!data.Y.empty()) throw ParameterError("targets", "certify has no certified route for @targets (general Y); certified results cover Y = X");
  if (a.numeric) throw ParameterError("numeric", "certify has no certified route for @numeric (a floating-point eigensolver)");
  const PrecisionScope precision(a.digits);
  const lae::ExactSamples X(data.X.empty() ? lae::synthetic_samples<mp_real>(data.n, data.m, data.seed, data.spectrum)
                                           : Mat<mp_real>(to_eigen(data.X).cast<mp_real>()));
  const Mat<double> Ad = to_eigen(A), Bd = to_eigen(B);
  const CertifiedInspectInputs in = certified_inspect_inputs(X, data.center, data.drop_constant, Ad.cast<rational>(), Bd.cast<rational>());
  InspectOptions o;
  o.loss = parse_loss_choice(a.loss);
  o.tol = a.tol;
  o.centered = data.center;
  Json doc = inspect_document<mp_real>(lae_data<mp_real>(data), Ad.cast<mp_real>(), Bd.cast<mp_real>(), o, a.digits);
  add_certified_inspection(doc, in, a.digits);
  return doc.dump();
}
}  // namespace

void request_interrupt() { g_interrupt = true; }

std::string lae_inspect(const LaeInput& data, const Matrix& A, const Matrix& B, const InspectArgs& a) {
  InterruptScope interruptible;
  if (a.certify) return inspect_certified(data, A, B, a);
  if (!a.multiprecision) return inspect_typed<double>(data, A, B, a, 17);
  const PrecisionScope precision(a.digits);
  return inspect_typed<mp_real>(data, A, B, a, a.digits);
}

std::string lae_spectrum(const LaeInput& data, const SpectrumArgs& a) {
  InterruptScope interruptible;
  const PrecisionScope precision(a.digits);
  SpectrumOptions o;
  o.p = a.p;
  o.loss = lae::parse_loss(a.loss);
  o.index = a.index;
  o.scales = a.scales;
  o.method = parse_spectrum_method(a.method);
  if (a.point != "critical" && a.point != "origin") throw ParameterError("point", "unknown @point '" + a.point + "' (critical, origin)");
  o.origin = a.point == "origin";
  if (!a.scale_matrix.empty()) o.scale_matrix = to_eigen(a.scale_matrix).cast<mp_real>();
  check_spectrum_options(o);
  return spectrum_document(lae_data<mp_real>(data), o, a.digits).dump();
}

std::string sign_denoiser_risk(const std::string& rate, const std::string& p, bool partial, bool certify, int digits) {
  InterruptScope interruptible;
  const PrecisionScope precision(digits);
  return denoiser_risk_document({rate, p, partial, certify}, digits).dump();
}

std::string sparse_expected_gradient(const std::map<std::string, std::string>& instance, const std::string& rows,
                                     const std::string& arithmetic, int digits) {
  InterruptScope interruptible;
  const PrecisionScope precision(digits);
  ExpectedGradientOptions o;
  o.rows = rows;
  o.arithmetic = parse_sparse_arithmetic(arithmetic);
  sparse::InstanceSpec& s = o.spec;
  s.eps_frac = "";  // as the CLI: no default threshold position
  auto integer = [](const std::string& name, const std::string& text) {
    const std::optional<long> v = parse_integer(text);
    if (!v || *v < 0 || *v > 100000000)
      throw ParameterError(name, "@" + name + " must be a non-negative integer (got '" + text + "')");
    return *v;
  };
  const std::map<std::string, std::string*> text{
      {"delta", &s.delta},       {"q", &s.q},         {"values", &s.values}, {"probs", &s.probs},
      {"interval", &s.interval}, {"moments", &s.moments}, {"eps", &s.eps},     {"eps_frac", &s.eps_frac}};
  for (const auto& [name, value] : instance) {
    if (auto it = text.find(name); it != text.end()) *it->second = value;
    else if (name == "dictionary") s.dictionary = sparse::parse_dictionary(value);
    else if (name == "support") s.support = sparse::parse_support(value);
    else if (name == "value_law") s.value_law = sparse::parse_value_law(value);
    else if (name == "window") s.window = sparse::parse_window(value);
    else if (name == "n") s.n = static_cast<int>(integer(name, value));
    else if (name == "h") s.h = static_cast<int>(integer(name, value));
    else if (name == "k") s.k = static_cast<int>(integer(name, value));
    else if (name == "seed") s.seed = static_cast<std::uint64_t>(integer(name, value));
    else if (name == "normalise") s.normalise = value == "true";
    else if (name == "certify") s.certify = value == "true";
    else throw ParameterError(name, "unknown instance parameter '" + name + "'");
  }
  return expected_gradient_document(o, digits).dump();
}

std::string verify(const std::string& only, int instances, std::uint64_t seed, bool certify, int digits) {
  InterruptScope interruptible;
  VerifyProgress progress;
  progress.started = [](std::size_t, std::size_t, const std::string&) { check_interrupt(); };
  return run_verify({only, instances, seed, certify}, digits, progress).document.dump();
}

std::string version() { return version_string(); }

}  // namespace ael::api::plain
