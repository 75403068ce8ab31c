// The `verify --format table` view of the claims report: readable in a
// 100-column terminal. JSON, CSV, Markdown and LaTeX print the full document.
#pragma once

#include "core/report.hpp"

namespace ael::cli {

// From the full report (keys command, summary, margin, claims, meta): one line
// per claim (id, verdict, margin in decades or "exact", statement cut to what
// is left of 100 columns), a notes table for FAIL and SKIP rows only, then the
// run's metadata and the totals.
Json verify_table_view(const Json& report);

}  // namespace ael::cli
