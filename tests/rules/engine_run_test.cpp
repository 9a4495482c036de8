// The rules run on several threads give the findings of the sequential run, in the same order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/engine.h"

namespace gotrap::rules {
namespace {

// Every field of every finding, one line each (related locations and fixes included).
std::vector<std::string> describe(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    std::string line = f.rule + " " + std::string(to_string(f.severity)) + " " + f.path + ":" +
                       std::to_string(f.start) + "-" + std::to_string(f.end) + " " + f.message;
    for (const Related& r : f.related) {
      line += " | related " + r.path + ":" + std::to_string(r.start) + "-" + std::to_string(r.end) +
              " " + r.message;
    }
    for (const Fix& fix : f.fixes) {
      line += " | fix " + fix.message + (fix.safety == FixSafety::safe ? " (safe)" : " (unsafe)");
      for (const Edit& e : fix.edits) {
        line += " [" + std::to_string(e.start) + "," + std::to_string(e.end) + ") " + e.text;
      }
    }
    out.push_back(std::move(line));
  }
  return out;
}

RunResult run_with_threads(const std::string& pattern, int threads) {
  EngineOptions options;
  options.enable = {"all"};
  options.threads = threads;
  return run({pattern}, options);
}

// The rule fixtures: many modules and packages, every rule finding something.
TEST(EngineRun, FindingsDoNotDependOnTheThreadCount) {
  std::string pattern = std::string(GOTRAP_SOURCE_DIR) + "/src/rules/testdata/...";
  RunResult sequential = run_with_threads(pattern, 1);
  ASSERT_FALSE(sequential.fatal) << *sequential.fatal;
  ASSERT_GT(sequential.packages, 8);
  std::vector<std::string> want = describe(sequential.findings);
  ASSERT_GT(want.size(), 20u);
  for (int threads : {2, 3, 8}) {
    RunResult parallel = run_with_threads(pattern, threads);
    ASSERT_FALSE(parallel.fatal) << *parallel.fatal;
    EXPECT_EQ(parallel.packages, sequential.packages) << threads << " threads";
    EXPECT_EQ(describe(parallel.findings), want) << threads << " threads";
  }
}

// More threads than packages: the extra ones are never started, the answer stays the same.
TEST(EngineRun, MoreThreadsThanPackages) {
  std::string pattern = std::string(GOTRAP_SOURCE_DIR) + "/src/rules/testdata/lost-cancel/...";
  RunResult sequential = run_with_threads(pattern, 1);
  ASSERT_FALSE(sequential.fatal) << *sequential.fatal;
  ASSERT_FALSE(sequential.findings.empty());
  RunResult parallel = run_with_threads(pattern, 64);
  ASSERT_FALSE(parallel.fatal) << *parallel.fatal;
  EXPECT_EQ(describe(parallel.findings), describe(sequential.findings));
}

}  // namespace
}  // namespace gotrap::rules
