// Placeholder until this command group lands; registers nothing.
#include "cli/commands.hpp"

namespace ael::cli {
void add_lae_inspect(CLI::App&) {}
}  // namespace ael::cli
