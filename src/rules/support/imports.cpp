#include "rules/support/imports.h"

#include <algorithm>
#include <map>

#include "facts/packages.h"
#include "syntax/parser.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

namespace {

std::string_view unquote(std::string_view lit) {
  if (lit.size() >= 2) return lit.substr(1, lit.size() - 2);
  return lit;
}

Pos line_start(std::string_view text, Pos p) {
  while (p > 0 && text[p - 1] != '\n') --p;
  return p;
}

Pos next_line(std::string_view text, Pos p) {
  while (p < text.size() && text[p] != '\n') ++p;
  return p < text.size() ? p + 1 : p;
}

}  // namespace

bool imports_path(const PassFile& file, std::string_view path) {
  for (const ImportSpec* spec : file.parsed->file->imports)
    if (spec->path && unquote(spec->path->value) == path && (!spec->name || spec->name->name == path))
      return true;
  return false;
}

bool imports_path_any_name(const PassFile& file, std::string_view path) {
  for (const ImportSpec* spec : file.parsed->file->imports)
    if (spec->path && facts::is_package(unquote(spec->path->value), path)) return true;
  return false;
}

std::optional<std::vector<Edit>> add_imports(const PassFile& file, std::vector<std::string> paths) {
  std::vector<std::string> missing;
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  for (const std::string& p : paths) {
    for (const ImportSpec* spec : file.parsed->file->imports)
      if (spec->path && unquote(spec->path->value) == p) {
        if (spec->name && spec->name->name != p) return std::nullopt;  // renamed: leave it alone
        goto present;
      }
    missing.push_back(p);
  present:;
  }
  if (missing.empty()) return std::vector<Edit>{};
  const GenDecl* decl = nullptr;
  for (const Node* d : file.parsed->file->decls)
    if (auto* g = as<GenDecl>(d); g && g->tok == Tok::IMPORT) {
      decl = g;
      break;
    }
  if (!decl || decl->specs.empty()) return std::nullopt;
  std::string_view text = file.text;
  if (!valid(decl->lparen)) {
    // import "x"  ->  import (\n\t"x"\n\t"y"\n)
    if (decl->specs.size() != 1) return std::nullopt;
    auto* spec = as<ImportSpec>(decl->specs[0]);
    if (!spec || spec->doc || spec->comment) return std::nullopt;
    std::vector<std::pair<std::string, std::string>> lines;  // path, line
    std::string existing(text.substr(spec->pos(), spec->end() - spec->pos()));
    lines.push_back({std::string(unquote(spec->path->value)), existing});
    for (const std::string& m : missing) lines.push_back({m, "\"" + m + "\""});
    std::sort(lines.begin(), lines.end());
    std::string out = "import (\n";
    for (auto& l : lines) out += "\t" + l.second + "\n";
    out += ")";
    return std::vector<Edit>{{decl->pos(), decl->end(), out}};
  }
  // Inside a block: before the first spec (of the first group) whose path sorts after.
  std::map<Pos, std::string> inserts;
  for (const std::string& m : missing) {
    Pos at = kNoPos;
    const ImportSpec* last = nullptr;
    for (const Node* n : decl->specs) {
      auto* spec = as<ImportSpec>(n);
      if (!spec || !spec->path) return std::nullopt;
      // Stop at the end of the first group (a blank line separates std from the rest).
      if (last) {
        std::string_view between = text.substr(last->end(), spec->pos() - last->end());
        if (std::count(between.begin(), between.end(), '\n') > 1) break;
      }
      if (unquote(spec->path->value) > m) {
        at = line_start(text, spec->pos());
        break;
      }
      last = spec;
    }
    if (at == kNoPos) {
      if (!last) return std::nullopt;
      at = next_line(text, last->end());
    }
    inserts[at] += "\t\"" + m + "\"\n";
  }
  std::vector<Edit> edits;
  for (auto& [at, t] : inserts) edits.push_back({at, at, t});
  return edits;
}

}  // namespace gotrap::rules::support
