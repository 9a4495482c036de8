#include <gtest/gtest.h>

#include <set>

#include "load/constraint.h"

namespace gotrap::load {
namespace {

bool eval_go_build(std::string_view expr, const std::set<std::string>& tags) {
  std::string error;
  auto constraint = BuildConstraint::parse_go_build(expr, &error);
  EXPECT_TRUE(constraint.has_value()) << expr << ": " << error;
  if (!constraint) return false;
  return constraint->eval([&](std::string_view tag) { return tags.count(std::string(tag)) > 0; });
}

bool eval_plus_build(std::string_view expr, const std::set<std::string>& tags) {
  auto constraint = BuildConstraint::parse_plus_build(expr);
  EXPECT_TRUE(constraint.has_value()) << expr;
  if (!constraint) return false;
  return constraint->eval([&](std::string_view tag) { return tags.count(std::string(tag)) > 0; });
}

std::string parse_error(std::string_view expr) {
  std::string error;
  EXPECT_FALSE(BuildConstraint::parse_go_build(expr, &error).has_value()) << expr;
  return error;
}

TEST(LoadGoBuild, OperatorsAndPrecedence) {
  const std::set<std::string> linux_amd64 = {"linux", "amd64"};
  EXPECT_TRUE(eval_go_build("linux", linux_amd64));
  EXPECT_FALSE(eval_go_build("!linux", linux_amd64));
  EXPECT_TRUE(eval_go_build("windows || linux && amd64", linux_amd64));
  EXPECT_FALSE(eval_go_build("(windows || linux) && arm64", linux_amd64));
  EXPECT_TRUE(eval_go_build("!(windows || darwin) && (amd64 || 386)", linux_amd64));
  EXPECT_TRUE(eval_go_build("  linux\t&&amd64  ", linux_amd64));
  EXPECT_TRUE(eval_go_build("goexperiment.x || linux", linux_amd64));
}

TEST(LoadGoBuild, SyntaxErrors) {
  EXPECT_EQ(parse_error("!!linux"), "double negation not allowed");
  EXPECT_EQ(parse_error("(linux"), "missing close paren");
  EXPECT_EQ(parse_error("(linux &&"), "missing close paren");  // the end inside parentheses
  EXPECT_EQ(parse_error(""), "unexpected end of expression");
  EXPECT_EQ(parse_error("linux &&"), "unexpected end of expression");
  EXPECT_EQ(parse_error("linux windows"), "unexpected token windows");
  EXPECT_EQ(parse_error("linux & amd64"), "invalid syntax at &");
  EXPECT_EQ(parse_error("linux // comment"), "invalid syntax at /");
}

TEST(LoadGoBuild, DeepNestingIsRejectedNotOverflowed) {
  std::string deep(5000, '(');
  deep += "linux";
  deep += std::string(5000, ')');
  EXPECT_EQ(parse_error(deep), "build expression too large");
}

// go/build/constraint counts operands (at most 1000), not operators, toward its size limit.
TEST(LoadGoBuild, SizeLimitCountsOperands) {
  std::string operands = "a";
  for (int i = 1; i < 1000; ++i) operands += " || a";
  EXPECT_TRUE(eval_go_build(operands, {"a"}));
  EXPECT_EQ(parse_error(operands + " || a"), "build expression too large");
}

TEST(LoadPlusBuild, SpaceIsOrCommaIsAnd) {
  const std::set<std::string> linux_amd64 = {"linux", "amd64"};
  EXPECT_TRUE(eval_plus_build("darwin linux,amd64", linux_amd64));
  EXPECT_FALSE(eval_plus_build("linux,386 darwin", linux_amd64));
  EXPECT_TRUE(eval_plus_build("!windows,!plan9", linux_amd64));
  // Malformed terms and a bare "+build" stand for the tag "ignore", as in the go tool.
  EXPECT_FALSE(eval_plus_build("!!linux", linux_amd64));
  EXPECT_FALSE(eval_plus_build("", linux_amd64));
  EXPECT_TRUE(eval_plus_build("!", {"ignore"}));
  EXPECT_TRUE(eval_plus_build("lin-ux linux", linux_amd64));
}

TEST(LoadPlusBuild, Prefixes) {
  EXPECT_EQ(plus_build_expr("// +build linux"), "linux");
  EXPECT_EQ(plus_build_expr("//+build linux"), "linux");
  EXPECT_EQ(plus_build_expr("// +build"), "");
  EXPECT_FALSE(plus_build_expr("// +buildlinux").has_value());
  EXPECT_FALSE(plus_build_expr("/* +build linux */").has_value());
  EXPECT_EQ(go_build_expr("//go:build linux && amd64"), "linux && amd64");
  EXPECT_FALSE(go_build_expr("//go:buildlinux").has_value());
  EXPECT_FALSE(go_build_expr("// go:build linux").has_value());
}

std::optional<GoVersion> min_version(std::string_view expr) {
  std::string error;
  auto constraint = BuildConstraint::parse_go_build(expr, &error);
  EXPECT_TRUE(constraint.has_value()) << error;
  return constraint ? min_go_version(*constraint) : std::nullopt;
}

TEST(LoadGoBuild, MinimumGoVersionAsGoBuildConstraintComputesIt) {
  EXPECT_EQ(min_version("go1.22"), (GoVersion{1, 22}));
  EXPECT_EQ(min_version("linux && go1.21"), (GoVersion{1, 21}));
  EXPECT_EQ(min_version("go1.18 && go1.22"), (GoVersion{1, 22}));
  EXPECT_EQ(min_version("go1.18 || go1.22"), (GoVersion{1, 18}));
  EXPECT_EQ(min_version("go1.22 || linux"), std::nullopt);  // linux alone implies nothing
  EXPECT_EQ(min_version("!go1.22"), std::nullopt);
  EXPECT_EQ(min_version("!(!go1.20 || !go1.23)"), (GoVersion{1, 23}));
  EXPECT_EQ(min_version("go1"), (GoVersion{1, 0}));
  EXPECT_EQ(min_version("go1.x"), std::nullopt);
  // go/build/constraint reads the number after the first "go1." with strconv.Atoi.
  EXPECT_EQ(min_version("appengine_go1.22"), (GoVersion{1, 22}));
  EXPECT_EQ(min_version("go1.22rc1"), std::nullopt);
  EXPECT_EQ(min_version("go1.99999999999"), std::nullopt);  // beyond GoVersion's range
}

}  // namespace
}  // namespace gotrap::load
