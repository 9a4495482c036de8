#include "rules/support/goroutines.h"

#include <algorithm>
#include <string_view>

#include "rules/support/cfg_paths.h"
#include "rules/support/facts.h"
#include "rules/support/walk.h"
#include "sema/no_return.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;
using sema::TypeKind;

bool is_wait_group_type(const sema::Type* t, bool through_pointer) {
  return is_named(t, "sync", "WaitGroup", through_pointer);
}

namespace {

bool holds_wait_group(const sema::Type* t, int depth) {
  if (!t || depth > 8) return false;
  if (is_wait_group_type(t, false)) return true;
  const sema::Type* u = sema::concrete_underlying(t);
  if (!u) return false;
  if (u->is(TypeKind::Array)) return holds_wait_group(u->elem, depth + 1);
  if (u->is(TypeKind::Struct)) {
    for (const sema::Var& f : u->fields)
      if (holds_wait_group(f.type, depth + 1)) return true;
  }
  return false;
}

const Expr* strip_ref(const Expr* e) {
  e = unparen(e);
  if (auto* u = as<UnaryExpr>(e); u && u->op == Tok::AND) return unparen(u->x);
  return e;
}

}  // namespace

bool holds_wait_group(const sema::Type* t) { return holds_wait_group(t, 0); }

WgCall wait_group_call(const Pass& pass, const Node* n) {
  WgCall out;
  auto* call = as<CallExpr>(n);
  if (!call) return out;
  auto* sel = as<SelectorExpr>(unparen(call->fun));
  if (!sel || !sel->sel) return out;
  std::string_view name = sel->sel->name;
  WgMethod m = name == "Add"    ? WgMethod::add
               : name == "Done" ? WgMethod::done
               : name == "Wait" ? WgMethod::wait
               : name == "Go"   ? WgMethod::go
                                : WgMethod::none;
  if (m == WgMethod::none) return out;
  if (!is_wait_group_type(type_of(pass, sel->x))) return out;
  out.method = m;
  out.call = call;
  out.recv = sel->x;
  return out;
}

const Ident* ref_root(const Expr* e) {
  for (int guard = 0; e && guard < 64; ++guard) {
    e = unparen(e);
    if (auto* id = as<Ident>(e)) return id;
    if (auto* sel = as<SelectorExpr>(e)) e = sel->x;
    else if (auto* star = as<StarExpr>(e)) e = star->x;
    else if (auto* u = as<UnaryExpr>(e); u && u->op == Tok::AND) e = u->x;
    else return nullptr;
  }
  return nullptr;
}

bool same_variable_ref(const Pass& pass, const Expr* a, const Expr* b) {
  a = strip_ref(a), b = strip_ref(b);
  // `*p` and `p` name the same WaitGroup when p is a pointer: compare without the star.
  if (auto* s = as<StarExpr>(a)) a = unparen(s->x);
  if (auto* s = as<StarExpr>(b)) b = unparen(s->x);
  if (!same_ref(a, b)) return false;
  const Ident* ra = ref_root(a);
  const Ident* rb = ref_root(b);
  if (!ra || !rb || !pass.sema()) return false;
  const sema::Object* oa = pass.sema()->object_of(ra);
  const sema::Object* ob = pass.sema()->object_of(rb);
  return oa && oa == ob;
}

bool declared_inside(const Pass& pass, const PassFile& file, const Ident* root, const Node* fn,
                     bool params_count) {
  if (!pass.sema() || !root || !fn) return false;
  const sema::Object* o = pass.sema()->object_of(root);
  if (!o || !o->ident || o->package_level || o->file() != file.parsed) return false;
  if (!contains(fn, o->ident)) return false;
  if (params_count) return true;
  const BlockStmt* body = func_body(fn);
  return body && contains(body, o->ident);
}

const Node* goroutine_body(const Pass& pass, const GoStmt* go) {
  if (!go || !go->call) return nullptr;
  const Expr* fun = unparen(go->call->fun);
  if (auto* lit = as<FuncLit>(fun)) return lit->body ? lit : nullptr;
  if (!pass.sema()) return nullptr;
  const Ident* name = nullptr;
  if (auto* id = as<Ident>(fun)) name = id;
  else if (auto* sel = as<SelectorExpr>(fun)) name = sel->sel;
  if (!name) return nullptr;
  const sema::Object* o = pass.sema()->use_of(name);
  if (!o || o->kind != sema::ObjectKind::Func || o->package() != pass.sema()) return nullptr;
  auto* decl = as<FuncDecl>(o->decl);
  return decl && decl->body ? decl : nullptr;
}

