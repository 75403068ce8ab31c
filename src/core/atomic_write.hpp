// Output files written whole or not at all (issue #14 item 18), and the bytes of
// the matrix writers of core/io.hpp. Every error is an InputError "<path>: <problem>".
#pragma once

#include "core/io.hpp"

#include <string>

namespace ael {

// Writes `bytes` to a temporary file in the destination's directory and renames it
// over `path`, so an interrupted or failed write never leaves a partial file under
// `path`. Devices and pipes (/dev/null, /dev/stdout, a FIFO) cannot be replaced by a
// rename and are written in place; a symbolic link is followed to its target.
void write_file_atomically(const std::string& path, const std::string& bytes);
// Verifies, before any work, that `path` can be written that way (its directory
// exists and accepts a new file, `path` is not a directory); leaves nothing behind.
void check_writable(const std::string& path);

// The bytes write_csv / write_npy write (they go through write_file_atomically);
// `path` only names the file in error messages. Non-finite values are refused.
template <class T> std::string csv_bytes(const std::string& path, const Mat<T>& M, int digits);
template <class T> std::string npy_bytes(const std::string& path, const Mat<T>& M);

}  // namespace ael
