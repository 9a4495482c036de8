// The pure parts of the engine: rule selection and finalizing findings.
#include "rules/engine.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace gotrap::rules {

std::vector<const Rule*> select_rules(const std::vector<const Rule*>& registry,
                                      const std::vector<std::string>& enable,
                                      const std::vector<std::string>& disable, std::string* error) {
  auto known = [&](const std::string& name) {
    if (name == "all") return true;
    return std::any_of(registry.begin(), registry.end(),
                       [&](const Rule* r) { return r->info().name == name; });
  };
  for (const auto* list : {&enable, &disable}) {
    for (const std::string& name : *list) {
      if (!known(name)) {
        if (error) *error = "unknown rule \"" + name + "\" (see --list-rules)";
        return {};
      }
    }
  }
  auto named = [](const std::vector<std::string>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  // A rule named on its own beats "all" on the other side, so `--disable all --enable X`
  // runs X alone; named in both lists, the rule stays off.
  std::vector<const Rule*> selected;
  for (const Rule* rule : registry) {
    const std::string& name = rule->info().name;
    bool on = rule->info().enabled_by_default;
    if (named(disable, "all")) on = false;
    if (named(enable, "all")) on = true;
    if (named(enable, name)) on = true;
    if (named(disable, name)) on = false;
    if (on) selected.push_back(rule);
  }
  return selected;
}

void finalize_findings(std::vector<Finding>& findings, const std::vector<const Rule*>& active) {
  // 1. The most specific rule wins: drop B's finding when a rule superseding B reports the same
  // range.
  std::set<std::tuple<std::string_view, uint32_t, uint32_t, std::string_view>> reported;
  for (const Finding& f : findings) reported.emplace(f.path, f.start, f.end, f.rule);
  std::vector<std::pair<std::string, std::string>> supersedes;  // (specific, general)
  for (const Rule* rule : active) {
    for (const std::string& general : rule->info().supersedes) {
      supersedes.emplace_back(rule->info().name, general);
    }
  }
  std::vector<bool> drop(findings.size(), false);
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    for (const auto& [specific, general] : supersedes) {
      if (general == f.rule &&
          reported.count({f.path, f.start, f.end, std::string_view(specific)}) != 0) {
        drop[i] = true;
      }
    }
  }
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (size_t i = 0; i < findings.size(); ++i) {
    if (!drop[i]) kept.push_back(std::move(findings[i]));
  }

  // 2. Stable order and no exact duplicates (a rule may reach one construct twice).
  auto key = [](const Finding& f) {
    return std::tie(f.path, f.start, f.end, f.rule, f.message);
  };
  std::stable_sort(kept.begin(), kept.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
  kept.erase(std::unique(kept.begin(), kept.end(),
                         [&](const Finding& a, const Finding& b) { return key(a) == key(b); }),
             kept.end());
  findings = std::move(kept);
}

}  // namespace gotrap::rules
