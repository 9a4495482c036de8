// An analysistest-style fixture runner: runs one rule over Go fixture modules and checks its
// findings against `// want "re"` comments, and its fixes against X.go.golden files.
//
// Convention: every directory under a rule's testdata dir that holds a go.mod is loaded as its own
// module with pattern DIR/... (its `go` line gives the files' Go version). In each .go file a
// comment `// want "re" `re2`...` expects, on its line, one finding per regexp (RE2, matched
// anywhere in the message as Go's regexp.MatchString does). A finding's related location on that
// line also satisfies it (peer suites put wants on the related line). Every finding must be
// expected and every expectation met. A want followed by `fix:safe`, `fix:unsafe` or `fix:none`
// also says what fix the findings of that line offer first. Goldens' fixed texts must introduce
// no name-resolution error (fix::new_name_errors).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/engine.h"
#include "rules/rule.h"

namespace gotrap::analysistest {

struct Want {
  std::string path;
  uint32_t line = 0;    // 1-based
  std::string pattern;  // the regexp source
  bool met = false;
};

// Collects the `// want` expectations of one file. Malformed ones are appended to *errors.
std::vector<Want> parse_wants(const std::string& path, std::string_view text,
                              std::vector<std::string>* errors);

// Matches findings against wants (marking them met); returns one line per problem: an unexpected
// finding, or an unmet want. `text_of` gives file texts for line numbers.
std::vector<std::string> match_findings(const std::vector<rules::Finding>& findings,
                                        std::vector<Want>& wants,
                                        const rules::TextLookup& text_of);

struct FixtureReport {
  std::vector<std::string> failures;  // empty: the rule passes its fixtures
  int modules = 0;
  int files = 0;
  int findings = 0;
  int wants = 0;
  int goldens = 0;
  int fix_expectations = 0;  // findings whose line says fix:safe, fix:unsafe or fix:none
};

// Runs `rule` on every module under `testdata_dir`, checks wants and goldens, and for each golden
// re-runs the rule on the fixed module: the fixed findings must be gone (convergence).
FixtureReport check_fixtures(const rules::Rule& rule, const std::string& testdata_dir);

// Directories at or under `root` that contain a go.mod, sorted.
std::vector<std::string> module_dirs(const std::string& root);

}  // namespace gotrap::analysistest
