#include "core/distribute.hpp"

#include "core/atomic_write.hpp"
#include "core/distribute_comm.hpp"
#include "core/errors.hpp"
#include "core/resources.hpp"
#include "core/sha256.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace ael {

// ---------------------------------------------------------------- item encoding

ItemWriter& ItemWriter::put(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  char hex[24];
  std::snprintf(hex, sizeof hex, "%016llx ", static_cast<unsigned long long>(bits));
  text_ += hex;
  return *this;
}
ItemWriter& ItemWriter::put(long x) {
  text_ += std::to_string(x) + " ";
  return *this;
}
ItemWriter& ItemWriter::put(const std::string& s) {
  text_ += std::to_string(s.size()) + ":" + s + " ";
  return *this;
}

std::string ItemReader::token() {
  const size_t end = text_.find(' ', at_);
  if (end == std::string::npos) throw std::runtime_error("damaged work-item result (truncated)");
  std::string t = text_.substr(at_, end - at_);
  at_ = end + 1;
  return t;
}
double ItemReader::get_double() {
  const std::string t = token();
  char* end = nullptr;
  const unsigned long long bits = std::strtoull(t.c_str(), &end, 16);
  if (t.size() != 16 || *end != '\0') throw std::runtime_error("damaged work-item result (a number)");
  double x;
  const std::uint64_t b = bits;
  std::memcpy(&x, &b, sizeof x);
  return x;
}
long ItemReader::get_long() {
  const std::string t = token();
  char* end = nullptr;
  const long x = std::strtol(t.c_str(), &end, 10);
  if (t.empty() || *end != '\0') throw std::runtime_error("damaged work-item result (an integer)");
  return x;
}
std::string ItemReader::get_string() {
  const size_t colon = text_.find(':', at_);
  if (colon == std::string::npos) throw std::runtime_error("damaged work-item result (a string)");
  const size_t length = std::stoul(text_.substr(at_, colon - at_));
  if (colon + 1 + length + 1 > text_.size() || text_[colon + 1 + length] != ' ')
    throw std::runtime_error("damaged work-item result (a string)");
  std::string s = text_.substr(colon + 1, length);
  at_ = colon + 1 + length + 1;
  return s;
}

bool launched_by_mpi() { return comm::launcher_rank() >= 0; }
bool mpi_compiled() { return comm::compiled(); }
int process_rank() { return comm::start().rank; }
bool is_launcher_variable(const char* entry) {
  for (const char* prefix : {"OMPI_", "PMI_", "PMIX_"})
    if (std::strncmp(entry, prefix, std::strlen(prefix)) == 0) return true;
  return false;
}

namespace {

// ---------------------------------------------------------------- checkpoint file
//
// Text, one record per line (docs/mpi.md "Checkpoints"):
//   aelandscape checkpoint 1
//   command <command>
//   items <count>
//   option <name> <value>            (one per option, values escaped)
//   options-sha256 <SHA-256 of the lines above>
//   item <i> <first 16 hex digits of SHA-256(result)> <escaped result>
// Results are appended, one write per round; a last line cut short by a kill
// (no newline, or a wrong digest) is dropped on resumption and recomputed.

const char* const kMagic = "aelandscape checkpoint 1";

std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}
bool unescape(const std::string& s, std::string& out) {
  out.clear();
  for (size_t k = 0; k < s.size(); ++k) {
    if (s[k] != '\\') {
      out += s[k];
      continue;
    }
    if (++k == s.size()) return false;
    if (s[k] == '\\') out += '\\';
    else if (s[k] == 'n') out += '\n';
    else return false;
  }
  return true;
}
std::string digest16(const std::string& s) { return sha256_hex(s).substr(0, 16); }

