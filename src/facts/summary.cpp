#include "facts/summary.h"

#include <algorithm>

#include "facts/assign.h"
#include "facts/context.h"
#include "facts/context_derive.h"
#include "facts/remote.h"
#include "facts/walk.h"
#include "sema/cfg.h"
#include "sema/types.h"

namespace gotrap::facts {

using namespace gotrap::ast;

namespace {

class Builder {
 public:
  Builder(Summaries& all, const sema::PackageInfo* info, const FuncDecl* fd, FuncSummary& out)
      : all_(all), info_(info), fd_(fd), out_(out), writes_(fd, info) {}

  void run() {
    const FuncType* type = fd_->type;
    if (!type) return;
    if (type->params)
      for (const Field* f : type->params->list) {
        if (is<Ellipsis>(f->type)) out_.variadic = true;
        if (f->names.empty()) {
          out_.params.push_back(0);
          params_.push_back(nullptr);
        }
        for (const Ident* id : f->names) {
          out_.params.push_back(0);
          params_.push_back(info_->def_of(id));
        }
      }
    watch_uses_.assign(params_.size(), 0);
    other_uses_.assign(params_.size(), 0);
    if (fd_->recv)
      for (const Field* f : fd_->recv->list)
        for (const Ident* id : f->names) receivers_.push_back(info_->def_of(id));
    if (!fd_->body) return;
    inspect(fd_->body, [&](const Node* n, std::span<const Node* const> anc) {
      if (auto* call = as<CallExpr>(n)) note_exit(call);
      if (!params_.empty()) visit(n, anc);
      return Visit::descend;
    });
    if (!called_.empty()) mark_called();
    mark_detached();
    mark_honoured();
    mark_joined();
    for (size_t p = 0; p < out_.params.size(); ++p)
      if ((out_.params[p] & kCtxParam) && watch_uses_[p] > 0 && other_uses_[p] == 0) mark(int(p), kCtxOnlyWatched);
  }

 private:
  // The parameter `e` is (parentheses aside), or -1.
  int param_of(const Expr* e) const {
    auto* id = as<Ident>(unparen(e));
    if (!id) return -1;
    const sema::Object* o = info_->use_of(id);
    if (!o) return -1;
    for (size_t i = 0; i < params_.size(); ++i)
      if (params_[i] == o) return int(i);
    return -1;
  }

  // The context parameter `e` comes from through WithCancel/WithValue only (a local assigned
  // once, or the call itself), or -1.
  int context_param_of(const Expr* e) const { return param_derived_through(e, false); }

  // The context parameter `e` comes from through any context.With* derivation, or -1.
  int derived_param_of(const Expr* e) const { return param_derived_through(e, true); }

  // The parameter `e` comes from through locals assigned once and context derivations: those
  // that keep the parent's deadline status (WithCancel/WithValue), or with `any_derivation` every
  // context.With* call.
  int param_derived_through(const Expr* e, bool any_derivation, int depth = 0) const {
    if (!e || depth > 8) return -1;
    e = unparen(e);
    if (int p = param_of(e); p >= 0) return p;
    if (auto* id = as<Ident>(e)) {
      const Write* w = writes_.single_value(id);
      if (!w || w->index > 0) return -1;
      return param_derived_through(w->value, any_derivation, depth + 1);
    }
    ContextCall cc = context_call(info_, e);
    if (any_derivation ? cc != ContextCall::none : keeps_deadline(cc)) {
      auto* call = as<CallExpr>(e);
      return call->args.empty() ? -1 : param_derived_through(call->args[0], any_derivation, depth + 1);
    }
    return -1;
  }

  void mark(int p, uint16_t bits) {
    if (p >= 0 && size_t(p) < out_.params.size()) out_.params[size_t(p)] |= bits;
  }

  // A target that outlives the call: a package variable, or a field, element or dereference of
  // something that is not a local variable of this function (a parameter, the receiver, a
  // global). A local's field keeps the value only as long as the local, which the summary does
  // not follow (it may be returned: no claim either way).
  bool outlives(const Expr* lhs) const {
    lhs = unparen(lhs);
    const Expr* root = lhs;
    for (;;) {
      if (auto* sel = as<SelectorExpr>(root)) root = unparen(sel->x);
      else if (auto* ix = as<IndexExpr>(root)) root = unparen(ix->x);
      else if (auto* st = as<StarExpr>(root)) root = unparen(st->x);
      else break;
    }
    auto* id = as<Ident>(root);
    if (!id) return root != lhs;  // a field of a call's result: unknown, say kept
    if (id->name == "_") return false;
    const sema::Object* o = info_->use_of(id);
    if (!o) o = info_->def_of(id);
    if (!o) return false;
    if (o->package_level) return true;
    if (root == lhs) return false;
    for (const sema::Object* p : params_)
      if (p == o) return true;
    for (const sema::Object* r : receivers_)
      if (r == o) return true;
    return false;
  }

  // The parameter a statement calls: `p()`, `defer p()`, or `f(p)` with f calling its parameter
  // on every path; -1 otherwise.
  int called_by(const Node* n) {
    const CallExpr* call = nullptr;
    if (auto* es = as<ExprStmt>(n)) call = as<CallExpr>(unparen(es->x));
    else if (auto* ds = as<DeferStmt>(n)) call = ds->call;
    if (!call) return -1;
    if (int p = param_of(call->fun); p >= 0) return p;
    const sema::Object* callee = callee_of(info_, call);
    if (!callee || callee->kind != sema::ObjectKind::Func) return -1;
    const FuncSummary* s = all_.of(callee);
    if (!s) return -1;
    for (size_t k = 0; k < call->args.size(); ++k)
      if (s->of_arg(k) & kCalled)
        if (int p = param_of(call->args[k]); p >= 0) return p;
    return -1;
  }

  // kCalled: the parameters called somewhere are asked, on the body's graph, whether every path
  // to the return calls them.
  void mark_called() {
    sema::Cfg cfg = sema::build_cfg(fd_->body, info_);
    for (int p : called_) {
      if (out_.params[size_t(p)] & kCalled) continue;
      sema::PathCheck check = sema::reached_on_every_path(cfg, nullptr, [&](const Node* n) { return called_by(n) == p; });
      if (check.ok) mark(p, kCalled);
    }
  }

