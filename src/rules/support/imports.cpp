#include "rules/support/imports.h"

#include <algorithm>
#include <map>

#include "rules/support/fix_context.h"
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
  std::vector<ImportRequest> wanted;
  for (std::string& p : paths) {
    for (const ImportSpec* spec : file.parsed->file->imports)
      if (spec->path && unquote(spec->path->value) == p && spec->name && spec->name->name != p)
        return std::nullopt;  // renamed: leave it alone
    wanted.push_back({std::move(p), ""});
  }
  return add_imports(file, std::move(wanted));
}

std::optional<std::vector<Edit>> add_imports(const PassFile& file, std::vector<ImportRequest> wanted) {
  std::vector<ImportRequest> missing;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  for (const ImportRequest& w : wanted) {
    bool present = false;
    for (const ImportSpec* spec : file.parsed->file->imports) {
      if (!spec->path || unquote(spec->path->value) != w.path) continue;
      std::string_view name = spec->name ? spec->name->name : std::string_view();
      if (w.alias.empty() ? (name.empty() || name == w.path) : name == w.alias) present = true;
    }
    if (!present) missing.push_back(w);
  }
  if (missing.empty()) return std::vector<Edit>{};
  auto spec_text = [](const ImportRequest& r) {
    return (r.alias.empty() ? std::string() : r.alias + " ") + "\"" + r.path + "\"";
  };
  const GenDecl* decl = nullptr;
  for (const Node* d : file.parsed->file->decls)
    if (auto* g = as<GenDecl>(d); g && g->tok == Tok::IMPORT) {
      decl = g;
      break;
    }
  std::string_view text = file.text;
  std::string eol(line_ending(text));
  if (!decl) {
    // No import at all: a block after the package clause.
    const File* f = file.parsed->file;
    if (!f->name || !valid(f->name->end())) return std::nullopt;
    Pos at = next_line(text, f->name->end());
    if (at == text.size() && (text.empty() || text.back() != '\n')) return std::nullopt;
    std::string out = eol + "import (" + eol;
    for (const ImportRequest& m : missing) out += "\t" + spec_text(m) + eol;
    out += ")" + eol;
    return std::vector<Edit>{{at, at, out}};
  }
  if (decl->specs.empty()) return std::nullopt;
  if (!valid(decl->lparen)) {
    // import "x"  ->  import (\n\t"x"\n\t"y"\n)
    if (decl->specs.size() != 1) return std::nullopt;
    auto* spec = as<ImportSpec>(decl->specs[0]);
    if (!spec || spec->doc || spec->comment) return std::nullopt;
    std::vector<std::pair<std::string, std::string>> lines;  // path, line
    std::string existing(text.substr(spec->pos(), spec->end() - spec->pos()));
    lines.push_back({std::string(unquote(spec->path->value)), existing});
    for (const ImportRequest& m : missing) lines.push_back({m.path, spec_text(m)});
    std::sort(lines.begin(), lines.end());
    std::string out = "import (" + eol;
    for (auto& l : lines) out += "\t" + l.second + eol;
    out += ")";
    return std::vector<Edit>{{decl->pos(), decl->end(), out}};
  }
  // Inside a block: before the first spec (of the first group) whose path sorts after.
  std::map<Pos, std::string> inserts;
  for (const ImportRequest& m : missing) {
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
      if (unquote(spec->path->value) > m.path) {
        at = line_start(text, spec->pos());
        break;
      }
      last = spec;
    }
    if (at == kNoPos) {
      if (!last) return std::nullopt;
      at = next_line(text, last->end());
    }
    inserts[at] += "\t" + spec_text(m) + eol;
  }
  std::vector<Edit> edits;
  for (auto& [at, t] : inserts) edits.push_back({at, at, t});
  return edits;
}

}  // namespace gotrap::rules::support
