// gotrap.toml: per-directory configuration, found by walking up from each analysed directory;
// nearer files override farther ones (staticcheck's model).
//
//   enable = ["timer-leak"]            # rules turned on here ("all" for every rule)
//   disable = ["slice-retain"]         # rules turned off here
//   exclude = ["gen/**", "**/*_mock.go"]  # globs relative to this file's directory
//   tests = false                      # leave _test.go files alone
//   tags = ["integration"]             # build tags (read from the configuration of the run's
//                                      # working directory only: loading is global)
//   require-suppression-reason = true  # a //gotrap:ignore without " -- reason" is reported
//   report-unused-suppressions = true
//   [severity]
//   lost-cancel = "error"              # error, warning or info
//   [rules.lost-cancel]                # per-rule options (no rule has any yet)
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace gotrap::config {

inline constexpr std::string_view kFileName = "gotrap.toml";

struct Error {
  std::string path;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
  std::string message;
  std::string to_string() const;  // "path:line:col: message"
};

// One gotrap.toml as written.
struct File {
  std::string path;
  std::string dir;  // absolute directory holding it
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::map<std::string, rules::Severity> severity;
  std::vector<std::string> exclude;  // globs, relative to dir
  std::optional<bool> tests;
  std::vector<std::string> tags;
  std::optional<bool> require_suppression_reason;
  std::optional<bool> report_unused_suppressions;
};

// Parses one file's text. Unknown keys, unknown rule names and values of the wrong type are
// errors with their line; the file is null when it has any.
std::unique_ptr<File> parse(const std::string& path, std::string_view text,
                            std::vector<Error>& errors);

// The configuration in force for one directory: its chain of files, farthest first.
class Effective {
 public:
  Effective() = default;
  explicit Effective(std::vector<const File*> chain) : chain_(std::move(chain)) {}

  bool rule_enabled(const rules::RuleInfo& rule) const;
  rules::Severity severity(const rules::RuleInfo& rule) const;
  // `path` absolute; true when an exclude glob of a file in the chain matches it.
  bool excluded(std::string_view path) const;
  bool tests() const;
  std::vector<std::string> tags() const;
  bool require_suppression_reason() const;
  bool report_unused_suppressions() const;
  const std::vector<const File*>& chain() const { return chain_; }
  // The effective settings as TOML, with the files they come from (`gotrap config`).
  std::string describe() const;

 private:
  std::vector<const File*> chain_;
};

// Finds and caches configuration files and effective configurations per directory.
class Resolver {
 public:
  enum class Mode { discover, explicit_file, none };
  // explicit_file: `file` applies to every directory; none: defaults everywhere.
  explicit Resolver(Mode mode, std::string file = {});

  // The configuration for an absolute directory.
  const Effective& for_dir(const std::string& dir);
  // The configuration for a file's directory (the path may be relative to the working directory).
  const Effective& for_file(std::string_view path);
  // Errors met so far (unreadable or invalid files); a run with any must stop.
  const std::vector<Error>& errors() const { return errors_; }

 private:
  const File* file_at(const std::string& path);

  Mode mode_;
  std::string explicit_file_;
  std::map<std::string, std::unique_ptr<File>> files_;  // path -> parsed file (null: none/invalid)
  // The configuration files of a directory and its ancestors, farthest first.
  const std::vector<const File*>& discovered_chain(const std::string& dir);

  std::map<std::string, Effective> by_dir_;
  std::map<std::string, std::vector<const File*>> chain_by_dir_;
  // for_file's answers by path as given (a run's working directory does not change).
  std::map<std::string, const Effective*, std::less<>> by_file_;
  const std::pair<const std::string, const Effective*>* last_file_ = nullptr;
  std::vector<Error> errors_;
};

// Glob match of a slash-separated relative path: `*` and `?` stay within one path segment, `**`
// spans any number of segments, a pattern without a slash matches the file name at any depth.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace gotrap::config
