#include "rules/support/fix_context.h"

#include <algorithm>

#include "rules/support/context.h"
#include "rules/support/walk.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

std::string_view line_ending(std::string_view text) {
  size_t nl = text.find('\n');
  return nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

Pos line_start_of(std::string_view text, Pos pos) {
  Pos p = std::min<Pos>(pos, Pos(text.size()));
  while (p > 0 && text[p - 1] != '\n') --p;
  return p;
}

std::optional<std::string_view> indentation_at(std::string_view text, Pos pos) {
  if (!valid(pos) || pos > text.size()) return std::nullopt;
  Pos start = line_start_of(text, pos);
  std::string_view indent = text.substr(start, pos - start);
  if (indent.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
  return indent;
}

std::optional<Edit> insert_lines_before(std::string_view text, Pos pos,
                                        const std::vector<std::string>& lines) {
  auto indent = indentation_at(text, pos);
  if (!indent || lines.empty()) return std::nullopt;
  std::string_view eol = line_ending(text);
  std::string out;
  for (const std::string& line : lines) out.append(*indent).append(line).append(eol);
  Pos start = line_start_of(text, pos);
  return Edit{start, start, std::move(out)};
}

bool is_primary(const Expr* e) {
  if (!e) return false;
  switch (e->kind) {
    case Kind::Ident:
    case Kind::BasicLit:
    case Kind::CompositeLit:
    case Kind::FuncLit:
    case Kind::ParenExpr:
    case Kind::SelectorExpr:
    case Kind::IndexExpr:
    case Kind::IndexListExpr:
    case Kind::SliceExpr:
    case Kind::TypeAssertExpr:
    case Kind::CallExpr:
      return true;
    default:
      return false;  // unary, binary, *x, <-x, key: value, types
  }
}

std::string operand_text(std::string_view text, const Expr* e) {
  std::string s(node_text(text, e));
  if (is_primary(e)) return s;
  return "(" + s + ")";
}

namespace {

const Node* top_level_decl_at(const File* file, Pos pos) {
  for (const Node* d : file->decls)
    if (d->pos() <= pos && pos < d->end()) return d;
  return nullptr;
}

}  // namespace

bool ImportNamer::declared_locally(std::string_view name, Pos pos) const {
  const Node* decl = top_level_decl_at(file_.parsed->file, pos);
  return decl && declared_names(decl).count(name) != 0;
}

bool ImportNamer::taken_in_package(std::string_view name) const {
  if (pass_.sema()) {
    if (pass_.sema()->member(name)) return true;
  }
  // Without sema (and to be sure with it): the top-level declarations of every file.
  for (const PassFile& f : pass_.files()) {
    if (!f.parsed || !f.parsed->file) continue;
    for (const Node* d : f.parsed->file->decls) {
      if (auto* fd = as<FuncDecl>(d)) {
        if (!fd->recv && fd->name && fd->name->name == name) return true;
      } else if (auto* g = as<GenDecl>(d); g && g->tok != Tok::IMPORT) {
        for (const Node* s : g->specs) {
          if (auto* v = as<ValueSpec>(s))
            for (const Ident* id : v->names)
              if (id->name == name) return true;
          if (auto* t = as<TypeSpec>(s); t && t->name && t->name->name == name) return true;
        }
      }
    }
  }
  return false;
}

bool ImportNamer::taken_at(std::string_view name, Pos pos) const {
  ImportNames imports(file_.parsed->file);
  if (!imports.path_of(name).empty()) return true;
  for (const ImportSpec* spec : file_.parsed->file->imports)
    if (spec->name && spec->name->name == name) return true;
  return taken_in_package(name) || declared_locally(name, pos);
}

std::optional<ImportNamer::Choice> ImportNamer::choose(std::string_view path,
                                                        std::string_view default_name,
                                                        const std::vector<Pos>& places) const {
  const File* f = file_.parsed->file;
  // Already imported: reuse the file's name for it, if every place sees it.
  bool imported = false;
  for (const ImportSpec* spec : f->imports) {
    if (!spec->path || spec->path->value.size() < 2) continue;
    std::string_view p = spec->path->value.substr(1, spec->path->value.size() - 2);
    if (p != path) continue;
    imported = true;
    std::string_view local = spec->name ? spec->name->name : default_name;
    if (local == "_" || local == ".") continue;  // another spec may name it
    bool visible = true;
    for (Pos at : places) visible = visible && !declared_locally(local, at);
    if (visible) return Choice{std::string(local), false, ""};
  }
  if (imported) return std::nullopt;  // imported, but under no name usable here
  auto free_everywhere = [&](std::string_view name) {
    if (name == "_" || name == "." || name.empty()) return false;
    for (Pos at : places)
      if (taken_at(name, at)) return false;
    return true;
  };
  if (free_everywhere(default_name)) return Choice{std::string(default_name), true, ""};
  for (std::string alias : {std::string(default_name) + "pkg", "std" + std::string(default_name)}) {
    if (free_everywhere(alias)) return Choice{alias, true, alias};
  }
  return std::nullopt;
}

}  // namespace gotrap::rules::support
