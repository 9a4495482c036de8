// Unified diff of two texts by lines (Myers' O(ND) algorithm), for --diff.
#include <algorithm>
#include <string>
#include <vector>

#include "fix/fix.h"

namespace gotrap::fix {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(at, end - at));  // keeps the newline: a missing one is a change
    at = end;
  }
  return lines;
}

enum class Op { keep, remove, add };

// The shortest edit script from a to b as a sequence of operations.
std::vector<Op> myers(const std::vector<std::string_view>& a,
                      const std::vector<std::string_view>& b) {
  const int n = int(a.size()), m = int(b.size()), max = n + m;
  const int offset = max + 1;
  std::vector<int> v(2 * max + 3, 0);
  std::vector<std::vector<int>> trace;
  int found_d = 0;
  for (int d = 0; d <= max; ++d) {
    trace.push_back(v);
    bool done = false;
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                              : v[offset + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    if (done) {
      found_d = d;
      trace.push_back(v);
      break;
    }
  }
  std::vector<Op> ops;
  int x = n, y = m;
  for (int d = found_d; d > 0; --d) {
    const std::vector<int>& vd = trace[d];  // V before step d
    int k = x - y;
    int prev_k = (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) ? k + 1 : k - 1;
    int prev_x = vd[offset + prev_k];
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) ops.push_back(Op::keep), --x, --y;
    ops.push_back(x == prev_x ? Op::add : Op::remove);
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) ops.push_back(Op::keep), --x, --y;
  std::reverse(ops.begin(), ops.end());
  return ops;
}

void append_line(std::string& out, char sign, std::string_view line) {
  out += sign;
  out.append(line);
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(const std::string& path, std::string_view before, std::string_view after) {
  if (before == after) return {};
  auto a = split_lines(before);
  auto b = split_lines(after);
  // Fixes touch a few lines: diff only the middle that differs, so Myers' trace stays small.
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<Op> ops(prefix, Op::keep);
  {
    std::vector<std::string_view> mid_a(a.begin() + prefix, a.end() - suffix);
    std::vector<std::string_view> mid_b(b.begin() + prefix, b.end() - suffix);
    std::vector<Op> mid = myers(mid_a, mid_b);
    ops.insert(ops.end(), mid.begin(), mid.end());
  }
  ops.insert(ops.end(), suffix, Op::keep);

  constexpr int kContext = 3;
  std::string out = "--- a/" + path + "\n+++ b/" + path + "\n";
  size_t i = 0;
  while (i < ops.size()) {
    // Find the next change, then grow the hunk while changes are within 2*context of each other.
    size_t first = i;
    while (first < ops.size() && ops[first] == Op::keep) ++first;
    if (first == ops.size()) break;
    size_t start = first >= size_t(kContext) ? first - kContext : 0;
    start = std::max(start, i == 0 ? size_t(0) : i);
    size_t end = first;
    size_t keeps = 0;
    for (size_t j = first; j < ops.size(); ++j) {
      if (ops[j] == Op::keep) {
        if (++keeps > size_t(2 * kContext)) break;
      } else {
        keeps = 0;
        end = j + 1;
      }
    }
    size_t stop = std::min(ops.size(), end + kContext);
    // Line numbers of the hunk start in a and b.
    size_t ai = 0, bi = 0;
    for (size_t j = 0; j < start; ++j) {
      if (ops[j] != Op::add) ++ai;
      if (ops[j] != Op::remove) ++bi;
    }
    size_t a_count = 0, b_count = 0;
    std::string body;
    size_t ax = ai, bx = bi;
    for (size_t j = start; j < stop; ++j) {
      switch (ops[j]) {
        case Op::keep: append_line(body, ' ', a[ax++]); ++bx; ++a_count; ++b_count; break;
        case Op::remove: append_line(body, '-', a[ax++]); ++a_count; break;
        case Op::add: append_line(body, '+', b[bx++]); ++b_count; break;
      }
    }
    out += "@@ -" + std::to_string(a_count ? ai + 1 : ai) + "," + std::to_string(a_count) + " +" +
           std::to_string(b_count ? bi + 1 : bi) + "," + std::to_string(b_count) + " @@\n";
    out += body;
    i = stop;
  }
  return out;
}

}  // namespace gotrap::fix
