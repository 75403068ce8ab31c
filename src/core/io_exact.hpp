// Which data files hold exact doubles (defined in core/io.cpp).
#pragma once

#include <string>

namespace ael {

// True when the file's format holds binary doubles or bytes (.npy, IDX): read
// as double, its values are exact. CSV and built-in datasets: false.
bool stores_doubles(const std::string& name_or_path);

}  // namespace ael
