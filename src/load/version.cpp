#include "load/load.h"

#include <charconv>

namespace gotrap::load {

namespace {

// Reads a run of decimal digits; false when there is none or it overflows.
bool read_number(std::string_view& text, int& out) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  auto [ptr, ec] = std::from_chars(begin, end, out);
  if (ec != std::errc() || ptr == begin) return false;
  text.remove_prefix(static_cast<size_t>(ptr - begin));
  return true;
}

}  // namespace

std::optional<GoVersion> GoVersion::parse(std::string_view text) {
  if (text.starts_with("go")) text.remove_prefix(2);
  GoVersion version;
  if (!read_number(text, version.major) || version.major < 1) return std::nullopt;
  if (text.empty()) return version;
  if (text.front() != '.') return std::nullopt;
  text.remove_prefix(1);
  if (!read_number(text, version.minor) || version.minor < 0) return std::nullopt;
  if (text.empty()) return version;
  // A patch number or a pre-release suffix ("rc1", "beta2") does not change the language.
  if (text.front() == '.') {
    text.remove_prefix(1);
    int patch = 0;
    if (!read_number(text, patch) || !text.empty()) return std::nullopt;
    return version;
  }
  if (text.starts_with("rc") || text.starts_with("beta")) {
    text.remove_prefix(text.front() == 'r' ? 2 : 4);
    int pre = 0;
    if (!read_number(text, pre) || !text.empty()) return std::nullopt;
    return version;
  }
  return std::nullopt;
}

std::string GoVersion::to_string() const {
  return "go" + std::to_string(major) + "." + std::to_string(minor);
}

}  // namespace gotrap::load
