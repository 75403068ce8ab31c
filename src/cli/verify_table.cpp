#include "cli/verify_table.hpp"

#include <algorithm>

namespace ael::cli {

namespace {
constexpr size_t kWidth = 100;

size_t columns(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first `width` columns of s, "..." marking a cut (never inside a UTF-8 character).
std::string cut(const std::string& s, size_t width) {
  if (columns(s) <= width) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts && ++n > width - 3) break;
    out += s[i];
  }
  return out + "...";
}
}  // namespace

Json verify_table_view(const Json& report) {
  const Json& claims = report.at("claims");
  size_t id_w = 2, verdict_w = 7, margin_w = 6, evidence_w = 0;
  for (const auto& c : claims) {
    id_w = std::max(id_w, columns(c.at("id").get<std::string>()));
    verdict_w = std::max(verdict_w, columns(c.at("verdict").get<std::string>()));
    margin_w = std::max(margin_w, columns(c.at("worst_margin_decades").get<std::string>()));
    // verify --certify: the level of evidence of each claim is part of its line.
    if (c.contains("evidence")) evidence_w = std::max<size_t>(std::max<size_t>(evidence_w, 8), columns(c.at("evidence").get<std::string>()));
  }
  // Each column is printed with two leading spaces (core/report.cpp).
  const size_t used = 2 + id_w + 2 + verdict_w + 2 + margin_w + 2 + (evidence_w ? evidence_w + 2 : 0);
  const size_t statement_w = kWidth > used + 20 ? kWidth - used : 20;
  Json rows = Json::array(), notes = Json::array();
  for (const auto& c : claims) {
    const std::string verdict = c.at("verdict");
    Json row = Json::object();
    row["id"] = c.at("id");
    row["verdict"] = verdict;
    if (evidence_w) row["evidence"] = c.contains("evidence") ? c.at("evidence") : Json("");
    row["margin"] = c.at("worst_margin_decades");
    row["statement"] = cut(c.at("statement").get<std::string>(), statement_w);
    rows.push_back(row);
    if (verdict != "PASS" && c.contains("note")) notes.push_back({{"id", c.at("id")}, {"verdict", verdict}, {"note", c.at("note")}});
  }
  Json view;
  view["command"] = report.at("command");
  view["margin"] = "decades log10(tolerance/error) or log10(value/bound); 'exact': exact comparisons only";
  view["claims"] = rows;
  if (!notes.empty()) view["notes"] = notes;
  view["meta"] = report.at("meta");
  view["totals"] = report.at("summary");  // last: the line a reader looks for
  return view;
}

}  // namespace ael::cli
