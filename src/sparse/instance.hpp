// One sparse-coding instance built from user-facing settings (strings, so
// that every decimal is parsed at the working precision or exactly): the
// dictionary, the weights, the laws, the recovery windows and certificates,
// the threshold and the Lemma D2 bound. Shared by the CLI, checks and tests.
#pragma once

#include "core/report.hpp"
#include "sparse/expected.hpp"
#include "sparse/recovery.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ael::sparse {

struct InstanceSpec {
  std::string dictionary = "identity-hadamard";  // identity-hadamard | gaussian
  std::string dictionary_file;                    // CSV/.npy, n × h (overrides `dictionary`)
  bool normalise = false;                         // normalise file/gaussian columns explicitly
  int n = 64, h = 0;                              // h: gaussian only (HAD has h = 2n)
  std::uint64_t seed = 1;                         // dictionary and direction seed
  std::string delta = "0";                        // rows at distance exactly δ from A*_i
  std::string weights_file;                       // h × n weights (overrides delta)
  int k = 2;
  std::string support = "uniform";                // uniform | bernoulli
  std::string q;                                  // Bernoulli inclusion (default k/h)
  std::string value_law = "finite";               // finite | uniform | moments
  std::string values = "0.95,1.05", probs;        // finite law atoms and probabilities
  std::string interval, moments;                  // "a,b" and "m1,m2"
  std::string eps, eps_frac;                      // threshold: value, or position in the window
  std::string window = "d1";                      // d1 | uniform | per-row: window used by eps_frac
  bool certify = false;                           // refuse thresholds the certificate does not cover
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
  std::string window_kind;   // the window that sets ε (spec.window)
  Window<T> chosen;
  T eps{};                   // the constant threshold
  Certifier certifier = Certifier::none_outside_d1;
  bool recovery_certified = false;  // certifier is one of the certificates (never for Bernoulli supports)
  std::string certified_by;         // certifier_text(certifier)
  LemmaD2<T> d2;
  bool d2_valid = false;     // Lemma D2 assumptions hold (D1 window certifies ε, ε ≥ 0, uniform law)
  Json describe(int digits) const;  // the instance bookkeeping of docs/sparse.md §1 (SC-21)
};

template <class T> Instance<T> build_instance(const InstanceSpec& spec);

// Reads an n × h (or h × n) matrix in T: CSV decimals parsed exactly for
// rationals; .npy doubles converted exactly.
template <class T> Mat<T> read_matrix_as(const std::string& path);

template <class T> Json decimal_vector(const Vec<T>& v, int digits);

}  // namespace ael::sparse
