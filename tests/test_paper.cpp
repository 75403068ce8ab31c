// Pieces of `aelandscape paper` that live in core: SHA-256 against the
// FIPS 180-4 / NIST example vectors, and the LaTeX helpers (escaping, siunitx
// column formats, booktabs tables) used by `--format latex` and the tables.
#include <doctest/doctest.h>

#include "core/latex.hpp"
#include "core/report.hpp"
#include "core/sha256.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

TEST_SUITE("paper") {
  TEST_CASE("sha256: NIST example vectors") {
    // FIPS 180-4 examples (csrc.nist.gov, SHA256.pdf / SHA256_2.pdf) and the empty string.
    CHECK(ael::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(ael::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(ael::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // One million 'a' (multi-block input).
    CHECK(ael::sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }

  TEST_CASE("sha256: padding boundaries agree with the file route") {
    // Lengths 55, 56, 63, 64 straddle the one-/two-block padding cases; the file
    // route reads the same bytes through a stream, so both must agree.
    for (size_t n : {55u, 56u, 63u, 64u, 65u, 119u, 120u}) {
      const std::string s(n, 'x');
      const std::string path = "sha256_test.bin";
      std::ofstream(path, std::ios::binary) << s;
      CHECK(ael::sha256_file_hex(path) == ael::sha256_hex(s));
      std::remove(path.c_str());
    }
    // 56 bytes of 'a' (the first length that needs a second padding block), from `sha256sum`.
    CHECK(ael::sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK_THROWS(ael::sha256_file_hex("/nonexistent/file"));
  }

  TEST_CASE("latex: escaping of specials and unicode") {
    CHECK(ael::latex_escape("a_b 50% & #1 $x") == "a\\_b 50\\% \\& \\#1 \\$x");
    CHECK(ael::latex_escape("{x}~^\\") == "\\{x\\}\\textasciitilde{}\\textasciicircum{}\\textbackslash{}");
    CHECK(ael::latex_escape("Σ ≤ ε²") == "$\\Sigma$ $\\le$ $\\varepsilon$$^{2}$");
    CHECK(ael::latex_escape("b\u0304") == "$\\bar{b}$");
    CHECK(ael::latex_escape("\xe4\xb8\xad") == "?");  // a character we have no LaTeX for
    CHECK(ael::latex_escape("\xff") == "?");          // invalid UTF-8
  }

  TEST_CASE("latex: siunitx column formats") {
    CHECK(ael::is_decimal_number("-0.75"));
    CHECK(ael::is_decimal_number("9.96e-60"));
    CHECK(ael::is_decimal_number("26"));
    CHECK_FALSE(ael::is_decimal_number("nan"));
    CHECK_FALSE(ael::is_decimal_number("1.2.3"));
    CHECK_FALSE(ael::is_decimal_number("e5"));
    CHECK_FALSE(ael::is_decimal_number("(2,1)"));
    CHECK(ael::siunitx_column({"26", "-0.75", "123.5"}) == std::optional<std::string>("S[table-format=-3.2]"));
    CHECK(ael::siunitx_column({"9.96e-60", "1.5e3", ""}) == std::optional<std::string>("S[table-format=1.2e-2]"));
    CHECK_FALSE(ael::siunitx_column({"1", "saddle"}).has_value());
    CHECK_FALSE(ael::siunitx_column({"", ""}).has_value());
  }

  TEST_CASE("latex: --format latex renders booktabs with S columns") {
    ael::Json doc;
    doc["loss"] = "26";
    doc["rows"] = ael::Json::array({{{"index", "(1,2)"}, {"loss", "20.5"}}, {{"index", "(2,1)"}, {"loss", "-3.25"}}});
    std::ostringstream out;
    ael::render(doc, ael::Format::latex, out);
    const std::string s = out.str();
    CHECK(s.find("\\toprule") != std::string::npos);
    CHECK(s.find("\\midrule") != std::string::npos);
    CHECK(s.find("\\bottomrule") != std::string::npos);
    CHECK(s.find("\\hline") == std::string::npos);
    CHECK(s.find("\\begin{tabular}{lS[table-format=-2.2]}") != std::string::npos);
    CHECK(s.find("{index} & {loss}") != std::string::npos);
    CHECK(s.find("(2,1) & -3.25 \\\\") != std::string::npos);
  }
}
