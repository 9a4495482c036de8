// gotrap rule-docs [--check] DIR: docs/rules/<rule>.md written from each rule's metadata (the text
// --explain prints), so the pages cannot drift from the tool. --check writes nothing and fails
// listing the pages that differ, for a test.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "rules/rule.h"

namespace gotrap::cli {

std::string rule_page(const rules::RuleInfo& info) {
  std::string page = "<!-- Generated from the rule's metadata by `gotrap rule-docs docs/rules` (the "
                     "build target `rule-docs`); edit the rule's doc string, not this file. -->\n\n";
  page += info.doc;
  if (!page.ends_with('\n')) page += '\n';
  page += "\n---\n\nSeverity: " + std::string(rules::to_string(info.severity)) +
          (info.enabled_by_default ? "; enabled by default." : "; off by default (enable it by name).") +
          " Summary: " + info.summary + ".\n";
  return page;
}

int cmd_rule_docs(int argc, char** argv) {
  bool check = false;
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--check") {
      check = true;
    } else if (dir.empty() && !arg.starts_with("-")) {
      dir = std::string(arg);
    } else {
      dir.clear();
      break;
    }
  }
  if (dir.empty()) {
    std::fprintf(stderr, "usage: gotrap rule-docs [--check] DIR\n");
    return 2;
  }
  namespace fs = std::filesystem;
  int stale = 0;
  std::set<std::string> expected;
  for (const rules::Rule* rule : rules::all_rules()) {
    const rules::RuleInfo& info = rule->info();
    fs::path path = fs::path(dir) / (info.name + ".md");
    expected.insert(path.filename().string());
    std::string want = rule_page(info);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream have;
    if (in) have << in.rdbuf();
    if (in && have.str() == want) continue;
    if (check) {
      std::printf("%s: stale (regenerate with the build target rule-docs)\n", path.c_str());
      ++stale;
      continue;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << want;
    if (!out) {
      std::fprintf(stderr, "gotrap: cannot write %s\n", path.c_str());
      return 1;
    }
    std::printf("wrote %s\n", path.c_str());
  }
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".md") && !expected.count(name)) {
      std::printf("%s: no rule of that name (remove it)\n", entry.path().c_str());
      ++stale;
    }
  }
  return stale > 0 ? 1 : 0;
}

}  // namespace gotrap::cli
