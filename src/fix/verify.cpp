// Name resolution before writing: a fixed file is analysed with the rest of its package and
// compared with the original; names the fixes left undefined, imports they left unused or
// shadowed, and locals they left unused are problems the compiler would reject.
#include <map>
#include <memory>
#include <set>

#include "fix/fix.h"
#include "rules/support/walk.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::fix {

namespace {

using namespace gotrap::ast;

// Counts per problem text ("undefined: x"), so that the same problem in both versions cancels.
using Problems = std::map<std::string, int>;

std::string_view unquote(std::string_view s) {
  return s.size() >= 2 ? s.substr(1, s.size() - 2) : s;
}

std::string_view default_import_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Identifiers in a use position whose resolution the checker records when it can: not the
// selected name of x.f, not a composite literal's key, not a declaration.
bool is_use_position(const Ident* id, std::span<const Node* const> anc) {
  if (anc.empty()) return false;
  const Node* parent = anc.back();
  if (auto* sel = as<SelectorExpr>(parent); sel && sel->sel == id) return false;
  if (auto* kv = as<KeyValueExpr>(parent); kv && kv->key == id) return false;
  if (is<Field>(parent) || is<ValueSpec>(parent) || is<TypeSpec>(parent) || is<FuncDecl>(parent) ||
      is<ImportSpec>(parent) || is<LabeledStmt>(parent) || is<BranchStmt>(parent) || is<File>(parent))
    return false;
  if (auto* a = as<AssignStmt>(parent); a && a->tok == Tok::DEFINE)
    for (const Expr* l : a->lhs)
      if (l == id) return false;
  if (auto* r = as<RangeStmt>(parent); r && r->tok == Tok::DEFINE && (r->key == id || r->value == id))
    return false;
  return id->name != "_";
}

Problems problems_of(const sema::PackageInfo& info, const syntax::ParsedFile& file) {
  Problems out;
  const File* f = file.file;
  if (!f) return out;
  std::set<std::string_view> used_imports;  // import paths some identifier resolves to
  std::set<std::string_view> import_names;  // local names of the file's imports
  for (const ImportSpec* spec : f->imports) {
    if (!spec->path) continue;
    std::string_view path = unquote(spec->path->value);
    import_names.insert(spec->name ? spec->name->name : default_import_name(path));
  }
  std::map<const sema::Object*, int> local_uses;
  std::vector<const sema::Object*> locals;
  rules::support::inspect(f, [&](const Node* n, std::span<const Node* const> anc) {
    auto* id = as<Ident>(n);
    if (!id) return rules::support::Visit::descend;
    if (const sema::Object* d = info.def_of(id)) {
      if (d->kind == sema::ObjectKind::Var && !d->package_level && !d->is_param && !d->is_field &&
          id->name != "_")
        locals.push_back(d);
      return rules::support::Visit::descend;
    }
    const sema::Object* o = info.use_of(id);
    if (o) {
      if (o->kind == sema::ObjectKind::PkgName) used_imports.insert(o->imported_path);
      ++local_uses[o];
    }
    if (!is_use_position(id, anc)) return rules::support::Visit::descend;
    if (!o) ++out["undefined: " + std::string(id->name)];
    // The base of a selector spelled like one of the file's imports but resolving to something
    // else: an import shadowed where it is used.
    const Node* parent = anc.back();
    if (auto* sel = as<SelectorExpr>(parent); sel && sel->x == id && o && import_names.count(id->name) &&
                                              o->kind != sema::ObjectKind::PkgName)
      ++out["import " + std::string(id->name) + " shadowed by a local declaration"];
    return rules::support::Visit::descend;
  });
  for (const ImportSpec* spec : f->imports) {
    if (!spec->path) continue;
    std::string_view path = unquote(spec->path->value);
    std::string_view name = spec->name ? spec->name->name : std::string_view();
    if (name == "_" || name == "." || path == "C") continue;
    if (!used_imports.count(path)) ++out["\"" + std::string(path) + "\" imported and not used"];
  }
  for (const sema::Object* o : locals)
    if (!local_uses.count(o)) ++out["declared and not used: " + std::string(o->name)];
  return out;
}

Problems analyse(const PackageSource& package, const rules::TextLookup& text_of,
                 const std::map<std::string, std::string>& replaced, const std::string& path) {
  std::vector<std::unique_ptr<syntax::ParsedFile>> parsed;
  std::vector<const syntax::ParsedFile*> files;
  const syntax::ParsedFile* target = nullptr;
  for (const std::string& p : package.paths) {
    auto it = replaced.find(p);
    const std::string* text = it != replaced.end() ? &it->second : (text_of ? text_of(p) : nullptr);
    if (!text) continue;
    parsed.push_back(syntax::parse_file(p, *text));
    files.push_back(parsed.back().get());
    if (p == path) target = parsed.back().get();
  }
  if (!target) return {};
  sema::Program program;
  sema::PackageInfo* info = program.add_package(package.import_path, files);
  info->vendor_std_imports = package.std;
  program.analyze();
  return problems_of(*info, *target);
}

}  // namespace

std::vector<std::string> new_name_errors(const PackageSource& package, const rules::TextLookup& text_of,
                                         const std::string& path, const std::string& fixed) {
  Problems before = analyse(package, text_of, {}, path);
  Problems after = analyse(package, text_of, {{path, fixed}}, path);
  std::vector<std::string> out;
  for (const auto& [problem, count] : after) {
    auto it = before.find(problem);
    if (count > (it == before.end() ? 0 : it->second)) out.push_back(problem);
  }
  return out;
}

std::vector<FileFix> plan_verified_fixes(const std::vector<rules::Finding>& findings, bool allow_unsafe,
                                         const rules::TextLookup& text_of, const PackageLookup& package_of,
                                         std::vector<std::string>* dropped) {
  std::vector<FileFix> planned = plan_fixes(findings, allow_unsafe, text_of);
  std::vector<FileFix> out;
  for (FileFix& file : planned) {
    auto check = [&](const FileFix& candidate) -> std::string {
      std::string why;
      if (!reparses_cleanly(candidate, &why)) return why;
      const PackageSource* package = package_of ? package_of(candidate.path) : nullptr;
      if (!package) return "";
      std::vector<std::string> errors = new_name_errors(*package, text_of, candidate.path, candidate.fixed);
      std::string joined;
      for (const std::string& e : errors) joined += (joined.empty() ? "" : "; ") + e;
      return joined;
    };
    std::string problem = check(file);
    if (problem.empty()) {
      out.push_back(std::move(file));
      continue;
    }
    // Keep the fixes that pass one by one, in findings order; drop the others.
    std::vector<size_t> kept;
    FileFix best;
    for (size_t index : file.applied) {
      std::vector<rules::Finding> subset;
      std::vector<size_t> indexes = kept;
      indexes.push_back(index);
      for (size_t i : indexes) subset.push_back(findings[i]);
      auto trial = plan_fixes(subset, allow_unsafe, text_of);
      std::string why = trial.empty() ? "the fix applies to no file" : check(trial[0]);
      if (why.empty()) {
        kept.push_back(index);
        best = std::move(trial[0]);
        best.applied = kept;
      } else if (dropped) {
        const rules::Finding& f = findings[index];
        dropped->push_back(f.path + ": fix for [" + f.rule + "] \"" + f.message + "\" not applied: " + why);
      }
    }
    if (!kept.empty()) {
      best.skipped += file.skipped;
      out.push_back(std::move(best));
    }
  }
  return out;
}

}  // namespace gotrap::fix