  void visit(const Node* n, std::span<const Node* const> anc) {
    if (auto* r = as<RangeStmt>(n); r && !runs_later(anc)) {
      const sema::Type* t = info_->type_of(r->x);
      t = t ? sema::underlying(sema::unalias(t)) : nullptr;
      if (t && t->kind == sema::TypeKind::Chan) mark(param_of(r->x), kReceived);
      return;
    }
    if (auto* call = as<CallExpr>(n)) {
      bool in_literal = false;
      for (const Node* a : anc) in_literal |= is<FuncLit>(a);
      if (!runs_later(anc)) {
        // A callee that receives from the channel parameter it is handed.
        const sema::Object* callee = callee_of(info_, call);
        const FuncSummary* s = callee && callee->kind == sema::ObjectKind::Func ? all_.of(callee) : nullptr;
        for (size_t k = 0; s && k < call->args.size(); ++k)
          if (s->of_arg(k) & kReceived) mark(param_of(call->args[k]), kReceived);
      }
      if (!in_literal) {
        int p = param_of(call->fun);
        if (p < 0) {
          const sema::Object* callee = callee_of(info_, call);
          const FuncSummary* s = callee && callee->kind == sema::ObjectKind::Func ? all_.of(callee) : nullptr;
          for (size_t k = 0; s && k < call->args.size() && p < 0; ++k)
            if (s->of_arg(k) & kCalled) p = param_of(call->args[k]);
        }
        if (p >= 0 && std::find(called_.begin(), called_.end(), p) == called_.end()) called_.push_back(p);
      }
      if (!runs_later(anc)) hands_on_element_writes(call);
      visit_call(call);
      return;
    }
    if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::ARROW) {
      if (!runs_later(anc)) mark(param_of(u->x), kReceived);
      // <-ctx.Done()
      if (auto* call = as<CallExpr>(unparen(u->x)))
        if (auto* sel = as<SelectorExpr>(unparen(call->fun)); sel && sel->sel && sel->sel->name == "Done")
          mark(context_param_of(sel->x), kCtxWaitsDone);
      return;
    }
    auto* id = as<Ident>(n);
    if (!id) return;
    int p = param_of(id);
    if (p >= 0 && !runs_later(anc) && writes_element(id, anc)) mark(p, kElemWritten);
    if (p >= 0 && !hands_values_only(id, anc)) ++(only_watches(id, anc) ? watch_uses_ : other_uses_)[size_t(p)];
    if (p < 0) {
      // A context derived from a context parameter, run on by a goroutine or a stored hook.
      if (int d = derived_param_of(id); d >= 0 && keeps_running(id, anc)) mark(d, kKeptRunning);
      return;
    }
    if (keeps_running(id, anc)) mark(p, kKeptRunning);
    // Used by a goroutine (as an argument of the go call, or inside its literal): kept while the
    // goroutine runs, beyond the call. Used inside another literal: kept only as long as the
    // literal lives, which this summary does not follow (an option closure returned to the
    // caller, a callback run right away): no claim.
    for (const Node* a : anc)
      if (is<GoStmt>(a)) return mark(p, kStored);
    for (size_t i = 0; i < anc.size(); ++i)
      if (is<FuncLit>(anc[i])) {
        // Captured: the literal carries it wherever the literal goes.
        if (literal_kept(anc[i], anc.first(i))) mark(p, kCaptured);
        break;
      }
    // Captured by a function literal: the literal keeps it as long as it lives, so what
    // matters is where the (outermost) literal goes. Stored, it keeps the parameter; returned or
    // handed to a call (an option closure for the caller, a callback run right away), the
    // summary makes no claim.
    size_t start = anc.size();
    const Node* child = id;
    for (size_t i = 0; i < anc.size(); ++i)
      if (is<FuncLit>(anc[i])) {
        start = i;
        child = anc[i];
        break;
      }
    bool captured = start != anc.size();
    // How the parameter's value travels: through &, composite literals and conversions.
    for (size_t i = start; i-- > 0; child = anc[i]) {
      const Node* a = anc[i];
      if (auto* s = as<SendStmt>(a)) return s->value == child ? mark(p, kStored) : void();
      if (auto* r = as<ReturnStmt>(a)) return captured ? void() : ((void)r, mark(p, kReturned));
      if (auto* as_ = as<AssignStmt>(a)) {
        for (size_t k = 0; k < as_->rhs.size(); ++k) {
          if (as_->rhs[k] != child) continue;
          const Expr* lhs = as_->lhs.size() == as_->rhs.size() ? as_->lhs[k] : nullptr;
          if (lhs && outlives(lhs)) mark(p, kStored);
        }
        return;
      }
      if (auto* vs = as<ValueSpec>(a)) return (void)vs;
      if (auto* c = as<CallExpr>(a)) {
        auto* f = as<Ident>(unparen(c->fun));
        bool append = f && f->name == "append" && child != c->fun;
        if (append) continue;  // the appended slice carries it: where does it go?
        // A context derived from it carries it: where does that go?
        if (child != c->fun && context_call(info_, c) != ContextCall::none) continue;
        return;                // a call argument: visit_call asks the callee
      }
      if (is<CompositeLit>(a) || is<KeyValueExpr>(a) || is<ParenExpr>(a)) continue;
      if (auto* u = as<UnaryExpr>(a); u && u->op == Tok::AND) continue;
      // Read through (p.f, p[i], *p) or combined: the pointer itself goes no further.
      if (is_stmt_node(a) || is<SelectorExpr>(a) || is<IndexExpr>(a) || is<BinaryExpr>(a) ||
          is<StarExpr>(a) || is<UnaryExpr>(a))
        return;
    }
  }

  // The local channel `e` names (an identifier of this function), or null.
  const sema::Object* local_chan(const Expr* e) const {
    auto* id = as<Ident>(unparen(e));
    const sema::Object* o = id ? info_->use_of(id) : nullptr;
    return o && o->kind == sema::ObjectKind::Var && !o->package_level ? o : nullptr;
  }

  // The channel a statement signals on: `close(ch)` or `ch <- v`; null otherwise.
  const sema::Object* signalled(const Node* st) const {
    if (auto* send = as<SendStmt>(st)) return local_chan(send->chan);
    auto* es = as<ExprStmt>(st);
    auto* call = es ? as<CallExpr>(unparen(es->x)) : nullptr;
    auto* f = call ? as<Ident>(unparen(call->fun)) : nullptr;
    if (!f || f->name != "close" || call->args.size() != 1) return nullptr;
    const sema::Object* fo = info_->use_of(f);
    return fo && fo->kind == sema::ObjectKind::Builtin ? local_chan(call->args[0]) : nullptr;
  }