class CheckpointFile {
 public:
  CheckpointFile(const SweepCheckpoint& c, long count, std::vector<std::string>& results, std::vector<char>& have)
      : path_(c.path) {
    std::string header = std::string(kMagic) + "\ncommand " + escape(c.command) + "\nitems " + std::to_string(count) + "\n";
    for (const auto& [name, value] : c.options) header += "option " + escape(name) + " " + escape(value) + "\n";
    header += "options-sha256 " + sha256_hex(header) + "\n";
    std::string text;
    const bool exists = read(text);
    if (!exists || text.empty()) {
      write_file_atomically(path_, header);
      kept_ = static_cast<off_t>(header.size());
    } else {
      compare_header(text, c, count);
      load_items(text, count, results, have);
    }
    fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd_ < 0) fail(std::string("cannot append: ") + std::strerror(errno));
    if (::ftruncate(fd_, kept_) != 0) fail(std::string("cannot drop its unfinished last line: ") + std::strerror(errno));
  }
  ~CheckpointFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  CheckpointFile(const CheckpointFile&) = delete;
  CheckpointFile& operator=(const CheckpointFile&) = delete;

  void append(const std::vector<std::pair<long, const std::string*>>& items) {
    std::string lines;
    for (const auto& [index, result] : items)
      lines += "item " + std::to_string(index) + " " + digest16(*result) + " " + escape(*result) + "\n";
    size_t done = 0;
    while (done < lines.size()) {
      const ssize_t n = ::write(fd_, lines.data() + done, lines.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail(std::string("write error: ") + std::strerror(errno));
      done += static_cast<size_t>(n);
    }
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const { throw ParameterError("checkpoint", "@checkpoint " + path_ + ": " + problem); }

  bool read(std::string& text) const {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) {
      if (errno == ENOENT) return false;
      fail(std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) fail("not a regular file");
    std::ifstream in(path_, std::ios::binary);
    if (!in) fail("cannot read it");
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
    return true;
  }

  static std::vector<std::string> header_lines(const std::string& text, size_t& end) {
    std::vector<std::string> lines;
    size_t at = 0;
    while (at < text.size()) {
      const size_t nl = text.find('\n', at);
      if (nl == std::string::npos) break;
      lines.push_back(text.substr(at, nl - at));
      at = nl + 1;
      if (lines.back().rfind("options-sha256 ", 0) == 0) break;
    }
    end = at;
    return lines;
  }

  void compare_header(const std::string& text, const SweepCheckpoint& c, long count) {
    size_t end = 0;
    const std::vector<std::string> lines = header_lines(text, end);
    if (lines.empty() || lines[0] != kMagic) fail("not an aelandscape checkpoint (refusing to overwrite it)");
    if (lines.back().rfind("options-sha256 ", 0) != 0) fail("damaged header");
    std::string body;
    for (size_t k = 0; k + 1 < lines.size(); ++k) body += lines[k] + "\n";
    if (lines.back() != "options-sha256 " + sha256_hex(body)) fail("damaged header (options-sha256 does not match)");
    auto value_of = [&](const std::string& key) -> std::string {
      for (const auto& l : lines)
        if (l.rfind(key + " ", 0) == 0) return l.substr(key.size() + 1);
      return "";
    };
    const std::string command = value_of("command");
    if (command != escape(c.command))
      fail("written by 'aelandscape " + command + "', not by 'aelandscape " + c.command + "'");
    // Options in the order of the command line's definition; the first that differs is named.
    std::vector<std::pair<std::string, std::string>> saved;
    for (const auto& l : lines) {
      if (l.rfind("option ", 0) != 0) continue;
      const size_t space = l.find(' ', 7);
      std::string name, value;
      if (space == std::string::npos || !unescape(l.substr(7, space - 7), name) || !unescape(l.substr(space + 1), value))
        fail("damaged header");
      saved.emplace_back(name, value);
    }
    for (const auto& [name, value] : c.options) {
      std::string was = "(absent)";
      for (const auto& [n, v] : saved)
        if (n == name) was = v;
      if (was != value)
        fail("written by a different command line (" + name + " is " + value + " here, " + was +
             " in the checkpoint): rerun with the same options or use a new checkpoint file");
    }
    for (const auto& [n, v] : saved) {
      bool known = false;
      for (const auto& [name, value] : c.options) known = known || name == n;
      if (!known) fail("written by a different command line (option " + n + " " + v + ", which this command has not)");
    }
    if (value_of("items") != std::to_string(count))
      fail("written for " + value_of("items") + " work items, this sweep has " + std::to_string(count));
    kept_ = static_cast<off_t>(end);
  }

  void load_items(const std::string& text, long count, std::vector<std::string>& results,
                  std::vector<char>& have) {
    size_t at = static_cast<size_t>(kept_);
    long line_number = 0;
    for (const char ch : text.substr(0, at)) line_number += ch == '\n';
    while (at < text.size()) {
      const size_t nl = text.find('\n', at);
      ++line_number;
      const bool last = nl == std::string::npos || nl + 1 == text.size();
      if (nl == std::string::npos) break;  // cut short: recomputed
      const std::string line = text.substr(at, nl - at);
      long index = -1;
      std::string result;
      if (!parse_item(line, count, index, result)) {
        if (last) break;  // cut short (a kill during the write): recomputed
        fail("line " + std::to_string(line_number) + " is damaged");
      }
      results[static_cast<size_t>(index)] = result;
      have[static_cast<size_t>(index)] = 1;
      at = nl + 1;
      kept_ = static_cast<off_t>(at);
    }
  }

  static bool parse_item(const std::string& line, long count, long& index, std::string& result) {
    if (line.rfind("item ", 0) != 0) return false;
    const size_t a = line.find(' ', 5);
    if (a == std::string::npos) return false;
    const size_t b = line.find(' ', a + 1);
    if (b == std::string::npos || b - a - 1 != 16) return false;
    char* end = nullptr;
    const std::string number = line.substr(5, a - 5);
    index = std::strtol(number.c_str(), &end, 10);
    if (number.empty() || *end != '\0' || index < 0 || index >= count) return false;
    return unescape(line.substr(b + 1), result) && digest16(result) == line.substr(a + 1, 16);
  }

  std::string path_;
  int fd_ = -1;
  off_t kept_ = 0;  // bytes of the file that hold the header and whole, valid item lines
};

// ---------------------------------------------------------------- rounds

// One rank's report of a round: for each item it ran, its index and result;
// or the first (lowest-index) error.
struct RoundReport {
  std::vector<std::pair<long, std::string>> done;
  long error_item = -1;
  std::string error;
};

std::string encode(const RoundReport& r) {
  ItemWriter w;
  w.put(r.error_item).put(r.error).put(static_cast<long>(r.done.size()));
  for (const auto& [index, result] : r.done) w.put(index).put(result);
  return w.str();
}
RoundReport decode(const std::string& text) {
  ItemReader in(text);
  RoundReport r;
  r.error_item = in.get_long();
  r.error = in.get_string();
  const long n = in.get_long();
  for (long k = 0; k < n; ++k) {
    const long index = in.get_long();
    r.done.emplace_back(index, in.get_string());
  }
  return r;
}

long env_count(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return -1;
  char* end = nullptr;
  const long k = std::strtol(value, &end, 10);
  return *end == '\0' && k >= 0 ? k : -1;
}

}  // namespace

