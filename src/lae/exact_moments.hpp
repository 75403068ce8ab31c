// Exact autoencoder moments (defined in lae/model.cpp; docs/eigen-refinement.md §1).
#pragma once

#include "lae/model.hpp"

namespace ael::lae {

// Autoencoder moments (Y = X) of data whose entries are doubles, exact and rounded
// once (core/exact_moments.hpp); center subtracts the column means exactly.
// Returns false when the entries' binary scale is too wide for the exact route.
bool exact_moments_from_rows(const Mat<double>& X_rows, bool center, Moments<mp_real>& out);

}  // namespace ael::lae