  // kJoinedOnSuccess: for func parameters run only by goroutine literals of this function. Each
  // such goroutine must signal some channel only as its last act (the statement before a return,
  // or the last of its body) and nowhere else; every return of the function whose last result is
  // a nil error must sit in a select case receiving from one of those channels, or follow a
  // receive from one in its block.
  void mark_joined() {
    const FuncType* type = fd_->type;
    if (!type || !type->results || type->results->list.empty() || !fd_->body) return;
    auto* last = as<Ident>(type->results->list.back()->type);
    if (!last || last->name != "error") return;
    for (size_t p = 0; p < params_.size(); ++p) {
      if (!params_[p] || !(out_.params[p] & kStored) || (out_.params[p] & (kCaptured | kPassedOn))) continue;
      const sema::Type* t = params_[p]->type ? sema::underlying(sema::unalias(params_[p]->type)) : nullptr;
      if (!t || t->kind != sema::TypeKind::Func) continue;
      if (joined(params_[p])) mark(int(p), kJoinedOnSuccess);
    }
  }

  bool joined(const sema::Object* param) {
    // Every use of the parameter: inside a `go func() {...}()` literal of the body, or called
    // directly by the function.
    std::vector<const FuncLit*> goroutines;
    bool other = false;
    inspect(fd_->body, [&](const Node* n, std::span<const Node* const> anc) {
      auto* id = as<Ident>(n);
      if (!id || info_->use_of(id) != param) return Visit::descend;
      const FuncLit* lit = nullptr;
      for (size_t i = 0; i < anc.size(); ++i)
        if (auto* l = as<FuncLit>(anc[i])) {
          auto* call = i > 0 ? as<CallExpr>(anc[i - 1]) : nullptr;
          auto* go = i > 1 ? as<GoStmt>(anc[i - 2]) : nullptr;
          if (call && go && call->fun == l && go->call == call) lit = l;
          else other = true;
          break;
        }
      if (lit) {
        if (std::find(goroutines.begin(), goroutines.end(), lit) == goroutines.end()) goroutines.push_back(lit);
      } else if (!anc.empty()) {
        auto* call = as<CallExpr>(anc.back());
        if (!call || call->fun != id) other = true;  // anything but a direct call
      }
      return Visit::descend;
    });
    if (other || goroutines.empty()) return false;
    // The channels each goroutine signals last, and only there.
    std::unordered_set<const sema::Object*> final_signals;
    for (const FuncLit* lit : goroutines) {
      std::vector<const sema::Object*> finals, anywhere;
      inspect(lit->body, [&](const Node* n, std::span<const Node* const> anc) {
        if (const sema::Object* ch = signalled(n)) {
          anywhere.push_back(ch);
          Span<Stmt*> list;
          if (!anc.empty()) {
            if (auto* b = as<BlockStmt>(anc.back())) list = b->list;
            else if (auto* c = as<CaseClause>(anc.back())) list = c->body;
            else if (auto* c = as<CommClause>(anc.back())) list = c->body;
          }
          for (size_t k = 0; k < list.size(); ++k)
            if (list[k] == n) {
              bool last_of_body = !anc.empty() && anc.back() == lit->body && k + 1 == list.size();
              bool before_return = k + 1 < list.size() && is<ReturnStmt>(list[k + 1]);
              if (last_of_body || before_return) finals.push_back(ch);
            }
        }
        return Visit::descend;
      });
      for (const sema::Object* ch : finals)
        if (std::count(anywhere.begin(), anywhere.end(), ch) == std::count(finals.begin(), finals.end(), ch))
          final_signals.insert(ch);
    }
    if (final_signals.empty()) return false;
    auto receives_final = [&](const Node* st) {
      const Expr* e = nullptr;
      if (auto* es = as<ExprStmt>(st)) e = es->x;
      if (auto* a = as<AssignStmt>(st); a && a->rhs.size() == 1) e = a->rhs[0];
      auto* u = e ? as<UnaryExpr>(unparen(e)) : nullptr;
      return u && u->op == Tok::ARROW && final_signals.count(local_chan(u->x));
    };
    // Every return with a nil error.
    bool ok = true;
    inspect(fd_->body, [&](const Node* n, std::span<const Node* const> anc) {
      if (!ok) return Visit::stop;
      if (is<FuncLit>(n)) return Visit::skip;
      auto* ret = as<ReturnStmt>(n);
      if (!ret) return Visit::descend;
      if (ret->results.empty()) return (ok = false), Visit::stop;  // named results: not followed
      auto* err = as<Ident>(unparen(ret->results.back()));
      if (!err || err->name != "nil") return Visit::descend;
      bool joined = false;
      const Node* child = ret;
      for (size_t i = anc.size(); i-- > 0 && !joined; child = anc[i]) {
        Span<Stmt*> list;
        if (auto* c = as<CommClause>(anc[i])) {
          if (c->comm && receives_final(c->comm)) joined = true;
          list = c->body;
        } else if (auto* b = as<BlockStmt>(anc[i])) {
          list = b->list;
        } else if (auto* c = as<CaseClause>(anc[i])) {
          list = c->body;
        }
        for (const Stmt* st : list) {
          if (st == child) break;
          if (receives_final(st)) joined = true;
        }
        if (is<ForStmt>(anc[i]) || is<RangeStmt>(anc[i]) || is<FuncDecl>(anc[i])) break;
      }
      if (!joined) ok = false;
      return Visit::descend;
    });
    return ok;
  }

  // Inside a goroutine or a function literal: not run by the function itself before it returns.
  static bool runs_later(std::span<const Node* const> anc) {
    for (const Node* a : anc)
      if (is<GoStmt>(a) || is<FuncLit>(a)) return true;
    return false;
  }

  // Whether the literal `lit` (whose ancestors are `anc`) is returned, stored where it outlives
  // the call, or handed to a callee that keeps it or is not known.
  bool literal_kept(const Node* lit, std::span<const Node* const> anc) {
    const Node* child = lit;
    for (size_t i = anc.size(); i-- > 0; child = anc[i]) {
      const Node* a = anc[i];
      if (is<ReturnStmt>(a) || is<SendStmt>(a) || is<GoStmt>(a) || is<DeferStmt>(a)) return !is<DeferStmt>(a);
      if (auto* as_ = as<AssignStmt>(a)) {
        for (size_t k = 0; k < as_->rhs.size(); ++k)
          if (as_->rhs[k] == child && as_->lhs.size() == as_->rhs.size() && outlives(as_->lhs[k])) return true;
        return false;
      }
      if (auto* c = as<CallExpr>(a)) {
        if (c->fun == child) return false;  // called in place
        const sema::Object* callee = callee_of(info_, c);
        if (!callee) return true;
        if (callee->kind == sema::ObjectKind::TypeName || callee->kind == sema::ObjectKind::Builtin) continue;
        if (callee->kind != sema::ObjectKind::Func) return true;  // a func value
        const FuncSummary* s = all_.of(callee);
        if (!s) return true;
        for (size_t k = 0; k < c->args.size(); ++k)
          if (c->args[k] == child) return (s->of_arg(k) & (kStored | kReturned | kCaptured)) != 0;
        return false;
      }
      if (is<CompositeLit>(a) || is<KeyValueExpr>(a) || is<ParenExpr>(a)) continue;
      if (auto* u = as<UnaryExpr>(a); u && u->op == Tok::AND) continue;
      return false;
    }
    return false;
  }


