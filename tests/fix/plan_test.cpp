#include <gtest/gtest.h>

#include "fix/fix.h"

namespace gotrap::fix {
namespace {

rules::Finding finding(std::string path, std::vector<rules::Fix> fixes) {
  return rules::Finding{.rule = std::string("r"), .path = std::move(path), .fixes = std::move(fixes)};
}

rules::Fix fix(std::vector<rules::Edit> edits, rules::FixSafety safety = rules::FixSafety::safe) {
  return rules::Fix{"fix", std::move(edits), safety};
}

TEST(ApplyEdits, ReplacesInsertsAndDeletesByOffset) {
  EXPECT_EQ(apply_edits("hello world", {{6, 11, "there"}, {0, 0, ">> "}, {5, 6, ""}}),
            ">> hellothere");
  EXPECT_EQ(apply_edits("abc", {}), "abc");
  EXPECT_EQ(apply_edits("abc", {{3, 3, "d"}}), "abcd");
}

class PlanFixes : public ::testing::Test {
 protected:
  std::string text = "0123456789";
  rules::TextLookup lookup = [this](std::string_view path) -> const std::string* {
    return path == "a.go" ? &text : nullptr;
  };
};

TEST_F(PlanFixes, OverlappingLaterFixIsDroppedWhole) {
  std::vector<rules::Finding> findings = {
      finding("a.go", {fix({{2, 4, "AB"}})}),
      finding("a.go", {fix({{8, 9, "X"}, {3, 5, "CD"}})}),  // overlaps the first: dropped whole
      finding("a.go", {fix({{6, 7, "Y"}})}),
  };
  auto planned = plan_fixes(findings, false, lookup);
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].fixed, "01AB45Y789");
  EXPECT_EQ(planned[0].applied, (std::vector<size_t>{0, 2}));
  EXPECT_EQ(planned[0].skipped, 1);
}

TEST_F(PlanFixes, UnsafeFixesNeedPermission) {
  std::vector<rules::Finding> findings = {
      finding("a.go", {fix({{0, 1, "Z"}}, rules::FixSafety::unsafe)}),
  };
  EXPECT_TRUE(plan_fixes(findings, false, lookup).empty());
  auto planned = plan_fixes(findings, true, lookup);
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].fixed, "Z123456789");
}

TEST_F(PlanFixes, IdenticalEditsOfTwoFixesApplyOnce) {
  // Two findings that both add the same import must not add it twice.
  std::vector<rules::Finding> findings = {
      finding("a.go", {fix({{0, 0, "import;"}, {2, 3, "x"}})}),
      finding("a.go", {fix({{0, 0, "import;"}, {5, 6, "y"}})}),
  };
  auto planned = plan_fixes(findings, false, lookup);
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].fixed, "import;01x34y6789");
  EXPECT_EQ(planned[0].applied.size(), 2u);
}

TEST_F(PlanFixes, TwoDifferentInsertionsAtOnePointConflict) {
  std::vector<rules::Finding> findings = {
      finding("a.go", {fix({{4, 4, "a"}})}),
      finding("a.go", {fix({{4, 4, "b"}})}),
  };
  auto planned = plan_fixes(findings, false, lookup);
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].fixed, "0123a456789");
  EXPECT_EQ(planned[0].skipped, 1);
}

TEST_F(PlanFixes, OutOfRangeOrSelfOverlappingFixIsRejected) {
  std::vector<rules::Finding> findings = {
      finding("a.go", {fix({{8, 20, "x"}})}),
      finding("a.go", {fix({{1, 3, "x"}, {2, 4, "y"}})}),
      finding("unknown.go", {fix({{0, 1, "x"}})}),
  };
  EXPECT_TRUE(plan_fixes(findings, true, lookup).empty());
}

TEST_F(PlanFixes, AdjacentEditsDoNotConflict) {
  std::vector<rules::Finding> findings = {
      finding("a.go", {fix({{2, 4, "A"}})}),
      finding("a.go", {fix({{4, 6, "B"}})}),
  };
  auto planned = plan_fixes(findings, false, lookup);
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].fixed, "01AB6789");
}

}  // namespace
}  // namespace gotrap::fix

namespace gotrap::fix {
namespace {

TEST(ReparsesCleanly, RefusesFixesThatAddSyntaxErrors) {
  FileFix file{.path = "a.go", .original = "package p\n\nfunc f() {}\n"};
  file.fixed = "package p\n\nfunc f() {\n";  // the fix ate a brace
  std::string why;
  EXPECT_FALSE(reparses_cleanly(file, &why));
  EXPECT_NE(why.find("syntax error"), std::string::npos) << why;
  file.fixed = "package p\n\nfunc f() { defer g() }\n";
  EXPECT_TRUE(reparses_cleanly(file, &why));
}

TEST(ReparsesCleanly, ToleratesErrorsThatWereAlreadyThere) {
  FileFix file{.path = "a.go", .original = "package p\n\nfunc f( {}\n\nvar x = 1\n"};
  file.fixed = "package p\n\nfunc f( {}\n\nvar x = 2\n";
  EXPECT_TRUE(reparses_cleanly(file, nullptr));
}

}  // namespace
}  // namespace gotrap::fix
