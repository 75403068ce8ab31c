// --help readable in 100 columns (the project's terminal width): CLI11 2.1 prints
// each description on one line however long; this formatter wraps descriptions at
// word boundaries so that no help line passes kHelpColumns.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace ael::cli {

constexpr std::size_t kHelpColumns = 100;

// `text` with '\n' inserted between words so that no line exceeds `width` (existing
// line breaks are kept; a single word longer than `width` stays whole on its own line).
std::string wrap_words(const std::string& text, std::size_t width);

// The formatter for the root App (subcommands inherit it when added afterwards).
std::shared_ptr<CLI::Formatter> wrapping_formatter();

}  // namespace ael::cli
