// Adopting gotrap on old code: a baseline of today's findings that later runs subtract, and a
// filter to the lines changed since a git revision.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rules/engine.h"

namespace gotrap::cli {

// What identifies a finding across edits elsewhere in its file: not its line number, but its
// rule, file, enclosing function, the flagged line's text (white space folded) and which
// occurrence of all these it is.
struct BaselineKey {
  std::string rule;
  std::string path;      // relative to the baseline file's directory, '/'-separated
  std::string function;  // "Recv.Method", "Func", or "" at package level
  std::string line;      // the flagged line, white space folded
  int occurrence = 0;
  auto operator<=>(const BaselineKey&) const = default;
};

// The keys of `findings`, in order. `baseline_dir` is where the baseline file lives.
std::vector<BaselineKey> baseline_keys(const std::vector<rules::Finding>& findings,
                                       const rules::TextLookup& text_of,
                                       const std::string& baseline_dir);

// Writes the baseline; false with *error on failure.
bool write_baseline(const std::string& path, const std::vector<BaselineKey>& keys,
                    std::string* error);
// Reads one; nullopt with *error when it cannot be read or is not a baseline.
std::optional<std::vector<BaselineKey>> read_baseline(const std::string& path, std::string* error);

// Removes the findings the baseline holds (each entry absorbs one finding) and returns the
// entries that matched nothing: fixed, or changed beyond recognition.
std::vector<BaselineKey> subtract_baseline(std::vector<rules::Finding>& findings,
                                           const std::vector<BaselineKey>& finding_keys,
                                           const std::vector<BaselineKey>& baseline);

// Lines changed since `rev` in the git work tree holding the working directory: absolute path ->
// changed (new-side) line numbers; an untracked file counts as changed everywhere (empty set plus
// whole_files entry). nullopt with *error outside a work tree or when git fails.
struct ChangedLines {
  std::map<std::string, std::set<uint32_t>> lines;
  std::set<std::string> whole_files;
};
std::optional<ChangedLines> changed_since(const std::string& rev, std::string* error);

}  // namespace gotrap::cli