void for_each_in_frame(const Node* fn,
                       const std::function<void(const Node*, std::span<const Node* const>)>& visit) {
  const BlockStmt* body = func_body(fn);
  inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
    if (is<FuncLit>(n)) return Visit::skip;
    visit(n, anc);
    return Visit::descend;
  });
}

bool in_loop(std::span<const Node* const> ancestors) {
  for (const Node* a : ancestors) {
    if (is<FuncLit>(a)) return false;
    if (is<ForStmt>(a) || is<RangeStmt>(a)) return true;
  }
  return false;
}

std::optional<ChanMake> chan_make(const Pass& pass, const Expr* e) {
  if (!pass.sema()) return std::nullopt;
  auto* call = as<CallExpr>(unparen(e));
  if (!call || call->args.empty() || call->args.size() > 2) return std::nullopt;
  auto* make = as<Ident>(unparen(call->fun));
  if (!make) return std::nullopt;
  const sema::Object* mo = pass.sema()->use_of(make);
  if (!mo || mo->kind != sema::ObjectKind::Builtin || mo->builtin != sema::Builtin::Make) return std::nullopt;
  if (!is<ChanType>(unparen(call->args[0]))) return std::nullopt;
  ChanMake out;
  out.make = call;
  if (call->args.size() == 1) out.capacity = 0;
  else out.capacity = const_int(pass, call->args[1]);
  return out;
}

std::optional<ChanMake> chan_made_in(const Pass& pass, const Node* fn, const sema::Object* var) {
  if (!pass.sema() || !var || !var->ident || !fn) return std::nullopt;
  const Expr* value = nullptr;
  if (auto* a = as<AssignStmt>(var->decl)) {
    if (a->tok != Tok::DEFINE || a->lhs.size() != a->rhs.size()) return std::nullopt;
    for (size_t i = 0; i < a->lhs.size(); ++i)
      if (a->lhs[i] == var->ident) value = a->rhs[i];
  } else if (auto* v = as<ValueSpec>(var->decl)) {
    if (v->names.size() != v->values.size()) return std::nullopt;
    for (size_t i = 0; i < v->names.size(); ++i)
      if (v->names[i] == var->ident) value = v->values[i];
  }
  std::optional<ChanMake> made = chan_make(pass, value);
  if (!made) return std::nullopt;
  // Written again anywhere (assignment, address taken): the make is not the only value.
  bool rewritten = false;
  inspect(fn, [&](const Node* n, std::span<const Node* const> anc) {
    if (auto* a = as<AssignStmt>(n)) {
      for (const Expr* l : a->lhs) {
        auto* id = as<Ident>(unparen(l));
        if (id && id != var->ident && pass.sema()->object_of(id) == var) rewritten = true;
      }
    } else if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND) {
      auto* id = as<Ident>(unparen(u->x));
      if (id && pass.sema()->use_of(id) == var) rewritten = true;
    }
    (void)anc;
    return rewritten ? Visit::stop : Visit::descend;
  });
  if (rewritten) return std::nullopt;
  return made;
}

bool is_receive_from(const Pass& pass, const Node* e, const sema::Object* var) {
  if (!e || !pass.sema()) return false;
  auto* u = as<UnaryExpr>(unparen(e));
  if (!u || u->op != Tok::ARROW) return false;
  auto* id = as<Ident>(unparen(u->x));
  return id && pass.sema()->use_of(id) == var;
}

