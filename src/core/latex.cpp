#include "core/latex.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <ostream>

namespace ael {

namespace {
// Next UTF-8 code point starting at s[i]; advances i. Invalid bytes give U+FFFD.
char32_t next_code_point(const std::string& s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i++]);
  int extra = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
  if (b >= 0x80 && extra == 0) return 0xfffd;
  char32_t cp = extra == 3 ? b & 0x07 : extra == 2 ? b & 0x0f : extra == 1 ? b & 0x1f : b;
  for (; extra > 0; --extra) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) return 0xfffd;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3f);
  }
  return cp;
}

const std::map<char32_t, std::string>& symbols() {
  static const std::map<char32_t, std::string> table = {
      {U'α', "\\alpha"}, {U'β', "\\beta"}, {U'γ', "\\gamma"}, {U'δ', "\\delta"}, {U'ε', "\\varepsilon"}, {U'η', "\\eta"},
      {U'θ', "\\theta"}, {U'ι', "\\iota"}, {U'λ', "\\lambda"}, {U'μ', "\\mu"}, {U'ν', "\\nu"}, {U'ξ', "\\xi"}, {U'π', "\\pi"},
      {U'ρ', "\\rho"}, {U'σ', "\\sigma"}, {U'τ', "\\tau"}, {U'φ', "\\varphi"}, {U'ψ', "\\psi"}, {U'ω', "\\omega"},
      {U'Δ', "\\Delta"}, {U'Λ', "\\Lambda"}, {U'Π', "\\Pi"}, {U'Σ', "\\Sigma"}, {U'Φ', "\\Phi"}, {U'Ψ', "\\Psi"},
      {U'−', "-"}, {U'±', "\\pm"}, {U'∓', "\\mp"}, {U'×', "\\times"}, {U'·', "\\cdot"}, {U'≈', "\\approx"},
      {U'≤', "\\le"}, {U'≥', "\\ge"}, {U'≠', "\\ne"}, {U'≡', "\\equiv"}, {U'≪', "\\ll"}, {U'∈', "\\in"}, {U'⊆', "\\subseteq"},
      {U'∖', "\\setminus"}, {U'√', "\\surd"}, {U'∞', "\\infty"}, {U'∇', "\\nabla"}, {U'∫', "\\int"}, {U'∘', "\\circ"},
      {U'⊗', "\\otimes"}, {U'‖', "\\|"}, {U'∥', "\\|"}, {U'→', "\\to"}, {U'←', "\\leftarrow"}, {U'↔', "\\leftrightarrow"},
      {U'↦', "\\mapsto"}, {U'𝒥', "\\mathcal{J}"}, {U'½', "\\frac12"}, {U'²', "^{2}"}, {U'³', "^{3}"}, {U'⁴', "^{4}"},
      {U'⁵', "^{5}"}, {U'¹', "^{1}"}, {U'⁻', "^{-}"}, {U'⁺', "^{+}"}, {U'⁽', "^{(}"}, {U'⁾', "^{)}"}, {U'ᵀ', "^{\\mathsf{T}}"},
      {U'₋', "_{-}"}, {U'₊', "_{+}"}, {U'ᵢ', "_{i}"}, {U'ⱼ', "_{j}"}, {U'ₖ', "_{k}"}, {U'ₙ', "_{n}"}, {U'ₚ', "_{p}"},
      {U'₀', "_{0}"}, {U'₁', "_{1}"}, {U'₂', "_{2}"}, {U'₃', "_{3}"}, {U'⁰', "^{0}"}};
  return table;
}
}  // namespace

