#include "config/config.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include <toml++/toml.h>

namespace gotrap::config {

namespace fs = std::filesystem;

std::string Error::to_string() const {
  std::string out = path;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  return out + ": " + message;
}

namespace {

std::optional<rules::Severity> parse_severity(std::string_view name) {
  if (name == "error") return rules::Severity::error;
  if (name == "warning") return rules::Severity::warning;
  if (name == "info") return rules::Severity::info;
  return std::nullopt;
}

bool known_rule(std::string_view name) { return rules::find_rule(name) != nullptr; }

class Parser {
 public:
  Parser(const std::string& path, std::vector<Error>& errors) : path_(path), errors_(errors) {}

  void error(const toml::source_region& where, std::string message) {
    errors_.push_back({path_, int(where.begin.line), int(where.begin.column), std::move(message)});
    ++count_;
  }
  int count() const { return count_; }

  std::optional<bool> boolean(const toml::node& node, std::string_view key) {
    if (auto v = node.value<bool>()) return *v;
    error(node.source(), "\"" + std::string(key) + "\" takes true or false");
    return std::nullopt;
  }

  std::vector<std::string> strings(const toml::node& node, std::string_view key) {
    std::vector<std::string> out;
    const toml::array* array = node.as_array();
    if (!array) {
      error(node.source(), "\"" + std::string(key) + "\" takes a list of strings");
      return out;
    }
    for (const toml::node& item : *array) {
      if (auto s = item.value<std::string>()) {
        out.push_back(*s);
      } else {
        error(item.source(), "\"" + std::string(key) + "\" takes a list of strings");
      }
    }
    return out;
  }

  std::vector<std::string> rule_names(const toml::node& node, std::string_view key) {
    std::vector<std::string> names = strings(node, key);
    if (const toml::array* array = node.as_array()) {
      for (size_t i = 0; i < array->size() && i < names.size(); ++i) {
        if (names[i] != "all" && !known_rule(names[i])) {
          error((*array)[i].source(), "unknown rule \"" + names[i] + "\" (see gotrap --list-rules)");
        }
      }
    }
    return names;
  }

