// Matrix file I/O: CSV (optionally gzip-compressed), NumPy .npy, MNIST IDX,
// and the built-in datasets. Every read error is an InputError whose message
// is one line of the form "<path>: <problem>" (with line/column where known).
#pragma once

#include "core/eigen_mp.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace ael {

struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ReadOptions {
  bool skip_header = false;       // CSV only: skip the first non-blank line
  bool drop_last_column = false;  // drop the last column (labels); CSV labels need not be numeric
};

// Reads a matrix file, one sample per row. Format by (case-insensitive) name,
// after removing a trailing ".gz" (which is decompressed through zlib):
//   .csv / .txt, or a bare "x.gz"  comma separated, cells parsed with parse_scalar<T>;
//   .npy                           float64/float32, little-endian, C or Fortran order,
//                                  1-D (k -> k x 1) or 2-D;
//   .idx / name ending in "-ubyte" MNIST IDX: images (0x00000803) -> images x pixels,
//                                  labels (0x00000801) -> k x 1, values 0..255.
// NaN and infinite values are rejected in every format.
template <class T> Mat<T> read_matrix(const std::string& path, const ReadOptions& options = {});

// CSV with `digits` significant digits per value (`digits` >= 1).
template <class T> void write_csv(const std::string& path, const Mat<T>& M, int digits);
// NumPy .npy, float64, C order; mp_real values are stored rounded to double.
template <class T> void write_npy(const std::string& path, const Mat<T>& M);
// Both writers refuse non-finite values (the readers would reject the file).

// Checks, before any work, that `path` can be written: not a directory, its
// directory exists and accepts a new file (or it is a device such as /dev/null
// that opens for writing). Leaves nothing behind. Throws std::invalid_argument
// "<path>: <problem>".
void check_writable(const std::string& path);  // defined with the atomic writer (core/atomic_write.hpp)

// Built-in datasets by name: "digits" (1797 x 64, label column dropped).
bool is_builtin_dataset(const std::string& name);
// A built-in name wins over a file of the same name; `options` apply to files only.
template <class T> Mat<T> load_dataset(const std::string& name_or_path, const ReadOptions& options = {});

// Columns (rows = samples) whose values are all exactly equal.
template <class T> std::vector<int> constant_columns(const Mat<T>& X);

}  // namespace ael