void run_on_root(const std::function<void()>& step) {
  const comm::World world = comm::start();
  std::exception_ptr error;
  std::string message;
  if (world.rank == 0) {
    try {
      step();
    } catch (const std::exception& e) {
      error = std::current_exception();
      message = *e.what() ? e.what() : "error";
    }
  }
  message = comm::broadcast(message);
  if (error) std::rethrow_exception(error);
  if (!message.empty()) throw std::runtime_error(message);  // ranks > 0 (rank 0 reports it)
}

std::vector<std::string> run_items(long count, const std::function<std::string(long, int)>& item, const SweepSettings& s) {
  check_thread_count(s.threads);
  if (count < 0) throw std::invalid_argument("a sweep needs a non-negative number of work items");
  const comm::World world = comm::start();
  const bool root = world.rank == 0;
  std::vector<std::string> results(static_cast<size_t>(root ? count : 0));
  std::vector<char> have(static_cast<size_t>(root ? count : 0), 0);

  // Rank 0 reads the checkpoint and tells every rank which items remain (or
  // the checkpoint's error, so that every rank stops).
  std::unique_ptr<CheckpointFile> checkpoint;
  std::string plan;
  std::exception_ptr plan_error;
  if (root) {
    ItemWriter w;
    try {
      if (!s.checkpoint.path.empty()) checkpoint = std::make_unique<CheckpointFile>(s.checkpoint, count, results, have);
      w.put(std::string()).put(count - static_cast<long>(std::count(have.begin(), have.end(), 1)));
      for (long i = 0; i < count; ++i)
        if (!have[static_cast<size_t>(i)]) w.put(i);
    } catch (const std::exception& e) {
      plan_error = std::current_exception();
      w = ItemWriter();
      w.put(std::string(e.what())).put(0L);
    }
    plan = w.str();
  }
  plan = comm::broadcast(plan);
  if (plan_error) std::rethrow_exception(plan_error);
  std::vector<long> pending;
  {
    ItemReader in(plan);
    const std::string error = in.get_string();
    if (!error.empty()) throw std::runtime_error(error);  // ranks > 0 (rank 0 reports it)
    pending.resize(static_cast<size_t>(in.get_long()));
    for (long& i : pending) i = in.get_long();
  }

  const long total_pending = static_cast<long>(pending.size());
  // A round gives every thread of every rank up to 64 items (fewer when there
  // are few): enough to keep thread starts and messages rare, few enough that
  // a kill loses little. Only the scheduling depends on it, never a result.
  const long slots = static_cast<long>(world.size) * s.threads;
  const long round = slots * std::clamp<long>(total_pending / (slots * 16), 1, 64), stop_after = env_count(kStopAfterItemsEnv);
  const long fail_item = env_count(kFailItemEnv);
  long finished = count - total_pending;
  for (long start = 0; start < total_pending; start += round) {
    // Position j of the round belongs to rank j mod size; the rank's threads take its items in turn.
    std::vector<long> mine;
    for (long j = start + world.rank; j < std::min(start + round, total_pending); j += world.size) mine.push_back(pending[static_cast<size_t>(j)]);
    std::vector<std::string> out(mine.size());
    std::vector<std::exception_ptr> errors(mine.size());
    std::atomic<size_t> next{0};
    run_workers(static_cast<int>(std::min<size_t>(static_cast<size_t>(s.threads), std::max<size_t>(mine.size(), 1))), [&](int worker) {
      for (size_t k; (k = next++) < mine.size();) {
        try {
          if (mine[k] == fail_item) throw std::runtime_error("work item " + std::to_string(fail_item) + " failed (" + kFailItemEnv + ")");
          out[k] = item(mine[k], worker);
        } catch (...) {
          errors[k] = std::current_exception();
        }
      }
    });
    RoundReport report;
    std::exception_ptr local_error;  // the exception of this rank's lowest failed item
    for (size_t k = 0; k < mine.size(); ++k) {
      if (!errors[k]) {
        report.done.emplace_back(mine[k], std::move(out[k]));
      } else if (report.error_item < 0) {
        report.error_item = mine[k], local_error = errors[k];
        try {
          std::rethrow_exception(errors[k]);
        } catch (const std::exception& e) {
          report.error = e.what();
        } catch (...) {
          report.error = "unknown error";
        }
      }
    }
    const RoundReport own_error{{}, report.error_item, report.error};
    std::vector<RoundReport> reports;
    if (world.size == 1) reports.push_back(std::move(report));
    else
      for (const std::string& text : comm::gather(encode(report))) reports.push_back(decode(text));
    // Rank 0 records the round in item order, then tells every rank to go on
    // or to stop (the lowest failed item's error, so any split gives the same).
    std::string verdict;
    bool item_error_here = false;
    if (root) {
      long error_item = -1;
      int error_rank = -1;
      std::vector<std::pair<long, const std::string*>> lines;
      for (size_t r = 0; r < reports.size(); ++r) {
        for (auto& [index, result] : reports[r].done) {
          results[static_cast<size_t>(index)] = std::move(result);
          lines.emplace_back(index, &results[static_cast<size_t>(index)]);
        }
        const long e = reports[r].error_item;
        if (e >= 0 && (error_item < 0 || e < error_item)) error_item = e, error_rank = static_cast<int>(r);
      }
      std::sort(lines.begin(), lines.end());
      try {
        if (checkpoint) checkpoint->append(lines);
      } catch (const std::exception& e) {
        verdict = e.what();
      }
      finished += static_cast<long>(lines.size());
      if (verdict.empty() && error_item >= 0)
        verdict = reports[static_cast<size_t>(error_rank)].error, item_error_here = error_rank == 0;
      if (verdict.empty() && stop_after >= 0 && finished - (count - total_pending) >= stop_after && finished < count)
        verdict = "stopped after " + std::to_string(finished) + " of " + std::to_string(count) + " work items (" +
                  kStopAfterItemsEnv + ")";
      if (verdict.empty() && s.progress) s.progress(finished, count);
    }
    verdict = comm::broadcast(verdict);
    if (!verdict.empty()) {
      if (item_error_here || (!root && own_error.error_item >= 0 && verdict == own_error.error)) std::rethrow_exception(local_error);
      throw std::runtime_error(verdict);
    }
  }
  if (!root) comm::end_worker();
  return results;
}

}  // namespace ael
