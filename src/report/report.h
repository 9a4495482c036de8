// Output of findings: text (as go vet prints), json, sarif 2.1.0, and GitHub workflow commands.
#pragma once

#include <optional>
#include <ostream>
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

 private:
  struct Cache;
  rules::TextLookup text_of_;
  std::unique_ptr<Cache> cache_;
};

// Writes the findings in `format`. `rules` describes the rules that ran (sarif lists them).
void write(Format format, const std::vector<rules::Finding>& findings,
           const std::vector<const rules::Rule*>& rules, Locator& locator, std::ostream& out);

void write_text(const std::vector<rules::Finding>& findings, Locator& locator, std::ostream& out);
void write_json(const std::vector<rules::Finding>& findings, Locator& locator, std::ostream& out);
void write_sarif(const std::vector<rules::Finding>& findings,
                 const std::vector<const rules::Rule*>& rules, Locator& locator,
                 std::ostream& out);
void write_github(const std::vector<rules::Finding>& findings, Locator& locator,
                  std::ostream& out);

}  // namespace gotrap::report
