// libFuzzer target over the whole analysis of one file: parse, semantic model, every rule, and
// fix planning. Rules run on partial trees after syntax errors, so they must survive any input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fix/fix.h"
#include "rules/rule.h"
#include "sema/sema.h"
#include "syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parsed = gotrap::syntax::parse_file("fuzz.go", std::string(reinterpret_cast<const char*>(data), size));
  gotrap::sema::Program program;
  gotrap::sema::PackageInfo* info = program.add_package("example.com/fuzz", {parsed.get()});
  program.analyze();

  gotrap::rules::PassFile file;
  file.parsed = parsed.get();
  file.path = parsed->path;
  file.text = parsed->text;
  file.go_version = {1, size % 2 == 0 ? 21 : 22};  // both sides of the loop-variable change
  std::vector<gotrap::rules::PassFile> files = {file};
  std::vector<gotrap::rules::Finding> findings;
  for (const gotrap::rules::Rule* rule : gotrap::rules::all_rules()) {
    gotrap::rules::Pass pass(rule->info(), files, nullptr, info,
                             [&](gotrap::rules::Finding f) { findings.push_back(std::move(f)); });
    rule->check(pass);
  }
  for (const auto& f : findings) {
    if (f.start > f.end || f.end > size) std::abort();  // findings must point into the file
  }
  const std::string& text = parsed->text;
  (void)gotrap::fix::plan_fixes(findings, /*allow_unsafe=*/true,
                                [&](std::string_view) { return &text; });
  return 0;
}
