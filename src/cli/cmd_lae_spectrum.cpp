// aelandscape lae spectrum: one critical point fully described.
#include "api/lae.hpp"
#include "cli/certify_output.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/lae_exact.hpp"
#include "cli/output.hpp"
#include "cli/lae_common.hpp"
#include "core/precision.hpp"
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

void run_spectrum(const SpectrumOptions& o) {
  if (o.exact.requested()) return run_exact_spectrum(o.exact, {o.p, o.loss, o.index, o.scales, o.data, o.output});
  check_no_exact_only_options(o.exact);
  const PrecisionScope precision(o.output.digits);
  check_output(o.output);  // fail before any work
  api::SpectrumOptions so;
  so.p = o.p;
  so.loss = lae::parse_loss(o.loss);
  so.index = o.index;
  so.scales = split_scales(o.scales);
  so.method = api::parse_spectrum_method(o.method);
  if (o.point != "critical" && o.point != "origin") throw std::invalid_argument("unknown --point '" + o.point + "' (critical, origin)");
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
  doc["meta"] = metadata("mpfr", o.output.digits, o.data.seed);
  require_finite_results(doc, " (raise --digits)");
  emit(doc, o.output);
}
}  // namespace

void add_lae_spectrum(CLI::App& lae) {
  auto opts = std::make_shared<SpectrumOptions>();
  auto* cmd = lae.add_subcommand("spectrum", "loss, gradient and full Hessian spectrum at one critical point");
  opts->data.add_to(*cmd);
  opts->output.add_to(*cmd);
  cmd->add_option("--p", opts->p, "number of hidden units (1 <= p <= n)");
  cmd->add_option("--loss", opts->loss, "mse | ordered");
  cmd->add_option("--index", opts->index, "ordered index tuple I, 1-based, e.g. 2,1 (default 1..p)");
  cmd->add_option("--scales", opts->scales, "diagonal of C, e.g. 1.5,-0.75 (default all 1)");
  cmd->add_option("--scale-matrix", opts->scale_matrix, "full invertible p x p C from a file (MSE only)");
  cmd->add_option("--method", opts->method, "closed-form | numeric | both");
  cmd->add_option("--point", opts->point, "critical (P(I,C)) | origin ((A,B) = (0,0))");
  opts->exact.add_to(*cmd);
  cmd->add_flag("--certify", opts->certify, "prove the spectrum and inertia in ball arithmetic (docs/certification.md)");
  cmd->callback([opts] { run_spectrum(*opts); });
}

}  // namespace ael::cli
