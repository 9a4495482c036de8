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

}  // namespace gotrap::rules
