// Suppression comments, kept honest: what each directive in a file silences, which directives are
// malformed or name no rule gotrap has (bad-suppression), and which silenced nothing
// (unused-suppression, on request), in the spirit of Ruff's RUF100 and golangci-lint's nolintlint.
//
//   x := f() //gotrap:ignore lost-cancel -- the caller cancels   (this line)
//   //gotrap:ignore defer-in-loop,lost-cancel -- reason           (this line and the next)
//   //gotrap:file-ignore slice-retain -- reason                   (the file; before `package`)
//   x := f() //nolint:gotrap // reason    (also //nolint, //nolint:all, //nolint:gotrap/RULE)
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace gotrap::rules {

enum class DirectiveKind { ignore, file_ignore, nolint };

struct SuppressionDirective {
  DirectiveKind kind = DirectiveKind::ignore;
  uint32_t start = 0;  // the comment, "//" included
  uint32_t end = 0;
  // Byte range of the lines it silences: its own line, and the next one when the comment stands
  // alone on its line; the whole file for file-ignore.
  uint32_t covers_begin = 0;
  uint32_t covers_end = 0;
  std::vector<std::string> rules;  // the rules it names
  bool all = false;                // silences every rule (`all`, `//nolint`, `//nolint:gotrap`)
  // `//nolint` or `//nolint:all`: meant for other linters as much as for gotrap, so never
  // reported as unused.
  bool shared_with_other_linters = false;
  std::string reason;              // the text after ` -- ` (or after `//` for nolint)
  std::string problem;             // why it is malformed; empty when it is well formed
};

// The suppression directives in a file's `//` comments (outside strings and block comments).
// A `//nolint:` naming only other linters is not gotrap's and is left out. Rule names are checked
// against `known` (null: not checked).
std::vector<SuppressionDirective> find_suppressions(
    std::string_view text, const std::function<bool(std::string_view)>& known = nullptr);

// False when `text` surely holds no directive: every directive's comment starts "//gotrap:" or
// "//nolint". A quick test before find_suppressions.
bool may_hold_suppression(std::string_view text);

// True when a directive in `text` silences `rule` at `offset`.
bool is_suppressed(std::string_view text, uint32_t offset, std::string_view rule);

struct SuppressionOptions {
  bool report_unused = false;   // report directives that silenced no finding of a rule that ran
  bool require_reason = false;  // a directive without a reason is a bad-suppression
};

// Removes the findings that directives silence, then adds a bad-suppression finding for each
// malformed directive and, with report_unused, an unused-suppression finding for each directive
// that silenced nothing (judged only against rules in `active`, which are the ones that ran).
// `texts` are the files of the run; the engine's own diagnostics are never silenced.
// `applies` (may be null) narrows `active` per file, as EngineOptions::rule_applies does.
void apply_suppressions(
    std::vector<Finding>& findings, const std::map<std::string, std::string, std::less<>>& texts,
    const std::vector<const Rule*>& active, const SuppressionOptions& options,
    const std::function<bool(std::string_view rule, std::string_view path)>& applies = nullptr);

}  // namespace gotrap::rules
