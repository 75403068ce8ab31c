// Fuzz targets of the input parsers (scripts/fuzz runs them under libFuzzer;
// fuzz_replay.cpp feeds the kept inputs to them in the normal build). Each
// takes arbitrary bytes; parsing must end in a value or a std::exception —
// never a crash, a sanitizer report, a hang or an unbounded allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace ael::fuzz {

// Target names: csv, npy, idx, gzip (a .csv.gz file), decimal (parse_scalar in
// double and MPFR, and the exact rational parser of the sparse path).
bool is_target(const std::string& name);
// Runs one input; returns the number of inputs that parsed (0 when every parser
// threw). Any exception other than std::exception escapes.
int run_target(const std::string& name, const std::uint8_t* data, std::size_t size);

}  // namespace ael::fuzz
