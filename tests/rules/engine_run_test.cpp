// The rules run on several threads give the findings of the sequential run, in the same order.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "rules/engine.h"
#include "rules/suppression.h"

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

// Texts let go as the packages are done give the same findings, and the run keeps exactly the
// texts the report needs: those of the files findings name, and those that may hold a
// suppression directive (the directives are applied from them), each as it was read.
TEST(EngineRun, ReleasedTextsGiveTheSameFindings) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("gotrap-released-texts-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(GOTRAP_SOURCE_DIR) / "src/rules/testdata", dir, fs::copy_options::recursive);
  // A suppression in a file with findings, and a directive in a file of its own.
  std::string bad = (dir / "lost-cancel/bad.go").string();
  std::string text;
  {
    std::ifstream in(bad, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  size_t line = text.find("context.WithCancel(");
  ASSERT_NE(line, std::string::npos);
  line = text.find('\n', line);
  text.insert(line, " //gotrap:ignore lost-cancel");
  std::ofstream(bad, std::ios::binary) << text;
  std::ofstream(dir / "lost-cancel/quiet_directive.go", std::ios::binary)
      << "package lostcancel\n\nfunc quietDirective() {} //nolint:errcheck\n";

  for (int threads : {1, 2}) {
    EngineOptions options;
    options.enable = {"all"};
    options.threads = threads;
    RunResult kept = run({(dir / "...").string()}, options);
    ASSERT_FALSE(kept.fatal) << *kept.fatal;
    options.release_texts = true;
    RunResult released = run({(dir / "...").string()}, options);
    ASSERT_FALSE(released.fatal) << *released.fatal;
    EXPECT_EQ(describe(released.findings), describe(kept.findings)) << threads << " threads";
    EXPECT_EQ(released.files, kept.files);

    std::set<std::string> needed;
    for (const Finding& f : released.findings) {
      needed.insert(f.path);
      for (const Related& r : f.related) needed.insert(r.path);
    }
    size_t suppressing = 0;
    for (const auto& [path, text] : kept.texts) {
      if (!may_hold_suppression(text)) continue;
      needed.insert(path);
      ++suppressing;
    }
    EXPECT_EQ(suppressing, 2u);
    std::set<std::string> got;
    for (const auto& [path, text] : released.texts) {
      got.insert(path);
      auto it = kept.texts.find(path);
      ASSERT_NE(it, kept.texts.end()) << path;
      EXPECT_EQ(text, it->second) << path;
    }
    EXPECT_EQ(got, needed);
    EXPECT_LT(released.texts.size(), kept.texts.size());
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gotrap::rules
