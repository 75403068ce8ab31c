// lae spectrum --rational-instance | --covariance S --eigenvectors Q: everything
// decided in rational arithmetic (docs/certification.md §7 (Exact route)).
#include "cli/commands.hpp"
#include "cli/lae_exact.hpp"
#include "core/io.hpp"
#include "lae/classify.hpp"
#include "lae/exact.hpp"

#include <iostream>
#include <sstream>

namespace ael::cli {

void ExactSpectrumOptions::add_to(CLI::App& cmd) {
  command = &cmd;
  cmd.add_flag("--rational-instance", rational_instance,
               "exact route on a seeded rational instance (Cayley transform; uses --n, --seed): proved-exact");
  cmd.add_option("--covariance", covariance, "exact route: covariance Sigma (CSV, cells decimals or fractions p/q)");
  cmd.add_option("--eigenvectors", eigenvectors, "exact route: claimed orthogonal eigenvectors of --covariance as columns");
  cmd.add_option("--certificate", certificate, "exact route: write a replayable JSON certificate to this file");
}

void check_no_exact_only_options(const ExactSpectrumOptions& exact) {
  if (!exact.certificate.empty())
    throw std::invalid_argument("--certificate needs the exact route (--rational-instance or --covariance with --eigenvectors)");
}

namespace {
ExactVec parse_exact_scales(const std::string& text, int p) {
  ExactVec c = ExactVec::Ones(p);
  if (text.empty()) return c;
  std::stringstream ss(text);
  std::string item;
  int k = 0;
  while (std::getline(ss, item, ',')) {
    if (k == p) throw std::invalid_argument("--scales has more than p = " + std::to_string(p) + " values");
    try {
      c(k) = parse_rational(item);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("--scales: ") + e.what());
    }
    if (c(k) == 0) throw std::invalid_argument("--scales entry " + std::to_string(k + 1) + " is zero (C must be invertible)");
    ++k;
  }
  if (k != p) throw std::invalid_argument("--scales has " + std::to_string(k) + " values, expected p = " + std::to_string(p));
  return c;
}

ExactMat read_exact(const std::string& path, const std::string& option) {
  try {
    return read_matrix<rational>(path);
  } catch (const InputError& e) {
    throw std::invalid_argument(option + ": " + e.what());
  }
}

Json fraction_list(const ExactVec& v) {
  Json a = Json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(rational_text(v(i)));
  return a;
}
}  // namespace

