// Small text helpers shared by the build-constraint parser and the loader's header reader.
#pragma once

#include <string_view>

namespace gotrap::syntax {

// Go's unicode.IsSpace restricted to ASCII: what go/build trims around header lines.
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace gotrap::syntax
