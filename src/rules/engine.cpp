// The pure parts of the engine: rule selection, suppression comments, finalizing findings.
#include "rules/engine.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace gotrap::rules {

std::vector<const Rule*> select_rules(const std::vector<const Rule*>& registry,
                                      const std::vector<std::string>& enable,
                                      const std::vector<std::string>& disable, std::string* error) {
  auto known = [&](const std::string& name) {
    if (name == "all") return true;
    return std::any_of(registry.begin(), registry.end(),
                       [&](const Rule* r) { return r->info().name == name; });
  };
  for (const auto* list : {&enable, &disable}) {
    for (const std::string& name : *list) {
      if (!known(name)) {
        if (error) *error = "unknown rule \"" + name + "\" (see --list-rules)";
        return {};
      }
    }
  }
  auto named = [](const std::vector<std::string>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  // A rule named on its own beats "all" on the other side, so `--disable all --enable X`
  // runs X alone; named in both lists, the rule stays off.
  std::vector<const Rule*> selected;
  for (const Rule* rule : registry) {
    const std::string& name = rule->info().name;
    bool on = rule->info().enabled_by_default;
    if (named(disable, "all")) on = false;
    if (named(enable, "all")) on = true;
    if (named(enable, name)) on = true;
    if (named(disable, name)) on = false;
    if (on) selected.push_back(rule);
  }
  return selected;
}

namespace {

// The line containing `offset`, and where it starts.
std::string_view line_around(std::string_view text, size_t offset, size_t* line_start) {
  offset = std::min(offset, text.size());
  size_t start = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  start = start == std::string_view::npos ? 0 : start + 1;
  size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  *line_start = start;
  return text.substr(start, end - start);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Does this comment text (after "//") silence `rule`?
bool directive_silences(std::string_view comment, std::string_view rule) {
  constexpr std::string_view kIgnore = "gotrap:ignore";
  constexpr std::string_view kNolint = "nolint:";
  if (comment.starts_with(kIgnore)) {
    std::string_view rest = comment.substr(kIgnore.size());
    if (!rest.empty() && !is_space(rest.front())) return false;
    rest = trim(rest);
    // Names are separated by commas or spaces; anything after " -- " or "//" is a reason.
    while (!rest.empty()) {
      size_t cut = rest.find_first_of(", \t");
      std::string_view name = rest.substr(0, cut);
      if (name == "--" || name.starts_with("//")) break;
      if (name == rule || name == "all") return true;
      if (cut == std::string_view::npos) break;
      rest = trim(rest.substr(cut + 1));
      while (!rest.empty() && rest.front() == ',') rest = trim(rest.substr(1));
    }
    return false;
  }
  if (comment.starts_with(kNolint)) {
    std::string_view linters = comment.substr(kNolint.size());
    linters = linters.substr(0, linters.find_first_of(" \t/"));
    while (!linters.empty()) {
      size_t cut = linters.find(',');
      std::string_view name = linters.substr(0, cut);
      if (name == "gotrap" || name == "all") return true;
      if (name.starts_with("gotrap/") && name.substr(7) == rule) return true;
      if (cut == std::string_view::npos) break;
      linters.remove_prefix(cut + 1);
    }
  }
  return false;
}

// The `//` comment at the end of a line (outside strings, approximately: the last "//" whose
// text is a directive), or the whole line when it is only a comment.
bool line_silences(std::string_view line, std::string_view rule, bool comment_only) {
  std::string_view trimmed = trim(line);
  if (comment_only) {
    return trimmed.starts_with("//") && directive_silences(trimmed.substr(2), rule);
  }
  for (size_t at = line.find("//"); at != std::string_view::npos; at = line.find("//", at + 2)) {
    if (directive_silences(line.substr(at + 2), rule)) return true;
  }
  return false;
}

}  // namespace

bool is_suppressed(std::string_view text, uint32_t offset, std::string_view rule) {
  size_t start = 0;
  std::string_view line = line_around(text, offset, &start);
  if (line_silences(line, rule, /*comment_only=*/false)) return true;
  if (start == 0) return false;
  size_t above_start = 0;
  std::string_view above = line_around(text, start - 1, &above_start);
  return line_silences(above, rule, /*comment_only=*/true);
}

void finalize_findings(std::vector<Finding>& findings, const std::vector<const Rule*>& active,
                       const TextLookup& text_of) {
  // 1. Suppression comments (the engine's own diagnostics cannot be silenced).
  std::erase_if(findings, [&](const Finding& f) {
    if (find_engine_diagnostic(f.rule)) return false;
    const std::string* text = text_of ? text_of(f.path) : nullptr;
    return text && is_suppressed(*text, f.start, f.rule);
  });

  // 2. The most specific rule wins: drop B's finding when a rule superseding B reports the same
  // range.
  std::set<std::tuple<std::string_view, uint32_t, uint32_t, std::string_view>> reported;
  for (const Finding& f : findings) reported.emplace(f.path, f.start, f.end, f.rule);
  std::vector<std::pair<std::string, std::string>> supersedes;  // (specific, general)
  for (const Rule* rule : active) {
    for (const std::string& general : rule->info().supersedes) {
      supersedes.emplace_back(rule->info().name, general);
    }
  }
  std::vector<bool> drop(findings.size(), false);
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    for (const auto& [specific, general] : supersedes) {
      if (general == f.rule &&
          reported.count({f.path, f.start, f.end, std::string_view(specific)}) != 0) {
        drop[i] = true;
      }
    }
  }
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (size_t i = 0; i < findings.size(); ++i) {
    if (!drop[i]) kept.push_back(std::move(findings[i]));
  }

  // 3. Stable order and no exact duplicates (a rule may reach one construct twice).
  auto key = [](const Finding& f) {
    return std::tie(f.path, f.start, f.end, f.rule, f.message);
  };
  std::stable_sort(kept.begin(), kept.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
  kept.erase(std::unique(kept.begin(), kept.end(),
                         [&](const Finding& a, const Finding& b) { return key(a) == key(b); }),
             kept.end());
  findings = std::move(kept);
}

}  // namespace gotrap::rules
