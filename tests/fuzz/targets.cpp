#include "targets.hpp"

#include "core/io.hpp"
#include "core/scalar.hpp"
#include "sparse/scalars.hpp"

#include <unistd.h>

#include <cstdio>
#include <exception>
#include <stdexcept>

namespace ael::fuzz {

namespace {
// The readers take a path: each input goes to a per-process file with the
// target's extension (in /dev/shm when present, so nothing touches the disk).
std::string scratch_path(const std::string& suffix) {
  const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  return std::string(dir) + "/ael_fuzz_" + std::to_string(getpid()) + suffix;
}

void write_bytes(const std::string& path, const std::uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error("fuzz: cannot write " + path);
  if (size > 0 && std::fwrite(data, 1, size, f) != size) {
    std::fclose(f);
    throw std::runtime_error("fuzz: short write to " + path);
  }
  std::fclose(f);
}

// 1 when f() returns, 0 when it throws a std::exception.
template <class F> int clean(F&& f) {
  try {
    f();
    return 1;
  } catch (const std::exception&) {
    return 0;
  }
}

int read_file(const std::string& suffix, const std::uint8_t* data, std::size_t size, bool both_scalars) {
  const std::string path = scratch_path(suffix);
  write_bytes(path, data, size);
  int parsed = clean([&] { read_matrix<double>(path); });
  parsed += clean([&] { read_matrix<double>(path, ReadOptions{true, true}); });
  if (both_scalars) parsed += clean([&] { read_matrix<mp_real>(path); });
  std::remove(path.c_str());
  return parsed;
}

int decimal(const std::uint8_t* data, std::size_t size) {
  static const bool precision_set = (set_working_digits(30), true);
  (void)precision_set;
  const std::string text(reinterpret_cast<const char*>(data), size);
  return clean([&] { parse_scalar<double>(text); }) + clean([&] { parse_scalar<mp_real>(text); }) +
         clean([&] { sparse::ScalarOps<sparse::rational>::parse(text); });
}
}  // namespace

bool is_target(const std::string& name) {
  return name == "csv" || name == "npy" || name == "idx" || name == "gzip" || name == "decimal";
}

int run_target(const std::string& name, const std::uint8_t* data, std::size_t size) {
  if (name == "csv") return read_file(".csv", data, size, true);
  if (name == "npy") return read_file(".npy", data, size, false);
  if (name == "idx") return read_file(".idx", data, size, false);
  if (name == "gzip") return read_file(".csv.gz", data, size, false);
  if (name == "decimal") return decimal(data, size);
  throw std::invalid_argument("unknown fuzz target '" + name + "'");
}

}  // namespace ael::fuzz
