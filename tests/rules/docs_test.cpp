// docs/rules/<rule>.md is the rule's doc string (the --explain text), byte for byte.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "rules/rule.h"

namespace gotrap::rules {
namespace {

TEST(RuleDocs, MarkdownFileEqualsDocString) {
  for (const Rule* rule : all_rules()) {
    const RuleInfo& info = rule->info();
    std::string path = std::string(GOTRAP_SOURCE_DIR) + "/docs/rules/" + info.name + ".md";
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "missing " << path;
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_EQ(s.str(), info.doc) << path << " differs from the doc string of " << info.name
                                 << " (regenerate it from `gotrap --explain`)";
  }
}

}  // namespace
}  // namespace gotrap::rules
