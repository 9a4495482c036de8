#include "rules/rule.h"

namespace gotrap::rules {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "warning";
}

void Pass::report(Finding finding) const {
  finding.rule = rule_.name;
  finding.severity = rule_.severity;
  if (sink_) sink_(std::move(finding));
}

void Pass::report(const PassFile& file, uint32_t start, uint32_t end, std::string message) const {
  Finding finding;
  finding.path = std::string(file.path);
  finding.start = start;
  finding.end = end;
  finding.message = std::move(message);
  report(std::move(finding));
}

const Rule* find_rule(std::string_view name) {
  for (const Rule* rule : all_rules()) {
    if (rule->info().name == name) return rule;
  }
  return nullptr;
}

const std::vector<RuleInfo>& engine_diagnostics() {
  static const std::vector<RuleInfo> diagnostics = {
      {.name = "syntax-error",
       .summary = "A Go file that does not parse; the rest of its package was still checked",
       .doc = "The file has a syntax error, so gotrap checked only what it could recover of it. "
              "Fix the error (`gofmt -l` and `go vet` report the same).",
       .severity = Severity::error},
      {.name = "load-error",
       .summary = "A file, go.mod or package that could not be read or loaded, so it was not checked",
       .doc = "gotrap could not read or load this part of the input (an unreadable file, a bad "
              "go.mod, a directory whose build constraints exclude every Go file), so none of its "
              "code was checked.",
       .severity = Severity::error},
      {.name = "bad-suppression",
       .summary = "A suppression comment that is malformed, names no known rule, or lacks a required reason",
       .doc = "A `//gotrap:ignore`, `//gotrap:file-ignore` or `//nolint:gotrap/...` comment that "
              "silences nothing because it is malformed or names a rule gotrap does not have "
              "(a typo hides nothing and protects nothing), a `file-ignore` below the package "
              "clause, or, when the configuration requires reasons, one without ` -- reason`.",
       .severity = Severity::warning},
      {.name = "unused-suppression",
       .summary = "A suppression comment that silenced no finding (with --report-unused-suppressions)",
       .doc = "The comment names a rule that ran but reported nothing it covers: the code was "
              "fixed or moved, and the comment would hide a future finding. Remove it.",
       .severity = Severity::warning},
  };
  return diagnostics;
}

const RuleInfo* find_engine_diagnostic(std::string_view name) {
  for (const RuleInfo& info : engine_diagnostics()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

}  // namespace gotrap::rules
