#include <algorithm>
#include <map>

#include "fix/fix.h"

namespace gotrap::fix {

std::string apply_edits(std::string_view text, std::vector<rules::Edit> edits) {
  std::stable_sort(edits.begin(), edits.end(), [](const rules::Edit& a, const rules::Edit& b) {
    return a.start < b.start;
  });
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const rules::Edit& e : edits) {
    size_t start = std::min<size_t>(e.start, text.size());
    size_t end = std::clamp<size_t>(e.end, start, text.size());
    if (start < at) continue;  // overlapping: plan_fixes never produces this
    out.append(text.substr(at, start - at));
    out.append(e.text);
    at = end;
  }
  out.append(text.substr(at));
  return out;
}

namespace {

bool same_edit(const rules::Edit& a, const rules::Edit& b) {
  return a.start == b.start && a.end == b.end && a.text == b.text;
}

// Two edits conflict when their ranges intersect, or when both touch the same point and one is an
// insertion there (their order would be ambiguous).
bool conflicts(const rules::Edit& a, const rules::Edit& b) {
  if (same_edit(a, b)) return false;
  if (a.start < b.end && b.start < a.end) return true;
  return a.start == b.start && (a.start == a.end || b.start == b.end);
}

bool fix_is_consistent(const rules::Fix& fix, size_t text_size) {
  for (size_t i = 0; i < fix.edits.size(); ++i) {
    const rules::Edit& e = fix.edits[i];
    if (e.start > e.end || e.end > text_size) return false;
    for (size_t j = i + 1; j < fix.edits.size(); ++j) {
      if (conflicts(e, fix.edits[j])) return false;
    }
  }
  return !fix.edits.empty();
}

}  // namespace

std::vector<FileFix> plan_fixes(const std::vector<rules::Finding>& findings, bool allow_unsafe,
                                const rules::TextLookup& text_of) {
  struct Pending {
    FileFix file;
    std::vector<rules::Edit> chosen;
  };
  std::map<std::string, Pending, std::less<>> by_path;
  std::vector<std::string> order;
  for (size_t i = 0; i < findings.size(); ++i) {
    const rules::Finding& f = findings[i];
    const rules::Fix* fix = nullptr;
    for (const rules::Fix& candidate : f.fixes) {
      if (candidate.safety == rules::FixSafety::safe || allow_unsafe) {
        fix = &candidate;
        break;
      }
    }
    if (!fix) continue;
    const std::string* text = text_of ? text_of(f.path) : nullptr;
    if (!text) continue;
    auto [it, inserted] = by_path.try_emplace(f.path);
    Pending& pending = it->second;
    if (inserted) {
      pending.file.path = f.path;
      pending.file.original = *text;
      order.push_back(f.path);
    }
    bool ok = fix_is_consistent(*fix, text->size());
    for (const rules::Edit& e : fix->edits) {
      for (const rules::Edit& taken : pending.chosen) {
        if (conflicts(e, taken)) ok = false;
      }
    }
    if (!ok) {
      ++pending.file.skipped;
      continue;
    }
    for (const rules::Edit& e : fix->edits) {
      bool duplicate = std::any_of(pending.chosen.begin(), pending.chosen.end(),
                                   [&](const rules::Edit& t) { return same_edit(e, t); });
      if (!duplicate) pending.chosen.push_back(e);
    }
    pending.file.applied.push_back(i);
  }
  std::vector<FileFix> out;
  for (const std::string& path : order) {
    Pending& pending = by_path.find(path)->second;
    if (pending.chosen.empty()) continue;
    pending.file.fixed = apply_edits(pending.file.original, std::move(pending.chosen));
    out.push_back(std::move(pending.file));
  }
  return out;
}

bool reparses_cleanly(const FileFix& file, std::string* why) {
  int before = count_syntax_errors(file.path, file.original);
  int after = count_syntax_errors(file.path, file.fixed);
  if (after > before) {
    if (why) *why = "the fixed file would have " + std::to_string(after - before) + " new syntax error(s)";
    return false;
  }
  return true;
}

}  // namespace gotrap::fix
