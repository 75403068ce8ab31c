// SHA-256 (FIPS 180-4) of a byte string or a file, as 64 lowercase hex digits.
// Used by `aelandscape paper` for the manifest's per-artifact digests; tested
// against the FIPS 180-4 / NIST example vectors in tests/test_paper.cpp.
#pragma once

#include <string>

namespace ael {

std::string sha256_hex(const std::string& bytes);
// Throws std::runtime_error when the file cannot be read.
std::string sha256_file_hex(const std::string& path);

}  // namespace ael
