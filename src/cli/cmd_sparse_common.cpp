#include "cli/cmd_sparse_common.hpp"

#include "cli/runner.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ael::cli {

void add_instance_options(CLI::App& cmd, sparse::InstanceSpec& s) {
  // Choices are checked by the parser (IsMember); decimals stay text and are parsed
  // exactly (or at the working precision) by sparse::build_instance, whose errors
  // name the parameter (printed as the flag by cli/errors.cpp).
  auto* dictionary = add_choice(cmd, "--dictionary", s.dictionary, sparse::parse_dictionary, sparse::dictionary_word,
                                {"identity-hadamard", "gaussian"}, "identity-hadamard: [I | H/sqrt(n)], h = 2n; gaussian: seeded, needs --h");
  cmd.add_option("--dictionary-file", s.dictionary_file, "n x h dictionary (CSV or .npy); columns must be unit norm")->excludes(dictionary);
  cmd.add_flag("--normalise", s.normalise, "normalise dictionary columns (otherwise non-unit columns are an error)");
  cmd.add_option("--n", s.n, "signal dimension n")->capture_default_str();
  cmd.add_option("--h", s.h, "number of atoms h (gaussian dictionary)");
  cmd.add_option("--seed", s.seed, "seed of the gaussian dictionary and of the directions of --delta")
      ->check(seed_validator())
      ->capture_default_str();
  auto* delta = cmd.add_option("--delta", s.delta, "rows W_i = A*_i + delta u_i with seeded unit u_i (0: W = A*')")
                    ->check(decimal_in({"0", "", false, false}))
                    ->capture_default_str();
  cmd.add_option("--weights-file", s.weights_file, "h x n weights W (CSV or .npy)")->excludes(delta);
  cmd.add_option("--k", s.k, "support size (1 <= k < h)")->capture_default_str();
  add_choice(cmd, "--support", s.support, sparse::parse_support, sparse::support_word, {"uniform", "bernoulli"},
             "uniform: k-subsets; bernoulli: i.i.d. inclusion q");
  cmd.add_option("--q", s.q, "Bernoulli inclusion probability (default k/h)")->check(decimal_in({"0", "1", true, true}));
  add_choice(cmd, "--value-law", s.value_law, sparse::parse_value_law, sparse::value_law_word, {"finite", "uniform", "moments"},
             "finite: --values/--probs; uniform: --interval; moments: --interval, --moments");
  cmd.add_option("--values", s.values, "atoms of the finite value law (all > 0)")->capture_default_str();
  cmd.add_option("--probs", s.probs, "their probabilities (default equiprobable)");
  cmd.add_option("--interval", s.interval, "a,b: support of an interval value law (0 < a <= b)");
  cmd.add_option("--moments", s.moments, "m1,m2: moments of the 'moments' value law");
  cmd.add_option("--eps", s.eps, "constant threshold epsilon")->check(decimal_number(false));
  cmd.add_option("--eps-frac", s.eps_frac, "threshold at lo + t (hi - lo) of the recovery window (t in [0,1))")
      ->check(decimal_in({"0", "1", false, true}));
  add_choice(cmd, "--window", s.window, sparse::parse_window, sparse::window_word, {"d1", "uniform", "per-row"},
             "window used by --eps-frac: d1 (Lemma D1), uniform (certificate a), per-row (certificate b)");
  cmd.add_flag("--require-recovery-proof", s.certify,
               "fail (exit 2) unless support recovery at this epsilon is proved (exactly or by balls)");
}

void refuse_sparse_certify(CLI::App& cmd, const std::string& why) {
  refuse_certify(cmd, "sparse " + cmd.get_name() + " --certify: " + why +
                          "; the exact expectation is `sparse expected-gradient --certify` (or --require-recovery-proof to refuse "
                          "unproved recovery)");
}

void drop_weight_options(CLI::App& cmd) {
  cmd.remove_option(cmd.get_option("--delta"));
  cmd.remove_option(cmd.get_option("--weights-file"));
}

void default_threshold(sparse::InstanceSpec& spec, const std::string& eps_frac) {
  if (spec.eps.empty() && spec.eps_frac.empty()) spec.eps_frac = eps_frac;
}

}  // namespace ael::cli
