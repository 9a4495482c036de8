// Applying the fixes of findings to files: choose non-conflicting fixes, apply their edits, check
// that the result still parses, and write it atomically only if the file did not change meanwhile.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/engine.h"
#include "rules/rule.h"

namespace gotrap::fix {

// The fixed text of one file and which findings it resolves.
struct FileFix {
  std::string path;
  std::string original;  // the text the findings were computed on
  std::string fixed;
  std::vector<size_t> applied;  // indexes into the findings vector whose fix was applied
  int skipped = 0;              // fixes dropped because they overlapped an earlier fix
};

// Replaces [start, end) ranges in `text`. Edits must not overlap (checked by plan_fixes); they
// are applied from the end so offsets stay valid.
std::string apply_edits(std::string_view text, std::vector<rules::Edit> edits);

// Groups fixes by file and picks, in findings order, the first fix of each finding whose safety
// is allowed (safe, or also unsafe with allow_unsafe) and whose edits do not overlap edits already
// chosen; a fix that overlaps is dropped whole. Identical edits (same range and text) of two fixes
// are applied once. Files whose text is unknown are skipped.
std::vector<FileFix> plan_fixes(const std::vector<rules::Finding>& findings, bool allow_unsafe,
                                const rules::TextLookup& text_of);

// Number of syntax errors in `text` parsed as `path`.
int count_syntax_errors(const std::string& path, const std::string& text);

// True when `fixed` has no syntax error that `original` did not have (compared by count).
bool reparses_cleanly(const FileFix& file, std::string* why);

// The files of the package a fixed file belongs to, for checking names across them.
using PackageSource = rules::PackageFiles;
using PackageLookup = std::function<const PackageSource*(std::string_view path)>;

// Name-resolution errors the compiler would report in `fixed` (the new text of `path`, analysed
// with the other files of `package` as `text_of` gives them) that the original text does not
// have: undefined names, imports left unused or shadowed where they are used, locals declared
// and not used. Empty when the fixes introduce none.
std::vector<std::string> new_name_errors(const PackageSource& package, const rules::TextLookup& text_of,
                                         const std::string& path, const std::string& fixed);

// plan_fixes, then a check of every fixed file: it must re-parse as well as before and
// introduce no name-resolution error (new_name_errors; skipped when `package_of` knows no
// package for it). When a file fails, its fixes are tried one at a time in findings order and
// only those that keep it clean are kept; each dropped fix is described in *dropped.
std::vector<FileFix> plan_verified_fixes(const std::vector<rules::Finding>& findings, bool allow_unsafe,
                                         const rules::TextLookup& text_of, const PackageLookup& package_of,
                                         std::vector<std::string>* dropped);

enum class WriteResult { written, changed_on_disk, failed };

// Writes `text` to `path` through a temporary file in the same directory (fsync, then rename),
// keeping the file's mode, owner and group; refuses (changed_on_disk) when the file's current
// bytes differ from `expected`, checked before writing and again right before the rename. A
// symbolic link is written through: its target gets the new text and the link stays. Fails,
// leaving the file as it was, when it is read-only (no write permission, as gofmt -w), not a
// regular file, has other hard links (a rename would separate them), or its owner and group
// cannot be kept.
WriteResult write_if_unchanged(const std::string& path, std::string_view expected,
                               std::string_view text, std::string* error);

// A unified diff (3 lines of context) from `before` to `after`, headers a/PATH and b/PATH.
// Empty when the texts are equal.
std::string unified_diff(const std::string& path, std::string_view before, std::string_view after);

}  // namespace gotrap::fix