namespace {

bool is_builtin_call(const Pass& pass, const Node* n, sema::Builtin b) {
  auto* call = as<CallExpr>(n);
  if (!call) return false;
  auto* id = as<Ident>(unparen(call->fun));
  const sema::Object* o = id ? pass.sema()->use_of(id) : nullptr;
  return o && o->kind == sema::ObjectKind::Builtin && o->builtin == b;
}

// The channel a receive `<-x` (x a plain variable) reads; null otherwise.
const sema::Object* received_var(const Pass& pass, const Node* e) {
  auto* u = as<UnaryExpr>(unparen(static_cast<const Expr*>(e)));
  if (!u || u->op != Tok::ARROW) return nullptr;
  auto* id = as<Ident>(unparen(u->x));
  return id ? pass.sema()->use_of(id) : nullptr;
}

// The receive expression of a select case's communication (`<-x`, `v := <-x`, `v, ok = <-x`).
const UnaryExpr* comm_receive(const Node* comm) {
  const Expr* e = nullptr;
  if (auto* es = as<ExprStmt>(comm)) e = es->x;
  else if (auto* a = as<AssignStmt>(comm); a && a->rhs.size() == 1) e = a->rhs[0];
  auto* u = as<UnaryExpr>(unparen(e));
  return u && u->op == Tok::ARROW ? u : nullptr;
}

bool ends_in_no_return(const Pass& pass, Span<Stmt*> body) {
  if (body.empty()) return false;
  auto* es = as<ExprStmt>(body.back());
  return es && sema::is_no_return_call(es->x, pass.sema());
}

bool is_var_ident(const Pass& pass, const Expr* e, const sema::Object* var) {
  auto* id = as<Ident>(unparen(e));
  return id && var && pass.sema()->use_of(id) == var;
}

// Writes of `var` anywhere in `n` (nested literals included) other than the statements `allowed`:
// assignments, ++/--, address taken.
bool written_outside(const Pass& pass, const Node* n, const sema::Object* var,
                     const std::vector<const Node*>& allowed) {
  bool written = false;
  inspect(n, [&](const Node* m, std::span<const Node* const>) {
    if (std::find(allowed.begin(), allowed.end(), m) != allowed.end()) return Visit::skip;
    if (auto* a = as<AssignStmt>(m)) {
      for (const Expr* l : a->lhs) {
        auto* id = as<Ident>(unparen(l));
        if (id && id != var->ident && pass.sema()->object_of(id) == var) written = true;
      }
    } else if (auto* d = as<IncDecStmt>(m)) {
      written |= is_var_ident(pass, d->x, var);
    } else if (auto* u = as<UnaryExpr>(m); u && u->op == Tok::AND) {
      written |= is_var_ident(pass, u->x, var);
    }
    return written ? Visit::stop : Visit::descend;
  });
  return written;
}

// The loops this frame leaves through: true when `stmt` (a return, or a break whose target is
// `loop`) sits in the body of an `if n == N` (or n >= N, N == n) inside `loop`.
bool guarded_by_count(const Pass& pass, const ForStmt* loop, std::span<const Node* const> anc, const Node* stmt,
                      const sema::Object* counter, int64_t n) {
  for (size_t i = anc.size(); i-- > 0 && anc[i] != loop;) {
    auto* ifs = as<IfStmt>(anc[i]);
    if (!ifs || ifs->init || !contains(ifs->body, stmt)) continue;
    auto* b = as<BinaryExpr>(unparen(ifs->cond));
    if (!b) continue;
    std::optional<int64_t> k;
    if (is_var_ident(pass, b->x, counter) && (b->op == Tok::EQL || b->op == Tok::GEQ)) k = const_int(pass, b->y);
    else if (is_var_ident(pass, b->y, counter) && (b->op == Tok::EQL || b->op == Tok::LEQ)) k = const_int(pass, b->x);
    if (k && *k == n) return true;
  }
  return false;
}

// The receives of `loop` (a loop of fn's frame) after which every channel of the set they read
// has been drained; empty when the loop is not one of the two shapes draining_receives describes.
std::vector<const Node*> loop_drains(const Pass& pass, const Node* fn, const ForStmt* loop,
                                          std::vector<const sema::Object*>& set) {
  std::vector<const Node*> out;
  set.clear();
  if (!loop->body) return out;
  struct Clause {
    const CommClause* cc;
    const UnaryExpr* recv;  // null: not a receive from a plain variable
    const sema::Object* ch;
  };
  std::vector<const SelectStmt*> selects;
  std::vector<Clause> clauses;
  bool branches = false, exits_unknown = false;
  std::vector<std::pair<const Node*, std::vector<const Node*>>> exits;  // returns, breaks of the loop
  inspect(loop->body, [&](const Node* n, std::span<const Node* const> anc) {
    if (is<FuncLit>(n)) return Visit::skip;
    if (auto* sel = as<SelectStmt>(n)) {
      bool nested_loop = false;
      for (const Node* a : anc) nested_loop |= is<ForStmt>(a) || is<RangeStmt>(a);
      if (!nested_loop) {
        selects.push_back(sel);
        if (sel->body)
          for (const Node* c : sel->body->list)
            if (auto* cc = as<CommClause>(c)) {
              const UnaryExpr* r = comm_receive(cc->comm);
              const sema::Object* o = r ? received_var(pass, r) : nullptr;
              clauses.push_back({cc, o ? r : nullptr, o});
            }
      }
    } else if (auto* r = as<ReturnStmt>(n)) {
      branches = true;
      exits.push_back({r, {anc.begin(), anc.end()}});
    } else if (auto* br = as<BranchStmt>(n)) {
      branches = true;
      if (br->label || br->tok == Tok::GOTO) exits_unknown = true;
      else if (br->tok == Tok::BREAK) {
        bool inner = false;
        for (const Node* a : anc)
          inner |= is<ForStmt>(a) || is<RangeStmt>(a) || is<SwitchStmt>(a) || is<TypeSwitchStmt>(a) ||
                   is<SelectStmt>(a);
        if (!inner) exits.push_back({br, {anc.begin(), anc.end()}});
      }
    } else if (is<LabeledStmt>(n)) {
      exits_unknown = true;
    }
    return Visit::descend;
  });
  if (exits_unknown || selects.empty()) return out;
  auto add_to_set = [&](const sema::Object* o) {
    if (std::find(set.begin(), set.end(), o) == set.end()) set.push_back(o);
  };
  if (loop->init || loop->cond || loop->post) {
    // for i := 0; i < N; i++ { ... select { ... } ... }: N selects, each receiving one value.
    auto* init = as<AssignStmt>(loop->init);
    auto* cond = as<BinaryExpr>(unparen(loop->cond));
    auto* post = as<IncDecStmt>(loop->post);
    if (!init || init->tok != Tok::DEFINE || init->lhs.size() != 1 || init->rhs.size() != 1 || !cond ||
        cond->op != Tok::LSS || !post || post->tok != Tok::INC)
      return out;
    auto* iv = as<Ident>(init->lhs[0]);
    const sema::Object* i = iv ? pass.sema()->object_of(iv) : nullptr;
    auto zero = const_int(pass, init->rhs[0]);
    auto n = const_int(pass, cond->y);
    if (!i || !zero || *zero != 0 || !n || !is_var_ident(pass, cond->x, i) || !is_var_ident(pass, post->x, i))
      return out;
    if (branches || selects.size() != 1 || written_outside(pass, loop->body, i, {})) return out;
    bool direct = false;
    for (const Node* st : loop->body->list) direct |= st == selects[0];
    if (!direct) return out;
    for (const Clause& c : clauses) {
      if (c.recv) add_to_set(c.ch);
      else if (!ends_in_no_return(pass, c.cc->body)) return out;
    }
    if (int64_t(set.size()) != *n) return out;
    // The loop's only way out is its condition turning false after the N receives.
    out.push_back(loop->cond);
  } else {
    // for { select { case <-a: n++ ... } ... if n == N { return } }
    const sema::Object* counter = nullptr;
    std::vector<const Node*> incs;
    for (const Clause& c : clauses) {
      const IncDecStmt* inc = nullptr;
      int count = 0;
      for (const Node* st : c.cc->body)
        if (auto* d = as<IncDecStmt>(st); d && d->tok == Tok::INC && as<Ident>(unparen(d->x))) {
          const sema::Object* o = pass.sema()->use_of(as<Ident>(unparen(d->x)));
          if (!o || o->kind != sema::ObjectKind::Var) continue;
          if (counter && o != counter) continue;
          counter = o, inc = d, ++count;
        }
      if (!inc) continue;
      if (count != 1 || !c.recv) return out;  // counts something that is not one received value
      incs.push_back(inc);
      add_to_set(c.ch);
    }
    if (!counter || !counter->ident || set.empty()) return out;
    // A local starting at zero, written only by those increments.
    const BlockStmt* body = func_body(fn);
    if (!contains(body, counter->ident) || contains(loop, counter->ident)) return out;
    std::optional<int64_t> start;
    if (auto* a = as<AssignStmt>(counter->decl); a && a->tok == Tok::DEFINE && a->lhs.size() == a->rhs.size()) {
      for (size_t k = 0; k < a->lhs.size(); ++k)
        if (a->lhs[k] == counter->ident) start = const_int(pass, a->rhs[k]);
    } else if (auto* v = as<ValueSpec>(counter->decl)) {
      if (v->values.empty()) start = 0;
      else if (v->values.size() == v->names.size())
        for (size_t k = 0; k < v->names.size(); ++k)
          if (v->names[k] == counter->ident) start = const_int(pass, v->values[k]);
    }
    if (!start || *start != 0 || written_outside(pass, body, counter, incs)) return out;
    for (auto& [stmt, anc] : exits)
      if (!guarded_by_count(pass, loop, anc, stmt, counter, int64_t(set.size()))) return out;
  }
  for (const sema::Object* o : set)
    if (!o || o->kind != sema::ObjectKind::Var) return {};
  if (set.empty()) return {};
  for (const Clause& c : clauses)
    if (c.recv && std::find(set.begin(), set.end(), c.ch) != set.end()) out.push_back(c.recv);
  return out;
}

}  // namespace

