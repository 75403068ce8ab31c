// One result document (ordered JSON) rendered to every output format, so that
// json/table/csv/md/latex always print the same content.
//
// Conventions: real numbers are decimal strings; an array of objects is a
// table; an object is a section; everything else is a "key: value" line.
#pragma once

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace ael {

using Json = nlohmann::ordered_json;

enum class Format { json, table, csv, md, latex };
Format parse_format(const std::string& name);  // throws std::invalid_argument
std::vector<std::string> format_names();

void render(const Json& doc, Format format, std::ostream& out);

}  // namespace ael
