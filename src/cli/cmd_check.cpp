// gotrap [flags] PATH...: load, analyse, report, and optionally fix.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "fix/fix.h"
#include "report/report.h"
#include "rules/engine.h"

namespace gotrap::cli {

namespace {

constexpr int kExitClean = 0, kExitFindings = 1, kExitUsage = 2;

constexpr const char* kUsage =
    "usage: gotrap [flags] PATH...            (PATH: ./..., dir/..., dir, or file.go)\n"
    "       gotrap ast [--check] FILE...\n"
    "       gotrap debug uses|types PATH...\n"
    "\n"
    "flags:\n"
    "  --format text|json|sarif|github   output format (default text)\n"
    "  --fix                             apply safe fixes in place\n"
    "  --unsafe-fixes                    also fixes that may change behaviour (implies --fix)\n"
    "  --diff                            print fixes as a unified diff, change nothing\n"
    "  --enable r1,r2 / --disable r      turn rules on or off (\"all\" for every rule)\n"
    "  --go 1.N                          language version for every file\n"
    "  --goos X --goarch Y               build target (default linux/amd64)\n"
    "  --all-files                       ignore build constraints, include generated files\n"
    "  --list-rules                      list the rules and exit\n"
    "  --explain RULE                    print a rule's documentation and exit\n"
    "  --stats                           print counts and time per phase on stderr\n"
    "exit status: 0 no findings, 1 findings, 2 usage or fatal error\n";

struct CheckOptions {
  report::Format format = report::Format::text;
  bool fix = false;
  bool unsafe_fixes = false;
  bool diff = false;
  bool list_rules = false;
  bool stats = false;
  std::optional<std::string> explain;
  rules::EngineOptions engine;
  std::vector<std::string> paths;
};

void split_names(std::string_view list, std::vector<std::string>& out) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    if (!name.empty()) out.emplace_back(name);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

std::optional<rules::LangVersion> parse_go_version(std::string_view text) {
  if (text.starts_with("go")) text.remove_prefix(2);
  rules::LangVersion v;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v.major);
  if (ec != std::errc() || p == end || *p != '.') return std::nullopt;
  auto [q, ec2] = std::from_chars(p + 1, end, v.minor);
  if (ec2 != std::errc() || (q != end && *q != '.')) return std::nullopt;
  if (v.major != 1 || v.minor < 0) return std::nullopt;
  return v;
}

// Returns an error message, or nullopt when the arguments are valid.
std::optional<std::string> parse_args(int argc, char** argv, CheckOptions& o) {
  bool flags_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (flags_done || arg.empty() || arg[0] != '-' || arg == "-") {
      o.paths.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_done = true;
      continue;
    }
    std::string_view name = arg;
    std::optional<std::string_view> inline_value;
    if (size_t eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    if (name.starts_with("--") == false && name.size() > 2) {
      return "unknown flag " + std::string(arg) + " (flags take two dashes)";
    }
    auto value = [&]() -> std::optional<std::string_view> {
      if (inline_value) return inline_value;
      if (i + 1 < argc) return std::string_view(argv[++i]);
      return std::nullopt;
    };
    auto boolean = [&](bool& flag) -> std::optional<std::string> {
      if (inline_value) return "flag " + std::string(name) + " takes no value";
      flag = true;
      return std::nullopt;
    };
    std::optional<std::string> error;
    if (name == "--fix") {
      error = boolean(o.fix);
    } else if (name == "--unsafe-fixes") {
      error = boolean(o.unsafe_fixes);
    } else if (name == "--diff") {
      error = boolean(o.diff);
    } else if (name == "--all-files") {
      error = boolean(o.engine.all_files);
    } else if (name == "--list-rules") {
      error = boolean(o.list_rules);
    } else if (name == "--stats") {
      error = boolean(o.stats);
    } else if (name == "--help" || name == "-h") {
      return "";
    } else if (name == "--format" || name == "--enable" || name == "--disable" || name == "--go" ||
               name == "--goos" || name == "--goarch" || name == "--explain") {
      auto v = value();
      if (!v || v->empty()) return "flag " + std::string(name) + " needs a value";
      if (name == "--format") {
        auto format = report::parse_format(*v);
        if (!format) return "unknown format \"" + std::string(*v) + "\" (text, json, sarif, github)";
        o.format = *format;
      } else if (name == "--enable") {
        split_names(*v, o.engine.enable);
      } else if (name == "--disable") {
        split_names(*v, o.engine.disable);
      } else if (name == "--go") {
        o.engine.go_version = parse_go_version(*v);
        if (!o.engine.go_version) return "bad Go version \"" + std::string(*v) + "\" (want 1.N)";
      } else if (name == "--goos") {
        o.engine.goos = std::string(*v);
      } else if (name == "--goarch") {
        o.engine.goarch = std::string(*v);
      } else {
        o.explain = std::string(*v);
      }
    } else {
      return "unknown flag " + std::string(name);
    }
    if (error) return error;
  }
  if (o.unsafe_fixes && !o.diff) o.fix = true;
  if (o.fix && o.diff) return "--fix and --diff exclude each other";
  if (o.paths.empty() && !o.list_rules && !o.explain) return "no PATH given (try ./...)";
  return std::nullopt;
}

int list_rules() {
  size_t width = 0;
  for (const rules::Rule* rule : rules::all_rules()) width = std::max(width, rule->info().name.size());
  for (const rules::Rule* rule : rules::all_rules()) {
    const rules::RuleInfo& info = rule->info();
    std::printf("%-*s  %s%s\n", int(width), info.name.c_str(), info.summary.c_str(),
                info.enabled_by_default ? "" : " (off by default)");
  }
  return kExitClean;
}

int explain(const std::string& name) {
  const rules::Rule* rule = rules::find_rule(name);
  if (!rule) {
    std::fprintf(stderr, "gotrap: unknown rule \"%s\" (see --list-rules)\n", name.c_str());
    return kExitUsage;
  }
  const rules::RuleInfo& info = rule->info();
  std::printf("%s: %s\n\n%s\n", info.name.c_str(), info.summary.c_str(), info.doc.c_str());
  return kExitClean;
}

struct FixOutcome {
  size_t findings_fixed = 0;
  std::set<std::string> files;  // files written (fix mode) or diffed (diff mode)
  std::set<std::string> refused;  // files that could not be written: not tried again
};

// Applies the fixes of one run's findings (or prints them as a diff) and adds to `outcome`.
// Returns the number of files written or diffed.
int handle_fixes(const CheckOptions& o, const rules::RunResult& result, FixOutcome& outcome) {
  rules::TextLookup text_of = [&](std::string_view path) -> const std::string* {
    auto it = result.texts.find(path);
    return it == result.texts.end() ? nullptr : &it->second;
  };
  fix::PackageLookup package_of = [&](std::string_view path) -> const fix::PackageSource* {
    auto it = result.package_of.find(path);
    return it == result.package_of.end() ? nullptr : &result.packages_files[it->second];
  };
  int files = 0;
  std::vector<std::string> dropped;
  std::vector<fix::FileFix> planned =
      fix::plan_verified_fixes(result.findings, o.unsafe_fixes, text_of, package_of, &dropped);
  for (const std::string& d : dropped) std::fprintf(stderr, "gotrap: %s\n", d.c_str());
  for (const fix::FileFix& file : planned) {
    if (outcome.refused.count(file.path)) continue;
    if (o.diff) {
      std::cout << fix::unified_diff(file.path, file.original, file.fixed);
      if (file.skipped > 0) {
        std::fprintf(stderr, "gotrap: %s: %d overlapping fix(es) not shown (--fix applies them "
                     "in later rounds)\n", file.path.c_str(), file.skipped);
      }
      ++files;
      outcome.files.insert(file.path);
      outcome.findings_fixed += file.applied.size();
      continue;
    }
    std::string error;
    switch (fix::write_if_unchanged(file.path, file.original, file.fixed, &error)) {
      case fix::WriteResult::written:
        ++files;
        outcome.files.insert(file.path);
        outcome.findings_fixed += file.applied.size();
        break;
      case fix::WriteResult::changed_on_disk:
        std::fprintf(stderr, "gotrap: %s: changed since it was read; fixes not applied\n",
                     file.path.c_str());
        outcome.refused.insert(file.path);
        break;
      case fix::WriteResult::failed:
        std::fprintf(stderr, "gotrap: %s\n", error.c_str());
        outcome.refused.insert(file.path);
        break;
    }
  }
  return files;
}

}  // namespace

