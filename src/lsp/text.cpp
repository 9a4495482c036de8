#include "lsp/text.h"

#include <algorithm>
#include <cctype>

namespace gotrap::lsp {

namespace {

// Length in bytes of the UTF-8 sequence starting with `lead` (1 for stray continuation bytes).
int sequence_length(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(uint32_t(i + 1));
  }
}

Position LineIndex::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, uint32_t(text_.size()));
  size_t line = size_t(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
  int units = 0;
  for (size_t i = starts_[line]; i < offset;) {
    int length = sequence_length(static_cast<unsigned char>(text_[i]));
    units += length == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
    i += size_t(length);
  }
  return Position{int(line), units};
}

uint32_t LineIndex::offset(Position position) const {
  if (position.line < 0) return 0;
  if (size_t(position.line) >= starts_.size()) return uint32_t(text_.size());
  size_t i = starts_[size_t(position.line)];
  size_t line_end = size_t(position.line) + 1 < starts_.size() ? starts_[size_t(position.line) + 1] - 1
                                                               : text_.size();
  int units = 0;
  while (i < line_end && units < position.character) {
    int length = sequence_length(static_cast<unsigned char>(text_[i]));
    units += length == 4 ? 2 : 1;
    i = std::min(line_end, i + size_t(length));
  }
  return uint32_t(i);
}

void apply_change(std::string& text, Position start, Position end, std::string_view replacement) {
  LineIndex index(text);
  uint32_t from = index.offset(start);
  uint32_t to = std::max(from, index.offset(end));
  text.replace(from, to - from, replacement);
}

std::string uri_to_path(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.starts_with(scheme)) uri.remove_prefix(scheme.size());
  std::string path;
  for (size_t i = 0; i < uri.size(); ++i) {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      path += char(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

std::string path_to_uri(std::string_view path) {
  static const char* digits = "0123456789ABCDEF";
  std::string uri = "file://";
  for (char c : path) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += c;
    } else {
      uri += '%';
      uri += digits[u >> 4];
      uri += digits[u & 15];
    }
  }
  return uri;
}

}  // namespace gotrap::lsp
