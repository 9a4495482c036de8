#include "load/import_path.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace gotrap::load {

namespace {

bool allowed_char(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+';
}

bool equal_fold(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

constexpr std::array<std::string_view, 22> kWindowsReserved = {
    "CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};

// The character starting at elem[i] in quotes (a whole UTF-8 sequence for non-ASCII bytes).
std::string quote_char(std::string_view elem, size_t i) {
  size_t end = i + 1;
  if (static_cast<unsigned char>(elem[i]) >= 0xC0) {
    while (end < elem.size() && (static_cast<unsigned char>(elem[end]) & 0xC0) == 0x80) ++end;
  }
  std::string quoted(1, '\'');
  quoted.append(elem.substr(i, end - i));
  quoted.push_back('\'');
  return quoted;
}

std::string element_problem(std::string_view elem) {
  if (elem.empty()) return "empty path element";
  if (std::all_of(elem.begin(), elem.end(), [](char c) { return c == '.'; })) {
    return "invalid path element \"" + std::string(elem) + "\"";
  }
  if (elem.back() == '.') return "trailing dot in path element";
  for (size_t i = 0; i < elem.size(); ++i) {
    if (!allowed_char(static_cast<unsigned char>(elem[i]))) return "invalid char " + quote_char(elem, i);
  }
  std::string_view short_name = elem.substr(0, elem.find('.'));
  for (std::string_view reserved : kWindowsReserved) {
    if (equal_fold(reserved, short_name)) {
      std::string message(1, '"');
      message.append(short_name).append("\" disallowed as path element component on Windows");
      return message;
    }
  }
  size_t tilde = short_name.rfind('~');
  if (tilde != std::string_view::npos && tilde + 1 < short_name.size()) {
    std::string_view suffix = short_name.substr(tilde + 1);
    if (std::all_of(suffix.begin(), suffix.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return "trailing tilde and digits in path element";
    }
  }
  return "";
}

}  // namespace

std::string import_path_problem(std::string_view path) {
  if (path.empty()) return "empty string";
  if (path.front() == '-') return "leading dash";
  if (path.find("//") != std::string_view::npos) return "double slash";
  if (path.back() == '/') return "trailing slash";
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    std::string problem = element_problem(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (!problem.empty()) return problem;
    if (slash == std::string_view::npos) return "";
    start = slash + 1;
  }
}

}  // namespace gotrap::load
