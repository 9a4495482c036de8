// Tests of the fixture runner itself, with a tiny fake rule that needs no syntax tree.
#include "analysistest.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace gotrap::analysistest {
namespace {

namespace fs = std::filesystem;

TEST(ParseWants, QuotedRawAndSeveralPerLine) {
  std::vector<std::string> errors;
  auto wants = parse_wants("a.go",
                           "package p\n"
                           "f() // want \"call to \\\"f\\\"\"\n"
                           "g() // want `g\\(` \"second\"\n"
                           "h() // wanted, not a want\n"
                           "i() // want\n",
                           &errors);
  ASSERT_EQ(wants.size(), 3u);
  EXPECT_EQ(wants[0].line, 2u);
  EXPECT_EQ(wants[0].pattern, "call to \"f\"");
  EXPECT_EQ(wants[1].line, 3u);
  EXPECT_EQ(wants[1].pattern, "g\\(");
  EXPECT_EQ(wants[2].pattern, "second");
  ASSERT_EQ(errors.size(), 1u);  // line 5: want without a regexp
  EXPECT_NE(errors[0].find("a.go:5"), std::string::npos);
}

rules::Finding finding_at(const std::string& text, std::string_view needle, std::string message) {
  rules::Finding f{.rule = std::string("fake"), .path = std::string("a.go")};
  f.start = uint32_t(text.find(needle));
  f.end = f.start + uint32_t(needle.size());
  f.message = std::move(message);
  return f;
}

TEST(MatchFindings, EachWantConsumesOneFinding) {
  std::string text = "x() // want `x one` `x`\ny()\nz() // want `zed`\n";
  rules::TextLookup lookup = [&](std::string_view) { return &text; };
  auto wants = parse_wants("a.go", text, nullptr);
  std::vector<rules::Finding> findings = {
      finding_at(text, "x()", "x one"), finding_at(text, "x()", "x two"),
      finding_at(text, "y()", "why"),   // not wanted
  };
  auto problems = match_findings(findings, wants, lookup);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("a.go:2:1: unexpected finding: why"), std::string::npos);
  EXPECT_NE(problems[1].find("a.go:3: no finding matched want `zed`"), std::string::npos);
}

TEST(MatchFindings, RelatedLocationOnTheLineCounts) {
  std::string text = "ctx, cancel := f()\nreturn // want `cancel`\n";
  rules::TextLookup lookup = [&](std::string_view) { return &text; };
  auto wants = parse_wants("a.go", text, nullptr);
  rules::Finding f = finding_at(text, "ctx", "the cancel function is not used on all paths");
  f.related.push_back({"a.go", uint32_t(text.find("return")), uint32_t(text.find("return")) + 6,
                       "this return skips cancel"});
  EXPECT_TRUE(match_findings({f}, wants, lookup).empty());
}

TEST(MatchFindings, InvalidRegexpIsAProblem) {
  std::string text = "x() // want `(`\n";
  auto wants = parse_wants("a.go", text, nullptr);
  auto problems = match_findings({}, wants, [&](std::string_view) { return &text; });
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].find("invalid regexp"), std::string::npos);
}

// Reports each "panic(" with a fix renaming it to "failf(".
class FakePanicRule : public rules::Rule {
 public:
  const rules::RuleInfo& info() const override { return info_; }
  void check(rules::Pass& pass) const override {
    for (const rules::PassFile& file : pass.files()) {
      for (size_t at = file.text.find("panic("); at != std::string_view::npos;
           at = file.text.find("panic(", at + 1)) {
        rules::Finding f;
        f.path = std::string(file.path);
        f.start = uint32_t(at);
        f.end = uint32_t(at + 5);
        f.message = "call to panic";
        f.fixes.push_back({"call failf", {{f.start, f.end, "failf"}}, rules::FixSafety::safe});
        pass.report(std::move(f));
      }
    }
  }

 private:
  rules::RuleInfo info_{.name = "fake-panic", .summary = "panics"};
};

class CheckFixtures : public ::testing::Test {
 protected:
  void SetUp() override {
    root = fs::temp_directory_path() / ("gotrap-analysistest-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root);
    fs::create_directories(root / "nested");
    put("go.mod", "module example.com/fake\n\ngo 1.21\n");
    put("nested/go.mod", "module example.com/nested\n\ngo 1.22\n");
    put("nested/n.go", "package nested\n\nfunc n() { panic(1) } // want `call to panic`\n");
    put("a.go",
        "package fake\n\nfunc failf(any) {}\n\n"
        "func f() {\n\tpanic(\"x\") // want `call to panic`\n}\n");
    put("a.go.golden",
        "package fake\n\nfunc failf(any) {}\n\n"
        "func f() {\n\tfailf(\"x\") // want `call to panic`\n}\n");
  }
  void TearDown() override { fs::remove_all(root); }
  void put(const std::string& rel, const std::string& text) {
    std::ofstream(root / rel, std::ios::binary) << text;
  }
  std::string joined(const FixtureReport& r) {
    std::string out;
    for (const auto& f : r.failures) out += f + "\n";
    return out;
  }

  fs::path root;
  FakePanicRule rule;
};

TEST_F(CheckFixtures, PassesWhenWantsAndGoldenAgree) {
  FixtureReport r = check_fixtures(rule, root.string());
  EXPECT_TRUE(r.failures.empty()) << joined(r);
  EXPECT_EQ(r.modules, 2);  // the nested module is loaded on its own
  EXPECT_EQ(r.findings, 2);
  EXPECT_EQ(r.wants, 2);
  EXPECT_EQ(r.goldens, 1);
}

TEST_F(CheckFixtures, ReportsMissingAndUnexpectedFindings) {
  put("b.go", "package fake\n\nfunc g() {\n\tpanic(2)\n\t_ = 1 // want `never reported`\n}\n");
  FixtureReport r = check_fixtures(rule, root.string());
  std::string all = joined(r);
  EXPECT_NE(all.find("b.go:4:2: unexpected finding: call to panic [fake-panic]"), std::string::npos)
      << all;
  EXPECT_NE(all.find("b.go:5: no finding matched want `never reported`"), std::string::npos) << all;
}

TEST_F(CheckFixtures, ReportsGoldenMismatch) {
  put("a.go.golden", "package fake\n// something else\n");
  FixtureReport r = check_fixtures(rule, root.string());
  std::string all = joined(r);
  EXPECT_NE(all.find("differs from the golden"), std::string::npos) << all;
}

// A fix that does not remove the construct is caught by the convergence re-run.
class NonConvergingRule : public FakePanicRule {
 public:
  void check(rules::Pass& pass) const override {
    for (const rules::PassFile& file : pass.files()) {
      size_t at = file.text.find("panic(");
      if (at == std::string_view::npos) continue;
      rules::Finding f;
      f.path = std::string(file.path);
      f.start = uint32_t(at);
      f.end = uint32_t(at + 5);
      f.message = "call to panic";
      f.fixes.push_back({"add a comment", {{0, 0, "// x\n"}}, rules::FixSafety::safe});
      pass.report(std::move(f));
    }
  }
};

TEST_F(CheckFixtures, ReportsFixesThatDoNotConverge) {
  NonConvergingRule bad;
  put("a.go.golden",
      "// x\npackage fake\n\nfunc failf(any) {}\n\n"
      "func f() {\n\tpanic(\"x\") // want `call to panic`\n}\n");
  FixtureReport r = check_fixtures(bad, root.string());
  std::string all = joined(r);
  EXPECT_NE(all.find("did not converge"), std::string::npos) << all;
}

}  // namespace
}  // namespace gotrap::analysistest
