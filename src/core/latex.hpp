// LaTeX output shared by `--format latex` (core/report.cpp) and `aelandscape
// paper`: text escaping (ASCII specials and the Unicode symbols our reports
// use, so pdflatex compiles them) and booktabs tables whose numeric columns are
// siunitx S columns aligned on the decimal point (docs/paper.md, "Tables").
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace ael {

// Text-mode LaTeX for a UTF-8 string: \ { } _ % & # $ ~ ^ escaped; Greek
// letters, math symbols, super/subscripts and combining bar/hat become math
// mode; any other non-ASCII character becomes '?'.
std::string latex_escape(const std::string& utf8);

// A decimal number as our reports print it: optional sign, digits, optional
// fraction, optional exponent (e.g. "-0.75", "9.96e-60", "26").
bool is_decimal_number(const std::string& s);

// siunitx column type for a column of cells, e.g. "S[table-format=-1.16e-2]",
// when every non-empty cell is a decimal number (and one is non-empty);
// otherwise nothing (the column is set as text, "l").
std::optional<std::string> siunitx_column(const std::vector<std::string>& cells);

// A booktabs tabular (\toprule, \midrule, \bottomrule); numeric columns are
// S columns with braced headers. Needs \usepackage{booktabs,siunitx}.
void booktabs_tabular(std::ostream& out, const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& cells);

}  // namespace ael
