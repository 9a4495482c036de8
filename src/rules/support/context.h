// Helpers shared by the context and net/http rules (ctx-background, ctx-no-deadline,
// http-no-timeout, lost-cancel): which import a selector names, which names a function declares,
// which context a function has at hand, and where a local context variable comes from.
//
// Everything works from syntax alone and uses sema's resolution when the pass has it. Without sema
// a name counts as a package only when no declaration inside the function could shadow it, so the
// answers err towards "unknown", which keeps the rules quiet.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "facts/context.h"
#include "rules/rule.h"
#include "rules/support/imports.h"
#include "syntax/ast.h"
#include "syntax/parser.h"

namespace gotrap::sema { struct PackageInfo; }

namespace gotrap::rules::support {

// Local names of one file's imports -> import path ("_" and "." imports left out).
class ImportNames {
 public:
  explicit ImportNames(const ast::File* file);
  // The import path `local` names in this file, or "" when it names none.
  std::string_view path_of(std::string_view local) const;

 private:
  std::unordered_map<std::string_view, std::string_view> by_name_;
};

// Every name declared anywhere inside `fn` (a FuncDecl or FuncLit): receiver, parameters, results,
// locals, and the same in nested function literals. Over-approximates on purpose.
std::unordered_set<std::string_view> declared_names(const ast::Node* fn);

// declared_names(fn), computed on the first question only: most functions never need it (with
// sema, names resolve without it).
class DeclaredNames {
 public:
  explicit DeclaredNames(const ast::Node* fn) : fn_(fn) {}
  bool count(std::string_view name) const {
    if (!names_) names_ = declared_names(fn_);
    return names_->count(name) != 0;
  }

 private:
  const ast::Node* fn_;
  mutable std::optional<std::unordered_set<std::string_view>> names_;
};

// Name resolution inside one top-level declaration.
struct Resolver {
  const ImportNames* imports = nullptr;
  const sema::PackageInfo* sema = nullptr;                      // may be null
  const DeclaredNames* locals = nullptr;  // declared_names of the FuncDecl

  // `Name` when `e` is the selector `pkg.Name` and pkg names the import `path`, else "".
  std::string_view member_of(const ast::Expr* e, std::string_view path) const;
  // True when `e` is a call of the function path.name.
  bool is_call_to(const ast::Expr* e, std::string_view path, std::string_view name) const;
};

// The context-package constructors the rules tell apart: facts/context.h.
using facts::ContextCall;
using facts::context_func_name;
using facts::is_root;
using facts::returns_cancel;
using facts::sets_deadline;

ContextCall classify_context_call(const Resolver& r, const ast::Expr* e);
// False when `n`'s text names neither Background nor TODO, so no root context call is in it.
bool mentions_root_call(const PassFile& file, const ast::Node* n);

bool is_context_type(const Resolver& r, const ast::Expr* type);       // context.Context
bool is_http_request_pointer(const Resolver& r, const ast::Expr* type);  // *http.Request

// The context a function has at hand, as the expression to write in its place.
struct AvailableContext {
  std::string expr;                 // "ctx", "r.Context()", "l.ctx"; empty when none
  std::string_view base;            // the identifier the expression starts with
  const ast::Node* func = nullptr;  // the FuncDecl/FuncLit that provides it
  // Where it comes from: a context parameter, a handler's request, or a context field of the
  // receiver (a component's lifetime rather than one call's).
  enum class Source { param, request, field } source = Source::param;
};

// Struct types declared at package level, by name (for receivers with a context field).
using StructTypes = std::unordered_map<std::string_view, const ast::StructType*>;
StructTypes package_struct_types(const Pass& pass);

// The context available at a node whose enclosing nodes are `ancestors` (innermost function
// first: its own context parameter, then the *http.Request of a handler (a function that also
// takes an http.ResponseWriter), then a context.Context field of the receiver's struct unless the
// struct also keeps a cancel function; then the same for the enclosing functions).
AvailableContext available_context(const Resolver& r, const StructTypes& structs,
                                   std::span<const ast::Node* const> ancestors);

// Whether a local context variable can carry a deadline.
enum class Deadline {
  unknown,  // comes from elsewhere, or is written more than once
  none,     // derived only from Background/TODO through cancel/value wrappers
  bounded,  // a WithTimeout/WithDeadline sits on the path
};

// Where the local variables of one top-level function come from: each name written exactly once
// (declared with a value, never reassigned nor address-taken) maps to the expression it got.
class LocalValues {
 public:
  LocalValues(const Resolver& r, const ast::Node* fn);
  // The expression the single-assignment local `name` got, and its index among the results of a
  // multi-value call (-1 when it is the whole expression); null when unknown.
  const ast::Expr* value_of(std::string_view name, int* result_index = nullptr) const;
  // How many times `name` is written (declarations included) in the function.
  int writes_of(std::string_view name) const {
    auto it = defs_.find(name);
    return it == defs_.end() ? 0 : it->second.writes;
  }
  // Deadline state of a context-valued expression.
  Deadline deadline_of(const ast::Expr* e) const;
  // True when the deadline-free context `e` went through at least one WithCancel/WithValue (so
  // its author meant to manage it, yet bounded nothing).
  bool derived_through_wrapper(const ast::Expr* e) const;

