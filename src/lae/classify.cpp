#include "lae/classify.hpp"

namespace ael::lae {

const char* classification_name(Classification c) {
  switch (c) {
    case Classification::global_minimum: return "global minimum";
    case Classification::minimum: return "minimum";
    case Classification::saddle: return "saddle";
  }
  return "saddle";
}

bool attains_optimum(const Index& I, LossKind kind) {
  const int p = static_cast<int>(I.size());
  for (int k = 0; k < p; ++k)
    if (kind == LossKind::ordered ? I[k] != k : I[k] >= p) return false;
  return true;
}

Classification classify(const Inertia& inertia, bool optimal) {
  if (inertia.negative > 0) return Classification::saddle;
  return optimal ? Classification::global_minimum : Classification::minimum;
}

}  // namespace ael::lae
