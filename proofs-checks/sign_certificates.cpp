#include "sign_certificates.hpp"

#include "core/atomic_write.hpp"
#include "core/ball.hpp"
#include "core/ball_io.hpp"
#include "core/report.hpp"
#include "sign/certified_closed_forms.hpp"

#include <filesystem>
#include <sstream>
#include <stdexcept>

namespace ael::checks::sign_checks {

int write_sign_certificates(const std::string& dir, int digits) {
  using namespace ael::sign;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) throw std::invalid_argument("cannot create certificate directory " + dir);
  const long prec = ball_bits_for_digits(digits);
  Json cert;
  cert["claim"] = "SA-12";
  cert["evidence"] = "proved-ball";
  cert["statement"] = "for each law and convention: the gap L_id(p) - R_Gauss at rate r (d -> infinity; docs/sign.md §2.2, §2.6) "
                      "is > 0 at p = lo and < 0 at p = hi and strictly decreasing in p, so p* (its unique root) lies in [lo, hi]; "
                      "transition (p* < 1) iff mu_z^2 > 2/pi";
  cert["closed_forms"] = {{"R_Gauss", "1 - 2 r / pi"}, {"L_id_plus", "1 - r mu2 / (2 - p)"}, {"L_id_random", "1 - r p mu2"}};
  cert["rate"] = "1/2";
  cert["digits"] = digits;
  Json list = Json::array();
  // mu_z^2 = (E|z|)^2 of the unit-variance laws (docs/sign.md §2.6), exact decimals; the
  // Arb ball of the library must contain each.
  struct Law {
    NonzeroLaw z;
    const char* key;  // the CLI's --nonzero name
    const char* mu2;
  };
  const Law laws[] = {{NonzeroLaw::rademacher, "rademacher", "1"}, {NonzeroLaw::uniform, "uniform", "0.75"}, {NonzeroLaw::laplace, "laplace", "0.5"}};
  for (const auto& [z, key, mu2_text] : laws) {
    Ball m2, root, one;
    mu2_ball(m2.get(), z, prec);
    if (!ball_contains_decimal(m2.get(), mu2_text)) throw std::logic_error(std::string("SA-12 certificate: mu2 ball misses ") + mu2_text);
    arb_one(one.get());
    for (Sign0 s : {Sign0::plus, Sign0::random}) {
      const CertifiedRoot c = critical_sparsity_ball(root.get(), z, s, prec);
      const std::string tag = std::string(sign0_name(s)) + "/" + nonzero_name(z);
      if (!c.proved) throw std::logic_error("SA-12 certificate: p* bracket not certified, " + tag + ": " + c.reason);
      if (!arb_lt(root.get(), one.get()) && !arb_gt(root.get(), one.get())) throw std::logic_error("SA-12 certificate: p* against 1, " + tag);
      list.push_back({{"law", key}, {"law_description", nonzero_name(z)}, {"mu2", mu2_text}, {"sign0", sign0_name(s)}, {"lo", c.lo}, {"hi", c.hi},
                      {"transition", arb_lt(root.get(), one.get()) != 0}});
    }
  }
  cert["brackets"] = list;
  std::ostringstream text;
  render(cert, Format::json, text);
  write_file_atomically((std::filesystem::path(dir) / "SA-12_p_star_brackets.json").string(), text.str());
  return 1;
}

}  // namespace ael::checks::sign_checks