  // `id` is an argument of a call whose callee passes on only the values of the context it gets
  // there (kCtxDetached): the result's cancellation is another context's.
  bool hands_values_only(const Ident* id, std::span<const Node* const> anc) const {
    auto* call = anc.empty() ? nullptr : as<CallExpr>(anc.back());
    if (!call) return false;
    uint16_t bits = argument_bits(call, id);
    return (bits & (kCtxParam | kCtxDetached)) == (kCtxParam | kCtxDetached);
  }

  // The bits of the parameter of `call`'s callee (a function with a summary) that argument `arg`
  // goes to; 0 when `arg` is no argument of it or the callee is unknown.
  uint16_t argument_bits(const CallExpr* call, const Node* arg) const {
    const sema::Object* callee = callee_of(info_, call);
    const FuncSummary* s = callee && callee->kind == sema::ObjectKind::Func ? all_.of(callee) : nullptr;
    if (!s) return 0;
    for (size_t k = 0; k < call->args.size(); ++k)
      if (call->args[k] == arg) return s->of_arg(k);
    return 0;
  }

  // The method `name` declared on the named type `t` itself (not promoted), or null.
  static const sema::Object* declared_method(const sema::Type* t, std::string_view name) {
    for (const sema::Method& m : t->methods)
      if (m.name == name) return m.obj;
    return nullptr;
  }

  // Whether the method `m` of the named type `t` may read field `f` of its receiver: `r.f`, a
  // method of `t` that may, or the receiver used any other way (handed on, dereferenced,
  // assigned, a promoted member). Unknown (no body) reads.
  static bool method_reads(const sema::Type* t, const sema::Object* m, std::string_view f,
                           std::unordered_set<const sema::Object*>& seen) {
    if (!m) return true;
    if (!seen.insert(m).second) return false;  // being looked at already
    auto* fd = as<FuncDecl>(m->decl);
    const sema::PackageInfo* info = m->package();
    if (!fd || !fd->body || !info || !fd->recv || fd->recv->list.size() != 1) return true;
    const Field* rf = fd->recv->list[0];
    if (rf->names.empty() || rf->names[0]->name == "_") return false;  // the receiver is not read
    const sema::Object* recv = info->def_of(rf->names[0]);
    if (!recv) return true;
    const sema::Type* u = sema::underlying(t);
    bool reads = false;
    inspect(fd->body, [&](const Node* n, std::span<const Node* const> anc) {
      if (reads) return Visit::stop;
      auto* id = as<Ident>(n);
      if (!id || info->use_of(id) != recv) return Visit::descend;
      auto* sel = anc.empty() ? nullptr : as<SelectorExpr>(anc.back());
      if (!sel || sel->x != id || !sel->sel || sel->sel->name == f) {
        reads = true;
        return Visit::stop;
      }
      std::string_view name = sel->sel->name;
      if (const sema::Object* other = declared_method(t, name)) {
        reads = method_reads(t, other, f, seen);
        return Visit::descend;
      }
      bool own_field = false;
      if (u && u->kind == sema::TypeKind::Struct)
        for (const sema::Var& v : u->fields) own_field |= v.name == name;
      if (!own_field) reads = true;  // promoted through an embedded field, or unknown
      return Visit::descend;
    });
    return reads;
  }

  // The mention `id` of a parameter is the value of field f in a struct literal the function
  // returns (`return &T{f: id}`), where T declares Done, Err and Deadline and none reads f.
  bool detached_field(const Ident* id, std::span<const Node* const> anc) const {
    size_t n = anc.size();
    if (n < 3) return false;
    auto* kv = as<KeyValueExpr>(anc[n - 1]);
    auto* lit = as<CompositeLit>(anc[n - 2]);
    auto* key = kv ? as<Ident>(kv->key) : nullptr;
    if (!kv || kv->value != id || !lit || !key) return false;
    size_t i = n - 2;
    while (i > 0 && (is<ParenExpr>(anc[i - 1]) || (is<UnaryExpr>(anc[i - 1]) && as<UnaryExpr>(anc[i - 1])->op == Tok::AND)))
      --i;
    if (i == 0 || !is<ReturnStmt>(anc[i - 1])) return false;
    for (size_t k = 0; k < i; ++k)
      if (is<FuncLit>(anc[k])) return false;  // a literal's return
    const sema::Type* t = sema::unalias(info_->type_of(lit));
    if (!t || t->kind != sema::TypeKind::Named || t->generic) return false;
    const sema::Type* u = sema::underlying(t);
    if (!u || u->kind != sema::TypeKind::Struct) return false;
    std::unordered_set<const sema::Object*> seen;
    for (std::string_view m : {"Done", "Err", "Deadline"})
      if (method_reads(t, declared_method(t, m), key->name, seen)) return false;
    return true;
  }

  // kCtxDetached: every mention of a context parameter is a field its returned struct's
  // cancellation never reads.
  void mark_detached() {
    const FuncType* type = fd_->type;
    if (!type || !type->params || !fd_->body) return;
    std::vector<int> state(params_.size(), 0);  // 0: not mentioned, 1: only detached, 2: other
    bool any = false;
    size_t i = 0;
    for (const Field* f : type->params->list) {
      size_t n = f->names.empty() ? 1 : f->names.size();
      if (!is_context_type(info_, f->type))
        for (size_t k = 0; k < n && i + k < state.size(); ++k) state[i + k] = 2;
      else any = true;
      i += n;
    }
    if (!any) return;
    std::vector<const Ident*> found;
    inspect(fd_->body, [&](const Node* n, std::span<const Node* const> anc) {
      auto* id = as<Ident>(n);
      int p = id ? param_of(id) : -1;
      if (p < 0) return Visit::descend;
      bool detached = detached_field(id, anc);
      if (detached) found.push_back(id);
      if (state[size_t(p)] != 2) state[size_t(p)] = detached ? 1 : 2;
      return Visit::descend;
    });
    // Each such mention honours nothing, whatever the parameter's other mentions do.
    for (const Ident* id : found) detached_.insert(id);
    for (size_t p = 0; p < state.size(); ++p)
      if (state[p] == 1) mark(int(p), kCtxDetached);
  }

