#include "facts/summary.h"

#include <algorithm>

#include "facts/assign.h"
#include "facts/context.h"
#include "facts/remote.h"
#include "facts/walk.h"
#include "sema/cfg.h"

namespace gotrap::facts {

using namespace gotrap::ast;

namespace {

class Builder {
 public:
  Builder(Summaries& all, const sema::PackageInfo* info, const FuncDecl* fd, FuncSummary& out)
      : all_(all), info_(info), fd_(fd), out_(out), writes_(fd, info) {}

  void run() {
    const FuncType* type = fd_->type;
    if (!type || !type->params) return;
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
    if (fd_->recv)
      for (const Field* f : fd_->recv->list)
        for (const Ident* id : f->names) receivers_.push_back(info_->def_of(id));
    if (params_.empty() || !fd_->body) return;
    inspect(fd_->body, [&](const Node* n, std::span<const Node* const> anc) {
      visit(n, anc);
      return Visit::descend;
    });
    if (!called_.empty()) mark_called();
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
  int context_param_of(const Expr* e, int depth = 0) const {
    if (!e || depth > 8) return -1;
    e = unparen(e);
    if (int p = param_of(e); p >= 0) return p;
    if (auto* id = as<Ident>(e)) {
      const Write* w = writes_.single_value(id);
      if (!w || w->index > 0) return -1;
      return context_param_of(w->value, depth + 1);
    }
    if (keeps_deadline(context_call(info_, e))) {
      auto* call = as<CallExpr>(e);
      return call->args.empty() ? -1 : context_param_of(call->args[0], depth + 1);
    }
    return -1;
  }

  void mark(int p, uint8_t bits) {
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
    if (auto* call = as<CallExpr>(n)) {
      bool in_literal = false;
      for (const Node* a : anc) in_literal |= is<FuncLit>(a);
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
      visit_call(call);
      return;
    }
    if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::ARROW) {
      // <-ctx.Done()
      if (auto* call = as<CallExpr>(unparen(u->x)))
        if (auto* sel = as<SelectorExpr>(unparen(call->fun)); sel && sel->sel && sel->sel->name == "Done")
          mark(context_param_of(sel->x), kCtxWaitsDone);
      return;
    }
    auto* id = as<Ident>(n);
    if (!id) return;
    int p = param_of(id);
    if (p < 0) return;
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
        return;
      }
    // How the parameter's value travels: through &, composite literals and conversions.
    const Node* child = id;
    for (size_t i = anc.size(); i-- > 0; child = anc[i]) {
      const Node* a = anc[i];
      // Captured by another literal: it keeps the value only as long as the literal lives,
      // which this summary does not follow (an option closure returned to the caller, a
      // callback run right away): no claim.
      if (is<FuncLit>(a)) return;
      if (auto* s = as<SendStmt>(a)) return s->value == child ? mark(p, kStored) : void();
      if (auto* r = as<ReturnStmt>(a)) return (void)r, mark(p, kReturned);
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
      uint8_t bits = s->of_arg(k);
      if (bits & kCtxRemoteUnbounded) mark(context_param_of(call->args[k]), kCtxRemoteUnbounded);
      if (bits & kCtxWaitsDone) mark(context_param_of(call->args[k]), kCtxWaitsDone);
      if (bits & kStored) {
        const Expr* a = unparen(call->args[k]);
        if (auto* u = as<UnaryExpr>(a); u && u->op == Tok::AND) a = unparen(u->x);
        mark(param_of(a), kStored);
      }
    }
  }

  Summaries& all_;
  const sema::PackageInfo* info_;
  const FuncDecl* fd_;
  FuncSummary& out_;
  Writes writes_;
  std::vector<const sema::Object*> params_;
  std::vector<const sema::Object*> receivers_;
  std::vector<int> called_;  // parameters called (or handed to a callee that calls them) somewhere
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
  in_progress_.erase(fd);
  return done_.emplace(fd, std::move(summary)).first->second.get();
}

void Summaries::forget(const sema::PackageInfo& info) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  for (const syntax::ParsedFile* file : info.files) {
    if (!file || !file->file) continue;
    for (const Decl* decl : file->file->decls)
      if (auto* fd = as<FuncDecl>(decl)) done_.erase(fd);
  }
}

void Summaries::forget(const File* file) {
  if (!file) return;
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  for (const Node* d : file->decls)
    if (const auto* fd = as<FuncDecl>(d)) done_.erase(fd);
}

}  // namespace gotrap::facts
