#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "report/report.h"

namespace gotrap::report {
namespace {

using nlohmann::json;

class FakeRule : public rules::Rule {
 public:
  const rules::RuleInfo& info() const override { return info_; }
  void check(rules::Pass&) const override {}

 private:
  rules::RuleInfo info_{.name = "lost-cancel", .summary = "cancel not called", .doc = "# doc"};
};

const std::string kText = "package p\n\nfunc f() {\n\tctx, _ := ctx()\n\treturn\n}\n";

std::vector<rules::Finding> sample() {
  rules::Finding f;
  f.rule = "lost-cancel";
  f.path = "dir/a.go";
  f.start = uint32_t(kText.find("_ :="));
  f.end = f.start + 1;
  f.message = "the cancel function is discarded";
  f.related.push_back({"dir/a.go", uint32_t(kText.find("return")),
                       uint32_t(kText.find("return")) + 6, "this return skips it"});
  f.fixes.push_back({"Name it cancel", {{f.start, f.end, "cancel"}}, rules::FixSafety::unsafe});
  return {f};
}

Locator locator() {
  return Locator([](std::string_view path) -> const std::string* {
    return path == "dir/a.go" ? &kText : nullptr;
  });
}

TEST(Report, ParseFormat) {
  EXPECT_EQ(parse_format("sarif"), Format::sarif);
  EXPECT_EQ(parse_format("github"), Format::github);
  EXPECT_FALSE(parse_format("xml"));
}

TEST(Report, LocatorGivesOneBasedLineAndByteColumn) {
  Locator loc = locator();
  Position p = loc.at("dir/a.go", uint32_t(kText.find("_ :=")));
  EXPECT_EQ(p.line, 4u);
  EXPECT_EQ(p.column, 7u);  // tab + "ctx, " = 6 bytes before
  EXPECT_EQ(loc.at("unknown.go", 3).line, 0u);
}

TEST(Report, TextIsGoVetStyleWithRelatedIndented) {
  Locator loc = locator();
  std::ostringstream out;
  write_text(sample(), loc, out);
  EXPECT_EQ(out.str(),
            "dir/a.go:4:7: the cancel function is discarded [lost-cancel]\n"
            "    dir/a.go:5:2: this return skips it\n");
}

TEST(Report, JsonHasPositionsRelatedAndFixes) {
  Locator loc = locator();
  std::ostringstream out;
  write_json(sample(), loc, out);
  json doc = json::parse(out.str());
  ASSERT_EQ(doc["findings"].size(), 1u);
  const json& f = doc["findings"][0];
  EXPECT_EQ(f["path"], "dir/a.go");
  EXPECT_EQ(f["line"], 4);
  EXPECT_EQ(f["column"], 7);
  EXPECT_EQ(f["end_line"], 4);
  EXPECT_EQ(f["end_column"], 8);
  EXPECT_EQ(f["rule"], "lost-cancel");
  EXPECT_EQ(f["severity"], "warning");
  EXPECT_EQ(f["related"][0]["line"], 5);
  EXPECT_EQ(f["related"][0]["column"], 2);
  EXPECT_EQ(f["fixes"][0]["safe"], false);
  EXPECT_EQ(f["fixes"][0]["edits"][0]["new_text"], "cancel");
  EXPECT_EQ(f["fixes"][0]["edits"][0]["path"], "dir/a.go");
}

TEST(Report, JsonSurvivesInvalidUtf8InMessages) {
  auto findings = sample();
  findings[0].message = "bad \xff byte";
  Locator loc = locator();
  std::ostringstream out;
  write_json(findings, loc, out);
  EXPECT_NO_THROW(json::parse(out.str()));
}

TEST(Report, EmptyJsonStillHasFindingsArray) {
  Locator loc = locator();
  std::ostringstream out;
  write_json({}, loc, out);
  EXPECT_TRUE(json::parse(out.str())["findings"].is_array());
}

TEST(Report, SarifResultPointsAtRuleDescriptor) {
  FakeRule rule;
  Locator loc = locator();
  std::ostringstream out;
  write_sarif(sample(), {&rule}, loc, out);
  json doc = json::parse(out.str());
  EXPECT_EQ(doc["version"], "2.1.0");
  const json& run = doc["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "gotrap");
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "lost-cancel");
  const json& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "lost-cancel");
  EXPECT_EQ(result["ruleIndex"], 0);
  EXPECT_EQ(result["level"], "warning");
  const json& region = result["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 4);
  EXPECT_EQ(region["startColumn"], 7);
  EXPECT_EQ(result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 5);
  EXPECT_EQ(result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
            "cancel");
}

TEST(Report, GithubEscapesPropertiesAndMessage) {
  auto findings = sample();
  findings[0].message = "100% sure:\nreally";
  findings[0].path = "dir/a.go";
  Locator loc = locator();
  std::ostringstream out;
  write_github(findings, loc, out);
  EXPECT_EQ(out.str(),
            "::warning file=dir/a.go,line=4,col=7,endLine=4,endColumn=8,title=lost-cancel::"
            "100%25 sure:%0Areally\n");
}

}  // namespace
}  // namespace gotrap::report
