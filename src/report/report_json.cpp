// json and sarif output, both through nlohmann-json.
#include <algorithm>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "report/report.h"

namespace gotrap::report {

// ordered_json keeps keys in the documented order, which makes the output easier to read.
using json = nlohmann::ordered_json;

namespace {

// Findings carry raw bytes of Go source; invalid UTF-8 must not abort the dump.
void dump(const json& value, std::ostream& out) {
  out << value.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

json edit_json(const rules::Finding& f, const rules::Edit& e) {
  return {{"path", f.path}, {"start", e.start}, {"end", e.end}, {"new_text", e.text}};
}

}  // namespace

void write_json(const std::vector<rules::Finding>& findings, Locator& locator, std::ostream& out) {
  json list = json::array();
  for (const rules::Finding& f : findings) {
    Position start = locator.at(f.path, f.start);
    Position end = locator.at(f.path, f.end);
    json related = json::array();
    for (const rules::Related& r : f.related) {
      Position rs = locator.at(r.path, r.start);
      Position re = locator.at(r.path, r.end);
      related.push_back({{"path", r.path},
                         {"line", rs.line},
                         {"column", rs.column},
                         {"end_line", re.line},
                         {"end_column", re.column},
                         {"message", r.message}});
    }
    json fixes = json::array();
    for (const rules::Fix& fix : f.fixes) {
      json edits = json::array();
      for (const rules::Edit& e : fix.edits) edits.push_back(edit_json(f, e));
      fixes.push_back({{"message", fix.message},
                       {"safe", fix.safety == rules::FixSafety::safe},
                       {"edits", edits}});
    }
    list.push_back({{"path", f.path},
                    {"line", start.line},
                    {"column", start.column},
                    {"end_line", end.line},
                    {"end_column", end.column},
                    {"rule", f.rule},
                    {"severity", std::string(rules::to_string(f.severity))},
                    {"message", f.message},
                    {"related", related},
                    {"fixes", fixes}});
  }
  dump(json{{"findings", list}}, out);
}

namespace {

std::string sarif_level(rules::Severity severity) {
  switch (severity) {
    case rules::Severity::error: return "error";
    case rules::Severity::warning: return "warning";
    case rules::Severity::info: return "note";
  }
  return "warning";
}

json physical_location(Locator& locator, const std::string& path, uint32_t start, uint32_t end) {
  Position s = locator.at(path, start);
  Position e = locator.at(path, end);
  json region = {{"byteOffset", start}, {"byteLength", end >= start ? end - start : 0}};
  if (s.line != 0) {
    region["startLine"] = s.line;
    region["startColumn"] = s.column;
    region["endLine"] = e.line;
    region["endColumn"] = e.column;
  }
  return {{"artifactLocation", {{"uri", path}}}, {"region", region}};
}

}  // namespace

void write_sarif(const std::vector<rules::Finding>& findings,
                 const std::vector<const rules::Rule*>& rules, Locator& locator,
                 std::ostream& out) {
  json descriptors = json::array();
  std::map<std::string, size_t, std::less<>> index;
  std::vector<const rules::RuleInfo*> described;
  for (const rules::Rule* rule : rules) described.push_back(&rule->info());
  // The engine's own diagnostics are described only when the run reported one.
  for (const rules::RuleInfo& info : rules::engine_diagnostics()) {
    if (std::any_of(findings.begin(), findings.end(),
                    [&](const rules::Finding& f) { return f.rule == info.name; })) {
      described.push_back(&info);
    }
  }
  for (const rules::RuleInfo* described_info : described) {
    const rules::RuleInfo& info = *described_info;
    index[info.name] = descriptors.size();
    descriptors.push_back({{"id", info.name},
                           {"shortDescription", {{"text", info.summary}}},
                           {"help", {{"text", info.summary}, {"markdown", info.doc}}},
                           {"defaultConfiguration", {{"level", sarif_level(info.severity)},
                                                     {"enabled", info.enabled_by_default}}}});
  }
  json results = json::array();
  for (const rules::Finding& f : findings) {
    json result = {{"ruleId", f.rule},
                   {"level", sarif_level(f.severity)},
                   {"message", {{"text", f.message}}},
                   {"locations",
                    json::array({{{"physicalLocation",
                                   physical_location(locator, f.path, f.start, f.end)}}})}};
    if (auto it = index.find(f.rule); it != index.end()) result["ruleIndex"] = it->second;
    if (!f.related.empty()) {
      json related = json::array();
      for (size_t i = 0; i < f.related.size(); ++i) {
        const rules::Related& r = f.related[i];
        related.push_back({{"id", i},
                           {"message", {{"text", r.message}}},
                           {"physicalLocation", physical_location(locator, r.path, r.start, r.end)}});
      }
      result["relatedLocations"] = related;
    }
    if (!f.fixes.empty()) {
      json fixes = json::array();
      for (const rules::Fix& fix : f.fixes) {
        json replacements = json::array();
        for (const rules::Edit& e : fix.edits) {
          replacements.push_back(
              {{"deletedRegion", {{"byteOffset", e.start}, {"byteLength", e.end >= e.start ? e.end - e.start : 0}}},
               {"insertedContent", {{"text", e.text}}}});
        }
        fixes.push_back({{"description", {{"text", fix.message}}},
                         {"artifactChanges", json::array({{{"artifactLocation", {{"uri", f.path}}},
                                                           {"replacements", replacements}}})}});
      }
      result["fixes"] = fixes;
    }
    results.push_back(result);
  }
  json sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool", {{"driver", {{"name", "gotrap"},
                                                   {"rules", descriptors}}}}},
                             {"results", results}}})}};
  dump(sarif, out);
}

}  // namespace gotrap::report
