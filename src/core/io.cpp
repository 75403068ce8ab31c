#include "core/io.hpp"
#include "core/csv_cells.hpp"

#include "core/exact.hpp"
#include "core/io_exact.hpp"

#include "core/atomic_write.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ael {

namespace {
namespace fs = std::filesystem;
using Bytes = std::string;  // whole file contents; std::string is a convenient byte buffer

// Every message is "<path>: <problem>". Control characters (e.g. from a binary
// file misread as CSV) are masked so the message always stays on one line.
[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  std::string message = path + ": " + problem;
  for (char& ch : message)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '?';
  throw InputError(message);
}

std::string lowercase(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Offending text is quoted but shortened: a binary file misread as CSV can
// have "cells" of megabytes.
std::string quote_short(const std::string& text) {
  return "'" + (text.size() <= 40 ? text : text.substr(0, 40) + "...") + "'";
}

// Datasets that Debian packages install, named in the error when they are missing.
std::string missing_file_hint(const std::string& path) {
  if (path.find("/usr/share/datasets/fashion-mnist/") != std::string::npos)
    return " (Fashion-MNIST is installed by the Debian package dataset-fashion-mnist)";
  return "";
}

void require_readable_file(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) fail(path, "file not found" + missing_file_hint(path));
  if (fs::is_directory(path, ec)) fail(path, "is a directory, not a file");
}

Bytes read_plain(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) fail(path, "read error");
  return contents.str();
}

// Going through zlib's gz* API also reports a stream that is cut short or
// corrupt, which would otherwise look like a valid but shorter file.
Bytes read_gzip(const std::string& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) fail(path, std::string("cannot open: ") + std::strerror(errno));
  Bytes out;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(gz, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  int err = Z_OK;
  std::string zlib_message = gzerror(gz, &err);  // copied: invalid after gzclose
  if (zlib_message.compare(0, path.size() + 2, path + ": ") == 0) zlib_message.erase(0, path.size() + 2);
  const bool read_failed = n < 0 || (err != Z_OK && err != Z_STREAM_END);
  const int close_rc = gzclose(gz);
  if (read_failed) fail(path, "corrupt gzip data (" + zlib_message + ")");
  if (close_rc != Z_OK) fail(path, "truncated or corrupt gzip data");
  return out;
}

enum class Format { Csv, Npy, Idx };

// Decides the format from the name with any ".gz" removed, so e.g. "x.npy.gz"
// and "train-images-idx3-ubyte.gz" work; a bare "x.gz" is CSV.
Format detect_format(const std::string& path, bool& gzipped) {
  std::string name = lowercase(fs::path(path).filename().string());
  gzipped = ends_with(name, ".gz");
  if (gzipped) name.resize(name.size() - 3);
  if (ends_with(name, ".npy")) return Format::Npy;
  if (ends_with(name, ".idx") || ends_with(name, "-ubyte")) return Format::Idx;
  if (ends_with(name, ".csv") || ends_with(name, ".txt")) return Format::Csv;
  if (gzipped && fs::path(name).extension().empty()) return Format::Csv;
  const std::string ext = fs::path(name).extension().string();
  fail(path, (ext.empty() ? std::string("no file extension") : "unsupported file type '" + ext + "'") +
                 " (expected .csv, .txt, .npy, .idx or -ubyte, optionally with .gz)");
}

