#include <gtest/gtest.h>

#include <string>

#include "syntax/parser_impl.h"

namespace gotrap::syntax {
namespace {

// File.GoVersion as go/parser sets it from a //go:build comment (nullopt: the line is ignored).
TEST(GoBuildVersion, LineSplittingFollowsGoBuildConstraint) {
  EXPECT_EQ(go_build_version("//go:build go1.22"), "go1.22");
  EXPECT_EQ(go_build_version("//go:build go1.22\n"), "go1.22");
  EXPECT_EQ(go_build_version("//go:build\tlinux && go1"), "go1");
  EXPECT_EQ(go_build_version("//go:build linux"), "");
  EXPECT_EQ(go_build_version("//go:buildgo1.22"), std::nullopt);
  EXPECT_EQ(go_build_version("//go:build go1.22\nx"), std::nullopt);
  EXPECT_EQ(go_build_version("//go:build go1.22 &&"), std::nullopt);
}

TEST(GoBuildVersion, VersionArithmetic) {
  EXPECT_EQ(go_build_version("//go:build (linux && go1.22) || (windows && go1.20)"), "go1.20");
  EXPECT_EQ(go_build_version("//go:build linux || (windows && go1.22)"), "");
  EXPECT_EQ(go_build_version("//go:build !go1.22"), "");
  EXPECT_EQ(go_build_version("//go:build !(!go1.20 || !go1.23)"), "go1.23");
  // strconv.Atoi of the text after the first "go1.", over Go's int range.
  EXPECT_EQ(go_build_version("//go:build appengine_go1.21"), "go1.21");
  EXPECT_EQ(go_build_version("//go:build go1.1234567890"), "go1.1234567890");
  EXPECT_EQ(go_build_version("//go:build go1.99999999999999999999"), "");
}

TEST(GoBuildVersion, OversizedExpressionsAreRejectedWithoutDeepRecursion) {
  std::string deep = "//go:build " + std::string(1'000'000, '(') + "go1.22" + std::string(1'000'000, ')');
  EXPECT_EQ(go_build_version(deep), std::nullopt);
  std::string wide = "//go:build go1.22";
  for (int i = 1; i < 1000; ++i) wide += " || go1.22";
  EXPECT_EQ(go_build_version(wide), "go1.22");
  EXPECT_EQ(go_build_version(wide + " || go1.22"), std::nullopt);
}

}  // namespace
}  // namespace gotrap::syntax