 private:
  const std::string& path_;
  std::vector<Error>& errors_;
  int count_ = 0;
};

}  // namespace

std::unique_ptr<File> parse(const std::string& path, std::string_view text,
                            std::vector<Error>& errors) {
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    errors.push_back({path, int(e.source().begin.line), int(e.source().begin.column),
                      std::string(e.description())});
    return nullptr;
  }
  size_t first_error = errors.size();
  auto file = std::make_unique<File>();
  file->path = path;
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  file->dir = (ec ? fs::path(path) : absolute).parent_path().lexically_normal().string();
  Parser p(path, errors);
  for (const auto& [key_name, node] : table) {
    std::string_view key = key_name.str();
    if (key == "enable") {
      file->enable = p.rule_names(node, key);
    } else if (key == "disable") {
      file->disable = p.rule_names(node, key);
    } else if (key == "exclude") {
      file->exclude = p.strings(node, key);
    } else if (key == "tags") {
      file->tags = p.strings(node, key);
    } else if (key == "tests") {
      file->tests = p.boolean(node, key);
    } else if (key == "require-suppression-reason") {
      file->require_suppression_reason = p.boolean(node, key);
    } else if (key == "report-unused-suppressions") {
      file->report_unused_suppressions = p.boolean(node, key);
    } else if (key == "severity") {
      const toml::table* levels = node.as_table();
      if (!levels) {
        p.error(node.source(), "\"severity\" is a table: [severity] rule = \"error\"");
        continue;
      }
      for (const auto& [rule_key, level] : *levels) {
        std::string rule(rule_key.str());
        if (!known_rule(rule)) {
          p.error(rule_key.source(), "unknown rule \"" + rule + "\" (see gotrap --list-rules)");
          continue;
        }
        auto name = level.value<std::string>();
        auto severity = name ? parse_severity(*name) : std::nullopt;
        if (!severity) {
          p.error(level.source(), "severity of " + rule + " must be \"error\", \"warning\" or \"info\"");
          continue;
        }
        file->severity[rule] = *severity;
      }
    } else if (key == "rules") {
      const toml::table* per_rule = node.as_table();
      if (!per_rule) {
        p.error(node.source(), "\"rules\" is a table of per-rule options: [rules.RULE]");
        continue;
      }
      for (const auto& [rule_key, options] : *per_rule) {
        std::string rule(rule_key.str());
        if (!known_rule(rule)) {
          p.error(rule_key.source(), "unknown rule \"" + rule + "\" (see gotrap --list-rules)");
          continue;
        }
        const toml::table* option_table = options.as_table();
        if (!option_table) {
          p.error(options.source(), "[rules." + rule + "] is a table of options");
          continue;
        }
        // No rule takes options yet: every key is unknown.
        for (const auto& [option, value] : *option_table) {
          p.error(option.source(), "unknown option \"" + std::string(option.str()) + "\" of rule " + rule +
                                       " (it has no options)");
        }
      }
    } else {
      p.error(key_name.source(), "unknown key \"" + std::string(key) +
                                     "\" (enable, disable, exclude, tests, tags, severity, rules, "
                                     "require-suppression-reason, report-unused-suppressions)");
    }
  }
  // toml++ keeps keys sorted; report in the order of the file.
  std::stable_sort(errors.begin() + ptrdiff_t(first_error), errors.end(),
                   [](const Error& a, const Error& b) {
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
  if (p.count() > 0) return nullptr;
  return file;
}

namespace {

bool match_segment(std::string_view pattern, std::string_view text) {
  // Classic wildcard match with backtracking on the last '*'.
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (!part.empty() && part != ".") out.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool match_parts(const std::vector<std::string_view>& pattern, size_t p,
                 const std::vector<std::string_view>& path, size_t t) {
  if (p == pattern.size()) return t == path.size();
  if (pattern[p] == "**") {
    for (size_t skip = t; skip <= path.size(); ++skip) {
      if (match_parts(pattern, p + 1, path, skip)) return true;
    }
    return false;
  }
  return t < path.size() && match_segment(pattern[p], path[t]) && match_parts(pattern, p + 1, path, t + 1);
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  std::vector<std::string_view> pattern_parts = split(pattern);
  std::vector<std::string_view> path_parts = split(path);
  if (pattern.find('/') == std::string_view::npos) {
    // "*_mock.go" or "testdata": any file or directory of that name, at any depth.
    for (std::string_view part : path_parts) {
      if (match_segment(pattern, part)) return true;
    }
    return false;
  }
  // A pattern naming a directory excludes what is below it.
  if (match_parts(pattern_parts, 0, path_parts, 0)) return true;
  std::vector<std::string_view> below = pattern_parts;
  below.push_back("**");
  return match_parts(below, 0, path_parts, 0);
}

bool Effective::rule_enabled(const rules::RuleInfo& rule) const {
  bool on = rule.enabled_by_default;
  for (const File* file : chain_) {
    auto named = [&](const std::vector<std::string>& list, std::string_view name) {
      return std::find(list.begin(), list.end(), name) != list.end();
    };
    // Within one file as on the command line: a rule named on its own beats "all".
    if (named(file->disable, "all")) on = false;
    if (named(file->enable, "all")) on = true;
    if (named(file->enable, rule.name)) on = true;
    if (named(file->disable, rule.name)) on = false;
  }
  return on;
}

rules::Severity Effective::severity(const rules::RuleInfo& rule) const {
  rules::Severity severity = rule.severity;
  for (const File* file : chain_) {
    if (auto it = file->severity.find(rule.name); it != file->severity.end()) severity = it->second;
  }
  return severity;
}

bool Effective::excluded(std::string_view path) const {
  for (const File* file : chain_) {
    if (file->exclude.empty()) continue;
    fs::path relative = fs::path(path).lexically_relative(file->dir);
    std::string rel = relative.generic_string();
    if (rel.empty() || rel.starts_with("..")) continue;
    for (const std::string& pattern : file->exclude) {
      if (glob_match(pattern, rel)) return true;
    }
  }
  return false;
}

bool Effective::tests() const {
  bool tests = true;
  for (const File* file : chain_) tests = file->tests.value_or(tests);
  return tests;
}

std::vector<std::string> Effective::tags() const {
  for (auto it = chain_.rbegin(); it != chain_.rend(); ++it) {
    if (!(*it)->tags.empty()) return (*it)->tags;
  }
  return {};
}

bool Effective::require_suppression_reason() const {
  bool value = false;
  for (const File* file : chain_) value = file->require_suppression_reason.value_or(value);
  return value;
}

bool Effective::report_unused_suppressions() const {
  bool value = false;
  for (const File* file : chain_) value = file->report_unused_suppressions.value_or(value);
  return value;
}

std::string Effective::describe() const {
  std::ostringstream out;
  out << "# files, farthest first:";
  if (chain_.empty()) out << " none (defaults)";
  out << '\n';
  for (const File* file : chain_) out << "#   " << file->path << '\n';
  auto list = [&](const std::vector<std::string>& items) {
    out << '[';
    for (size_t i = 0; i < items.size(); ++i) out << (i ? ", " : "") << '"' << items[i] << '"';
    out << "]\n";
  };
  std::vector<std::string> enabled, disabled;
  for (const rules::Rule* rule : rules::all_rules()) {
    (rule_enabled(rule->info()) ? enabled : disabled).push_back(rule->info().name);
  }
  out << "enable = ";
  list(enabled);
  out << "disable = ";
  list(disabled);
  std::vector<std::string> excludes;
  for (const File* file : chain_) {
    for (const std::string& pattern : file->exclude) excludes.push_back(file->dir + "/" + pattern);
  }
  out << "exclude = ";
  list(excludes);
  out << "tests = " << (tests() ? "true" : "false") << '\n';
  out << "tags = ";
  list(tags());
  out << "require-suppression-reason = " << (require_suppression_reason() ? "true" : "false") << '\n';
  out << "report-unused-suppressions = " << (report_unused_suppressions() ? "true" : "false") << '\n';
  out << "\n[severity]\n";
  for (const rules::Rule* rule : rules::all_rules()) {
    out << rule->info().name << " = \"" << rules::to_string(severity(rule->info())) << "\"\n";
  }
  return out.str();
}

Resolver::Resolver(Mode mode, std::string file) : mode_(mode), explicit_file_(std::move(file)) {
  if (mode_ == Mode::explicit_file) {
    if (!fs::is_regular_file(explicit_file_)) {
      errors_.push_back({explicit_file_, 0, 0, "configuration file not found"});
    } else {
      file_at(explicit_file_);
    }
  }
}

const File* Resolver::file_at(const std::string& path) {
  auto it = files_.find(path);
  if (it != files_.end()) return it->second.get();
  std::unique_ptr<File> file;
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::ostringstream text;
    text << in.rdbuf();
    file = parse(path, text.str(), errors_);
  } else {
    errors_.push_back({path, 0, 0, "cannot read the configuration file"});
  }
  return files_.emplace(path, std::move(file)).first->second.get();
}

const Effective& Resolver::for_dir(const std::string& dir) {
  auto it = by_dir_.find(dir);
  if (it != by_dir_.end()) return it->second;
  std::vector<const File*> chain;
  if (mode_ == Mode::explicit_file) {
    if (const File* file = file_at(explicit_file_)) chain.push_back(file);
  } else if (mode_ == Mode::discover) {
    chain = discovered_chain(dir);
  }
  return by_dir_.emplace(dir, Effective(std::move(chain))).first->second;
}

namespace {

// An absolute path with no empty, "." or ".." component and no trailing slash ("/" itself
// included): std::filesystem's absolute(), lexically_normal() and parent_path() leave it as it
// is, so plain string operations give their answers without their allocations (a warm run asks
// for every package's directory).
bool clean_absolute(std::string_view path) {
  if (path.empty() || path[0] != '/') return false;
  if (path.size() == 1) return true;
  if (path.back() == '/') return false;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

// The parent of a clean absolute path ("/" for "/a" and for "/").
std::string_view clean_parent(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == 0 ? path.substr(0, 1) : path.substr(0, slash);
}

}  // namespace

const std::vector<const File*>& Resolver::discovered_chain(const std::string& dir) {
  auto it = chain_by_dir_.find(dir);
  if (it != chain_by_dir_.end()) return it->second;
  // The parent's chain (each directory's files are looked for once), then this directory's file.
  std::vector<const File*> chain;
  if (clean_absolute(dir)) {
    if (dir != "/") chain = discovered_chain(std::string(clean_parent(dir)));
    std::string candidate = dir == "/" ? "/" + std::string(kFileName) : dir + "/" + std::string(kFileName);
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) {
      if (const File* file = file_at(candidate)) chain.push_back(file);
    }
    return chain_by_dir_.emplace(dir, std::move(chain)).first->second;
  }
  fs::path at(dir);
  if (at.has_parent_path() && at.parent_path() != at) chain = discovered_chain(at.parent_path().string());
  fs::path candidate = at / kFileName;
  std::error_code ec;
  if (fs::is_regular_file(candidate, ec)) {
    if (const File* file = file_at(candidate.string())) chain.push_back(file);
  }
  return chain_by_dir_.emplace(dir, std::move(chain)).first->second;
}

const Effective& Resolver::for_file(std::string_view path) {
  if (last_file_ && path == last_file_->first) return *last_file_->second;  // asked again and again
  auto known = by_file_.find(path);
  if (known != by_file_.end()) {
    last_file_ = &*known;
    return *known->second;
  }
  std::string dir;
  if (clean_absolute(path)) {
    dir = clean_parent(path);
  } else {
    std::error_code ec;
    fs::path absolute = fs::absolute(fs::path(path), ec);
    if (ec) absolute = fs::path(path);
    dir = absolute.lexically_normal().parent_path().string();
  }
  const Effective& effective = for_dir(dir);
  last_file_ = &*by_file_.emplace(std::string(path), &effective).first;
  return effective;
}

}  // namespace gotrap::config
