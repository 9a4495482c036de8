#include <map>
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

TEST(Suppression, FileIgnoreAndNolintForms) {
  std::string text =
      "// Package p.\n"
      "//gotrap:file-ignore slice-retain -- fixtures keep views on purpose\n"
      "package p\n"
      "func f() {\n"
      "\ta() //nolint:errcheck,gotrap // shared\n"
      "\tb() //nolint\n"
      "\tc() //nolint:errcheck\n"
      "\td() //nolint:gotrap/lost-cancel\n"
      "\ts := \"//gotrap:ignore all\"\n"
      "}\n";
  auto at = [&](std::string_view needle) { return uint32_t(text.find(needle)); };
  EXPECT_TRUE(is_suppressed(text, at("}\n"), "slice-retain"));
  EXPECT_FALSE(is_suppressed(text, at("}\n"), "lost-cancel"));
  EXPECT_TRUE(is_suppressed(text, at("a()"), "lost-cancel"));
  EXPECT_TRUE(is_suppressed(text, at("b()"), "lost-cancel"));
  EXPECT_FALSE(is_suppressed(text, at("c()"), "lost-cancel"));
  EXPECT_TRUE(is_suppressed(text, at("d()"), "lost-cancel"));
  EXPECT_FALSE(is_suppressed(text, at("d()"), "defer-in-loop"));
  EXPECT_FALSE(is_suppressed(text, at("s :="), "anything"));  // inside a string: no directive
}

TEST(Suppression, DirectivesThatSilenceNothingAreReported) {
  std::string text =
      "package p\n"
      "//gotrap:file-ignore slice-retain\n"
      "func f() {\n"
      "\ta() //gotrap:ignore lost-cancle -- typo\n"
      "\tb() //gotrap:ignore\n"
      "\tc() //gotrap:ignorelost-cancel\n"
      "\td() //gotrap:ignore lost-cancel\n"
      "\te() //gotrap:ignore lost-cancel -- reason\n"
      "\tg() //nolint\n"
      "}\n";
  auto directives = find_suppressions(text, [](std::string_view n) { return find_rule(n) != nullptr; });
  ASSERT_EQ(directives.size(), 7u);
  EXPECT_NE(directives[0].problem.find("before the package clause"), std::string::npos);
  EXPECT_NE(directives[1].problem.find("did you mean lost-cancel?"), std::string::npos);
  EXPECT_EQ(directives[2].problem, "suppression names no rule");
  EXPECT_NE(directives[3].problem.find("malformed"), std::string::npos);
  EXPECT_TRUE(directives[4].problem.empty());
  EXPECT_TRUE(directives[4].reason.empty());
  EXPECT_EQ(directives[5].reason, "reason");

  const Rule* lost_cancel = find_rule("lost-cancel");
  ASSERT_NE(lost_cancel, nullptr);
  std::map<std::string, std::string, std::less<>> texts = {{"a.go", text}};
  std::vector<Finding> findings = {make("lost-cancel", "a.go", uint32_t(text.find("e()")), 0)};
  apply_suppressions(findings, texts, {lost_cancel}, {.report_unused = true, .require_reason = true});
  std::vector<std::string> got;
  for (const Finding& f : findings) got.push_back(f.rule + "@" + std::to_string(f.start));
  auto comment = [&](std::string_view call) {
    return std::to_string(text.find("//", text.find(call)));
  };
  // e()'s finding is silenced and its directive used; d()'s directive silenced nothing and has no
  // reason; the malformed ones are bad; the bare //nolint is shared with other linters.
  EXPECT_EQ(got, (std::vector<std::string>{
                     "bad-suppression@" + comment("package p\n//"),
                     "bad-suppression@" + comment("a()"),
                     "bad-suppression@" + comment("b()"),
                     "bad-suppression@" + comment("c()"),
                     "bad-suppression@" + comment("d()"),
                     "unused-suppression@" + comment("d()"),
                     "bad-suppression@" + comment("g()"),  // no reason either
                 }));
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
  finalize_findings(findings, {&specific, &general});
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
  finalize_findings(findings, {});
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_EQ(findings[0].path, "a.go");
  EXPECT_EQ(findings[0].start, 1u);
  EXPECT_EQ(findings[1].message, "other message");
  EXPECT_EQ(findings[2].start, 9u);
  EXPECT_EQ(findings[3].path, "b.go");
}

TEST(ApplySuppressions, SilencesCoveredFindingsOnly) {
  std::map<std::string, std::string, std::less<>> texts = {
      {"a.go", "x() //gotrap:ignore lost-cancel\ny()\n"}};
  std::vector<Finding> findings = {make("lost-cancel", "a.go", 0, 3),
                                   make("lost-cancel", "a.go", 32, 35)};
  apply_suppressions(findings, texts, {}, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].start, 32u);
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
