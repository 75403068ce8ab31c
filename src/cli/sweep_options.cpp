#include "cli/sweep_options.hpp"

#include <set>

namespace ael::cli {

CLI::Option* add_checkpoint_option(CLI::App& cmd, std::string& path) {
  return cmd.add_option("--checkpoint", path,
                        "append finished work items to FILE and skip those it holds on a rerun (same bytes; docs/mpi.md)");
}

SweepCheckpoint checkpoint_for(const CLI::App& cmd, const std::string& command, const std::string& path) {
  static const std::set<std::string> free{"--help", "--threads", "--output", "--format", "--quiet", "--checkpoint"};
  SweepCheckpoint c;
  c.path = path;
  c.command = command;
  for (const CLI::Option* o : cmd.get_options()) {
    const std::string name = o->get_name();
    if (free.count(name)) continue;
    std::string value;
    if (o->count() == 0) value = "(default)";
    else
      for (const std::string& r : o->results()) value += (value.empty() ? "" : ",") + r;
    c.options.emplace_back(name, value);
  }
  return c;
}

}  // namespace ael::cli
