// The rule API: what a rule is told about a package, and what it hands back.
//
// Modelled on go/analysis (a Pass per package, findings with related locations and suggested
// fixes), Ruff (fix safety) and clang-tidy (one class per check, documented in place).
// Positions are byte offsets into one file's text; reports turn them into line:column.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gotrap::syntax { struct ParsedFile; }
namespace gotrap::load { struct SourceFile; struct Package; }
namespace gotrap::sema { struct PackageInfo; }
namespace gotrap::facts { class Summaries; class FileCensus; }

namespace gotrap::rules {

enum class Severity { error, warning, info };
std::string_view to_string(Severity severity);

struct RuleInfo {
  std::string name;     // the rule id, kebab-case: "lost-cancel"
  std::string summary;  // one line, no trailing period
  std::string doc;      // markdown: what, why, bad and good example, what the fix does
  Severity severity = Severity::warning;
  bool enabled_by_default = true;
  // Rules this one is more specific than: when this rule and a superseded rule report the same
  // range of the same file, only this rule's finding is kept ("one construct, one finding").
  std::vector<std::string> supersedes;
};

// Replace bytes [start, end) of the finding's file with text (start == end inserts).
struct Edit {
  uint32_t start = 0;
  uint32_t end = 0;
  std::string text;
};

enum class FixSafety {
  safe,    // keeps behaviour; applied by --fix
  unsafe,  // may change behaviour; applied only with --unsafe-fixes
};

struct Fix {
  std::string message;  // imperative: "Call cancel with defer"
  std::vector<Edit> edits;
  FixSafety safety = FixSafety::safe;
};

// A second location that explains the finding (e.g. the return that skips a cancel call).
struct Related {
  std::string path;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string message;
};

struct Finding {
  std::string rule;  // filled by Pass::report
  Severity severity = Severity::warning;  // filled by Pass::report from RuleInfo
  std::string path;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string message;
  std::vector<Related> related;
  std::vector<Fix> fixes;
};

// Go language version of a file, as the loader determined it (go.mod `go` line, //go:build).
struct LangVersion {
  int major = 1;
  int minor = 0;
  bool at_least(int want_major, int want_minor) const {
    return major != want_major ? major > want_major : minor >= want_minor;
  }
  // Go 1.22 gave each loop iteration its own variables.
  bool has_per_iteration_loop_vars() const { return at_least(1, 22); }
};

// One file of the package under analysis.
struct PassFile {
  const syntax::ParsedFile* parsed = nullptr;  // never null during a pass; tree may be partial
  const load::SourceFile* source = nullptr;    // loader's record; null when built by hand in tests
  std::string_view path;
  std::string_view text;
  LangVersion go_version;
  bool generated = false;  // "Code generated ... DO NOT EDIT." (skipped unless --all-files)
  bool is_test = false;    // _test.go
  // What each top-level declaration holds (facts/census.h), counted once for every rule; null
  // in hand-built passes (support::may_hold then answers "maybe").
  const facts::FileCensus* census = nullptr;
};

// Everything a rule sees of one package. Rules call report() for each finding.
class Pass {
 public:
  using Sink = std::function<void(Finding)>;

  Pass(const RuleInfo& rule, std::span<const PassFile> files, const load::Package* package,
       const sema::PackageInfo* sema, Sink sink)
      : rule_(rule), files_(files), package_(package), sema_(sema), sink_(std::move(sink)) {}

  const RuleInfo& rule() const { return rule_; }
  std::span<const PassFile> files() const { return files_; }
  // The loader's package (import path, name, kind); null in hand-built unit tests.
  const load::Package* package() const { return package_; }
  // Scopes, resolution and light types of the package; null when unavailable: rules must then
  // stay quiet where they need it, never guess.
  const sema::PackageInfo* sema() const { return sema_; }
  // Function summaries of the run (facts/summary.h), shared by every package's passes; null in
  // hand-built passes (a rule then uses a Summaries of its own).
  facts::Summaries* summaries() const { return summaries_; }
  void set_summaries(facts::Summaries* summaries) { summaries_ = summaries; }

  // Records a finding of this rule; rule name and severity are filled in here.
  void report(Finding finding) const;
  // Shorthand for a finding without related locations or fixes.
  void report(const PassFile& file, uint32_t start, uint32_t end, std::string message) const;

 private:
  const RuleInfo& rule_;
  std::span<const PassFile> files_;
  const load::Package* package_;
  const sema::PackageInfo* sema_;
  facts::Summaries* summaries_ = nullptr;
  Sink sink_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(Pass& pass) const = 0;
};

// Every rule gotrap has, in a fixed order (src/rules/registry.cpp). The engine knows no rule by
// name; adding a rule means adding one line there.
const std::vector<const Rule*>& all_rules();

// The registry's rule with this name, or null.
const Rule* find_rule(std::string_view name);

// What the engine itself reports, not a rule: "syntax-error" (a file that does not parse),
// "load-error" (a file, go.mod or package that cannot be read or loaded), "bad-suppression" and
// "unused-suppression" (suppression comments that silence nothing). Always on, never suppressed:
// code gotrap could not read is code it did not check, so CI must fail.
const std::vector<RuleInfo>& engine_diagnostics();
// The engine diagnostic with this name, or null.
const RuleInfo* find_engine_diagnostic(std::string_view name);

}  // namespace gotrap::rules
