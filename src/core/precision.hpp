// RAII scope of the working precision: sets the printed digits (and so the
// MPFR working precision, printed + kGuardDigits) for its lifetime and restores
// the previous setting when it ends, also when an exception leaves the scope.
// Commands, checks and tests switch precision only through it.
#pragma once

namespace ael {

class PrecisionScope {
 public:
  // Throws ParameterError("digits", …) outside [kMinDigits, kMaxDigits]; the
  // previous precision is then untouched.
  explicit PrecisionScope(int printed_digits);
  ~PrecisionScope();
  PrecisionScope(const PrecisionScope&) = delete;
  PrecisionScope& operator=(const PrecisionScope&) = delete;

 private:
  int saved_digits_;
  unsigned saved_precision_;
};

}  // namespace ael
