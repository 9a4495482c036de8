#include "rules/suppression.h"

#include <algorithm>
#include <optional>
#include <set>

#include <string.h>

namespace gotrap::rules {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

struct LineComment {
  uint32_t start = 0;  // at "//"
  uint32_t end = 0;    // before the newline
  bool alone = false;  // nothing but white space before it on its line
};

struct Scan {
  std::vector<LineComment> comments;
  uint32_t first_token = 0;  // offset of the first token that is not a comment (the package clause)
};

// A small Go lexer, enough to tell `//` comments from text inside strings, runes and block
// comments: suppression directives are comments, and only comments count.
Scan scan_comments(std::string_view text) {
  Scan scan;
  scan.first_token = uint32_t(text.size());
  bool seen_token = false;
  bool line_has_code = false;
  auto token_at = [&](size_t i) {
    if (!seen_token) scan.first_token = uint32_t(i);
    seen_token = true;
    line_has_code = true;
  };
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\n') {
      line_has_code = false;
      ++i;
    } else if (is_space(c)) {
      ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      size_t stop = end;
      if (stop > i && text[stop - 1] == '\r') --stop;
      scan.comments.push_back({uint32_t(i), uint32_t(stop), !line_has_code});
      i = end;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else if (c == '"' || c == '\'') {
      token_at(i);
      for (++i; i < text.size() && text[i] != c && text[i] != '\n'; ++i) {
        if (text[i] == '\\') ++i;
      }
      ++i;
    } else if (c == '`') {
      token_at(i);
      size_t end = text.find('`', i + 1);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else {
      token_at(i);
      ++i;
    }
  }
  return scan;
}

// Rule names separated by commas or white space, up to " -- " (the reason) or the end.
void parse_names(std::string_view rest, SuppressionDirective& d) {
  rest = trim(rest);
  while (!rest.empty()) {
    size_t cut = rest.find_first_of(", \t");
    std::string_view name = rest.substr(0, cut);
    if (name == "--") {
      d.reason = std::string(trim(rest.substr(2)));
      return;
    }
    if (name.starts_with("//")) {  // `//gotrap:ignore r // reason`, as nolint writes it
      d.reason = std::string(trim(rest.substr(2)));
      return;
    }
    if (!name.empty()) {
      if (name == "all") {
        d.all = true;
      } else {
        d.rules.emplace_back(name);
      }
    }
    if (cut == std::string_view::npos) return;
    rest = trim(rest.substr(cut + 1));
    while (!rest.empty() && rest.front() == ',') rest = trim(rest.substr(1));
  }
}

// The directive a comment holds, if it is one of gotrap's. `body` is the text after "//".
std::optional<SuppressionDirective> parse_directive(std::string_view body) {
  constexpr std::string_view kIgnore = "gotrap:ignore";
  constexpr std::string_view kFileIgnore = "gotrap:file-ignore";
  constexpr std::string_view kNolint = "nolint";
  SuppressionDirective d;
  std::string_view rest;
  if (body.starts_with(kFileIgnore)) {
    d.kind = DirectiveKind::file_ignore;
    rest = body.substr(kFileIgnore.size());
  } else if (body.starts_with(kIgnore)) {
    d.kind = DirectiveKind::ignore;
    rest = body.substr(kIgnore.size());
  } else if (body.starts_with(kNolint)) {
    d.kind = DirectiveKind::nolint;
    rest = body.substr(kNolint.size());
    if (rest.empty() || is_space(rest.front()) || rest.starts_with("//")) {
      d.all = true;  // bare //nolint silences every linter
      d.shared_with_other_linters = true;
      size_t reason = rest.find("//");
      if (reason != std::string_view::npos) d.reason = std::string(trim(rest.substr(reason + 2)));
      return d;
    }
    if (rest.front() != ':') return std::nullopt;  // //nolintfoo: not a directive
    rest.remove_prefix(1);
    size_t list_end = std::min(rest.find_first_of(" \t"), rest.find("//"));
    std::string_view linters = rest.substr(0, list_end);
    bool ours = false;
    while (!linters.empty()) {
      size_t cut = linters.find(',');
      std::string_view name = linters.substr(0, cut);
      if (name == "gotrap" || name == "all") {
        ours = true;
        d.all = true;
        if (name == "all") d.shared_with_other_linters = true;
      } else if (name.starts_with("gotrap/")) {
        ours = true;
        d.rules.emplace_back(name.substr(7));
      }
      if (cut == std::string_view::npos) break;
      linters.remove_prefix(cut + 1);
    }
    if (!ours) return std::nullopt;  // another linter's directive
    if (list_end != std::string_view::npos) {
      std::string_view after = rest.substr(list_end);
      size_t reason = after.find("//");
      if (reason != std::string_view::npos) d.reason = std::string(trim(after.substr(reason + 2)));
    }
    return d;
  } else {
    return std::nullopt;
  }
  if (!rest.empty() && !is_space(rest.front())) {
    // `//gotrap:ignorelost-cancel` or `//gotrap:ignore-foo`: a directive gone wrong, not prose.
    d.problem = "malformed suppression: put a space after the directive and name the rules";
    return d;
  }
  parse_names(rest, d);
  if (d.rules.empty() && !d.all) d.problem = "suppression names no rule";
  return d;
}

// Levenshtein distance, for "did you mean" on a misspelt rule name.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknown_rule_problem(std::string_view name) {
  std::string problem = "suppression names unknown rule \"" + std::string(name) + "\"";
  std::string_view best;
  size_t best_distance = 3;  // suggest only close names
  for (const Rule* rule : all_rules()) {
    size_t d = edit_distance(name, rule->info().name);
    if (d < best_distance) {
      best_distance = d;
      best = rule->info().name;
    }
  }
  if (!best.empty()) problem += " (did you mean " + std::string(best) + "?)";
  return problem + "; it silences nothing";
}