std::string latex_escape(const std::string& utf8) {
  std::vector<std::string> tokens;  // one per output character, so a combining mark can wrap its base
  for (size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      switch (c) {
        case '\\': tokens.push_back("\\textbackslash{}"); break;
        case '{': case '}': case '_': case '%': case '&': case '#': case '$': tokens.push_back(std::string("\\") + c); break;
        case '~': tokens.push_back("\\textasciitilde{}"); break;
        case '^': tokens.push_back("\\textasciicircum{}"); break;
        case '<': case '>': case '|': tokens.push_back(std::string("$") + c + "$"); break;
        default: tokens.push_back(std::string(1, c));
      }
    } else if (cp == U'§') {
      tokens.push_back("\\S{}");
    } else if (cp == U'–') {
      tokens.push_back("--");
    } else if (cp == U'—') {
      tokens.push_back("---");
    } else if (cp == U'…') {
      tokens.push_back("\\dots{}");
    } else if (cp == U'ā') {
      tokens.push_back("\\={a}");
    } else if (cp == 0x0304 || cp == 0x0302) {  // combining macron / circumflex on the previous letter
      const std::string accent = cp == 0x0304 ? "\\bar" : "\\hat";
      if (!tokens.empty() && tokens.back().size() == 1 && std::isalpha(static_cast<unsigned char>(tokens.back()[0])))
        tokens.back() = "$" + accent + "{" + tokens.back() + "}$";
    } else if (cp == U'Â') {
      tokens.push_back("$\\hat{A}$");
    } else if (auto it = symbols().find(cp); it != symbols().end()) {
      tokens.push_back("$" + it->second + "$");
    } else {
      tokens.push_back("?");
    }
  }
  std::string out;
  for (const auto& t : tokens) out += t;
  return out;
}

bool is_decimal_number(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t e = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++e;
    if (e == 0) return false;
  }
  return i == s.size();
}

std::optional<std::string> siunitx_column(const std::vector<std::string>& cells) {
  bool any = false, sign = false, exp_sign = false;
  size_t int_w = 1, frac_w = 0, exp_w = 0;
  for (const auto& c : cells) {
    if (c.empty()) continue;
    if (!is_decimal_number(c)) return std::nullopt;
    any = true;
    size_t i = 0;
    if (c[0] == '-' || c[0] == '+') sign = true, ++i;
    const size_t e = c.find_first_of("eE"), mant_end = e == std::string::npos ? c.size() : e;
    const size_t dot = c.find('.');
    const size_t int_end = dot == std::string::npos || dot > mant_end ? mant_end : dot;
    int_w = std::max(int_w, int_end - i);
    if (int_end < mant_end) frac_w = std::max(frac_w, mant_end - int_end - 1);
    if (e != std::string::npos) {
      size_t j = e + 1;
      if (c[j] == '-' || c[j] == '+') exp_sign = true, ++j;
      exp_w = std::max(exp_w, c.size() - j);
    }
  }
  if (!any) return std::nullopt;
  std::string f = std::string(sign ? "-" : "") + std::to_string(int_w);
  if (frac_w > 0) f += "." + std::to_string(frac_w);
  if (exp_w > 0) f += std::string("e") + (exp_sign ? "-" : "") + std::to_string(exp_w);
  return "S[table-format=" + f + "]";
}

void booktabs_tabular(std::ostream& out, const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& cells) {
  std::vector<bool> numeric(header.size());
  std::string spec;
  for (size_t j = 0; j < header.size(); ++j) {
    std::vector<std::string> column;
    for (const auto& row : cells) column.push_back(j < row.size() ? row[j] : "");
    const auto s = siunitx_column(column);
    numeric[j] = s.has_value();
    spec += s ? *s : "l";
  }
  out << "\\begin{tabular}{" << spec << "}\n\\toprule\n";
  for (size_t j = 0; j < header.size(); ++j) out << (j ? " & " : "") << "{" << latex_escape(header[j]) << "}";
  out << " \\\\\n\\midrule\n";
  for (const auto& row : cells) {
    for (size_t j = 0; j < header.size(); ++j) {
      const std::string c = j < row.size() ? row[j] : "";
      out << (j ? " & " : "") << (numeric[j] ? (c.empty() ? "{}" : c) : latex_escape(c));
    }
    out << " \\\\\n";
  }
  out << "\\bottomrule\n\\end{tabular}\n";
}

}  // namespace ael
