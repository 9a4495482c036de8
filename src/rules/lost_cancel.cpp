// lost-cancel: the cancel function of a context.With* call discarded, or skipped on a path to a
// return (go vet's lostcancel, with a fix).
#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/facts.h"
#include "rules/support/fix_context.h"
#include "rules/support/imports.h"
#include "rules/support/keeps.h"
#include "rules/support/walk.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::ContextCall;

const RuleInfo kInfo{
    .name = "lost-cancel",
    .summary = "cancel function of context.WithCancel/WithTimeout/WithDeadline discarded or not "
               "called on every path",
    .doc = R"md(# lost-cancel

**What.** The cancel function returned by `context.WithCancel`, `WithTimeout`, `WithDeadline` (or
their `Cause` variants) is assigned to `_`, or some path from the assignment reaches a return
without using it. The finding sits on the assignment; its related location is the return that
skips cancel (a function's closing brace stands for its implicit return).

**Why.** Until cancel runs, the derived context stays registered with its parent and its timer
stays armed: a handler that forgets it on an error path leaks on every failing request.

```go
ctx, cancel := context.WithTimeout(parent, time.Second)
if err != nil {
	return err // cancel is skipped here
}
// fixed:
ctx, cancel := context.WithTimeout(parent, time.Second)
defer cancel()
```

**Fix.** Adds `defer cancel()` on the next line (`defer cancel(nil)` for `WithCancelCause`), with
the statement's indentation and the file's line ending; a `_` becomes `cancel` first (when no
`cancel` is in sight and the statement uses `:=` or `var`).

**When the fix is safe.** The deferred call ends the context when the function returns; paths that
called cancel already are unchanged, so the fix is safe when nothing uses the context or the cancel
function after the return:
- no fix when cancel is handed to a call, stored or captured (its owner may cancel on its own
  schedule), or when the context leaves the function (returned, stored, sent, used by a literal or
  a goroutine), or a function of this package it is passed to keeps it (starts a goroutine with it,
  stores it);
- unsafe when the context is passed to a function whose code is not known (another package, a func
  value): it may keep it; and inside a loop (the deferred calls pile up until the function returns);
- safe otherwise: the context is only used in this function and by callees of this package that use
  it during the call.

**Quiet when** cancel is deferred, called on every path, or used in any other way on every path
(returned, stored, passed on, captured by a literal), as go vet counts uses; when cancel is a
variable of an enclosing function or package; on paths that end in a call that never returns
(`panic`, `os.Exit`, `runtime.Goexit`, `log.Fatal*`, `t.FailNow`/`Fatal*`/`Skip*`, klog's
`Fatal*`/`Exit*`, logrus's `Fatal*`/`Panic*`; a method of a value of unknown type counts when it
has one of those names, the package's own methods do not); and in package `main`'s `main`,
whose return ends the process.
)md",
    .severity = Severity::warning,
};

// One `x, cancel := context.WithX(...)` (or `var`/`=`) inside a function.
struct CancelDef {
  const Node* stmt = nullptr;       // AssignStmt, or the DeclStmt of a `var` spec
  Span<Expr*> lhs;                  // left side (AssignStmt) ...
  const ValueSpec* spec = nullptr;  // ... or the var spec
  const Ident* cancel = nullptr;
  const CallExpr* call = nullptr;
  ContextCall kind = ContextCall::none;
  const Node* func = nullptr;       // innermost FuncDecl/FuncLit
  const Node* parent = nullptr;     // node holding `stmt` in a statement list, if any
  bool in_loop = false;
};

const FuncType* func_type(const Node* fn) {
  if (auto* d = as<FuncDecl>(fn)) return d->type;
  if (auto* l = as<FuncLit>(fn)) return l->type;
  return nullptr;
}

// Calls `fn` for every node of `root`, not entering function literals other than `root` itself.
void for_each_in_func(const Node* root, const std::function<void(const Node*)>& fn) {
  support::inspect(root, [&](const Node* n, std::span<const Node* const>) {
    if (n != root && is<FuncLit>(n)) return support::Visit::skip;
    fn(n);
    return support::Visit::descend;
  });
}

// Whether `name` is declared by `fn` itself (parameters, results, receiver, or a local outside
// nested literals): a cancel variable declared elsewhere is someone else's to call.
bool declared_in(const Node* fn, std::string_view name) {
  bool found = false;
  for_each_in_func(fn, [&](const Node* n) {
    if (auto* f = as<Field>(n)) {
      for (const Ident* id : f->names) found |= id->name == name;
    } else if (auto* a = as<AssignStmt>(n)) {
      if (a->tok == Tok::DEFINE)
        for (const Expr* e : a->lhs)
          if (auto* id = as<Ident>(e)) found |= id->name == name;
    } else if (auto* v = as<ValueSpec>(n)) {
      for (const Ident* id : v->names) found |= id->name == name;
    }
  });
  return found;
}

bool is_named_result(const Node* fn, std::string_view name) {
  const FuncType* t = func_type(fn);
  if (!t || !t->results) return false;
  for (const Field* f : t->results->list)
    for (const Ident* id : f->names)
      if (id->name == name) return true;
  return false;
}

// Path search from the assignment to the returns of its function: is there a path on which the
// cancel variable is never used? A structured data-flow over the statements, with one boolean
// state: "some path reaches this point with cancel unused".
class PathCheck {
 public:
  PathCheck(const support::Resolver& r, const CancelDef& def, const sema::Object* object)
      : r_(r), def_(def), object_(object), name_(def.cancel->name),
        named_result_(is_named_result(def.func, name_)) {}

  // The return statement (or the closing brace of a function without results) that may be
  // reached without using cancel; nullopt when every path uses it.
  std::optional<Pos> leak() {
    const BlockStmt* body = support::func_body(def_.func);
    if (!body) return std::nullopt;
    bool falls_off = list(body->list, false);
    const FuncType* t = func_type(def_.func);
    bool has_results = t && t->results && !t->results->list.empty();
    if (falls_off && !has_results && valid(body->rbrace)) note(body->rbrace);
    return leak_;
  }

 private:
  struct Target {
    const Node* stmt;
    std::string_view label;
    bool loop;
    bool at_break = false;
    bool at_continue = false;
  };

  void note(Pos p) {
    if (!leak_ || p < *leak_) leak_ = p;
  }

  bool is_use(const Ident* id) const {
    if (id->name != name_) return false;
    if (r_.sema && object_) {
      if (const sema::Object* o = r_.sema->use_of(id)) return o == object_;
    }
    return true;
  }

  // Whether `n` mentions the cancel variable (inside literals too, as go vet counts).
  bool uses(const Node* n) const {
    if (!n) return false;
    bool found = false;
    support::inspect(n, [&](const Node* node, std::span<const Node* const> anc) {
      if (auto* id = as<Ident>(node)) {
        const Node* parent = anc.empty() ? nullptr : anc.back();
        auto* sel = as<SelectorExpr>(parent);
        auto* kv = as<KeyValueExpr>(parent);
        bool field_name = (sel && sel->sel == id) ||
                          (kv && kv->key == id && anc.size() >= 2 && is<CompositeLit>(anc[anc.size() - 2]));
        if (!field_name && is_use(id)) found = true;
      } else if (auto* ret = as<ReturnStmt>(node)) {
        if (ret->results.empty() && named_result_) found = true;
      }
      return found ? support::Visit::stop : support::Visit::descend;
    });
    return found;
  }

  bool list(Span<Stmt*> stmts, bool in) {
    for (const Stmt* s : stmts) in = stmt(s, in);
    return in;
  }

  Target* find_target(const BranchStmt* b) {
    for (size_t i = targets_.size(); i-- > 0;) {
      Target& t = targets_[i];
      if (b->label ? t.label == b->label->name : (b->tok == Tok::BREAK || t.loop)) {
        if (b->tok == Tok::CONTINUE && !t.loop) return nullptr;
        return &t;
      }
    }
    return nullptr;
  }

  bool stmt(const Stmt* s, bool in, std::string_view label = {}) {
    if (!s) return in;
    if (s == def_.stmt) return true;
    if (!in && !support::contains(s, def_.stmt)) return false;
    switch (s->kind) {
      case Kind::BlockStmt: return list(as<BlockStmt>(s)->list, in);
      case Kind::LabeledStmt: {
        auto* l = as<LabeledStmt>(s);
        return stmt(l->stmt, in, l->label ? l->label->name : std::string_view());
      }
      case Kind::ReturnStmt:
        if (in && !uses(s)) note(s->pos());
        return false;
      case Kind::BranchStmt: {
        auto* b = as<BranchStmt>(s);
        if (b->tok == Tok::FALLTHROUGH) return in;
        if (b->tok == Tok::GOTO) return false;  // dropped: can only hide findings
        if (Target* t = find_target(b)) (b->tok == Tok::BREAK ? t->at_break : t->at_continue) |= in;
        return false;
      }
      case Kind::ExprStmt:
        if (uses(s) || support::is_no_return_call(r_, as<ExprStmt>(s)->x)) return false;
        return in;
      case Kind::IfStmt: {
        auto* i = as<IfStmt>(s);
        bool cur = stmt(i->init, in);
        if (uses(i->cond)) cur = false;
        bool then_out = stmt(i->body, cur);
        bool else_out = i->else_stmt ? stmt(i->else_stmt, cur) : cur;
        return then_out || else_out;
      }
      case Kind::ForStmt: return for_stmt(as<ForStmt>(s), in, label);
      case Kind::RangeStmt: return range_stmt(as<RangeStmt>(s), in, label);
      case Kind::SwitchStmt: {
        auto* sw = as<SwitchStmt>(s);
        bool cur = stmt(sw->init, in);
        if (uses(sw->tag)) cur = false;
        return clauses(s, sw->body, cur, label);
      }
      case Kind::TypeSwitchStmt: {
        auto* ts = as<TypeSwitchStmt>(s);
        bool cur = stmt(ts->init, in);
        if (uses(ts->assign)) cur = false;
        return clauses(s, ts->body, cur, label);
      }
      case Kind::SelectStmt: return select_stmt(as<SelectStmt>(s), in, label);
      default:
        // Simple statements: assignments, declarations, go, defer, send, inc/dec.
        return uses(s) ? false : in;
    }
  }

  bool for_stmt(const ForStmt* f, bool in, std::string_view label) {
    bool cur = stmt(f->init, in);
    bool cond_uses = uses(f->cond);
    bool exits_normally = f->cond != nullptr;
    bool header_exit = false;
    bool at_break = false;
    targets_.push_back({f, label, true});
    size_t index = targets_.size() - 1;
    bool body_in = cond_uses ? false : cur;
    for (int round = 0; round < 3; ++round) {
      bool out = stmt(f->body, body_in);
      bool back = out || targets_[index].at_continue;
      if (f->post) back = stmt(f->post, back);
      bool header = !cond_uses && (cur || back);
      header_exit = header;
      if (header == body_in) break;
      body_in = header;
    }
    at_break = targets_[index].at_break;
    targets_.pop_back();
    return (exits_normally && header_exit) || at_break;
  }

  bool range_stmt(const RangeStmt* r, bool in, std::string_view label) {
    bool cur = uses(r->x) ? false : in;
    targets_.push_back({r, label, true});
    size_t index = targets_.size() - 1;
    bool header = cur;
    for (int round = 0; round < 3; ++round) {
      bool out = stmt(r->body, header);
      bool next = cur || out || targets_[index].at_continue;
      if (next == header) break;
      header = next;
    }
    bool at_break = targets_[index].at_break;
    targets_.pop_back();
    return header || at_break;
  }

  bool clauses(const Node* s, const BlockStmt* body, bool in, std::string_view label) {
    if (!body) return in;
    bool case_uses = false, has_default = false;
    for (const Stmt* c : body->list)
      if (auto* cc = as<CaseClause>(c)) {
        has_default |= cc->list.empty();
        for (const Expr* e : cc->list) case_uses |= uses(e);
      }
    if (case_uses) in = false;
    targets_.push_back({s, label, false});
    size_t index = targets_.size() - 1;
    bool out = has_default ? false : in;
    bool carried = false;  // state falling through from the previous clause
    for (const Stmt* c : body->list) {
      auto* cc = as<CaseClause>(c);
      if (!cc) continue;
      bool clause_out = list(cc->body, in || carried);
      auto* last = cc->body.empty() ? nullptr : as<BranchStmt>(cc->body.back());
      if (last && last->tok == Tok::FALLTHROUGH) {
        carried = clause_out;
      } else {
        carried = false;
        out = out || clause_out;
      }
    }
    out = out || targets_[index].at_break;
    targets_.pop_back();
    return out;
  }

  bool select_stmt(const SelectStmt* s, bool in, std::string_view label) {
    if (!s->body) return false;
    targets_.push_back({s, label, false});
    size_t index = targets_.size() - 1;
    bool out = false;
    for (const Stmt* c : s->body->list) {
      auto* cc = as<CommClause>(c);
      if (!cc) continue;
      bool cur = stmt(cc->comm, in);
      out = list(cc->body, cur) || out;
    }
    out = out || targets_[index].at_break;
    targets_.pop_back();
    return out;
  }

  const support::Resolver& r_;
  const CancelDef& def_;
  const sema::Object* object_;
  std::string_view name_;
  bool named_result_;
  std::vector<Target> targets_;
  std::optional<Pos> leak_;
};

// The context variable escapes the function (returned, stored, sent, captured): then a deferred
// cancel would end it too early.
bool context_escapes(const CancelDef& def) {
  const Expr* first = def.spec ? (def.spec->names.empty() ? nullptr : def.spec->names[0])
                               : (def.lhs.empty() ? nullptr : def.lhs[0]);
  auto* ctx = as<Ident>(first);
  if (!ctx) return true;
  if (ctx->name == "_") return false;
  bool escapes = false;
  support::inspect(def.func, [&](const Node* n, std::span<const Node* const> anc) {
    auto* id = as<Ident>(n);
    if (!id || id->name != ctx->name || id == ctx || anc.empty()) return support::Visit::descend;
    const Node* parent = anc.back();
    if (auto* sel = as<SelectorExpr>(parent); sel && sel->sel == id) return support::Visit::descend;
    for (const Node* a : anc)
      if (a != def.func && (is<FuncLit>(a) || is<GoStmt>(a))) escapes = true;
    if (is<ReturnStmt>(parent) || is<CompositeLit>(parent) || is<KeyValueExpr>(parent) ||
        is<SendStmt>(parent) || is<UnaryExpr>(parent))
      escapes = true;
    if (auto* as_ = as<AssignStmt>(parent))
      for (const Expr* r : as_->rhs) escapes |= r == id;
    return escapes ? support::Visit::stop : support::Visit::descend;
  });
  return escapes;
}

bool name_used_in(const Node* fn, std::string_view name) {
  bool used = false;
  support::for_each_node(fn, [&](const Node* n) {
    if (auto* id = as<Ident>(n)) used |= id->name == name;
  });
  return used;
}

// `defer cancel()` on a new line after the statement, with its indentation; null when the
// statement does not sit alone in a statement list.
std::optional<Edit> defer_edit(std::string_view text, const CancelDef& def, std::string_view name) {
  if (!def.parent) return std::nullopt;
  Pos end = def.stmt->end();
  if (!valid(end) || end > text.size()) return std::nullopt;
  size_t eol = text.find('\n', end);
  if (eol == std::string_view::npos) return std::nullopt;
  std::string_view rest = text.substr(end, eol - end);
  size_t code = rest.find_first_not_of(" \t\r");
  if (code != std::string_view::npos && rest.substr(code, 2) != "//") return std::nullopt;
  size_t bol = text.rfind('\n', def.stmt->pos());
  bol = bol == std::string_view::npos ? 0 : bol + 1;
  std::string_view before = text.substr(bol, def.stmt->pos() - bol);
  if (before.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
  std::string call = def.kind == ContextCall::with_cancel_cause ? "(nil)" : "()";
  size_t insert_at = eol > end && text[eol - 1] == '\r' ? eol - 1 : eol;
  std::string line(support::line_ending(text));
  line.append(before).append("defer ").append(name).append(call);
  return Edit{uint32_t(insert_at), uint32_t(insert_at), std::move(line)};
}

class LostCancel final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file) continue;
      // Cancel functions come from package context's With* calls: a file that does not import
      // context names none, and a function whose text lacks "With" calls none.
      if (!support::imports_path_any_name(file, "context")) continue;
      support::ImportNames imports(file.parsed->file);
      bool main_package = file.parsed->file->name && file.parsed->file->name->name == "main";
      for (const Decl* decl : file.parsed->file->decls) {
        auto* fd = as<FuncDecl>(decl);
        if (!fd || !fd->body || !support::may_mention(file, fd, "With")) continue;
        support::DeclaredNames locals(fd);
        support::Resolver r{&imports, pass.sema(), &locals};
        for (const CancelDef& def : find_defs(r, fd)) {
          if (main_package && def.func == fd && !fd->recv && fd->name && fd->name->name == "main")
            continue;
          check_def(pass, file, r, def);
        }
      }
    }
  }

 private:
  static std::vector<CancelDef> find_defs(const support::Resolver& r, const FuncDecl* fd) {
    std::vector<CancelDef> out;
    support::inspect(fd, [&](const Node* n, std::span<const Node* const> anc) {
      CancelDef def;
      const Expr* rhs = nullptr;
      if (auto* a = as<AssignStmt>(n)) {
        if (a->lhs.size() != 2 || a->rhs.size() != 1) return support::Visit::descend;
        if (a->tok != Tok::DEFINE && a->tok != Tok::ASSIGN) return support::Visit::descend;
        def.stmt = a, def.lhs = a->lhs, rhs = a->rhs[0];
        def.cancel = as<Ident>(a->lhs[1]);
      } else if (auto* v = as<ValueSpec>(n)) {
        if (v->names.size() != 2 || v->values.size() != 1 || anc.empty()) return support::Visit::descend;
        const Node* decl_stmt = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
        if (!is<DeclStmt>(decl_stmt)) return support::Visit::descend;
        def.stmt = decl_stmt, def.spec = v, rhs = v->values[0];
        def.cancel = v->names[1];
      } else {
        return support::Visit::descend;
      }
      def.call = as<CallExpr>(rhs);  // as go vet: the call itself, no parentheses
      def.kind = support::classify_context_call(r, rhs);
      if (!def.cancel || !def.call || !support::returns_cancel(def.kind)) return support::Visit::descend;
      def.func = support::enclosing_func(anc);
      if (!def.func) return support::Visit::descend;
      size_t stmt_depth = def.spec ? anc.size() - 2 : anc.size();
      const Node* parent = stmt_depth > 0 ? anc[stmt_depth - 1] : nullptr;
      if (is<BlockStmt>(parent) || is<CaseClause>(parent) || is<CommClause>(parent)) def.parent = parent;
      def.in_loop = support::enclosing_loop(anc) != nullptr;
      out.push_back(def);
      return support::Visit::descend;
    });
    return out;
  }

  static void check_def(Pass& pass, const PassFile& file, const support::Resolver& r,
                        const CancelDef& def) {
    std::string func_name = "context." + std::string(support::context_func_name(def.kind));
    bool define = def.spec || as<AssignStmt>(def.stmt)->tok == Tok::DEFINE;
    Finding f;
    f.path = std::string(file.path);
    f.start = def.stmt->pos();
    f.end = def.stmt->end();
    if (def.cancel->name == "_") {
      // go vet's wording, so that both tools read the same.
      f.message = "the cancel function returned by " + func_name +
                  " should be called, not discarded, to avoid a context leak";
      const char* name = "cancel";
      auto safety = fix_safety(pass, def);
      if (define && safety && !name_used_in(def.func, name) && !context_escapes(def)) {
        if (auto edit = defer_edit(file.text, def, name)) {
          Fix fix{"Name the cancel function and defer it", {}, *safety};
          fix.edits.push_back({def.cancel->pos(), def.cancel->end(), name});
          fix.edits.push_back(*edit);
          f.fixes.push_back(std::move(fix));
        }
      }
      pass.report(std::move(f));
      return;
    }
    const sema::Object* object = r.sema ? r.sema->object_of(def.cancel) : nullptr;
    if (!define) {
      bool local = object ? (object->ident && support::contains(def.func, object->ident))
                          : declared_in(def.func, def.cancel->name);
      if (!local) return;
    }
    PathCheck check(r, def, object);
    std::optional<Pos> leak = check.leak();
    if (!leak) return;
    uint32_t def_line = file.parsed->lines.at(def.stmt->pos()).line;
    uint32_t ret_line = file.parsed->lines.at(*leak).line;
    std::string name(def.cancel->name);
    const BlockStmt* body = support::func_body(def.func);
    bool implicit = body && *leak == body->rbrace;
    f.message = "the " + name + " function from " + func_name +
                " is not used on all paths (possible context leak): the " +
                (implicit ? "end of the function" : "return") + " on line " +
                std::to_string(ret_line) + " skips it";
    f.related.push_back({std::string(file.path), *leak, *leak + 1,
                         "this return statement may be reached without using the " + name +
                             " var defined on line " + std::to_string(def_line)});
    auto safety = fix_safety(pass, def);
    auto edit = context_escapes(def) || !safety ? std::nullopt : defer_edit(file.text, def, name);
    if (edit) {
      Fix fix{"Call " + name + " with defer", {*edit}, *safety};
      f.fixes.push_back(std::move(fix));
    }
    pass.report(std::move(f));
  }

  // When `defer cancel()` keeps behaviour. The deferred call ends the context at the function's
  // return; on the paths that called cancel already a second call does nothing, so only the
  // paths that skipped it change, and they change safely only if nothing uses the context or
  // the cancel function after the return:
  //  - cancel is mentioned only as direct calls (`cancel()`, `defer cancel()`): handed to a
  //    call, stored or captured, it may belong to an owner that cancels on its own schedule
  //    (no fix);
  //  - the context does not leave the function (context_escapes: no fix) and no callee it is
  //    passed to keeps it (a watcher goroutine, a stored field): a callee of this package that
  //    keeps it means no fix; a callee whose code is not known (another package, a func value)
  //    makes the fix unsafe;
  //  - not inside a loop: deferred calls pile up until the function returns (unsafe).
  static std::optional<FixSafety> fix_safety(const Pass& pass, const CancelDef& def) {
    if (!cancel_only_called(pass, def)) return std::nullopt;
    const Expr* first = def.spec ? (def.spec->names.empty() ? nullptr : def.spec->names[0])
                                 : (def.lhs.empty() ? nullptr : def.lhs[0]);
    auto* ctx = as<Ident>(first);
    if (!ctx) return std::nullopt;
    support::Keeps keeps = support::Keeps::no;
    if (ctx->name != "_") {
      const sema::Object* o = pass.sema() ? pass.sema()->object_of(ctx) : nullptr;
      keeps = o ? support::kept_by_callees(pass.sema(), def.func, o) : support::Keeps::maybe;
    }
    if (keeps == support::Keeps::yes) return std::nullopt;
    return def.in_loop || keeps == support::Keeps::maybe ? FixSafety::unsafe : FixSafety::safe;
  }

  // Every mention of the cancel variable other than its definition is a call of it as a
  // statement, not inside a function literal or go statement.
  static bool cancel_only_called(const Pass& pass, const CancelDef& def) {
    if (def.cancel->name == "_") return true;
    const sema::Object* o = pass.sema() ? pass.sema()->object_of(def.cancel) : nullptr;
    bool ok = true;
    support::inspect(def.func, [&](const Node* n, std::span<const Node* const> anc) {
      auto* id = as<Ident>(n);
      if (!id || id == def.cancel || id->name != def.cancel->name || anc.empty()) return support::Visit::descend;
      if (o && pass.sema()->use_of(id) != o) return support::Visit::descend;
      const Node* parent = anc.back();
      if (auto* sel = as<SelectorExpr>(parent); sel && sel->sel == id) return support::Visit::descend;
      auto* call = as<CallExpr>(parent);
      const Node* stmt = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
      bool direct = call && call->fun == id && (is<ExprStmt>(stmt) || is<DeferStmt>(stmt));
      for (const Node* a : anc)
        if (a != def.func && (is<FuncLit>(a) || is<GoStmt>(a))) direct = false;
      if (!direct) ok = false;
      return ok ? support::Visit::descend : support::Visit::stop;
    });
    return ok;
  }

};

}  // namespace

const Rule* lost_cancel_rule() {
  static const LostCancel rule;
  return &rule;
}

}  // namespace gotrap::rules
