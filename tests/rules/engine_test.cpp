#include <gtest/gtest.h>

#include "rules/engine.h"

namespace gotrap::rules {
namespace {

class NamedRule : public Rule {
 public:
  explicit NamedRule(RuleInfo info) : info_(std::move(info)) {}
  const RuleInfo& info() const override { return info_; }
  void check(Pass&) const override {}

 private:
  RuleInfo info_;
};

Finding make(std::string rule, std::string path, uint32_t start, uint32_t end,
             std::string message = "m") {
  Finding f;
  f.rule = std::move(rule);
  f.path = std::move(path);
  f.start = start;
  f.end = end;
  f.message = std::move(message);
  return f;
}

TEST(SelectRules, DefaultsEnableAndDisable) {
  NamedRule a({.name = "a", .enabled_by_default = true});
  NamedRule b({.name = "b", .enabled_by_default = false});
  NamedRule c({.name = "c", .enabled_by_default = true});
  std::vector<const Rule*> registry = {&a, &b, &c};
  std::string error;
  EXPECT_EQ(select_rules(registry, {}, {}, &error), (std::vector<const Rule*>{&a, &c}));
  EXPECT_EQ(select_rules(registry, {"b"}, {"a"}, &error), (std::vector<const Rule*>{&b, &c}));
  EXPECT_EQ(select_rules(registry, {"all"}, {}, &error), registry);
  // A named rule beats "all" on the other side; named on both sides it stays off.
  EXPECT_EQ(select_rules(registry, {"b"}, {"all"}, &error), (std::vector<const Rule*>{&b}));
  EXPECT_EQ(select_rules(registry, {"all"}, {"c"}, &error), (std::vector<const Rule*>{&a, &b}));
  EXPECT_EQ(select_rules(registry, {"a"}, {"a"}, &error), (std::vector<const Rule*>{&c}));
  EXPECT_TRUE(error.empty());
  EXPECT_TRUE(select_rules(registry, {"nope"}, {}, &error).empty());
  EXPECT_NE(error.find("nope"), std::string::npos);
}

TEST(Suppression, SameLineAndLineAbove) {
  std::string text =
      "package p\n"
      "func f() {\n"
      "\tdefer g() //gotrap:ignore defer-in-loop\n"
      "\t//gotrap:ignore lost-cancel, defer-in-loop\n"
      "\tx := 1\n"
      "\ty := 2 //nolint:gotrap\n"
      "\tz := 3 // ordinary comment\n"
      "\tw := 4 //gotrap:ignore other-rule\n"
      "}\n";
  auto at = [&](std::string_view needle) { return uint32_t(text.find(needle)); };
  EXPECT_TRUE(is_suppressed(text, at("defer g"), "defer-in-loop"));
  EXPECT_FALSE(is_suppressed(text, at("defer g"), "lost-cancel"));
  EXPECT_TRUE(is_suppressed(text, at("x := 1"), "lost-cancel"));
  EXPECT_TRUE(is_suppressed(text, at("x := 1"), "defer-in-loop"));
  EXPECT_TRUE(is_suppressed(text, at("y := 2"), "anything"));
  EXPECT_FALSE(is_suppressed(text, at("z := 3"), "anything"));
  EXPECT_FALSE(is_suppressed(text, at("w := 4"), "defer-in-loop"));
  EXPECT_FALSE(is_suppressed(text, at("}\n"), "other-rule"));
  EXPECT_FALSE(is_suppressed(text, 0, "x"));
}

TEST(Suppression, TrailingDirectiveAboveDoesNotReachNextLine) {
  std::string text = "a() //gotrap:ignore r\nb()\n";
  EXPECT_TRUE(is_suppressed(text, 0, "r"));
  EXPECT_FALSE(is_suppressed(text, uint32_t(text.find("b()")), "r"));
}

TEST(FinalizeFindings, SupersededRuleOnSameRangeIsDropped) {
  NamedRule specific({.name = "ctx-background", .supersedes = {"ctx-no-deadline"}});
  NamedRule general({.name = "ctx-no-deadline"});
  std::vector<Finding> findings = {
      make("ctx-no-deadline", "a.go", 10, 20),  // same range as ctx-background: dropped
      make("ctx-background", "a.go", 10, 20),
      make("ctx-no-deadline", "a.go", 30, 40),  // alone on its range: kept
  };
  finalize_findings(findings, {&specific, &general}, nullptr);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "ctx-background");
  EXPECT_EQ(findings[1].rule, "ctx-no-deadline");
  EXPECT_EQ(findings[1].start, 30u);
}

TEST(FinalizeFindings, SortsAndRemovesDuplicates) {
  std::vector<Finding> findings = {
      make("r", "b.go", 5, 6), make("r", "a.go", 9, 10), make("r", "a.go", 1, 2),
      make("r", "a.go", 1, 2), make("r", "a.go", 1, 2, "other message"),
  };
  finalize_findings(findings, {}, nullptr);
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_EQ(findings[0].path, "a.go");
  EXPECT_EQ(findings[0].start, 1u);
  EXPECT_EQ(findings[1].message, "other message");
  EXPECT_EQ(findings[2].start, 9u);
  EXPECT_EQ(findings[3].path, "b.go");
}

TEST(FinalizeFindings, AppliesSuppressionThroughTextLookup) {
  std::string text = "x() //gotrap:ignore r\ny()\n";
  std::vector<Finding> findings = {make("r", "a.go", 0, 3), make("r", "a.go", 22, 25)};
  finalize_findings(findings, {}, [&](std::string_view path) -> const std::string* {
    return path == "a.go" ? &text : nullptr;
  });
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].start, 22u);
}

TEST(Pass, ReportFillsRuleAndSeverity) {
  RuleInfo info{.name = "r", .severity = Severity::error};
  std::vector<Finding> got;
  PassFile file;
  file.path = "f.go";
  std::vector<PassFile> files = {file};
  Pass pass(info, files, nullptr, nullptr, [&](Finding f) { got.push_back(std::move(f)); });
  pass.report(files[0], 3, 7, "message");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].rule, "r");
  EXPECT_EQ(got[0].severity, Severity::error);
  EXPECT_EQ(got[0].path, "f.go");
  EXPECT_EQ(got[0].start, 3u);
}

}  // namespace
}  // namespace gotrap::rules