Json exact_spectrum_document(const ExactSpectrumOptions& o, const SpectrumBasics& b) {
  // Options that describe data or numerical methods have no meaning here.
  for (const char* flag : {"--data", "--targets", "--center", "--skip-header", "--drop-constant", "--m", "--spectrum",
                           "--scale-matrix", "--method", "--point"})
    if (o.command && o.command->count(flag) > 0)
      throw std::invalid_argument(std::string(flag) + " has no exact route (the exact route takes --rational-instance or "
                                                      "--covariance/--eigenvectors, --p, --loss, --index, --scales)");
  if (o.rational_instance && (!o.covariance.empty() || !o.eigenvectors.empty()))
    throw std::invalid_argument("give --rational-instance or --covariance with --eigenvectors, not both");
  if (!o.rational_instance && (o.covariance.empty() || o.eigenvectors.empty()))
    throw std::invalid_argument(o.covariance.empty() ? "--eigenvectors needs --covariance" : "--covariance needs --eigenvectors");
  if (o.rational_instance && o.command && (o.command->count("--n") == 0))
    throw std::invalid_argument("--rational-instance needs --n (the dimension)");
  const auto kind = lae::parse_loss(b.loss);
  lae::RationalInstance inst;
  if (o.rational_instance) {
    if (b.data.n > 200) throw std::invalid_argument("--n = " + std::to_string(b.data.n) + " is too large for the exact route (at most 200)");
    inst = lae::cayley_instance(b.data.n, b.data.seed);
  } else {
    inst = lae::instance_from_eigenvectors(read_exact(o.covariance, "--covariance"), read_exact(o.eigenvectors, "--eigenvectors"),
                                           "--covariance", "--eigenvectors");
  }
  const int n = inst.n(), p = b.p;
  if (p < 1 || p > n) throw std::invalid_argument("p = " + std::to_string(p) + " must satisfy 1 <= p <= n = " + std::to_string(n));
  // O((2np)³) operations on growing rationals: 2np = 200 takes seconds, 400 about a minute.
  if (2 * n * p > 400)
    throw std::invalid_argument("2np = " + std::to_string(2 * n * p) + " is too large for the exact route (at most 400; lower --p or --n)");
  std::string default_index;
  for (int k = 1; k <= p; ++k) default_index += (k > 1 ? "," : "") + std::to_string(k);
  const lae::Index I = lae::parse_index(b.index.empty() ? default_index : b.index, n, p);
  const ExactVec c = parse_exact_scales(b.scales, p);
  if (2 * n * p >= 100) std::cerr << "exact route: assembling and factorizing the " << 2 * n * p << "x" << 2 * n * p << " Hessian in rationals\n";
  const lae::ExactResult r = o.certificate.empty()
                                 ? lae::exact_critical_point(inst, I, c, kind)
                                 : lae::write_exact_certificate(o.certificate, inst, I, c, kind, "lae spectrum");
  const int digits = b.output.digits;

  Json doc;
  doc["command"] = "lae spectrum";
  doc["route"] = "exact (rational arithmetic, no rounding)";
  doc["evidence"] = r.proved() ? "proved-exact" : "fail";
  Json data;
  data["source"] = inst.source;
  data["n"] = n;
  data["targets"] = "Y = X (autoencoder), Sigma_xx = Sigma_yx = Q diag(lambda) Q'";
  data["lambda"] = fraction_list(inst.lambda);
  doc["data"] = data;
  doc["loss_kind"] = lae::loss_name(kind);
  doc["p"] = p;
  doc["point"] = "P(I,C): A = U_I C, B = C^-1 U_I'";
  Json idx = Json::array();
  for (int i : I) idx.push_back(i + 1);
  doc["index"] = idx;
  doc["scales"] = fraction_list(c);
  doc["loss"] = rational_text(r.loss);
  doc["loss_decimal"] = to_decimal(r.loss, digits);
  doc["loss_equals_closed_form"] = r.loss == r.closed_form_loss;
  doc["gradient"] = r.gradient_zero ? "exactly zero" : "NOT zero";
  doc["inertia"] = {{"negative", r.inertia.negative}, {"zero", r.inertia.zero}, {"positive", r.inertia.positive}};
  doc["inertia_formula"] = {{"negative", r.formula.negative}, {"zero", r.formula.zero}, {"positive", r.formula.positive}};
  doc["inertia_method"] = "exact P H P' = L D L' with 1x1/2x2 pivots; Sylvester's law of inertia";
  doc["kernel_dimension"] = r.inertia.zero;
  doc["classification"] = lae::classification_name(lae::classify(lae::Inertia{r.inertia.negative, r.inertia.zero, r.inertia.positive}, lae::attains_optimum(I, kind)));
  if (r.inertia.negative > 0) doc["saddle_index"] = r.inertia.negative;
  int two = 0;
  for (int s : r.ldl.pivots) two += s == 2;
  doc["factorization"] = {{"pivots_1x1", static_cast<int>(r.ldl.pivots.size()) - two}, {"pivots_2x2", two},
                          {"max_bits_D", r.max_bits_D}};
  doc["block_structure"] = {{"groups", static_cast<int>(r.blocks.size())},
                            {"equal_to_closed_form", r.blocks_equal()},
                            {"zero_between_groups", r.off_block_zero},
                            {"coordinates", "eigen-coordinates [vec(Q'A); vec(BQ)] (orthogonal change of basis)"}};
  if (!o.certificate.empty()) doc["certificate"] = o.certificate;
  if (!r.proved()) doc["failures"] = r.failures();
  return doc;
}

}  // namespace ael::cli
