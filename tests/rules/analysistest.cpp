// Running a rule over its fixture modules: wants, goldens, and convergence of fixes.
#include "analysistest.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include <unistd.h>

#include "fix/fix.h"

namespace gotrap::analysistest {

namespace fs = std::filesystem;

std::vector<std::string> module_dirs(const std::string& root) {
  std::vector<std::string> dirs;
  std::error_code ec;
  if (fs::exists(fs::path(root) / "go.mod", ec)) dirs.push_back(root);
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && fs::exists(it->path() / "go.mod", ec)) {
      dirs.push_back(it->path().string());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

namespace {

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

rules::RunResult run_rule(const rules::Rule& rule, const std::string& module_dir) {
  rules::EngineOptions options;
  options.rules = std::vector<const rules::Rule*>{&rule};
  return rules::run({module_dir + "/..."}, options);
}

rules::TextLookup lookup_in(const rules::RunResult& result) {
  return [&result](std::string_view path) -> const std::string* {
    auto it = result.texts.find(path);
    return it == result.texts.end() ? nullptr : &it->second;
  };
}

void check_names(const rules::RunResult& result, const std::string& path, const std::string& fixed,
                 FixtureReport& report);

// Applies every fix (safe or not, as analysistest does) to `path`, compares with the golden,
// re-parses, and re-runs the rule on a copy of the module holding the fixed file.
void check_golden(const rules::Rule& rule, const std::string& module_dir, const std::string& path,
                  const rules::RunResult& result, FixtureReport& report) {
  auto golden = read_file(path + ".golden");
  if (!golden) return;
  ++report.goldens;
  std::vector<rules::Finding> in_file;
  for (const rules::Finding& f : result.findings) {
    if (f.path == path) in_file.push_back(f);
  }
  auto planned = fix::plan_fixes(in_file, /*allow_unsafe=*/true, lookup_in(result));
  std::string fixed = planned.empty() ? result.texts.at(path) : planned[0].fixed;
  size_t applied = planned.empty() ? 0 : planned[0].applied.size();
  if (fixed != *golden) {
    report.failures.push_back(path + ": fixed text differs from the golden file:\n" +
                              fix::unified_diff(path + ".golden", *golden, fixed));
    return;
  }
  int errors = fix::count_syntax_errors(path, fixed);
  if (errors != 0) {
    report.failures.push_back(path + ": fixed text has " + std::to_string(errors) +
                              " syntax error(s)");
    return;
  }
  check_names(result, path, fixed, report);
  if (applied == 0) return;

  // Convergence: on the fixed module the findings whose fixes were applied must be gone.
  std::error_code ec;
  fs::path copy = fs::temp_directory_path() /
                  ("gotrap-converge-" + std::to_string(::getpid()) + "-" + rule.info().name);
  fs::remove_all(copy, ec);
  fs::copy(module_dir, copy, fs::copy_options::recursive, ec);
  fs::path relative = fs::relative(path, module_dir, ec);
  if (ec) {
    report.failures.push_back(path + ": cannot copy the module for the convergence check");
    return;
  }
  { std::ofstream(copy / relative, std::ios::binary | std::ios::trunc) << fixed; }
  rules::RunResult again = run_rule(rule, copy.string());
  std::string fixed_path = (copy / relative).string();
  size_t remaining = std::count_if(again.findings.begin(), again.findings.end(),
                                   [&](const rules::Finding& f) { return f.path == fixed_path; });
  if (remaining + applied != in_file.size()) {
    report.failures.push_back(path + ": fixes did not converge: " + std::to_string(in_file.size()) +
                              " finding(s), " + std::to_string(applied) + " fixed, " +
                              std::to_string(remaining) + " still reported after fixing");
  }
  fs::remove_all(copy, ec);
}

// `fix:safe`, `fix:unsafe` or `fix:none` after a want on a line: every finding starting on that
// line offers a first fix of that safety, or none at all.
void check_fix_expectations(const rules::RunResult& result, FixtureReport& report) {
  for (const rules::Finding& f : result.findings) {
    auto it = result.texts.find(f.path);
    if (it == result.texts.end()) continue;
    std::string_view text = it->second;
    size_t bol = text.rfind('\n', f.start == 0 ? 0 : f.start - 1);
    bol = bol == std::string_view::npos || f.start == 0 ? 0 : bol + 1;
    size_t eol = text.find('\n', f.start);
    std::string_view line = text.substr(bol, eol == std::string_view::npos ? text.npos : eol - bol);
    size_t want = line.find("// want");
    if (want == std::string_view::npos) continue;
    size_t mark = line.find("fix:", want);
    if (mark == std::string_view::npos) continue;
    std::string_view expected = line.substr(mark + 4);
    expected = expected.substr(0, expected.find_first_of(" \t\r"));
    std::string actual = f.fixes.empty() ? "none"
                         : f.fixes.front().safety == rules::FixSafety::safe ? "safe" : "unsafe";
    ++report.fix_expectations;
    if (expected != actual) {
      size_t line_no = std::count(text.begin(), text.begin() + bol, '\n') + 1;
      report.failures.push_back(f.path + ":" + std::to_string(line_no) + ": fix expected " +
                                std::string(expected) + ", finding offers " + actual + ": " + f.message);
    }
  }
}

// The fixed text of a golden must not break name resolution (undefined names, unused or
// shadowed imports, unused locals) anywhere the original did not.
void check_names(const rules::RunResult& result, const std::string& path, const std::string& fixed,
                 FixtureReport& report) {
  auto it = result.package_of.find(path);
  if (it == result.package_of.end()) return;
  for (const std::string& e :
       fix::new_name_errors(result.packages_files[it->second], lookup_in(result), path, fixed))
    report.failures.push_back(path + ": fixes introduce a name error: " + e);
}

}  // namespace

FixtureReport check_fixtures(const rules::Rule& rule, const std::string& testdata_dir) {
  FixtureReport report;
  for (const std::string& dir : module_dirs(testdata_dir)) {
    ++report.modules;
    rules::RunResult result = run_rule(rule, dir);
    if (result.fatal) {
      report.failures.push_back(dir + ": " + *result.fatal);
      continue;
    }
    for (const rules::Finding& finding : result.findings) {
      if (rules::find_engine_diagnostic(finding.rule)) {
        report.failures.push_back(finding.rule + ": " + finding.path + ": " + finding.message);
      }
    }
    std::vector<Want> wants;
    for (const auto& [path, text] : result.texts) {
      ++report.files;
      std::vector<std::string> errors;
      auto file_wants = parse_wants(path, text, &errors);
      report.failures.insert(report.failures.end(), errors.begin(), errors.end());
      wants.insert(wants.end(), file_wants.begin(), file_wants.end());
    }
    report.findings += int(result.findings.size());
    report.wants += int(wants.size());
    auto problems = match_findings(result.findings, wants, lookup_in(result));
    report.failures.insert(report.failures.end(), problems.begin(), problems.end());
    check_fix_expectations(result, report);
    for (const auto& [path, text] : result.texts) check_golden(rule, dir, path, result, report);
  }
  if (report.modules == 0) report.failures.push_back(testdata_dir + ": no module (go.mod) found");
  return report;
}

}  // namespace gotrap::analysistest