  // The mention `id` of a context only watches it: `<-id.Done()` as a select case beside other
  // cases that all receive (told to stop), or `id.Err()`.
  static bool only_watches(const Ident* id, std::span<const Node* const> anc) {
    size_t n = anc.size();
    if (watches_until_stopped(id, anc)) {
      // Told to stop: every other case receives (a send there is work delivered, not a stop).
      auto* select = as<SelectStmt>(anc[n - 7]);
      for (const Stmt* st : select->body->list) {
        auto* other = as<CommClause>(st);
        if (!other || !other->comm || other->comm == anc[n - 4]) continue;
        const Expr* x = nullptr;
        if (auto* e = as<ExprStmt>(other->comm)) x = e->x;
        else if (auto* a = as<AssignStmt>(other->comm); a && a->rhs.size() == 1) x = a->rhs[0];
        auto* recv = as<UnaryExpr>(x ? unparen(x) : nullptr);
        if (!recv || recv->op != Tok::ARROW) return false;
      }
      return true;
    }
    if (n < 2) return false;
    auto* sel = as<SelectorExpr>(anc[n - 1]);
    auto* call = as<CallExpr>(anc[n - 2]);
    return sel && sel->x == id && sel->sel && sel->sel->name == "Err" && call && call->fun == sel;
  }

  // `go f(..., id, ...)` where f only watches that parameter (kCtxOnlyWatched): the goroutine
  // honours the context until told to stop, as a select in a literal would.
  bool goes_to_watcher(const Ident* id, std::span<const Node* const> anc) const {
    size_t n = anc.size();
    if (n < 2) return false;
    auto* call = as<CallExpr>(anc[n - 1]);
    auto* go = as<GoStmt>(anc[n - 2]);
    if (!call || !go || go->call != call) return false;
    return argument_bits(call, id) & kCtxOnlyWatched;
  }

  // `<-id.Done()` as a case of a select that also waits on another channel: a watcher that acts
  // on cancellation until told to stop (it honours the context rather than outliving it).
  static bool watches_until_stopped(const Ident* id, std::span<const Node* const> anc) {
    size_t n = anc.size();
    if (n < 7) return false;
    auto* sel = as<SelectorExpr>(anc[n - 1]);
    auto* call = as<CallExpr>(anc[n - 2]);
    auto* recv = as<UnaryExpr>(anc[n - 3]);
    auto* clause = as<CommClause>(anc[n - 5]);
    auto* select = as<SelectStmt>(anc[n - 7]);
    if (!sel || sel->x != id || !sel->sel || sel->sel->name != "Done" || !call || !recv ||
        recv->op != Tok::ARROW || !clause || clause->comm != anc[n - 4] || !select || !select->body)
      return false;
    for (const Stmt* st : select->body->list)
      if (auto* other = as<CommClause>(st); other && other != clause && other->comm) return true;
    return false;
  }

  // The use `id` of a context keeps it running beyond the call: inside a goroutine the function
  // starts (other than reading its deadline or a value at the start), or captured by a function
  // literal the function stores (a hook run later).
  bool keeps_running(const Ident* id, std::span<const Node* const> anc) const {
    if (!anc.empty())
      if (auto* sel = as<SelectorExpr>(anc.back()); sel && sel->x == id && sel->sel &&
                                                     (sel->sel->name == "Deadline" || sel->sel->name == "Value"))
        return false;
    if (goes_to_watcher(id, anc) || hands_values_only(id, anc)) return false;
    for (const Node* a : anc)
      if (is<GoStmt>(a)) return !watches_until_stopped(id, anc);
    size_t lit = anc.size();
    for (size_t i = 0; i < anc.size(); ++i)
      if (is<FuncLit>(anc[i])) {
        lit = i;
        break;
      }
    if (lit == anc.size()) return false;
    const Node* child = anc[lit];
    for (size_t i = lit; i-- > 0; child = anc[i]) {
      const Node* a = anc[i];
      if (auto* s = as<SendStmt>(a)) return s->value == child;
      if (auto* as_ = as<AssignStmt>(a)) {
        for (size_t k = 0; k < as_->rhs.size(); ++k)
          if (as_->rhs[k] == child && as_->lhs.size() == as_->rhs.size() && outlives(as_->lhs[k])) return true;
        return false;
      }
      if (auto* c = as<CallExpr>(a)) {
        auto* f = as<Ident>(unparen(c->fun));
        if (f && f->name == "append" && child != c->fun) continue;
        return false;
      }
      if (is<CompositeLit>(a) || is<KeyValueExpr>(a) || is<ParenExpr>(a)) continue;
      return false;
    }
    return false;
  }

  bool is_builtin(const Expr* fun, sema::Builtin which) const {
    auto* f = as<Ident>(unparen(fun));
    const sema::Object* o = f ? info_->use_of(f) : nullptr;
    return o && o->kind == sema::ObjectKind::Builtin && o->builtin == which;
  }

  // The slice parameter `e` is, or re-slices (`p`, `p[a:b]`): its elements are the caller's.
  int slice_param_of(const Expr* e) const {
    e = unparen(e);
    if (auto* s = as<SliceExpr>(e)) e = unparen(s->x);
    int p = param_of(e);
    if (p < 0 || !params_[size_t(p)]) return -1;
    const sema::Type* t = params_[size_t(p)]->type ? sema::underlying(sema::unalias(params_[size_t(p)]->type)) : nullptr;
    return t && t->kind == sema::TypeKind::Slice ? p : -1;
  }

  // `id` (a parameter) has an element written here: `id[i] = v`, `id[i] op= v`, `id[i]++`, or it
  // (or a re-slice of it) is the destination of copy.
  bool writes_element(const Ident* id, std::span<const Node* const> anc) const {
    if (anc.empty() || slice_param_of(id) < 0) return false;
    const Node* parent = anc.back();
    const Node* grand = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
    if (auto* ix = as<IndexExpr>(parent); ix && ix->x == id) {
      if (auto* a = as<AssignStmt>(grand); a && a->tok != Tok::DEFINE)
        for (const Expr* l : a->lhs)
          if (l == ix) return true;
      if (auto* inc = as<IncDecStmt>(grand); inc && inc->x == ix) return true;
      return false;
    }
    const Node* operand = id;
    if (auto* s = as<SliceExpr>(parent); s && s->x == id) {
      operand = s;
      parent = grand;
    }
    auto* call = as<CallExpr>(parent);
    return call && !call->args.empty() && call->args[0] == operand && is_builtin(call->fun, sema::Builtin::Copy);
  }