bool carries_one_value(const Pass& pass, const Node* fn, const sema::Object* ch, sema::Cfg& scratch) {
  if (!pass.sema() || !ch || ch->kind != sema::ObjectKind::Var || !chan_made_in(pass, fn, ch)) return false;
  const BlockStmt* body = func_body(fn);
  if (!contains(body, ch->ident)) return false;
  const FuncLit* sender = nullptr;
  std::vector<const Node*> sends;
  bool ok = true;
  inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
    auto* id = as<Ident>(n);
    if (!id || id == ch->ident || pass.sema()->use_of(id) != ch) return Visit::descend;
    const Node* parent = anc.empty() ? nullptr : anc.back();
    const FuncLit* lit = nullptr;
    int lits = 0;
    for (const Node* a : anc)
      if (auto* l = as<FuncLit>(a)) lit = l, ++lits;
    if (auto* s = as<SendStmt>(parent); s && s->chan == id) {
      if (lits != 1 || (sender && sender != lit)) ok = false;
      sender = lit;
      sends.push_back(s);
    } else if (auto* u = as<UnaryExpr>(parent); u && u->op == Tok::ARROW && lits == 0) {
    } else if (lits == 0 && (is_builtin_call(pass, parent, sema::Builtin::Len) ||
                             is_builtin_call(pass, parent, sema::Builtin::Cap))) {
    } else {
      ok = false;
    }
    return ok ? Visit::descend : Visit::stop;
  });
  if (!ok || !sender || !sender->body) return false;
  bool started_once = false;
  for_each_in_frame(fn, [&](const Node* n, std::span<const Node* const> anc) {
    auto* go = as<GoStmt>(n);
    if (go && go->call && unparen(go->call->fun) == sender && !in_loop(anc)) started_once = true;
  });
  if (!started_once) return false;
  sema::build_cfg(sender->body, pass.sema(), scratch);
  auto is_send = [&](const Node* n) { return std::find(sends.begin(), sends.end(), n) != sends.end(); };
  for (const Node* s : sends)
    if (scratch.where(s).first < 0 || reaches(scratch, s, is_send)) return false;
  return true;
}

