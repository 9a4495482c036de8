// Every registered rule against its fixtures in src/rules/testdata/<rule>/.
#include <gtest/gtest.h>

#include <filesystem>

#include "analysistest.h"

namespace gotrap::analysistest {
namespace {

std::string testdata_root() { return std::string(GOTRAP_SOURCE_DIR) + "/src/rules/testdata"; }

class RuleFixtures : public ::testing::TestWithParam<const rules::Rule*> {};

TEST_P(RuleFixtures, FindingsMatchWantsAndFixesMatchGoldens) {
  const rules::Rule& rule = *GetParam();
  std::string dir = testdata_root() + "/" + rule.info().name;
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << "every rule needs fixtures in " << dir;
  FixtureReport report = check_fixtures(rule, dir);
  std::string failures;
  for (const std::string& f : report.failures) failures += "  " + f + "\n";
  EXPECT_TRUE(report.failures.empty()) << rule.info().name << ":\n" << failures;
  EXPECT_GT(report.wants, 0) << "fixtures of " << rule.info().name << " expect nothing";
  std::printf("%s: %d module(s), %d file(s), %d want(s), %d finding(s), %d golden(s)\n",
              rule.info().name.c_str(), report.modules, report.files, report.wants,
              report.findings, report.goldens);
}

std::string rule_name(const ::testing::TestParamInfo<const rules::Rule*>& info) {
  std::string name = info.param->info().name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Registry, RuleFixtures, ::testing::ValuesIn(rules::all_rules()),
                         rule_name);
// Until the first rule is registered the suite above is empty; that is not a failure.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RuleFixtures);

}  // namespace
}  // namespace gotrap::analysistest
