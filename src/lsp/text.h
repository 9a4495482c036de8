// Positions in LSP terms: zero-based line and UTF-16 code unit within the line, over UTF-8 text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gotrap::lsp {

struct Position {
  int line = 0;
  int character = 0;  // UTF-16 code units
};

// Line starts of one text, for converting byte offsets and positions both ways.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  Position position(uint32_t offset) const;
  // Clamped: a line past the end gives the text's end, a character past the line's end the end
  // of the line (before its newline), as LSP asks.
  uint32_t offset(Position position) const;

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;
};

// Replaces the [start, end) range given as positions with `replacement`.
void apply_change(std::string& text, Position start, Position end, std::string_view replacement);

// file:// URIs to paths and back (percent-encoding of the path's bytes).
std::string uri_to_path(std::string_view uri);
std::string path_to_uri(std::string_view path);

}  // namespace gotrap::lsp
