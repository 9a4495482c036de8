// Output of findings: text (as go vet prints), json, sarif 2.1.0, and GitHub workflow commands.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "rules/engine.h"
#include "rules/rule.h"

namespace gotrap::report {

enum class Format { text, json, sarif, github };

std::optional<Format> parse_format(std::string_view name);

struct Position {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, bytes
};

// Turns byte offsets into line:column, caching one line table per file.
class Locator {
 public:
  explicit Locator(rules::TextLookup text_of);
  ~Locator();
  // {0,0} when the file's text is unknown.
  Position at(std::string_view path, uint32_t offset);
  // The same with the column counted in UTF-16 code units, as SARIF consumers (GitHub code
  // scanning) count them by default; equal to the byte column on ASCII lines.
  Position at_utf16(std::string_view path, uint32_t offset);
  // The text of the line holding `offset`, without its line ending; empty when unknown.
  std::string_view line_text(std::string_view path, uint32_t offset);

 private:
  struct Cache;
  struct File;
  const File* file(std::string_view path);
  rules::TextLookup text_of_;
  std::unique_ptr<Cache> cache_;
};

// What a SARIF report says about its run beyond the findings.
struct SarifRun {
  std::string version;          // gotrap's version (driver.version and semanticVersion)
  std::string information_uri;  // driver.informationUri
  std::string rule_help_uri_prefix;  // + "<rule>.md" = a rule's helpUri; empty: none
  // Absolute directory relative paths are relative to (%SRCROOT% in originalUriBaseIds); empty:
  // no base is declared.
  std::string source_root;
  std::string automation_id;  // runAutomationDetails id (a category, e.g. for a CI shard)
};

// Writes the findings in `format`. `rules` describes the rules that ran (sarif lists them).
void write(Format format, const std::vector<rules::Finding>& findings,
           const std::vector<const rules::Rule*>& rules, Locator& locator, std::ostream& out,
           const SarifRun& sarif = {});

// A line's text with runs of white space folded to one space and the ends trimmed: what keys a
// finding across re-indentation.
std::string normalized_line(std::string_view line);

// A key for a finding that survives edits elsewhere in its file: a hash of the rule, the path,
// the flagged line's text with white space folded, and which occurrence of that same triple in
// the file this is (0 for the first). SARIF partialFingerprints use it.
std::string line_fingerprint(std::string_view rule, std::string_view path, std::string_view line,
                             int occurrence);

void write_text(const std::vector<rules::Finding>& findings, Locator& locator, std::ostream& out);
void write_json(const std::vector<rules::Finding>& findings, Locator& locator, std::ostream& out);
void write_sarif(const std::vector<rules::Finding>& findings,
                 const std::vector<const rules::Rule*>& rules, Locator& locator,
                 std::ostream& out, const SarifRun& run = {});
void write_github(const std::vector<rules::Finding>& findings, Locator& locator,
                  std::ostream& out);

}  // namespace gotrap::report