  // A callee (an interface method: the implementations the package ships) that writes the
  // elements of a slice parameter it is handed this function's slice parameter.
  void hands_on_element_writes(const CallExpr* call) {
    int first = -1;
    for (const Expr* arg : call->args)
      if (int p = slice_param_of(arg); p >= 0) first = p;
    if (first < 0) return;  // nothing to ask the callee about
    const sema::Object* callee = callee_of(info_, call);
    if (!callee || callee->kind != sema::ObjectKind::Func) return;
    const FuncSummary* s = all_.of_dispatched(callee);
    for (size_t k = 0; s && k < call->args.size(); ++k)
      if (s->of_arg(k) & kElemWritten) mark(slice_param_of(call->args[k]), kElemWritten);
  }

  void visit_call(const CallExpr* call) {
    ContextCall c = context_call(info_, call);
    if (sets_deadline(c) && !call->args.empty()) {
      mark(context_param_of(call->args[0]), kCtxBounded);
      return;
    }
    if (c != ContextCall::none) return;
    if (RemoteCall r = remote_call(info_, call)) {
      if (size_t(r.context_arg) < call->args.size())
        mark(context_param_of(call->args[size_t(r.context_arg)]), kCtxRemoteUnbounded);
      return;
    }
    const sema::Object* callee = callee_of(info_, call);
    if (callee && (callee->kind == sema::ObjectKind::TypeName || callee->kind == sema::ObjectKind::Builtin))
      return;  // a conversion, a builtin
    if (callee && callee->kind != sema::ObjectKind::Func) callee = nullptr;  // a func value
    const FuncSummary* s = callee ? all_.of(callee) : nullptr;
    if (!s) {
      for (const Expr* arg : call->args) mark(param_of(arg), kPassedOn);
      return;
    }
    for (size_t k = 0; k < call->args.size(); ++k) {
      uint16_t bits = s->of_arg(k);
      if (bits & kCtxRemoteUnbounded) mark(context_param_of(call->args[k]), kCtxRemoteUnbounded);
      if (bits & kCtxWaitsDone) mark(context_param_of(call->args[k]), kCtxWaitsDone);
      if (bits & kKeptRunning) mark(derived_param_of(call->args[k]), kKeptRunning);
      if (bits & kStored) {
        const Expr* a = unparen(call->args[k]);
        if (auto* u = as<UnaryExpr>(a); u && u->op == Tok::AND) a = unparen(u->x);
        mark(param_of(a), kStored);
      }
    }
  }

  // The function ends the process itself (os.Exit, syscall.Exit) or shuts an HTTP server down,
  // or does so through a callee.
  void note_exit(const CallExpr* call) {
    const sema::Object* callee = callee_of(info_, call);
    if (!callee || callee->kind != sema::ObjectKind::Func) return;
    std::string_view pkg = callee->pkg_path();
    bool exit = !callee->is_method && callee->name == "Exit" && (pkg == "os" || pkg == "syscall");
    bool shutdown = callee->is_method && pkg == "net/http" && callee->owner == "Server" &&
                    (callee->name == "Shutdown" || callee->name == "Close");
    if (exit || shutdown) {
      out_.exit_distance = 0;
      return;
    }
    if (callee->package() && callee->decl == fd_) return;
    if (const FuncSummary* s = all_.of(callee); s && s->exit_distance != FuncSummary::kNever)
      out_.exit_distance = std::min<uint8_t>(out_.exit_distance, uint8_t(s->exit_distance + 1));
  }

  // kCtxParam and kCtxHonoured of the context parameters.
  void mark_honoured() {
    const FuncType* type = fd_->type;
    if (!type || !type->params) return;
    size_t i = 0;
    std::vector<size_t> ctx_params;
    for (const Field* f : type->params->list) {
      size_t n = f->names.empty() ? 1 : f->names.size();
      if (is_context_type(info_, f->type))
        for (size_t k = 0; k < n; ++k) ctx_params.push_back(i + k);
      i += n;
    }
    if (ctx_params.empty()) return;
    inspect(fd_->body, [&](const Node* n, std::span<const Node* const> anc) {
      if (!anc.empty()) parents_[n] = anc.back();
      if (auto* id = as<Ident>(n))
        if (const sema::Object* o = info_->use_of(id); o && o->kind == sema::ObjectKind::Var && !o->package_level)
          uses_[o].push_back(id);
      return Visit::descend;
    });
    for (size_t p : ctx_params) {
      mark(int(p), kCtxParam);
      // An unnamed or blank parameter is never used.
      if (p < params_.size() && params_[p] && var_honoured(params_[p], 0)) mark(int(p), kCtxHonoured);
    }
    // A named parameter the body never mentions counts as used: the signature promises a
    // context and nothing in the body says otherwise (a stub, a body still to come). Unnamed or
    // blank, it cannot be used.
    for (size_t p : ctx_params) {
      visiting_.clear();
      if (p >= params_.size() || !params_[p]) continue;
      if (!uses_.count(params_[p]) || var_used(params_[p], 0)) mark(int(p), kCtxUsed);
    }
  }

  // Whether some use of the context variable `var` may use it as a context (kCtxUsed).
  bool var_used(const sema::Object* var, int depth) {
    if (depth > 8) return true;
    if (!visiting_.insert(var).second) return false;  // its uses are being looked at already
    auto it = uses_.find(var);
    if (it == uses_.end()) return false;
    for (const Ident* id : it->second)
      if (value_used(id, depth)) return true;
    return false;
  }

  // True when the type expression `t` denotes an interface without methods or embedded
  // elements (`any`, `interface{}`, a name for one).
  bool empty_interface(const Expr* t) const {
    t = unparen(t);
    if (!t) return false;
    if (auto* it = as<InterfaceType>(t)) return it->methods && it->methods->list.empty();
    const Ident* id = as<Ident>(t);
    if (auto* sel = as<SelectorExpr>(t)) id = sel->sel;
    const sema::Object* o = id ? info_->use_of(id) : nullptr;
    if (!o || o->kind != sema::ObjectKind::TypeName || !o->type) return false;
    const sema::Type* u = sema::underlying(sema::unalias(o->type));
    return u && u->kind == sema::TypeKind::Interface && u->complete && u->methods.empty() &&
           u->embeds.empty();
  }

  // The node holding `e` once parentheses are skipped, and the outermost parenthesis (or `e`).
  std::pair<const Node*, const Node*> parent_through_parens(const Expr* e) const {
    const Node* child = e;
    const Node* parent = nullptr;
    for (;;) {
      auto it = parents_.find(child);
      parent = it == parents_.end() ? nullptr : it->second;
      if (!is<ParenExpr>(parent)) break;
      child = parent;
    }
    return {child, parent};
  }

