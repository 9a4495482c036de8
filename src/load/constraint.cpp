#include "load/constraint.h"

#include <limits>

#include "load/text.h"

namespace gotrap::load {

namespace {

// Splits "prefix<space>rest" the way go/build/constraint does: the prefix must be followed by
// white space or the end of the line.
std::optional<std::string_view> after_prefix(std::string_view line, std::string_view prefix) {
  if (!line.starts_with(prefix)) return std::nullopt;
  std::string_view rest = line.substr(prefix.size());
  if (!rest.empty() && !is_space(rest.front())) return std::nullopt;
  return trim(rest);
}

}  // namespace

std::optional<GoVersion> min_go_version(const BuildConstraint& constraint) {
  int64_t minor = constraint.min_go_minor();
  if (minor < 0 || minor > std::numeric_limits<int>::max()) return std::nullopt;
  return GoVersion{1, static_cast<int>(minor)};
}

std::optional<std::string_view> go_build_expr(std::string_view line) {
  return after_prefix(line, "//go:build");
}

std::optional<std::string_view> plus_build_expr(std::string_view line) {
  if (!line.starts_with("//")) return std::nullopt;
  return after_prefix(trim(line.substr(2)), "+build");
}

}  // namespace gotrap::load
