// Conventions shared by the api's entry points.
#pragma once

#include <functional>
#include <string>

namespace ael::api {

// How a parameter is spelled in hints a result document carries: the identity
// for library callers and Python, flag_name ("center" → "--center") at the CLI.
using Spelling = std::function<std::string(const std::string&)>;
inline std::string plain_name(const std::string& name) { return name; }

}  // namespace ael::api
