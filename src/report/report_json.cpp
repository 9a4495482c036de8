// json and sarif output, both through nlohmann-json.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
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

// Percent-encodes a path for a URI: everything but unreserved characters and '/' (RFC 3986).
std::string uri_encode(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

constexpr const char* kSourceRoot = "%SRCROOT%";

// Relative paths are relative to the source root (%SRCROOT%, given in originalUriBaseIds);
// absolute ones become file:// URIs.
json artifact_location(std::string_view path) {
  if (!path.empty() && path.front() == '/') return {{"uri", "file://" + uri_encode(path)}};
  std::string_view relative = path;
  while (relative.starts_with("./")) relative.remove_prefix(2);
  return {{"uri", uri_encode(relative)}, {"uriBaseId", kSourceRoot}};
}

json physical_location(Locator& locator, const std::string& path, uint32_t start, uint32_t end) {
  Position s = locator.at_utf16(path, start);
  Position e = locator.at_utf16(path, end);
  json region = json::object();
  if (s.line != 0) {
    region["startLine"] = s.line;
    region["startColumn"] = s.column;
    region["endLine"] = e.line;
    region["endColumn"] = e.column;
  }
  region["byteOffset"] = start;
  region["byteLength"] = end >= start ? end - start : 0;
  return {{"artifactLocation", artifact_location(path)}, {"region", region}};
}

// 64-bit FNV-1a, printed as 16 hex digits: stable across runs, platforms and compilers.
std::string fnv1a_hex(std::string_view text) {
  uint64_t hash = 1469598103934665603ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

// The first paragraph of a rule's markdown doc, as plain as it comes: SARIF's fullDescription.
std::string first_paragraph(std::string_view doc) {
  size_t end = doc.find("\n\n");
  std::string_view para = doc.substr(0, end);
  std::string out;
  for (char c : para) out += c == '\n' ? ' ' : c;
  return out;
}

}  // namespace

std::string normalized_line(std::string_view line) {
  std::string out;
  bool space = false;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string line_fingerprint(std::string_view rule, std::string_view path, std::string_view line,
                             int occurrence) {
  std::string key;
  key.append(rule).append(1, '\0').append(path).append(1, '\0').append(normalized_line(line));
  key.append(1, '\0').append(std::to_string(occurrence));
  return fnv1a_hex(key);
}

void write_sarif(const std::vector<rules::Finding>& findings,
                 const std::vector<const rules::Rule*>& rules, Locator& locator,
                 std::ostream& out, const SarifRun& run) {
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
    json descriptor = {{"id", info.name},
                       {"shortDescription", {{"text", info.summary}}},
                       {"fullDescription", {{"text", first_paragraph(info.doc)}}},
                       {"help", {{"text", info.summary}, {"markdown", info.doc}}},
                       {"defaultConfiguration", {{"level", sarif_level(info.severity)},
                                                 {"enabled", info.enabled_by_default}}}};
    if (!run.rule_help_uri_prefix.empty()) {
      descriptor["helpUri"] = run.rule_help_uri_prefix + info.name + ".md";
    }
    descriptors.push_back(descriptor);
  }
  // Occurrences of the same (rule, path, line text) are told apart by their order in the file,
  // so a fingerprint survives edits elsewhere in the file but not a copy of the flagged line.
  std::map<std::string, int, std::less<>> occurrences;
  json results = json::array();
  for (const rules::Finding& f : findings) {
    std::string_view line = locator.line_text(f.path, f.start);
    int occurrence = occurrences[f.rule + '\0' + f.path + '\0' + normalized_line(line)]++;
    json result = {{"ruleId", f.rule},
                   {"level", sarif_level(f.severity)},
                   {"message", {{"text", f.message}}},
                   {"locations",
                    json::array({{{"physicalLocation",
                                   physical_location(locator, f.path, f.start, f.end)}}})},
                   {"partialFingerprints",
                    {{"gotrapLineHash/v1", line_fingerprint(f.rule, f.path, line, occurrence)}}}};
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
                         {"artifactChanges", json::array({{{"artifactLocation", artifact_location(f.path)},
                                                           {"replacements", replacements}}})}});
      }
      result["fixes"] = fixes;
    }
    results.push_back(result);
  }
  json driver = {{"name", "gotrap"}};
  if (!run.version.empty()) {
    driver["version"] = run.version;
    driver["semanticVersion"] = run.version;
  }
  if (!run.information_uri.empty()) driver["informationUri"] = run.information_uri;
  driver["rules"] = descriptors;
  json sarif_run = {{"tool", {{"driver", driver}}}};
  if (!run.source_root.empty()) {
    std::string root = run.source_root;
    if (root.back() != '/') root += '/';
    sarif_run["originalUriBaseIds"] = {{kSourceRoot, {{"uri", "file://" + uri_encode(root)}}}};
  }
  if (!run.automation_id.empty()) sarif_run["automationDetails"] = {{"id", run.automation_id}};
  sarif_run["columnKind"] = "utf16CodeUnits";
  sarif_run["results"] = results;
  json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({sarif_run})}};
  dump(sarif, out);
}

}  // namespace gotrap::report
