// Options and helpers shared by the `sparse` subcommands.
#pragma once

#include "api/sparse.hpp"
#include "cli/cmd_sign_common.hpp"  // parse_seed, seed_validator, check_output_paths
#include "cli/common.hpp"
#include "sparse/instance.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

namespace ael::cli {

// A choice flag bound to a typed field of the library: CLI11 checks the word
// against `words` (IsMember, so the message names the flag and the allowed
// words), then `parse` (sparse::parse_*) stores the enum. The default shown is
// word(target) at declaration time.
template <class E>
CLI::Option* add_choice(CLI::App& cmd, const std::string& flag, E& target, E (*parse)(const std::string&), const char* (*word)(E),
                        const std::vector<std::string>& words, const std::string& help) {
  return cmd.add_option_function<std::string>(flag, [&target, parse](const std::string& w) { target = parse(w); }, help)
      ->check(CLI::IsMember(words))
      ->default_str(word(target));
}

// The instance flags (dictionary, weights, laws, threshold) of every sparse
// subcommand, with the recovery gate --require-recovery-proof (spec.certify:
// refuse a threshold recovery is not proved for). --certify is added by each
// command: the gate itself on expected-gradient (its certified route), a
// refusal (refuse_sparse_certify) on the commands whose numbers are estimates.
void add_instance_options(CLI::App& cmd, sparse::InstanceSpec& spec);

// --certify on a sparse command without a certified route: one-line refusal
// "sparse NAME --certify: WHY; the exact expectation is `sparse expected-gradient
// --certify` (or --require-recovery-proof ...)" (docs/cli.md, "aelandscape sparse").
void refuse_sparse_certify(CLI::App& cmd, const std::string& why);

using api::sqrt_decimal;  // api/sparse.hpp

// The commands whose path is fixed at W = A*' drop --delta and --weights-file
// (they would be ignored) and default --eps-frac to `eps_frac` when neither
// --eps nor --eps-frac is given.
void drop_weight_options(CLI::App& cmd);
void default_threshold(sparse::InstanceSpec& spec, const std::string& eps_frac);

}  // namespace ael::cli

namespace ael::cli {
void add_sparse_monte_carlo(CLI::App& group);  // cmd_sparse_mc.cpp
void add_sparse_sweep_h(CLI::App& group);      // cmd_sparse_sweep.cpp
void add_sparse_train(CLI::App& group);        // cmd_sparse_train.cpp
void add_sparse_landscape(CLI::App& group);    // cmd_sparse_landscape.cpp
}  // namespace ael::cli