int cmd_check(int argc, char** argv) {
  CheckOptions o;
  if (auto error = parse_args(argc, argv, o)) {
    if (error->empty()) {
      std::fputs(kUsage, stdout);
      return kExitClean;
    }
    std::fprintf(stderr, "gotrap: %s\nrun 'gotrap --help' for usage\n", error->c_str());
    return kExitUsage;
  }
  if (o.list_rules) return list_rules();
  if (o.explain) return explain(*o.explain);

  // One run, then the process exits: the analysis need not be freed. --fix runs again.
  o.engine.keep_analysis_until_exit = !o.fix;
  rules::RunResult result = rules::run(o.paths, o.engine);
  for (const std::string& error : result.errors) std::fprintf(stderr, "%s\n", error.c_str());
  if (result.fatal) {
    std::fprintf(stderr, "gotrap: %s\n", result.fatal->c_str());
    return kExitUsage;
  }
  if (o.stats) {
    const rules::PhaseTiming& t = result.timing;
    std::fprintf(stderr,
                 "gotrap: %d package(s), %d file(s), %zu finding(s); load %.3f s, parse %.3f s "
                 "(all threads), sema %.3f s, waiting for parses %.3f s, parse+sema wall %.3f s, "
                 "rules %.3f s\n",
                 result.packages, result.files, result.findings.size(), t.load, t.parse, t.sema,
                 t.parse_wait, t.analysis_wall, t.rules);
  }

  if (o.diff) {
    FixOutcome outcome;
    int changed = handle_fixes(o, result, outcome);
    return changed > 0 || !result.findings.empty() ? kExitFindings : kExitClean;
  }
  if (o.fix) {
    // Fix, then analyse again: remaining findings get positions in the fixed text, and fixes
    // that overlapped an applied one get their turn. A few rounds reach a fixed point.
    constexpr int kMaxRounds = 10;
    FixOutcome outcome;
    auto fixable = [&](const rules::RunResult& r) {
      return std::count_if(r.findings.begin(), r.findings.end(), [&](const rules::Finding& f) {
        return std::any_of(f.fixes.begin(), f.fixes.end(), [&](const rules::Fix& x) {
          return x.safety == rules::FixSafety::safe || o.unsafe_fixes;
        });
      });
    };
    for (int round = 0; round < kMaxRounds && handle_fixes(o, result, outcome) > 0; ++round) {
      auto before = fixable(result);
      rules::RunResult again = rules::run(o.paths, o.engine);
      if (again.fatal) break;
      result = std::move(again);
      if (fixable(result) >= before) {  // a fix that does not remove its finding: stop
        std::fprintf(stderr, "gotrap: fixes did not converge; stopped after round %d\n", round + 1);
        break;
      }
    }
    std::fprintf(stderr, "gotrap: fixed %zu finding(s) in %zu file(s)\n", outcome.findings_fixed,
                 outcome.files.size());
  }

  std::string selection_error;
  std::vector<const rules::Rule*> active =
      rules::select_rules(rules::all_rules(), o.engine.enable, o.engine.disable, &selection_error);
  report::Locator locator([&](std::string_view path) -> const std::string* {
    auto it = result.texts.find(path);
    return it == result.texts.end() ? nullptr : &it->second;
  });
  report::write(o.format, result.findings, active, locator, std::cout);
  std::cout.flush();
  return result.findings.empty() ? kExitClean : kExitFindings;
}

}  // namespace gotrap::cli
