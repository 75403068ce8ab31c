// Classification of a critical point of either LAE loss from its inertia
// (docs/lae-math.md §8 "Minima versus saddles"): one rule shared by
// `lae spectrum`, `lae landscape`, `lae inspect` and the Python bindings.
#pragma once

#include "lae/critical.hpp"

namespace ael::lae {

enum class Classification { global_minimum, minimum, saddle };

// "global minimum" | "minimum" | "saddle" (the CLI's and the JSON's words).
const char* classification_name(Classification c);

// True when the full-rank tuple I attains L* (docs/lae-math.md §6 "Global
// minimum"): the ordered loss needs I = (1, …, p) in this order; MSE any
// ordering of the set {1, …, p}. 0-based indices; I.size() is p.
bool attains_optimum(const Index& I, LossKind kind);

// A saddle when the Hessian has a negative eigenvalue; otherwise a global
// minimum when the point attains L* (attains_optimum, or a closed form that
// says so), a (non-global) minimum otherwise. Throws nothing.
Classification classify(const Inertia& inertia, bool optimal);

}  // namespace ael::lae
