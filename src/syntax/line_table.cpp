#include "syntax/line_table.h"

#include <algorithm>
#include <cstring>

namespace gotrap::syntax {

void LineTable::build(std::string_view text) {
  starts_.clear();
  starts_.push_back(0);
  const char* base = text.data();
  const char* p = base;
  const char* end = base + text.size();
  while (p < end) {
    const void* nl = std::memchr(p, '\n', size_t(end - p));
    if (!nl) break;
    p = static_cast<const char*>(nl) + 1;
    if (p == end) break;  // as go/token: the end of the text after a final newline is no new line
    starts_.push_back(uint32_t(p - base));
  }
}

LineCol LineTable::at(uint32_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  size_t line = size_t(it - starts_.begin());  // >= 1 since starts_[0] == 0
  return LineCol{uint32_t(line), offset - starts_[line - 1] + 1};
}

}  // namespace gotrap::syntax
