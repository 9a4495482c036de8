// wg-copy: a sync.WaitGroup (or a value holding one) copied: passed, assigned, returned, ranged
// over by value, or a value receiver.
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/rule.h"
#include "rules/support/facts.h"
#include "rules/support/goroutines.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::Visit;

const char kDoc[] = R"md(# wg-copy

**What.** A `sync.WaitGroup`, or a value that holds one (a struct field, an array element, not
behind a pointer), is copied: a parameter or receiver of that type, an assignment or `var` from a
variable, a `return` of a variable, a `range` whose value variable gets the elements. Reported at
the parameter, receiver, assignment, return or range variable.

**Why.** A WaitGroup is a counter: the copy starts with the original's count and goes its own
way. `Done` on a copy never reaches the original, so the original's `Wait` blocks forever; `Add`
on a copy is not seen by the original's `Wait`, which returns early. go vet's copylocks reports
copies of every lock; this rule names the WaitGroup consequence and can fix the signature.

```go
func worker(id int, wg sync.WaitGroup) { // a copy: Done below never reaches main's wg
	defer wg.Done()
	work(id)
}
// fixed:
func worker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	work(id)
}
// ... and the callers pass &wg
```

**Fix.** For a parameter: the parameter becomes a pointer and every call passes the address of
its argument, when the function is a literal called in place (`go func(wg sync.WaitGroup){...}(wg)`)
or an unexported function whose every use is a call in the same file, every argument is a
variable (or a field of one), and the function uses the parameter only through selectors
(`wg.Done()`, `s.field`). Safe. No fix for other copies.

**Quiet when** the value is made fresh (`sync.WaitGroup{}`, `new`, a call's result), handled
through a pointer, or sema does not know the type.
)md";

const RuleInfo kInfo{
    .name = "wg-copy",
    .summary = "sync.WaitGroup copied by value, so Done/Add on the copy never reach the original",
    .doc = kDoc,
    .severity = Severity::warning,
};

// What to call the copied type in a message: the package's own types by their name.
std::string what(const sema::Type* t) {
  if (support::is_wait_group_type(t, false)) return "a sync.WaitGroup";
  std::string name = support::short_type_string(t);
  const sema::Type* u = sema::unalias(t);
  if (u && u->is(sema::TypeKind::Named) && u->obj && u->obj->package() && !u->obj->package()->name.empty())
    name = (u->obj->package()->name + ".").append(u->name);
  return name + " (which holds a sync.WaitGroup)";
}

// A variable, or a field/element/dereference of one: an expression whose value already lives
// somewhere, so using it as a value copies it.
bool names_existing_value(const Expr* e) {
  e = support::unparen(e);
  if (is<Ident>(e)) return true;
  if (auto* sel = as<SelectorExpr>(e)) return names_existing_value(sel->x);
  // `*p` copies what p points to; `*f()` copies a value the call just made, which nobody else
  // holds yet (go vet reports it; its WaitGroup has no one to share a count with).
  if (auto* star = as<StarExpr>(e)) return star->x && names_existing_value(star->x);
  if (auto* ix = as<IndexExpr>(e)) return names_existing_value(ix->x);
  return false;
}

