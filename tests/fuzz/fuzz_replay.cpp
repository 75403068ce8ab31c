// Replays the kept fuzz inputs in the normal build (ctest fuzz_replay):
// fuzz_replay DIR, where DIR/<target>/<file> are inputs of each target (the
// seed corpus and the regression inputs of past findings). Exit 0 when every
// input ends in a value or a clean std::exception; a crash fails the test.
#include "targets.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 2) {
    std::cerr << "usage: fuzz_replay DIR...\n";
    return 2;
  }
  long inputs = 0, parsed = 0;
  for (int a = 1; a < argc; ++a) {
    if (!fs::is_directory(argv[a])) {
      std::cerr << "fuzz_replay: " << argv[a] << " is not a directory\n";
      return 2;
    }
    std::vector<fs::path> files;
    for (const auto& target : fs::directory_iterator(argv[a]))
      if (target.is_directory() && ael::fuzz::is_target(target.path().filename().string()))
        for (const auto& f : fs::directory_iterator(target.path()))
          if (f.is_regular_file()) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      parsed += ael::fuzz::run_target(f.parent_path().filename().string(), reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                      bytes.size()) > 0;
      ++inputs;
    }
  }
  std::cout << "fuzz_replay: " << inputs << " inputs, " << parsed << " parsed, the others rejected cleanly\n";
  return inputs > 0 ? 0 : 1;
}
