#include "lsp/text.h"

#include <gtest/gtest.h>

namespace gotrap::lsp {
namespace {

TEST(LineIndex, Utf16ColumnsCountSurrogatePairsAsTwo) {
  // "é" is 2 bytes / 1 unit, "𝄞" 4 bytes / 2 units.
  std::string text = "ab\n\xC3\xA9\xF0\x9D\x84\x9Ex\n";
  LineIndex index(text);
  uint32_t x = uint32_t(text.find('x'));
  Position p = index.position(x);
  EXPECT_EQ(p.line, 1);
  EXPECT_EQ(p.character, 3);
  EXPECT_EQ(index.offset({1, 3}), x);
  EXPECT_EQ(index.offset({1, 1}), 5u);  // after é
}

TEST(LineIndex, ClampsPastLineAndTextEnd) {
  std::string text = "abc\nde";
  LineIndex index(text);
  EXPECT_EQ(index.offset({0, 99}), 3u);  // before the newline
  EXPECT_EQ(index.offset({7, 0}), 6u);
  EXPECT_EQ(index.position(6).line, 1);
  EXPECT_EQ(index.position(6).character, 2);
}

TEST(ApplyChange, ReplacesRangeAcrossLines) {
  std::string text = "one\ntwo\nthree\n";
  apply_change(text, {0, 1}, {2, 2}, "X");
  EXPECT_EQ(text, "oXree\n");
  apply_change(text, {1, 0}, {1, 0}, "tail");
  EXPECT_EQ(text, "oXree\ntail");
}

TEST(Uri, RoundTripsEscapedPaths) {
  EXPECT_EQ(path_to_uri("/a b/c%.go"), "file:///a%20b/c%25.go");
  EXPECT_EQ(uri_to_path("file:///a%20b/c%25.go"), "/a b/c%.go");
}

}  // namespace
}  // namespace gotrap::lsp
