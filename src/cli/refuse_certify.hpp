// --certify on a command without a certified route (docs/cli.md "`--certify`"):
// the flag is accepted only to refuse it. Its callback throws while the command
// line is parsed, so the refusal is the usual bad-input path (cli/errors.cpp: one
// line on stderr, exit 2) before any work and with nothing on stdout. `message`
// names the command and the nearest certified alternative.
#pragma once

#include <CLI/CLI.hpp>

#include <stdexcept>
#include <string>

namespace ael::cli {

inline void refuse_certify(CLI::App& cmd, const std::string& message) {
  cmd.add_flag_callback("--certify", [message] { throw std::invalid_argument(message); },
                        "not available here: refuses with the nearest certified alternative");
}

}  // namespace ael::cli
