// Output checks shared by the subcommands (issue #14 items 15, 17, 18, 20):
// output paths checked before any work, files written atomically, stdout write
// errors detected, no NaN/inf among the results, memory estimated up front.
// Implemented in cli/common.cpp.
#pragma once

#include "cli/common.hpp"
#include "core/eigen_mp.hpp"

#include <string>

namespace ael::cli {

// Call before any work: refuses an unknown --format and an --output that cannot be
// written ("-" and empty mean stdout).
void check_output(const OutputOptions& options);
// Throws std::invalid_argument "<option> <path>: <problem>" unless `path` can be
// written (core check_writable); "-" and "" (stdout) pass. For every output option
// of a command (--output, --save-*, --log, ...), before any work.
void check_output_path(const std::string& option, const std::string& path);
// Writes bytes to `path` atomically (core write_file_atomically), or to stdout for
// "-"/"" (flushed and checked: a failed write, e.g. to /dev/full, throws). Errors
// name the option. emit() writes through this.
void write_output_file(const std::string& option, const std::string& path, const std::string& bytes);

// Throws std::invalid_argument naming the first result (JSON path) that is NaN or
// infinite, as a float or as a decimal string ("nan", "-inf", ...), followed by
// `hint`. Call before writing anything where no value may legitimately be infinite.
void require_finite_results(const Json& doc, const std::string& hint = "");

// Refuses work whose dense storage would not fit: `bytes` estimated up front and
// compared with 80% of min(physical memory, address-space limit). `what` names the
// object and the options that size it.
void require_memory(double bytes, const std::string& what);
// Bytes of one scalar T with its heap part (MPFR limbs) at the working precision.
template <class T> double scalar_bytes();

}  // namespace ael::cli
