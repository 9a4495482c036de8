// Offset -> line/column conversion for one file, built from the line starts in one pass.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace gotrap::syntax {

struct LineCol {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in bytes
};

class LineTable {
 public:
  LineTable() = default;
  explicit LineTable(std::string_view text) { build(text); }
  void build(std::string_view text);
  // Takes line starts already collected (by the scanner): ascending, starting with 0.
  void assign(std::vector<uint32_t>&& starts) { starts_ = std::move(starts); }

  LineCol at(uint32_t offset) const;
  uint32_t line_count() const { return uint32_t(starts_.size()); }
  // Offset of the first byte of a 1-based line.
  uint32_t line_start(uint32_t line) const { return starts_[line - 1]; }

 private:
  std::vector<uint32_t> starts_{0};
};

}  // namespace gotrap::syntax
