// Errors of the library that name a parameter. The library speaks of its own
// parameters ("digits", "eps_frac"); the command line maps each name to its
// flag ("--digits", "--eps-frac") when it prints the message, so the library
// never names a CLI flag and the CLI never rewrites a sentence.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

namespace ael {

// A bad value of one or more named parameters (exit code 2 at the CLI).
// `text` is the message with each parameter reference written `@name`, e.g.
// ParameterError("eps_frac", "@eps_frac must lie in [0, 1)"). what() renders
// `@name` as `name`; render() lets a caller spell the names its own way.
class ParameterError : public std::invalid_argument {
 public:
  ParameterError(std::string parameter, std::string text);
  // The parameter the error is about (the first one named).
  const std::string& parameter() const { return parameter_; }
  // The message with every `@name` replaced by spell(name).
  std::string render(const std::function<std::string(const std::string&)>& spell) const;

 private:
  std::string parameter_, text_;
};

}  // namespace ael