  // Where an assignment or declaration `parent` puts the value `child`: a local variable to
  // follow, the blank identifier (the value is dropped), or anything else (untracked: a field,
  // an element, a package variable, or not an assignment at all).
  struct Target {
    enum Kind { untracked, blank, local } kind = untracked;
    const sema::Object* var = nullptr;
  };
  Target assignment_target(const Node* parent, const Node* child) const {
    const Expr* lhs = nullptr;
    if (auto* a = as<AssignStmt>(parent)) {
      for (size_t k = 0; k < a->rhs.size(); ++k)
        if (a->rhs[k] == child) lhs = a->lhs.size() == a->rhs.size() ? a->lhs[k] : a->lhs.empty() ? nullptr : a->lhs[0];
    } else if (auto* v = as<ValueSpec>(parent)) {
      for (size_t k = 0; k < v->values.size(); ++k)
        if (v->values[k] == child) lhs = v->names.size() == v->values.size() ? v->names[k] : v->names.empty() ? nullptr : v->names[0];
    }
    auto* id = as<Ident>(lhs);
    if (!id) return {};
    if (id->name == "_") return {Target::blank};
    const sema::Object* o = info_->def_of(id);
    if (!o) o = info_->use_of(id);
    if (!o || o->kind != sema::ObjectKind::Var || o->package_level) return {};
    return {Target::local, o};
  }

  // Whether the context value `e` (a use of a context variable) may be used as a context, from
  // where it goes.
  bool value_used(const Expr* e, int depth) {
    if (depth > 8) return true;
    auto [child, parent] = parent_through_parens(e);
    // A method called on it, or a comparison (`if ctx == nil { panic(...) }` rejects nil).
    if (!parent || is<SelectorExpr>(parent) || is<BinaryExpr>(parent)) return true;
    if (auto* call = as<CallExpr>(parent)) {
      size_t k = 0;
      while (k < call->args.size() && call->args[k] != child) ++k;
      if (k == call->args.size()) return true;
      if (context_call(info_, call) != ContextCall::none) return true;  // derived from: used
      const sema::Object* callee = callee_of(info_, call);
      if (!callee || callee->kind != sema::ObjectKind::Func) return true;
      const FuncSummary* s = all_.of_dispatched(callee);
      if (!s) return true;
      uint16_t bits = s->of_arg(k);
      return !(bits & kCtxParam) || (bits & (kCtxUsed | kStored | kReturned | kKeptRunning));
    }
    if (auto* r = as<ReturnStmt>(parent)) {
      // Returned as `any` by the function or literal it sits in: no method of Context is
      // reachable from there.
      size_t k = 0;
      while (k < r->results.size() && r->results[k] != child) ++k;
      const FuncType* ft = nullptr;
      for (const Node* a = r;;) {
        auto it = parents_.find(a);
        if (it == parents_.end()) break;
        a = it->second;
        if (auto* lit = as<FuncLit>(a)) {
          ft = lit->type;
          break;
        }
      }
      if (!ft) ft = fd_->type;
      if (!ft || !ft->results || k == r->results.size()) return true;
      const Expr* type = nullptr;
      size_t i = 0;
      for (const Field* f : ft->results->list) {
        size_t n = f->names.empty() ? 1 : f->names.size();
        if (k >= i && k < i + n) type = f->type;
        i += n;
      }
      return !empty_interface(type);
    }
    Target t = assignment_target(parent, child);
    if (t.kind != Target::local) return t.kind == Target::untracked;
    return var_used(t.var, depth + 1);
  }

  // Whether some use of the context variable `var` may wait on it or keep it.
  bool var_honoured(const sema::Object* var, int depth) {
    if (depth > 8) return true;
    if (!visiting_.insert(var).second) return false;  // its uses are being looked at already
    auto it = uses_.find(var);
    if (it == uses_.end()) return false;
    for (const Ident* id : it->second)
      if (value_honoured(id, depth)) return true;
    return false;
  }

  // Whether the context value `e` (a use of a context variable, or a context derived from one)
  // may be waited on or kept, from where it goes.
  bool value_honoured(const Expr* e, int depth) {
    if (depth > 8) return true;
    if (detached_.count(e)) return false;  // a field that the result's cancellation never reads
    auto [child, parent] = parent_through_parens(e);
    if (!parent) return true;
    if (auto* sel = as<SelectorExpr>(parent)) return !(sel->x == child && sel->sel && sel->sel->name == "Value");
    if (auto* b = as<BinaryExpr>(parent)) return !(b->op == Tok::EQL || b->op == Tok::NEQ);
    if (auto* call = as<CallExpr>(parent)) {
      size_t k = 0;
      while (k < call->args.size() && call->args[k] != child) ++k;
      if (k == call->args.size()) return true;
      if (context_call(info_, call) != ContextCall::none) return value_honoured(call, depth + 1);
      if (ignores_cancellation(info_, call)) return false;
      if (remote_call(info_, call)) return true;
      const sema::Object* callee = callee_of(info_, call);
      if (!callee || callee->kind != sema::ObjectKind::Func) return true;
      const FuncSummary* s = all_.of_dispatched(callee);
      if (!s) return true;
      uint16_t bits = s->of_arg(k);
      if ((bits & kCtxParam) && (bits & kCtxDetached)) return false;  // its values only go on
      return !(bits & kCtxParam) || (bits & (kCtxHonoured | kStored | kReturned));
    }
    Target t = assignment_target(parent, child);
    if (t.kind != Target::local) return t.kind == Target::untracked;
    return var_honoured(t.var, depth + 1);
  }

  Summaries& all_;
  const sema::PackageInfo* info_;
  const FuncDecl* fd_;
  FuncSummary& out_;
  Writes writes_;
  std::vector<const sema::Object*> params_;
  std::vector<const sema::Object*> receivers_;
  std::vector<int> watch_uses_, other_uses_;  // per parameter: mentions that only watch it, others
  std::vector<int> called_;  // parameters called (or handed to a callee that calls them) somewhere
  std::unordered_map<const Node*, const Node*> parents_;
  std::unordered_map<const sema::Object*, std::vector<const Ident*>> uses_;
  std::unordered_set<const sema::Object*> visiting_;
  std::unordered_set<const Node*> detached_;  // mentions of kCtxDetached parameters
};

}  // namespace

const FuncSummary* Summaries::of(const sema::Object* callee) {
  if (!callee || callee->kind != sema::ObjectKind::Func || !callee->package()) return nullptr;
  auto* fd = as<FuncDecl>(callee->decl);
  if (!fd || !fd->body) return nullptr;
  return of(callee->package(), fd);
}