bool is_blank(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

std::vector<std::string> split_cells(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  for (size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1)
    cells.push_back(line.substr(start, comma - start));
  cells.push_back(line.substr(start));
  return cells;
}

template <class T> T parse_cell(const std::string& path, long line_no, size_t column, const std::string& cell) {
  try {
    return parse_scalar<T>(cell);
  } catch (const std::invalid_argument& e) {
    const std::string where = "line " + std::to_string(line_no) + ", column " + std::to_string(column + 1) + ": ";
    // parse_scalar's message quotes the whole cell; fall back to a shortened quote for huge cells.
    fail(path, where + (cell.size() <= 40 ? e.what() : quote_short(cell) + " is not a finite decimal number"));
  }
}

// Walks the data cells of a CSV text in order, calling cell(line_no, column, text)
// for each kept cell; returns the number of data rows. Shape errors are raised
// in file order, interleaved with whatever cell() raises.
template <class F> long scan_csv(const std::string& path, const Bytes& text, const ReadOptions& options, F cell) {
  size_t width = 0;  // cells per line, fixed by the first data line
  long rows = 0, first_data_line = 0;
  bool header_pending = options.skip_header;
  size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // UTF-8 byte-order mark written by Excel
  for (long line_no = 1; pos < text.size(); ++line_no) {
    size_t end = std::min(text.find('\n', pos), text.size());
    const std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (is_blank(line)) continue;  // blank lines (e.g. trailing ones) carry no sample
    if (header_pending) {
      header_pending = false;
      continue;
    }
    const std::vector<std::string> cells = split_cells(line);
    if (width == 0) {
      width = cells.size();
      first_data_line = line_no;
      if (options.drop_last_column && width == 1)
        fail(path, "only one column, nothing left after dropping the label column");
    } else if (cells.size() != width) {
      fail(path, "line " + std::to_string(line_no) + " has " + std::to_string(cells.size()) + " columns, expected " +
                     std::to_string(width) + " (as on line " + std::to_string(first_data_line) + ")");
    }
    const size_t kept = options.drop_last_column ? width - 1 : width;  // labels may be non-numeric: not parsed
    for (size_t c = 0; c < kept; ++c) cell(line_no, c, cells[c]);
    ++rows;
  }
  if (rows == 0) fail(path, options.skip_header ? "no data rows after the header" : "no data rows");
  return rows;
}

// Cells are parsed straight from text with parse_scalar<T>, so for mp_real every
// written digit reaches the working precision (no detour through double).
template <class T> Mat<T> parse_csv(const std::string& path, const Bytes& text, const ReadOptions& options) {
  std::vector<T> values;
  const long rows = scan_csv(path, text, options, [&](long line_no, size_t c, const std::string& cell) {
    values.push_back(parse_cell<T>(path, line_no, c, cell));
  });
  const long cols = static_cast<long>(values.size()) / rows;
  Mat<T> M(rows, cols);
  for (long i = 0; i < rows; ++i)
    for (long j = 0; j < cols; ++j) M(i, j) = std::move(values[static_cast<size_t>(i * cols + j)]);
  return M;
}

// Unsigned integer of n bytes at p, assembled byte by byte so the host's own
// byte order does not matter (NPY is little-endian, IDX big-endian).
std::uint64_t little_endian(const unsigned char* p, int n) {
  std::uint64_t v = 0;
  for (int k = n - 1; k >= 0; --k) v = (v << 8) | p[k];
  return v;
}
std::uint64_t big_endian(const unsigned char* p, int n) {
  std::uint64_t v = 0;
  for (int k = 0; k < n; ++k) v = (v << 8) | p[k];
  return v;
}

const unsigned char* bytes_at(const Bytes& b, size_t offset) {
  return reinterpret_cast<const unsigned char*>(b.data()) + offset;
}

// Rejects shapes whose data would not fit in `available` bytes, dividing
// instead of multiplying so that absurd header values cannot overflow.
void require_data(const std::string& path, std::uint64_t rows, std::uint64_t cols, std::uint64_t item_size,
                  std::uint64_t available) {
  if (rows == 0 || cols == 0) fail(path, "no data (" + std::to_string(rows) + " x " + std::to_string(cols) + ")");
  if (rows > available / item_size / cols)
    fail(path, "truncated: shape " + std::to_string(rows) + " x " + std::to_string(cols) + " needs " +
                   std::to_string(item_size) + " bytes per value but only " + std::to_string(available) +
                   " data bytes are present");
}

struct NpyHeader {
  std::string descr;
  bool fortran_order = false;
  std::vector<std::uint64_t> shape;
  size_t data_offset = 0;
};

// Position just after "'key':" in NumPy's Python-literal header dict.
size_t npy_value_pos(const std::string& path, const std::string& dict, const std::string& key) {
  size_t at = dict.find("'" + key + "'");
  if (at == std::string::npos) at = dict.find("\"" + key + "\"");
  const size_t colon = at == std::string::npos ? at : dict.find(':', at);
  if (colon == std::string::npos) fail(path, "malformed .npy header: no '" + key + "' entry");
  return dict.find_first_not_of(" \t", colon + 1);
}

std::vector<std::uint64_t> npy_shape(const std::string& path, const std::string& dict) {
  const size_t open = npy_value_pos(path, dict, "shape");
  const size_t close = open == std::string::npos ? open : dict.find(')', open);
  if (close == std::string::npos || dict[open] != '(') fail(path, "malformed .npy header: bad 'shape'");
  std::vector<std::uint64_t> shape;
  std::istringstream items(dict.substr(open + 1, close - open - 1));
  for (std::string item; std::getline(items, item, ',');) {
    item.erase(std::remove_if(item.begin(), item.end(), [](unsigned char ch) { return std::isspace(ch); }), item.end());
    if (item.empty()) continue;  // trailing comma of a 1-tuple "(5,)"
    if (item.size() > 18 || item.find_first_not_of("0123456789") != std::string::npos)
      fail(path, "malformed .npy header: bad shape entry " + quote_short(item));
    shape.push_back(std::stoull(item));
  }
  return shape;
}

NpyHeader parse_npy_header(const std::string& path, const Bytes& b) {
  if (b.size() < 10 || b.compare(0, 6, "\x93NUMPY") != 0) fail(path, "not a .npy file (bad magic bytes)");
  const int major = static_cast<unsigned char>(b[6]);
  if (major < 1 || major > 3) fail(path, "unsupported .npy format version " + std::to_string(major));
  const int len_bytes = major == 1 ? 2 : 4;  // version 1 has a 16-bit header length, 2 and 3 a 32-bit one
  const size_t start = 8 + static_cast<size_t>(len_bytes);
  if (b.size() < start) fail(path, "truncated .npy header");
  const std::uint64_t len = little_endian(bytes_at(b, 8), len_bytes);
  if (len > b.size() - start) fail(path, "truncated .npy header");
  const std::string dict = b.substr(start, len);

  NpyHeader h;
  h.data_offset = start + len;
  const size_t d = npy_value_pos(path, dict, "descr");
  const size_t d_end = d == std::string::npos ? d : dict.find(dict[d], d + 1);
  if (d_end == std::string::npos || (dict[d] != '\'' && dict[d] != '"'))
    fail(path, "malformed .npy header: bad 'descr'");
  h.descr = dict.substr(d + 1, d_end - d - 1);
  const size_t f = npy_value_pos(path, dict, "fortran_order");
  const std::string flag = f == std::string::npos ? "" : dict.substr(f, dict.compare(f, 4, "True") == 0 ? 4 : 5);
  if (flag != "True" && flag != "False") fail(path, "malformed .npy header: bad 'fortran_order'");
  h.fortran_order = flag == "True";
  h.shape = npy_shape(path, dict);
  return h;
}

void check_npy_dtype(const std::string& path, const std::string& descr) {
  if (descr == "<f8" || descr == "<f4") return;
  const bool big_endian_float = descr == ">f8" || descr == ">f4";
  fail(path, "unsupported .npy dtype '" + descr + "'" + (big_endian_float ? " (big-endian)" : "") +
                 "; expected little-endian float64 '<f8' or float32 '<f4'");
}

double npy_item(const unsigned char* p, size_t item_size) {
  if (item_size == 8) {
    const std::uint64_t bits = little_endian(p, 8);
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  const auto bits = static_cast<std::uint32_t>(little_endian(p, 4));
  float v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

std::string position(std::uint64_t i, std::uint64_t j) {
  return "row " + std::to_string(i + 1) + ", column " + std::to_string(j + 1);
}

template <class T> Mat<T> parse_npy(const std::string& path, const Bytes& b) {
  const NpyHeader h = parse_npy_header(path, b);
  check_npy_dtype(path, h.descr);
  if (h.shape.empty() || h.shape.size() > 2)
    fail(path, "array has " + std::to_string(h.shape.size()) + " dimensions; expected 1-D or 2-D");
  const std::uint64_t rows = h.shape[0], cols = h.shape.size() == 2 ? h.shape[1] : 1;
  const size_t item_size = h.descr == "<f8" ? 8 : 4;
  require_data(path, rows, cols, item_size, b.size() - h.data_offset);

  Mat<T> M(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  const unsigned char* data = bytes_at(b, h.data_offset);
  for (std::uint64_t k = 0; k < rows * cols; ++k) {
    // C order stores rows contiguously, Fortran order columns.
    const std::uint64_t i = h.fortran_order ? k % rows : k / cols;
    const std::uint64_t j = h.fortran_order ? k / rows : k % cols;
    const double v = npy_item(data + k * item_size, item_size);
    if (std::isnan(v)) fail(path, position(i, j) + " is NaN");
    if (std::isinf(v)) fail(path, position(i, j) + " is infinite");
    M(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = T(v);
  }
  return M;
}

template <class T> Mat<T> parse_idx(const std::string& path, const Bytes& b) {
  if (b.size() < 4) fail(path, "truncated IDX header");
  const std::uint64_t magic = big_endian(bytes_at(b, 0), 4);
  if (magic != 0x803 && magic != 0x801) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08llx", static_cast<unsigned long long>(magic));
    fail(path,
         std::string("bad IDX magic number ") + hex + " (expected 0x00000803 for images or 0x00000801 for labels)");
  }
  const size_t header = magic == 0x803 ? 16 : 8;  // magic + one 32-bit size per dimension
  if (b.size() < header) fail(path, "truncated IDX header");
  const std::uint64_t rows = big_endian(bytes_at(b, 4), 4);
  const std::uint64_t cols = magic == 0x803 ? big_endian(bytes_at(b, 8), 4) * big_endian(bytes_at(b, 12), 4) : 1;
  require_data(path, rows, cols, 1, b.size() - header);

  Mat<T> M(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  const unsigned char* data = bytes_at(b, header);
  // Column by column: the (column-major) matrix is written contiguously.
  for (std::uint64_t j = 0; j < cols; ++j)
    for (std::uint64_t i = 0; i < rows; ++i)
      M(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = T(static_cast<int>(data[i * cols + j]));
  return M;
}

// A new, empty temporary file next to `path` (same directory, so rename is atomic).
struct TempFile {
  std::string name;
  int fd = -1;
  explicit TempFile(const std::string& path) {
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (fs::is_directory(target, ec)) fail(path, "is a directory");
    if (!fs::is_directory(dir, ec)) fail(path, "cannot write: directory '" + dir.string() + "' does not exist");
    std::string pattern = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
    fd = ::mkstemp(pattern.data());
    if (fd < 0) fail(path, std::string("cannot write: ") + std::strerror(errno));
    name = pattern;
  }
  ~TempFile() {
    if (fd >= 0) ::close(fd);
    if (!name.empty()) ::unlink(name.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};

// Devices and pipes (/dev/null, /dev/stdout, a FIFO) cannot be replaced by a
// rename: they are written in place. A symbolic link is followed to its target.
bool is_special(const std::string& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  return !ec && fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status);
}

std::string resolved(const std::string& path) {
  std::error_code ec;
  if (!fs::is_symlink(path, ec)) return path;
  const fs::path target = fs::weakly_canonical(path, ec);
  return ec ? path : target.string();
}

void write_all(const std::string& path, int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(path, std::string("write error: ") + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
}

int open_special(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY);
  if (fd < 0) fail(path, std::string("cannot write: ") + std::strerror(errno));
  return fd;
}

struct Builtin {
  const char* name;
  const char* file;
};
// Built-in datasets are stored with their label as the last column.
const Builtin kBuiltins[] = {{"digits", "digits.csv.gz"}};

}  // namespace

template <class T> Mat<T> read_matrix(const std::string& path, const ReadOptions& options) {
  require_readable_file(path);
  bool gzipped = false;
  const Format format = detect_format(path, gzipped);
  const Bytes contents = gzipped ? read_gzip(path) : read_plain(path);
  if (format == Format::Csv) return parse_csv<T>(path, contents, options);
  Mat<T> M = format == Format::Npy ? parse_npy<T>(path, contents) : parse_idx<T>(path, contents);
  if (!options.drop_last_column) return M;
  if (M.cols() == 1) fail(path, "only one column, nothing left after dropping the label column");
  return M.leftCols(M.cols() - 1);
}

template <class T> std::string csv_bytes(const std::string& path, const Mat<T>& M, int digits) {
  if (digits < 1) fail(path, "write_csv needs at least 1 significant digit (got " + std::to_string(digits) + ")");
  std::string out;
  for (Eigen::Index i = 0; i < M.rows(); ++i) {
    for (Eigen::Index j = 0; j < M.cols(); ++j) {
      if (!is_finite(M(i, j))) fail(path, "refusing to write non-finite value at " + position(i, j));
      if (j) out += ',';
      out += to_decimal(M(i, j), digits);
    }
    out += '\n';
  }
  return out;
}

template <class T> std::string npy_bytes(const std::string& path, const Mat<T>& M) {
  std::string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + std::to_string(M.rows()) + ", " +
                     std::to_string(M.cols()) + "), }";
  // NumPy pads the header with spaces so the data starts 64-byte aligned, ending in '\n'.
  const size_t unpadded = 10 + dict.size() + 1;
  dict += std::string((64 - unpadded % 64) % 64, ' ') + '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(dict.size() & 0xff);
  out += static_cast<char>(dict.size() >> 8);
  out += dict;
  for (Eigen::Index i = 0; i < M.rows(); ++i) {
    for (Eigen::Index j = 0; j < M.cols(); ++j) {
      const double v = to_double(M(i, j));
      if (!std::isfinite(v)) fail(path, "refusing to write non-finite (as double) value at " + position(i, j));
      std::uint64_t bits;
      std::memcpy(&bits, &v, sizeof bits);
      for (int k = 0; k < 8; ++k) out += static_cast<char>((bits >> (8 * k)) & 0xff);
    }
  }
  return out;
}

bool stores_doubles(const std::string& name_or_path) {
  if (is_builtin_dataset(name_or_path)) return false;
  bool gzipped = false;
  try {
    return detect_format(name_or_path, gzipped) != Format::Csv;
  } catch (const InputError&) {
    return false;  // the reader reports the bad name
  }
}


void write_file_atomically(const std::string& path_in, const std::string& bytes) {
  const std::string path = resolved(path_in);
  if (is_special(path)) {
    const int fd = open_special(path);
    try {
      write_all(path, fd, bytes);
    } catch (...) {
      ::close(fd);
      throw;
    }
    if (::close(fd) != 0) fail(path, std::string("write error: ") + std::strerror(errno));
    return;
  }
  TempFile tmp(path);
  write_all(path, tmp.fd, bytes);
  if (::fsync(tmp.fd) != 0 && errno != EINVAL) fail(path, std::string("write error: ") + std::strerror(errno));
  const int fd = tmp.fd;
  tmp.fd = -1;
  if (::close(fd) != 0) fail(path, std::string("write error: ") + std::strerror(errno));
  // mkstemp creates 0600; give the file the permissions an ordinary create would.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(tmp.name.c_str(), 0666 & ~mask);
  if (::rename(tmp.name.c_str(), path.c_str()) != 0) fail(path, std::string("cannot write: ") + std::strerror(errno));
  tmp.name.clear();  // renamed: nothing to remove
}

void check_writable(const std::string& path_in) {
  if (path_in.empty()) fail(path_in, "empty file name");
  const std::string path = resolved(path_in);
  if (is_special(path)) {
    ::close(open_special(path));
    return;
  }
  TempFile probe(path);  // created and removed again
}

template <class T> void write_csv(const std::string& path, const Mat<T>& M, int digits) {
  write_file_atomically(path, csv_bytes(path, M, digits));
}

template <class T> void write_npy(const std::string& path, const Mat<T>& M) { write_file_atomically(path, npy_bytes(path, M)); }

bool is_builtin_dataset(const std::string& name) {
  return std::any_of(std::begin(kBuiltins), std::end(kBuiltins), [&](const Builtin& b) { return name == b.name; });
}

template <class T> Mat<T> load_dataset(const std::string& name_or_path, const ReadOptions& options) {
  for (const Builtin& b : kBuiltins)
    if (name_or_path == b.name) return read_matrix<T>(std::string(AEL_DATA_DIR) + "/" + b.file, {false, true});
  std::error_code ec;
  if (!fs::exists(name_or_path, ec))
    fail(name_or_path, "no such file, and not a built-in dataset (built-in: digits)" + missing_file_hint(name_or_path));
  return read_matrix<T>(name_or_path, options);
}

bool read_csv_cells(const std::string& name_or_path, const ReadOptions& options, long& rows, long& cols,
                    std::vector<std::string>& cells) {
  std::string path = name_or_path;
  ReadOptions ro = options;
  for (const Builtin& b : kBuiltins)
    if (name_or_path == b.name) path = std::string(AEL_DATA_DIR) + "/" + b.file, ro = {false, true};
  require_readable_file(path);
  bool gzipped = false;
  if (detect_format(path, gzipped) != Format::Csv) return false;
  const Bytes contents = gzipped ? read_gzip(path) : read_plain(path);
  cells.clear();
  rows = scan_csv(path, contents, ro, [&](long line_no, size_t c, const std::string& cell) {
    parse_cell<mp_real>(path, line_no, c, cell);  // the same syntax check as the numeric readers
    const size_t b = cell.find_first_not_of(" \t\r"), e = cell.find_last_not_of(" \t\r");
    cells.push_back(cell.substr(b, e - b + 1));
  });
  cols = static_cast<long>(cells.size()) / rows;
  return true;
}

// Exact equality on purpose: only exactly constant columns make Sigma_xx
// exactly singular; nearly constant ones are a conditioning question.
template <class T> std::vector<int> constant_columns(const Mat<T>& X) {
  std::vector<int> constant;
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    bool same = true;
    for (Eigen::Index i = 1; i < X.rows() && same; ++i) same = X(i, j) == X(0, j);
    if (same) constant.push_back(static_cast<int>(j));
  }
  return constant;
}


#define AEL_IO_INSTANTIATE(T)                                              \
  template Mat<T> read_matrix<T>(const std::string&, const ReadOptions&);  \
  template void write_csv<T>(const std::string&, const Mat<T>&, int);      \
  template void write_npy<T>(const std::string&, const Mat<T>&);           \
  template std::string csv_bytes<T>(const std::string&, const Mat<T>&, int); \
  template std::string npy_bytes<T>(const std::string&, const Mat<T>&);    \
  template Mat<T> load_dataset<T>(const std::string&, const ReadOptions&); \
  template std::vector<int> constant_columns<T>(const Mat<T>&);
AEL_IO_INSTANTIATE(double)
AEL_IO_INSTANTIATE(mp_real)
// Exact reads (CSV cells as decimals or fractions p/q, .npy doubles as dyadic rationals).
template Mat<rational> read_matrix<rational>(const std::string&, const ReadOptions&);
#undef AEL_IO_INSTANTIATE

}  // namespace ael