std::vector<const Node*> draining_receives(const Pass& pass, const Node* fn, const sema::Object* ch,
                                           sema::Cfg& scratch) {
  std::vector<const Node*> out;
  if (!pass.sema() || !ch) return out;
  std::vector<const ForStmt*> loops;
  for_each_in_frame(fn, [&](const Node* n, std::span<const Node* const>) {
    if (auto* f = as<ForStmt>(n)) loops.push_back(f);
  });
  std::vector<const sema::Object*> set;
  for (const ForStmt* loop : loops) {
    std::vector<const Node*> recvs = loop_drains(pass, fn, loop, set);
    if (recvs.empty() || std::find(set.begin(), set.end(), ch) == set.end()) continue;
    bool all_single = true;
    for (const sema::Object* o : set) all_single = all_single && carries_one_value(pass, fn, o, scratch);
    if (!all_single) continue;
    out.insert(out.end(), recvs.begin(), recvs.end());
  }
  return out;
}

std::vector<const sema::Object*> final_signal_channels(const Pass& pass, const Node* fn, const FuncLit* lit,
                                                       const sema::Object* ch, sema::Cfg& scratch) {
  std::vector<const sema::Object*> out;
  if (!pass.sema() || !lit || !lit->body || !ch) return out;
  // The goroutine's signals on other channels: sends and closes, deferred closes apart.
  struct Signal {
    const Node* node;  // the graph node: the send, or the statement holding the close
    const sema::Object* ch;
    bool deferred;
  };
  std::vector<Signal> signals;
  std::vector<const Node*> ch_sends;
  for_each_in_frame(lit, [&](const Node* n, std::span<const Node* const> anc) {
    const Node* parent = anc.empty() ? nullptr : anc.back();
    if (auto* s = as<SendStmt>(n)) {
      auto* id = as<Ident>(unparen(s->chan));
      const sema::Object* o = id ? pass.sema()->use_of(id) : nullptr;
      if (o == ch) ch_sends.push_back(s);
      else if (o && o->kind == sema::ObjectKind::Var) signals.push_back({s, o, false});
    } else if (auto* call = as<CallExpr>(n); call && call->args.size() == 1 &&
                                             is_builtin_call(pass, call, sema::Builtin::Close)) {
      auto* id = as<Ident>(unparen(call->args[0]));
      const sema::Object* o = id ? pass.sema()->use_of(id) : nullptr;
      if (!o || o == ch || o->kind != sema::ObjectKind::Var) return;
      if (auto* d = as<DeferStmt>(parent)) signals.push_back({d, o, true});
      else if (auto* es = as<ExprStmt>(parent)) signals.push_back({es, o, false});
    }
  });
  if (signals.empty() || ch_sends.empty()) return out;
  std::vector<const sema::Object*> candidates;
  for (const Signal& s : signals)
    if (std::find(candidates.begin(), candidates.end(), s.ch) == candidates.end()) candidates.push_back(s.ch);
  const BlockStmt* body = func_body(fn);
  bool built = false;
  for (const sema::Object* o : candidates) {
    if (!o->ident || !contains(body, o->ident) || contains(lit, o->ident) || !chan_made_in(pass, fn, o)) continue;
    // Every use: the goroutine's signals, receives in fn's own frame.
    bool ok = true;
    inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
      auto* id = as<Ident>(n);
      if (!id || id == o->ident || pass.sema()->use_of(id) != o) return Visit::descend;
      const Node* parent = anc.empty() ? nullptr : anc.back();
      int lits = 0;
      bool in_lit = false;
      for (const Node* a : anc) {
        if (is<FuncLit>(a)) ++lits;
        in_lit |= a == lit;
      }
      if (in_lit && lits == 1) {
        auto* s = as<SendStmt>(parent);
        ok = (s && s->chan == id) || is_builtin_call(pass, parent, sema::Builtin::Close);
      } else {
        auto* u = as<UnaryExpr>(parent);
        ok = lits == 0 && u && u->op == Tok::ARROW;
      }
      return ok ? Visit::descend : Visit::stop;
    });
    if (!ok) continue;
    // No send on ch after a signal on o.
    if (!built) sema::build_cfg(lit->body, pass.sema(), scratch), built = true;
    auto sends_on_ch = [&](const Node* n) {
      return std::find(ch_sends.begin(), ch_sends.end(), n) != ch_sends.end();
    };
    for (const Signal& s : signals) {
      if (s.ch != o || s.deferred) continue;
      if (scratch.where(s.node).first < 0 || reaches(scratch, s.node, sends_on_ch)) ok = false;
    }
    if (ok) out.push_back(o);
  }
  return out;
}

}  // namespace gotrap::rules::support