const FuncSummary* Summaries::of(const sema::PackageInfo* info, const FuncDecl* fd) {
  if (!info || !fd || !fd->body) return nullptr;
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  if (auto it = done_.find(fd); it != done_.end()) return it->second.get();
  // A cycle closes here, or the chain is deep enough that the stack matters more.
  if (in_progress_.size() > 64 || !in_progress_.insert(fd).second) return nullptr;
  auto summary = std::make_unique<FuncSummary>();
  Builder(*this, info, fd, *summary).run();
  summarise_context_result(*this, info, fd, *summary);
  in_progress_.erase(fd);
  return done_.emplace(fd, std::move(summary)).first->second.get();
}

const FuncSummary* Summaries::of_implementations(const sema::Object* method, unsigned scope) {
  scope &= kWithImports | kShippedOnly;
  bool with_imports = scope & kWithImports;
  bool shipped_only = scope & kShippedOnly;
  if (!method || method->kind != sema::ObjectKind::Func || !method->is_method || method->decl) return nullptr;
  const sema::PackageInfo* pkg = method->package();
  if (!pkg || pkg->from_stdlib_table || !pkg->scope || method->owner.empty()) return nullptr;
  const sema::Object* owner = pkg->member(method->owner);
  const sema::Type* iface = owner && owner->kind == sema::ObjectKind::TypeName ? sema::underlying(owner->type) : nullptr;
  if (!iface || iface->kind != sema::TypeKind::Interface) return nullptr;
  const sema::Type* sig = nullptr;
  for (const sema::Method& m : iface->methods)
    if (m.obj == method) sig = m.signature;
  if (!sig || sig->kind != sema::TypeKind::Func) return nullptr;

  std::lock_guard<std::recursive_mutex> lock(mutex_);
  auto& cache = dispatched_[scope];
  if (auto it = cache.find(method); it != cache.end()) return it->second.get();
  auto combined = std::make_unique<FuncSummary>();
  bool found = false, partial = false, unknown = false;
  auto scan = [&](const sema::PackageInfo* in) {
    for (const auto& [name, o] : in->scope->names()) {
      if (!o || o->kind != sema::ObjectKind::TypeName || !o->type) continue;
      const sema::Type* t = sema::unalias(o->type);
      if (!t || t->kind != sema::TypeKind::Named || t->obj != o || t->generic) continue;
      if (shipped_only && o->file() && o->file()->path.ends_with("_test.go")) continue;
      const sema::Type* u = sema::underlying(t);
      if (!u || u->kind == sema::TypeKind::Interface) continue;
      // Its method set (pointer receivers included) has every method the interface spells.
      const sema::Object* impl = nullptr;
      bool all = true;
      for (const sema::Method& m : iface->methods) {
        const sema::Object* found_m = sema::lookup_field_or_method(t, m.name);
        if (!found_m || found_m->kind != sema::ObjectKind::Func || !found_m->is_method) {
          all = false;
          break;
        }
        // Outside the interface's package, an unexported method name is another method.
        if (in != pkg && !m.name.empty() && !(m.name[0] >= 'A' && m.name[0] <= 'Z')) {
          all = false;
          break;
        }
        if (m.obj == method) impl = found_m;
      }
      if (!all || !impl) continue;
      auto* fd = ast::as<ast::FuncDecl>(impl->decl);
      if (!fd || !fd->body || !fd->type) {
        unknown = true;
        return;
      }
      size_t params = 0;
      if (fd->type->params)
        for (const ast::Field* f : fd->type->params->list) params += f->names.empty() ? 1 : f->names.size();
      if (params != sig->params.size()) continue;  // another method of that name: not an implementation
      if (in_progress_.count(fd)) {
        partial = true;
        continue;
      }
      const FuncSummary* s = of(impl->package(), fd);
      if (!s) {
        unknown = true;
        return;
      }
      // Most bits say what some implementation may do (their union); those that promise what a
      // call does not do must hold for every implementation (their intersection).
      constexpr uint16_t kEvery = kCtxDetached | kCtxOnlyWatched | kJoinedOnSuccess;
      if (combined->params.size() < s->params.size()) combined->params.resize(s->params.size(), 0);
      for (size_t i = 0; i < combined->params.size(); ++i) {
        uint16_t b = i < s->params.size() ? s->params[i] : 0;
        uint16_t every = combined->params[i] & b & kEvery;
        combined->params[i] = uint16_t(((combined->params[i] | b) & ~kEvery) | (found ? every : (b & kEvery)));
      }
      found = true;
      combined->variadic = combined->variadic || s->variadic;
      combined->exit_distance = std::min(combined->exit_distance, s->exit_distance);
    }
  };
  scan(pkg);
  if (with_imports && !unknown) {
    // The packages it imports, found through the package names its files use (every import is
    // used): those whose types the interface's package can name.
    std::unordered_set<const sema::PackageInfo*> imported;
    for (const syntax::ParsedFile* file : pkg->files) {
      if (!file || !file->file) continue;
      for_each_node(file->file, [&](const Node* n) {
        auto* sel = as<SelectorExpr>(n);
        auto* id = sel ? as<Ident>(sel->x) : nullptr;
        const sema::Object* o = id ? pkg->use_of(id) : nullptr;
        if (o && o->kind == sema::ObjectKind::PkgName && o->imported && o->imported != pkg)
          imported.insert(o->imported);
      });
    }
    for (const sema::PackageInfo* in : imported) {
      if (unknown) break;
      if (in->from_stdlib_table || !in->scope) continue;  // no source: no bodies to read
      scan(in);
    }
  }
  if (unknown || !found) combined.reset();
  if (partial) {
    if (!combined) return nullptr;
    partial_.push_back(std::move(combined));
    return partial_.back().get();
  }
  return cache.emplace(method, std::move(combined)).first->second.get();
}

void Summaries::drop_dispatched() {
  // They may rest on summaries about to change: recomputed on the next request. The old ones stay
  // alive (a rule on another thread may hold one).
  for (auto& cache : dispatched_) {
    for (auto& [method, s] : cache)
      if (s) partial_.push_back(std::move(s));
    cache.clear();
  }
}

void Summaries::forget(const sema::PackageInfo& info) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  drop_dispatched();
  for (const syntax::ParsedFile* file : info.files) {
    if (!file || !file->file) continue;
    for (const Decl* decl : file->file->decls)
      if (auto* fd = as<FuncDecl>(decl)) done_.erase(fd);
  }
}

void Summaries::forget(const File* file) {
  if (!file) return;
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  drop_dispatched();
  for (const Node* d : file->decls)
    if (const auto* fd = as<FuncDecl>(d)) done_.erase(fd);
}

}  // namespace gotrap::facts