 private:
  struct Def {
    const ast::Expr* value = nullptr;
    int index = -1;
    int writes = 0;
  };
  Deadline deadline_rec(const ast::Expr* e, int depth) const;
  bool wrapper_rec(const ast::Expr* e, int depth) const;
  const Resolver& r_;
  std::unordered_map<std::string_view, Def> defs_;
};

// (Both below tell variables apart by sema's resolution when `info` is given, else by name.)
// Every mention of the variable `var` in `fn` other than its declaration `decl` is a call of it
// as a statement (`cancel()`, `defer cancel()`), outside function literals and go statements.
bool only_called_here(const ast::Node* fn, const ast::Ident* decl,
                      const sema::PackageInfo* info = nullptr);

// Every mention of `decl`'s variable in `fn` is a call argument or the base of a selector, outside
// function literals and go statements: the value never outlives this function's calls.
bool only_passed_here(const ast::Node* fn, const ast::Ident* decl,
                      const sema::PackageInfo* info = nullptr);

// The comment lines right above the line of `offset` (a contiguous block), lower-cased.
std::string comment_above(std::string_view text, uint32_t offset);

// Test support code (a package whose name mentions "test": testutil, testsuite, ...; or a file
// importing testing, ginkgo, gomega or testify) runs under a test's deadline; the context and http
// rules leave it alone, as they do _test.go files.
bool is_test_support(const PassFile& file);

// The functions the context and http rules examine: every FuncDecl with a body in the package's
// files that are not test support. Without sema, files where `import_name` names no import are
// skipped; with sema (which resolves renamed imports), files with no import of `import_path` under
// any name, unless `any_file` (a rule that also follows package-level values into other files).
// Calls fn(file, func_decl, resolver) for each.
template <class Fn>
void for_each_checked_function(const Pass& pass, std::string_view import_name,
                               std::string_view import_path, bool any_file, Fn&& fn) {
  for (const PassFile& file : pass.files()) {
    if (!file.parsed || !file.parsed->file || is_test_support(file)) continue;
    if (pass.sema() && !any_file && !imports_path_any_name(file, import_path)) continue;
    ImportNames imports(file.parsed->file);
    if (imports.path_of(import_name).empty() && !pass.sema()) continue;
    for (const ast::Node* decl : file.parsed->file->decls) {
      auto* fd = ast::as<ast::FuncDecl>(decl);
      if (!fd || !fd->body) continue;
      DeclaredNames locals(fd);
      Resolver r{&imports, pass.sema(), &locals};
      fn(file, fd, r);
    }
  }
}

// Source text of a node.
std::string_view node_text(std::string_view file_text, const ast::Node* n);

// Short name of a call's callee for messages: `h.sites.GetSite` -> "GetSite", `f` -> "f".
std::string_view callee_name(const ast::CallExpr* call);

// True for calls that never return (sema/no_return.h; a method of a value of unknown type counts
// when its name is a never-returning one): a path ending in one does not reach a return.
bool is_no_return_call(const Resolver& r, const ast::Expr* e);

}  // namespace gotrap::rules::support
