// One sparse-coding instance built from user-facing settings (strings, so
// that every decimal is parsed at the working precision or exactly): the
// dictionary, the weights, the laws, the recovery windows and certificates,
// the threshold and the Lemma D2 bound. Shared by the CLI, checks and tests.
#pragma once

#include "core/report.hpp"
#include "sparse/certify.hpp"
#include "sparse/expected.hpp"
#include "sparse/recovery.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ael::sparse {

// The choices of an instance, typed; words ("identity-hadamard", "per-row")
// exist only at the boundary (CLI, plain API), through the functions below.
enum class DictionaryKind { identity_hadamard, gaussian };
enum class ValueLawKind { finite, uniform, moments };
enum class WindowKind { d1, uniform, per_row };  // Lemma D1, certificate (a), certificate (b)

// The boundary words and back. parse_* throw ParameterError naming the
// parameter ("dictionary", "support", "value_law", "window") for an unknown word.
const char* dictionary_word(DictionaryKind d);  // "identity-hadamard" | "gaussian"
DictionaryKind parse_dictionary(const std::string& word);
const char* support_word(SupportLaw s);          // "uniform" | "bernoulli"
SupportLaw parse_support(const std::string& word);
const char* value_law_word(ValueLawKind v);      // "finite" | "uniform" | "moments"
ValueLawKind parse_value_law(const std::string& word);
const char* window_word(WindowKind w);           // "d1" | "uniform" | "per-row"
WindowKind parse_window(const std::string& word);

struct InstanceSpec {
  DictionaryKind dictionary = DictionaryKind::identity_hadamard;
  std::string dictionary_file;                    // CSV/.npy, n × h (overrides `dictionary`)
  bool normalise = false;                         // normalise file/gaussian columns explicitly
  int n = 64, h = 0;                              // h: gaussian only (HAD has h = 2n)
  std::uint64_t seed = 1;                         // dictionary and direction seed
  std::string delta = "0";                        // rows at distance exactly δ from A*_i
  std::string weights_file;                       // h × n weights (overrides delta)
  int k = 2;
  SupportLaw support = SupportLaw::uniform;
  std::string q;                                  // Bernoulli inclusion (default k/h)
  ValueLawKind value_law = ValueLawKind::finite;
  std::string values = "0.95,1.05", probs;        // finite law atoms and probabilities
  std::string interval, moments;                  // "a,b" and "m1,m2"
  std::string eps, eps_frac;                      // threshold: value, or position in the window
  WindowKind window = WindowKind::d1;             // the window used by eps_frac
  bool certify = false;                           // refuse thresholds recovery is not proved for
};

// True when the spec only involves rationals (no Gaussian dictionary, no
// irrational 1/√n): then the exact path is possible.
bool exact_arithmetic_possible(const InstanceSpec& spec);

// Which certificate covers the threshold, or why none does (docs/sparse.md
// "Recovery windows and certificates").
enum class Certifier {
  d1_window,               // Lemma D1 window
  certificate_a,           // uniform certificate (a)
  certificate_b_per_row,   // per-row certificate (b)
  none_bernoulli,          // Bernoulli supports are unbounded: no certificate holds for every S
  none_outside_windows,    // threshold outside every computed window
  none_outside_d1,         // outside the D1 window, (a) and (b) not computed
  none_undecided,          // floats: a ball straddles a window end, nothing is proved at this precision
  none_not_enclosed,       // floats: no window of the exact instance could be enclosed (cost)
};
bool certifies(Certifier c);            // true for the three certificates
const char* certifier_text(Certifier c);  // the JSON's "certified_by" sentence

template <class T> struct Instance {
  Problem<T> P;
  T c{}, delta{};            // coherence and row distance (upper bounds) used by D1/D2
  bool c_analytic = false;   // HAD: c = 1/√n known without the O(h²n) Gram matrix
  Window<T> d1;
  std::optional<Window<T>> uniform, per_row;
  std::optional<PerRowCertificate<T>> cert;
  WindowKind window_kind = WindowKind::d1;  // the window that sets ε (spec.window)
  Window<T> chosen;
  T eps{};                   // the constant threshold
  // The decision is proved: in ℚ for rationals, by Arb balls around the exact
  // instance for floats (sparse/certify.hpp); never by the rounded windows above.
  Certifier certifier = Certifier::none_outside_d1;
  bool recovery_certified = false;  // certifier is one of the certificates (never for Bernoulli supports)
  std::string certified_by;         // certifier_text(certifier)
  Evidence evidence = Evidence::estimate;  // level of recovery_certified (docs/sparse.md "Certified outputs")
  Certifier estimated = Certifier::none_outside_d1;  // what the working-precision windows say (floats)
  std::string evidence_note;        // floats: why the decision is only an estimate (empty otherwise)
  std::optional<Ball> eps_ball;     // the exact threshold enclosed (absent when it could not be)
  LemmaD2<T> d2;
  bool d2_valid = false;     // Lemma D2 assumptions proved (D1 window certifies ε, ε ≥ 0, uniform law)
  Evidence bound_evidence = Evidence::estimate;  // level of d2_valid and of "d2.expected ≥ the exact bound"
  Json describe(int digits) const;  // the bookkeeping of docs/sparse.md §1.2 / SC-21
};

// Builds the instance and decides recovery (proved, see Instance). Throws
// ParameterError naming the parameter of a bad value; with spec.certify,
// std::invalid_argument unless recovery is proved.
template <class T> Instance<T> build_instance(const InstanceSpec& spec);

// Certificate (b) along W(t) = A*ᵀ + tΔ for the exact instance (its dictionary and
// threshold in balls); nullopt when the threshold is not enclosed.
template <class T> std::optional<PerRowProver> per_row_prover(const InstanceSpec& spec, const Instance<T>& I);

// The value law of `spec` in T (decimals parsed exactly for rationals).
template <class T> ValueLaw<T> value_law_of(const InstanceSpec& spec);

// Reads an n × h (or h × n) matrix in T: CSV decimals parsed exactly for
// rationals; .npy doubles converted exactly.
template <class T> Mat<T> read_matrix_as(const std::string& path);

template <class T> Json decimal_vector(const Vec<T>& v, int digits);

}  // namespace ael::sparse
