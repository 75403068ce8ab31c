#include "core/precision.hpp"

#include "core/scalar.hpp"

namespace ael {

PrecisionScope::PrecisionScope(int printed)
    : saved_digits_(printed_digits()), saved_precision_(mp_real::default_precision()) {
  set_working_digits(printed);
}

PrecisionScope::~PrecisionScope() {
  set_working_digits(saved_digits_);
  mp_real::default_precision(saved_precision_);  // exactly what it was, even if never set through set_working_digits
}

}  // namespace ael
