#include "load/constraint.h"

#include <limits>

namespace gotrap::load {

std::optional<GoVersion> min_go_version(const BuildConstraint& constraint) {
  int64_t minor = constraint.min_go_minor();
  if (minor < 0 || minor > std::numeric_limits<int>::max()) return std::nullopt;
  return GoVersion{1, static_cast<int>(minor)};
}

}  // namespace gotrap::load
