// Cell texts of CSV data, for exact parsing (the certified routes turn "0.1"
// into 1/10; docs/certification.md §2). Implemented in io.cpp.
#pragma once

#include "core/io.hpp"

#include <string>
#include <vector>

namespace ael {

// The cell texts (trimmed, row-major) of a CSV file or built-in dataset; false
// (nothing read) when the file is not CSV. Same errors as read_matrix.
bool read_csv_cells(const std::string& name_or_path, const ReadOptions& options, long& rows, long& cols,
                    std::vector<std::string>& cells);

}  // namespace ael
