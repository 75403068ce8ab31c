// aelandscape: exact loss landscapes of autoencoders.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/exact_floats.hpp"
#include "cli/help_format.hpp"
#include "core/meta.hpp"

#include <iostream>

int main(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) ael::cli::g_command_line += (i ? " " : "") + std::string(argv[i]);
  CLI::App app{"aelandscape " + ael::version_string() +
               ": exact loss landscapes of linear, sparse-coding and 1-bit autoencoders"};
  app.formatter(ael::cli::wrapping_formatter());  // before any subcommand: they inherit it
  app.require_subcommand(1);
  app.set_version_flag("--version", ael::version_string());
  auto* lae = app.add_subcommand("lae", "linear autoencoders (Oftadeh et al., ICML 2020): MSE and ordered loss");
  lae->require_subcommand(1);
  ael::cli::add_lae_spectrum(*lae);
  ael::cli::add_lae_landscape(*lae);
  ael::cli::add_lae_train(*lae);
  ael::cli::add_lae_inspect(*lae);
  ael::cli::add_sparse(app);
  ael::cli::add_sign(app);
  ael::cli::add_verify(app);
  ael::cli::add_paper(app);
  ael::cli::read_floats_exactly(app);  // one rounding for every FLOAT option (cli/exact_floats.hpp)
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return ael::cli::report_parse_error(app, e);
  } catch (const ael::cli::ClaimsFailed&) {
    return 1;
  } catch (const std::exception& e) {
    return ael::cli::report_error(e);
  }
  return 0;
}