bool known_rule(std::string_view name) { return find_rule(name) != nullptr; }

bool names_rule(const SuppressionDirective& d, std::string_view rule) {
  return d.all || std::find(d.rules.begin(), d.rules.end(), rule) != d.rules.end();
}

}  // namespace

std::vector<SuppressionDirective> find_suppressions(
    std::string_view text, const std::function<bool(std::string_view)>& known) {
  Scan scan = scan_comments(text);
  std::vector<SuppressionDirective> out;
  for (const LineComment& c : scan.comments) {
    std::string_view body = text.substr(c.start + 2, c.end - c.start - 2);
    std::optional<SuppressionDirective> d = parse_directive(body);
    if (!d) continue;
    d->start = c.start;
    d->end = c.end;
    size_t line_begin = text.rfind('\n', c.start == 0 ? 0 : c.start - 1);
    line_begin = c.start == 0 || line_begin == std::string_view::npos ? 0 : line_begin + 1;
    d->covers_begin = uint32_t(line_begin);
    d->covers_end = c.end;
    if (c.alone && c.end < text.size()) {
      size_t next_end = text.find('\n', c.end + 1);
      d->covers_end = uint32_t(next_end == std::string_view::npos ? text.size() : next_end);
    }
    if (d->kind == DirectiveKind::file_ignore) {
      d->covers_begin = 0;
      d->covers_end = uint32_t(text.size());
      if (d->problem.empty() && c.start > scan.first_token) {
        d->problem = "//gotrap:file-ignore must stand in the file header, before the package clause";
      }
    }
    if (d->problem.empty() && known) {
      for (const std::string& name : d->rules) {
        if (!known(name)) {
          d->problem = unknown_rule_problem(name);
          break;
        }
      }
    }
    out.push_back(std::move(*d));
  }
  return out;
}

bool may_hold_suppression(std::string_view text) {
  // memmem looks for the rarer "//" pairs; std::string::find would stop at every 'g' and 'n'.
  auto has = [&](std::string_view needle) {
    return memmem(text.data(), text.size(), needle.data(), needle.size()) != nullptr;
  };
  return has("//gotrap:") || has("//nolint");
}

bool is_suppressed(std::string_view text, uint32_t offset, std::string_view rule) {
  for (const SuppressionDirective& d : find_suppressions(text)) {
    if (d.problem.empty() && offset >= d.covers_begin && offset <= d.covers_end &&
        names_rule(d, rule)) {
      return true;
    }
  }
  return false;
}

void apply_suppressions(
    std::vector<Finding>& findings, const std::map<std::string, std::string, std::less<>>& texts,
    const std::vector<const Rule*>& active, const SuppressionOptions& options,
    const std::function<bool(std::string_view rule, std::string_view path)>& applies) {
  // Only files that hold a directive need looking at; most hold none.
  std::map<std::string_view, std::vector<SuppressionDirective>> by_path;
  for (const auto& [path, text] : texts) {
    if (!may_hold_suppression(text)) continue;
    auto directives = find_suppressions(text, known_rule);
    if (!directives.empty()) by_path.emplace(path, std::move(directives));
  }
  std::map<const SuppressionDirective*, std::set<std::string>> used;  // directive -> rules it silenced
  std::erase_if(findings, [&](const Finding& f) {
    if (find_engine_diagnostic(f.rule)) return false;
    auto it = by_path.find(f.path);
    if (it == by_path.end()) return false;
    bool silenced = false;
    for (const SuppressionDirective& d : it->second) {
      if (d.problem.empty() && f.start >= d.covers_begin && f.start <= d.covers_end &&
          names_rule(d, f.rule)) {
        used[&d].insert(f.rule);
        silenced = true;
      }
    }
    return silenced;
  });

  auto ran = [&](std::string_view rule, std::string_view path) {
    return std::any_of(active.begin(), active.end(),
                       [&](const Rule* r) { return r->info().name == rule; }) &&
           (!applies || applies(rule, path));
  };
  auto diagnostic = [&](std::string_view name, std::string_view path,
                        const SuppressionDirective& d, std::string message) {
    const RuleInfo* info = find_engine_diagnostic(name);
    Finding f;
    f.rule = info->name;
    f.severity = info->severity;
    f.path = std::string(path);
    f.start = d.start;
    f.end = d.end;
    f.message = std::move(message);
    findings.push_back(std::move(f));
  };
  for (const auto& [path, directives] : by_path) {
    for (const SuppressionDirective& d : directives) {
      if (!d.problem.empty()) {
        diagnostic("bad-suppression", path, d, d.problem);
        continue;
      }
      if (options.require_reason && d.reason.empty()) {
        diagnostic("bad-suppression", path, d,
                   "suppression gives no reason: add one after \" -- \" so reviewers know why");
      }
      if (!options.report_unused) continue;
      auto it = used.find(&d);
      if (d.all) {
        if (it == used.end() && !d.shared_with_other_linters) diagnostic("unused-suppression", path, d, "suppression silenced no finding");
        continue;
      }
      std::vector<std::string> idle;
      for (const std::string& rule : d.rules) {
        bool silenced = it != used.end() && it->second.count(rule) != 0;
        if (!silenced && ran(rule, path)) idle.push_back(rule);
      }
      if (idle.empty()) continue;
      std::string names;
      for (const std::string& rule : idle) names += (names.empty() ? "" : ", ") + rule;
      diagnostic("unused-suppression", path, d,
                 "suppression of " + names + " silenced no finding; remove it");
    }
  }
}

}  // namespace gotrap::rules
