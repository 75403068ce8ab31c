// aelandscape lae spectrum: one critical point fully described.
#include "api/lae.hpp"
#include "cli/certify_output.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/lae_exact.hpp"
#include "cli/output.hpp"
#include "cli/lae_common.hpp"
#include "cli/runner.hpp"
#include "cli/errors.hpp"
#include "core/io.hpp"
#include "lae/critical.hpp"

#include <optional>
#include <sstream>

namespace ael::cli {

namespace {
using T = mp_real;

struct SpectrumOptions {
  DataOptions data;
  OutputOptions output;
  int p = 2;
  std::string loss = "ordered", index, scales, scale_matrix, method = "closed-form", point = "critical";
  ExactSpectrumOptions exact;  // cmd_lae_exact.cpp
  bool certify = false;
};

// "1.5,-0.75" as its entries; the values are parsed exactly by the api.
std::vector<std::string> split_scales(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  if (text.back() == ',') throw std::invalid_argument("--scales ends with a comma (an empty entry)");
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.find_first_not_of(" \t") == std::string::npos)
      throw std::invalid_argument("--scales entry " + std::to_string(out.size() + 1) + " is empty");
    out.push_back(item);
  }
  return out;
}

Json spectrum_document(const SpectrumOptions& o) {
  if (o.exact.requested()) return exact_spectrum_document(o.exact, {o.p, o.loss, o.index, o.scales, o.data, o.output});
  check_no_exact_only_options(o.exact);
  api::SpectrumOptions so;
  so.p = o.p;
  so.loss = lae::parse_loss(o.loss);
  so.index = o.index;
  so.scales = split_scales(o.scales);
  so.method = api::parse_spectrum_method(o.method);
  so.origin = o.point == "origin";
  if (!o.scale_matrix.empty()) so.scale_matrix = Mat<T>::Ones(1, 1);  // a placeholder until the file is read
  api::check_spectrum_options(so);
  if (o.certify) require_certifiable(o.data, o.scale_matrix, o.point);
  const LaeData<T> data = load_lae_data<T>(o.data);
  if (!o.scale_matrix.empty()) so.scale_matrix = read_matrix<T>(o.scale_matrix);
  std::optional<CertifiedData> certified;
  if (o.certify) certified = certify_data(o.data, data.moments.n());  // refuses before the uncertified route can
  Json doc = api::spectrum_document(data, so, o.output.digits);
  if (certified) {
    lae::Index I;  // the tuple the api used (1-based in the document)
    for (const auto& i : doc["index"]) I.push_back(i.get<int>() - 1);
    add_certified_spectrum(doc, *certified, I, o.scales, so.loss, o.output.digits);
  }
  return doc;
}
}  // namespace

void add_lae_spectrum(CLI::App& lae) {
  Command<SpectrumOptions> c{"spectrum", "loss, gradient and full Hessian spectrum at one critical point", Arithmetic::mpfr,
                             [](CLI::App& cmd, SpectrumOptions& o) {
                               o.data.add_to(cmd);
                               cmd.add_option("--p", o.p, "number of hidden units (at most n)")
                                   ->check(integer_in(1, kMaxDimension))
                                   ->capture_default_str();
                               cmd.add_option("--loss", o.loss, "the loss")->check(CLI::IsMember({"mse", "ordered"}))->capture_default_str();
                               cmd.add_option("--index", o.index, "ordered index tuple I, 1-based, e.g. 2,1 (default 1..p)");
                               cmd.add_option("--scales", o.scales, "diagonal of C, e.g. 1.5,-0.75 (default all 1)");
                               cmd.add_option("--scale-matrix", o.scale_matrix, "full invertible p x p C from a file (MSE only)");
                               cmd.add_option("--method", o.method, "closed form, numeric diagonalisation, or both")
                                   ->check(CLI::IsMember({"closed-form", "numeric", "both"}))
                                   ->capture_default_str();
                               cmd.add_option("--point", o.point, "critical: P(I,C); origin: (A,B) = (0,0)")
                                   ->check(CLI::IsMember({"critical", "origin"}))
                                   ->capture_default_str();
                               o.exact.add_to(cmd);
                               cmd.add_flag("--certify", o.certify, "prove the spectrum and inertia in ball arithmetic (docs/certification.md)");
                             },
                             spectrum_document,
                             [](const SpectrumOptions& o) { return std::optional<std::uint64_t>(o.data.seed); }};
  c.finite_hint = "raise --digits";
  c.choose_arithmetic = [](const SpectrumOptions& o) { return o.exact.requested() ? Arithmetic::rational : Arithmetic::mpfr; };
  c.after_output = [](const SpectrumOptions& o, const Json& doc) {
    if (o.exact.requested() && doc["evidence"] != "proved-exact") throw ClaimsFailed{};  // exit 1 after printing
  };
  add_command(lae, c);
}

}  // namespace ael::cli