class WgCopy final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file) continue;
      // The calls of function literals called in place, met before the literals themselves
      // (preorder): what a literal's parameter fix needs of its ancestors.
      std::unordered_map<const Node*, const CallExpr*> literal_calls;
      support::for_each_node(file.parsed->file, [&](const Node* n) {
        if (auto* call = as<CallExpr>(n); call && is<FuncLit>(call->fun)) literal_calls.emplace(call->fun, call);
        check_node(pass, file, n, literal_calls);
      });
    }
  }

 private:
  static void report(Pass& pass, const PassFile& file, const Node* at, std::string message,
                     std::vector<Fix> fixes = {}) {
    Finding f;
    f.path = std::string(file.path);
    f.start = at->pos();
    f.end = at->end();
    f.message = std::move(message);
    f.fixes = std::move(fixes);
    pass.report(std::move(f));
  }

  static const sema::Type* value_type(const Pass& pass, const Expr* e) {
    if (!names_existing_value(e)) return nullptr;
    const sema::Type* t = support::type_of(pass, e);
    if (auto* id = as<Ident>(support::unparen(e))) {
      const sema::Object* o = pass.sema()->use_of(id);
      if (!o || o->kind != sema::ObjectKind::Var) return nullptr;
    }
    return support::holds_wait_group(t) ? t : nullptr;
  }

  static void check_node(Pass& pass, const PassFile& file, const Node* n,
                         const std::unordered_map<const Node*, const CallExpr*>& literal_calls) {
    if (auto* fd = as<FuncDecl>(n)) {
      if (fd->recv) check_receiver(pass, file, fd);
      if (fd->type) check_params(pass, file, fd, fd->type, nullptr);
    } else if (auto* lit = as<FuncLit>(n)) {
      auto call = literal_calls.find(lit);
      if (lit->type) check_params(pass, file, lit, lit->type, call != literal_calls.end() ? call->second : nullptr);
    } else if (auto* a = as<AssignStmt>(n)) {
      if (a->lhs.size() != a->rhs.size() || (a->tok != Tok::ASSIGN && a->tok != Tok::DEFINE)) return;
      for (size_t i = 0; i < a->rhs.size(); ++i) {
        const sema::Type* t = value_type(pass, a->rhs[i]);
        if (!t) continue;
        std::string to(support::text_of(file, a->lhs[i]));
        std::string from(support::text_of(file, a->rhs[i]));
        report(pass, file, a, "assignment copies " + what(t) + " from " + from + " to " + to + ": Add, Done and Wait on " +
                                  to + " do not reach " + from + "; use a pointer");
        return;
      }
    } else if (auto* v = as<ValueSpec>(n)) {
      if (v->names.size() != v->values.size()) return;
      for (size_t i = 0; i < v->values.size(); ++i) {
        const sema::Type* t = value_type(pass, v->values[i]);
        if (!t) continue;
        std::string to(v->names[i]->name);
        std::string from(support::text_of(file, v->values[i]));
        report(pass, file, v, "variable declaration copies " + what(t) + " from " + from + " to " + to +
                                  ": Add, Done and Wait on " + to + " do not reach " + from + "; use a pointer");
        return;
      }
    } else if (auto* r = as<ReturnStmt>(n)) {
      for (const Expr* e : r->results) {
        const sema::Type* t = value_type(pass, e);
        if (!t) continue;
        report(pass, file, r, "return copies " + what(t) + " from " + std::string(support::text_of(file, e)) +
                                  ": the caller's copy does not share its counter; return a pointer");
        return;
      }
    } else if (auto* rs = as<RangeStmt>(n)) {
      auto* v = as<Ident>(rs->value);
      if (!v || v->name == "_" || rs->tok != Tok::DEFINE) return;
      const sema::Object* o = pass.sema()->def_of(v);
      if (!o || !support::holds_wait_group(o->type)) return;
      report(pass, file, v, "range variable " + std::string(v->name) + " copies " + what(o->type) +
                                " from each element: Add, Done and Wait on it do not reach the element's; range over the index");
    }
  }

  static void check_receiver(Pass& pass, const PassFile& file, const FuncDecl* fd) {
    if (fd->recv->list.empty()) return;
    const Field* f = fd->recv->list[0];
    if (!f->type || is<StarExpr>(support::unparen(f->type))) return;
    const sema::Type* t = nullptr;
    if (!f->names.empty()) {
      if (const sema::Object* o = pass.sema()->def_of(f->names[0])) t = o->type;
    }
    if (!t) t = support::type_of(pass, f->type);
    if (!support::holds_wait_group(t)) return;
    std::string method = fd->name ? std::string(fd->name->name) : "method";
    report(pass, file, f, "method " + method + " has a value receiver: each call works on a copy of " + what(t) +
                              ", so its Add, Done and Wait do not reach the caller's; use a pointer receiver");
  }

  // `literal_call`: the call of a literal `fn` called in place (`fn` is its Fun), else null.
  static void check_params(Pass& pass, const PassFile& file, const Node* fn, const FuncType* type,
                           const CallExpr* literal_call) {
    if (!type->params) return;
    size_t index = 0;
    for (const Field* f : type->params->list) {
      size_t names = f->names.empty() ? 1 : f->names.size();
      if (f->names.empty() || is<Ellipsis>(f->type)) {
        index += names;
        continue;
      }
      for (const Ident* name : f->names) {
        const sema::Object* o = pass.sema()->def_of(name);
        if (o && support::holds_wait_group(o->type) && name->name != "_") {
          std::vector<Fix> fixes;
          if (f->names.size() == 1) pointer_fix(pass, file, fn, f, o, index, literal_call, fixes);
          report(pass, file, name, "parameter " + std::string(name->name) + " receives a copy of " + what(o->type) +
                                       ": Add, Done and Wait on it never reach the caller's; take a pointer",
                 std::move(fixes));
        }
        ++index;
      }
    }
  }

  // Callers of `fn` and whether they are all known: the literal's own call, or the calls of an
  // unexported function all in this file.
  static bool callers(Pass& pass, const PassFile& file, const Node* fn, const CallExpr* literal_call,
                      std::vector<const CallExpr*>& out) {
    if (is<FuncLit>(fn)) {
      if (!literal_call || literal_call->fun != fn) return false;
      out.push_back(literal_call);
      return true;
    }
    auto* fd = as<FuncDecl>(fn);
    if (!fd || fd->recv || !fd->name || fd->name->name.empty()) return false;
    char c0 = fd->name->name[0];
    if (c0 >= 'A' && c0 <= 'Z') return false;  // callers may live in other packages
    const sema::Object* obj = pass.sema()->def_of(fd->name);
    if (!obj) return false;
    bool all_calls = true;
    for (const PassFile& other : pass.files()) {
      if (!other.parsed || !other.parsed->file) continue;
      if (!support::may_mention(other, nullptr, fd->name->name)) continue;
      support::inspect(other.parsed->file, [&](const Node* n, std::span<const Node* const> a) {
        auto* id = as<Ident>(n);
        if (!id || id == fd->name || pass.sema()->use_of(id) != obj) return Visit::descend;
        auto* call = a.empty() ? nullptr : as<CallExpr>(a.back());
        if (&other != &file || !call || call->fun != id) all_calls = false;
        else out.push_back(call);
        return Visit::descend;
      });
    }
    return all_calls;
  }

  static void pointer_fix(Pass& pass, const PassFile& file, const Node* fn, const Field* field, const sema::Object* param,
                          size_t index, const CallExpr* literal_call, std::vector<Fix>& fixes) {
    std::vector<const CallExpr*> calls;
    if (!callers(pass, file, fn, literal_call, calls) || calls.empty()) return;
    // The parameter is used only through selectors, which reach through a pointer as well.
    bool only_selected = true;
    support::inspect(support::func_body(fn), [&](const Node* n, std::span<const Node* const> a) {
      auto* id = as<Ident>(n);
      if (!id || pass.sema()->use_of(id) != param) return Visit::descend;
      auto* sel = a.empty() ? nullptr : as<SelectorExpr>(a.back());
      if (!sel || sel->x != id) only_selected = false;
      return Visit::descend;
    });
    if (!only_selected) return;
    Fix fix{"Take the WaitGroup by pointer", {}, FixSafety::safe};
    fix.edits.push_back({field->type->pos(), field->type->pos(), "*"});
    for (const CallExpr* call : calls) {
      if (index >= call->args.size() || valid(call->ellipsis)) return;
      const Expr* arg = call->args[index];
      const Expr* bare = support::unparen(arg);
      if (!(is<Ident>(bare) || is<SelectorExpr>(bare)) || !support::ref_root(bare)) return;
      const sema::Object* root = pass.sema()->use_of(support::ref_root(bare));
      if (!root || root->kind != sema::ObjectKind::Var) return;
      // Through a pointer in the chain (p.wg with p a pointer) `&` still takes the original's address.
      fix.edits.push_back({arg->pos(), arg->pos(), "&"});
    }
    fixes.push_back(std::move(fix));
  }
};

}  // namespace

const Rule* wg_copy_rule() {
  static const WgCopy rule;
  return &rule;
}

}  // namespace gotrap::rules
