// timer-leak: timers and tickers that outlive their use: time.Tick in code that returns,
// time.NewTicker/NewTimer never stopped, and time.After in a select inside a loop. Version-aware:
// from Go 1.23 unreferenced timers are collected, which makes most of these harmless.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/facts.h"
#include "rules/support/flow.h"
#include "rules/support/imports.h"
#include "rules/support/timers.h"
#include "rules/support/walk.h"
#include "sema/cfg.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::TimeCall;

const RuleInfo kInfo{
    .name = "timer-leak",
    .summary = "time.Tick in code that returns, a ticker or timer never stopped, or time.After in "
               "a select inside a loop",
    .doc = R"md(# timer-leak

**What.** Five shapes, each judged at the Go version of its file:

- `time.Tick(d)` in a function that can return (outside package `main` and tests): nothing can
  stop the ticker it starts.
- `t := time.NewTicker(d)` in a function that can return, where `t` is never stopped, never
  handed to other code and never used by a function literal.
- `t := time.NewTimer(d)` received from in a `select` and never stopped: when another case wins,
  the timer is abandoned before it fires.
- `case <-time.After(d):` in a `select` inside a loop whose other cases (or `default`) let the
  loop go round again: every iteration starts a new timer.
- Below Go 1.23, `case <-time.After(d):` in a `select` inside a loop where the timer's case goes
  round and another case ends the loop (returns, breaks out by label, or ends it through the
  loop's own exit): a wait between attempts that a stop channel or a context cuts short. When the
  other case wins, the pending timer cannot be stopped and stays in memory until `d` has passed
  (a backoff or polling interval, often minutes): every call that ends this way leaves one behind.

**Why.** Before Go 1.23 the runtime keeps every started timer until it fires, and a ticker until
it is stopped, whether or not anything still references it: `time.Tick` in a function that
returns, or an unstopped ticker, leaks a ticker that fires forever; `time.After` in a busy loop
piles up one timer (and channel) per iteration until each fires. Go 1.23 made unreferenced timers
and tickers collectable, for every program whose main module says `go 1.23` or later; a module
at `go 1.23` can only be built into such programs. What still holds there: the loop still
allocates a new timer and channel on every iteration, and a ticker keeps firing for as long as
something references it.

```go
for {
	select {
	case m := <-msgs:
		handle(m)
	case <-time.After(time.Minute): // one timer per message
		return errIdle
	}
}
// fixed:
timer := time.NewTimer(time.Minute)
defer timer.Stop()
for {
	timer.Reset(time.Minute)
	select {
	case m := <-msgs:
		handle(m)
	case <-timer.C:
		return errIdle
	}
}
```

**Fix.** For `time.After` in a select that is a statement of a loop body not nested in another
loop, with a duration built from constants and variables the function never changes: hoist a
`timer := time.NewTimer(d)` with `defer timer.Stop()` before the loop, reset it before the select
and receive from `timer.C`. From Go 1.23 `timer.Reset(d)` suffices and the fix is safe; below,
the fix first stops and drains the timer (`if !timer.Stop() { select { case <-timer.C: default: }
}`), which can race with a timer firing at that instant, so it is marked unsafe. For an unstopped
ticker or timer outside loops: `defer t.Stop()` after its creation (safe).

**Quiet when** the file is at `go 1.23` or later, except the loop case when another case receives
a value (`case m := <-msgs`, a message loop) or the select has a `default` (a spinning loop): it
is reported there as per-iteration allocation; a case on a context's `Done()` does not keep a loop
busy (it fires when the loop should end), nor does a case that ends the loop through its own exit
(it writes a variable the loop condition reads, or closes the channel the loop ranges over); in tests and test support (a package named for tests,
or a file importing `testing`); the function never returns (`for range time.Tick(d)` with no way out, a server loop):
its ticker is in use for the life of the program (a `for range` over `time.Tick` or over a
ticker's `C` never ends); in package `main` for `time.Tick`;
the ticker or timer is stopped anywhere in the function, or handed on (returned, stored, passed,
used inside a function literal or goroutine); `time.After` is the select's only case; from Go 1.23,
the select's other cases all leave the loop (at most one timer is pending at a time, and it is
collected once the loop lets go of it).
)md",
    .severity = Severity::warning,
};

// The whitespace before `pos` when only whitespace precedes it on its line; nullopt otherwise.
std::optional<std::string_view> line_indent(std::string_view text, Pos pos) {
  if (!valid(pos) || pos > text.size()) return std::nullopt;
  size_t bol = text.rfind('\n', pos == 0 ? 0 : pos - 1);
  bol = (pos == 0 || bol == std::string_view::npos) ? 0 : bol + 1;
  if (bol > pos) bol = pos;
  std::string_view before = text.substr(bol, pos - bol);
  if (before.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
  return before;
}

// `<-x` where x is `call`: the receive, and the statement holding it as a select case.
struct SelectCase {
  const CommClause* clause = nullptr;
  const SelectStmt* select = nullptr;
  size_t select_depth = 0;  // index of the select in the ancestors
};

std::optional<SelectCase> receive_case(const Node* received, std::span<const Node* const> anc) {
  size_t n = anc.size();
  if (n < 5) return std::nullopt;
  auto* u = as<UnaryExpr>(anc[n - 1]);
  if (!u || u->op != Tok::ARROW || u->x != received) return std::nullopt;
  const Node* stmt = anc[n - 2];
  if (auto* es = as<ExprStmt>(stmt); !(es && es->x == u)) {
    auto* a = as<AssignStmt>(stmt);
    if (!a || a->rhs.size() != 1 || a->rhs[0] != u) return std::nullopt;
  }
  auto* clause = as<CommClause>(anc[n - 3]);
  if (!clause || clause->comm != stmt || !is<BlockStmt>(anc[n - 4])) return std::nullopt;
  auto* select = as<SelectStmt>(anc[n - 5]);
  if (!select) return std::nullopt;
  return SelectCase{clause, select, n - 5};
}

// The clause's own statements may end the loop (return, a no-return call, a labelled break or a
// goto): then it starts no further iteration.
bool clause_leaves(const CommClause* c, const sema::PackageInfo* info) {
  if (c->body.empty()) return false;
  const Stmt* last = c->body.back();
  if (support::is_terminating(last, info)) return true;
  if (auto* b = as<BranchStmt>(last)) return b->tok == Tok::GOTO || (b->tok == Tok::BREAK && b->label);
  return false;
}

bool clause_continues(const CommClause* c) {
  if (c->body.empty()) return false;
  auto* b = as<BranchStmt>(c->body.back());
  return b && b->tok == Tok::CONTINUE && !b->label;
}

class TimerLeak final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file || file.is_test || support::is_test_support(file)) continue;
      if (!support::imports_path_any_name(file, "time")) continue;
      support::ImportNames imports(file.parsed->file);
      bool main_package = file.parsed->file->name && file.parsed->file->name->name == "main";
      for (const Decl* decl : file.parsed->file->decls) {
        auto* fd = as<FuncDecl>(decl);
        if (!fd || !fd->body) continue;
        if (!support::may_mention(file, fd, "Tick") && !support::may_mention(file, fd, "After") &&
            !support::may_mention(file, fd, "Timer"))
          continue;
        support::DeclaredNames locals(fd);
        support::Resolver r{&imports, pass.sema(), &locals};
        FuncState state{pass, file, r, fd, main_package};
        support::inspect(fd, [&](const Node* n, std::span<const Node* const> anc) {
          if (auto* call = as<CallExpr>(n)) visit_call(state, call, anc);
          return support::Visit::descend;
        });
      }
    }
  }

 private:
  struct FuncState {
    Pass& pass;
    const PassFile& file;
    const support::Resolver& r;
    const FuncDecl* fd;
    bool main_package;
    std::unordered_map<const Node*, bool> returns{};  // per FuncDecl/FuncLit: can it return?
  };

  static bool function_returns(FuncState& st, const Node* fn) {
    auto it = st.returns.find(fn);
    if (it != st.returns.end()) return it->second;
    sema::Cfg cfg = sema::build_cfg(support::func_body(fn), st.pass.sema());
    bool answer = support::can_return(cfg, [&](const RangeStmt* rs) {
      if (support::classify_time_call(st.r, rs->x) == TimeCall::tick) return true;
      // `for range t.C` over a ticker's or timer's channel: nothing ever closes it.
      auto* sel = as<SelectorExpr>(support::unparen(rs->x));
      if (!sel || sel->sel->name != "C") return false;
      const sema::Type* t = support::type_of(st.pass, sel->x);
      return support::is_named(t, "time", "Ticker") || support::is_named(t, "time", "Timer");
    });
    st.returns.emplace(fn, answer);
    return answer;
  }

  static bool is_main_func(const FuncState& st, const Node* fn) {
    return st.main_package && fn == st.fd && !st.fd->recv && st.fd->name && st.fd->name->name == "main";
  }

  static void visit_call(FuncState& st, const CallExpr* call, std::span<const Node* const> anc) {
    TimeCall kind = support::classify_time_call(st.r, call);
    if (kind == TimeCall::none || kind == TimeCall::after_func) return;
    const Node* fn = support::enclosing_func(anc);
    if (!fn) return;
    bool new_timers = support::unreferenced_timers_collected(st.file.go_version);
    switch (kind) {
      case TimeCall::tick:
        if (new_timers || st.main_package) return;
        if (!function_returns(st, fn)) return;
        st.pass.report(st.file, call->pos(), call->end(),
                       "time.Tick starts a ticker nothing can stop, and before Go 1.23 it is never "
                       "garbage collected: this function returns, so each call leaks a ticker that "
                       "keeps firing; use time.NewTicker and defer its Stop");
        return;
      case TimeCall::after: check_after(st, call, anc, fn, new_timers); return;
      case TimeCall::new_ticker:
      case TimeCall::new_timer:
        if (new_timers) return;
        check_unstopped(st, call, anc, fn, kind);
        return;
      default: return;
    }
  }

  static void check_after(FuncState& st, const CallExpr* call, std::span<const Node* const> anc,
                          const Node* fn, bool new_timers) {
    auto sc = receive_case(call, anc);
    if (!sc) return;
    auto sel_anc = anc.subspan(0, sc->select_depth);
    const Node* loop = support::enclosing_loop(sel_anc);
    if (!loop) return;
    const sema::PackageInfo* info = st.pass.sema();
    bool select_loops = support::may_run_again(sc->select, sel_anc, info);
    // Another case keeps the loop going round while the timer is pending; from Go 1.23 only a
    // case that hands over values (a message loop) or a default (a spinning loop) makes the
    // per-iteration timers a cost worth reporting.
    bool busy = false;
    for (const Stmt* c : sc->select->body->list) {
      auto* cc = as<CommClause>(c);
      if (!cc || cc == sc->clause) continue;
      if (clause_leaves(cc, info) || receives_done(st, cc) || ends_loop(st, cc, loop)) continue;
      if (!clause_continues(cc) && !select_loops) continue;
      if (!new_timers || !cc->comm || receives_value(cc)) busy = true;
    }
    // Below Go 1.23, a wait between iterations that another case cuts short: that case leaves the
    // loop while the timer just started is pending, and nothing can stop it.
    const CommClause* abandons = nullptr;
    if (!busy && !new_timers && !clause_leaves(sc->clause, info) && !ends_loop(st, sc->clause, loop)) {
      for (const Stmt* c : sc->select->body->list) {
        auto* cc = as<CommClause>(c);
        if (!cc || cc == sc->clause || !cc->comm) continue;
        if (clause_leaves(cc, info) || ends_loop(st, cc, loop)) {
          abandons = cc;
          break;
        }
      }
    }
    if (!busy && !abandons) return;
    std::string d = call->args.empty() ? std::string() : std::string(support::node_text(st.file.text, call->args[0]));
    Finding f;
    f.path = std::string(st.file.path);
    f.start = call->pos();
    f.end = call->end();
    if (abandons) {
      uint32_t line = st.file.parsed->lines.at(abandons->pos()).line;
      f.message = "time.After in a select inside a loop starts a timer nothing can stop: when the "
                  "case on line " + std::to_string(line) + " ends the loop first, before Go 1.23 "
                  "that timer stays in memory until it fires (after " + d + "); use one "
                  "time.NewTimer and Stop it when the loop ends";
      f.related.push_back({std::string(st.file.path), abandons->pos(), abandons->pos() + 4,
                           "this case ends the loop while the timer is pending"});
    } else if (new_timers) {
      f.message = "time.After in a select inside a loop allocates a new timer and channel on every "
                  "iteration (since Go 1.23 they are collected once unreferenced, so this is churn, "
                  "not a leak); create one time.NewTimer before the loop and Reset it";
    } else {
      f.message = "time.After in a select inside a loop starts a new timer on every iteration, and "
                  "before Go 1.23 each one stays in memory until it fires (after " + d +
                  "): while the other cases keep the loop busy the timers pile up; create one "
                  "time.NewTimer before the loop and Reset it";
    }
    if (auto fix = hoist_fix(st, call, anc, *sc, loop, fn, new_timers)) f.fixes.push_back(std::move(*fix));
    st.pass.report(std::move(f));
  }

  // `case <-ctx.Done():` on a context.Context: it fires once, when the loop should end anyway.
  static bool receives_done(const FuncState& st, const CommClause* cc) {
    const Expr* x = nullptr;
    if (auto* es = as<ExprStmt>(cc->comm)) x = es->x;
    else if (auto* a = as<AssignStmt>(cc->comm); a && a->rhs.size() == 1) x = a->rhs[0];
    auto* u = as<UnaryExpr>(support::unparen(x));
    auto* call = u && u->op == Tok::ARROW ? as<CallExpr>(support::unparen(u->x)) : nullptr;
    auto* sel = call ? as<SelectorExpr>(support::unparen(call->fun)) : nullptr;
    if (!sel || sel->sel->name != "Done" || !call->args.empty()) return false;
    return support::is_named(support::type_of(st.pass, sel->x), "context", "Context");
  }

  // The clause ends its loop through the loop's own exit: it writes a variable the loop's
  // condition reads (`case errc = <-quit:`, `finished = true`), or closes the channel the loop
  // ranges over. Variables compared by resolution.
  static bool ends_loop(const FuncState& st, const CommClause* cc, const Node* loop) {
    const sema::PackageInfo* info = st.pass.sema();
    if (!info) return false;
    std::vector<const sema::Object*> cond_vars;
    const sema::Object* ranged = nullptr;
    if (auto* f = as<ForStmt>(loop)) {
      support::for_each_node(f->cond, [&](const Node* n) {
        if (auto* id = as<Ident>(n))
          if (const sema::Object* o = info->use_of(id); o && o->kind == sema::ObjectKind::Var) cond_vars.push_back(o);
      });
    } else if (auto* r = as<RangeStmt>(loop)) {
      if (auto* id = as<Ident>(support::unparen(r->x))) ranged = info->use_of(id);
      if (auto* sel = as<SelectorExpr>(support::unparen(r->x))) ranged = info->use_of(sel->sel);
    }
    bool ends = false;
    auto writes_cond = [&](const Expr* e) {
      auto* id = as<Ident>(support::unparen(e));
      const sema::Object* o = id ? info->use_of(id) : nullptr;
      for (const sema::Object* v : cond_vars) ends |= o && o == v;
    };
    auto check = [&](const Node* n) {
      if (auto* a = as<AssignStmt>(n); a && a->tok == Tok::ASSIGN)
        for (const Expr* l : a->lhs) writes_cond(l);
      if (auto* call = as<CallExpr>(n); call && ranged && call->args.size() == 1) {
        auto* fun = as<Ident>(support::unparen(call->fun));
        const sema::Object* f = fun ? info->use_of(fun) : nullptr;
        const Expr* arg = support::unparen(call->args[0]);
        const Ident* target = as<Ident>(arg);
        if (auto* sel = as<SelectorExpr>(arg)) target = sel->sel;
        if (f && f->builtin == sema::Builtin::Close && target && info->use_of(target) == ranged) ends = true;
      }
    };
    support::for_each_node(cc->comm, check);
    for (const Stmt* s : cc->body) support::for_each_node(s, check);
    return ends;
  }

  // `case v := <-ch:` / `case v, ok = <-ch:`: the case hands over a value.
  static bool receives_value(const CommClause* cc) {
    auto* a = as<AssignStmt>(cc->comm);
    if (!a || a->lhs.empty()) return false;
    auto* id = as<Ident>(a->lhs[0]);
    return !id || id->name != "_";
  }

  // Hoists `timer := time.NewTimer(d)` before the loop and resets it before the select.
  static std::optional<Fix> hoist_fix(FuncState& st, const CallExpr* call, std::span<const Node* const> anc,
                                      const SelectCase& sc, const Node* loop, const Node* fn,
                                      bool new_timers) {
    if (call->args.size() != 1) return std::nullopt;
    // The select is a statement of the loop's own body, and the loop is in no other loop of
    // this function (the deferred Stop runs once).
    size_t i = sc.select_depth;
    if (i < 2 || anc[i - 1] != support::loop_body(loop) || anc[i - 2] != loop) return std::nullopt;
    if (support::enclosing_loop(anc.subspan(0, i - 2))) return std::nullopt;
    // The whole statement that starts the loop (its label, when it has one).
    const Node* loop_stmt = loop;
    if (i >= 3 && is<LabeledStmt>(anc[i - 3])) loop_stmt = anc[i - 3];
    // Only one time.After in the loop: one hoisted timer.
    int afters = 0;
    support::for_each_node(loop, [&](const Node* n) {
      if (auto* c = as<CallExpr>(n); c && support::classify_time_call(st.r, c) == TimeCall::after) ++afters;
    });
    if (afters != 1) return std::nullopt;
    if (!support::is_invariant_in(st.pass, fn, loop, call->args[0])) return std::nullopt;
    // A fresh name: `timer` must not be in use anywhere in the function.
    bool taken = false;
    support::for_each_node(st.fd, [&](const Node* n) {
      if (auto* id = as<Ident>(n)) taken |= id->name == "timer";
    });
    if (taken) return std::nullopt;
    // The new lines go at the start of the loop statement's line (a label's, at column 0 as
    // gofmt puts labels), indented as the `for` itself.
    auto label_indent = line_indent(st.file.text, loop_stmt->pos());
    auto loop_indent = line_indent(st.file.text, loop->pos());
    auto select_indent = line_indent(st.file.text, sc.select->pos());
    if (!label_indent || !loop_indent || !select_indent) return std::nullopt;
    Pos line_start = Pos(loop_stmt->pos() - label_indent->size());
    auto* fun = as<SelectorExpr>(support::unparen(call->fun));
    if (!fun) return std::nullopt;
    std::string pkg(support::node_text(st.file.text, fun->x));
    std::string d(support::node_text(st.file.text, call->args[0]));
    std::string li(*loop_indent), si(*select_indent);
    Fix fix;
    fix.message = "Hoist one timer out of the loop and reset it before the select";
    fix.safety = new_timers ? FixSafety::safe : FixSafety::unsafe;
    fix.edits.push_back({line_start, line_start,
                         li + "timer := " + pkg + ".NewTimer(" + d + ")\n" + li + "defer timer.Stop()\n"});
    std::string reset;
    if (!new_timers) {
      reset += "if !timer.Stop() {\n" + si + "\tselect {\n" + si + "\tcase <-timer.C:\n" + si +
               "\tdefault:\n" + si + "\t}\n" + si + "}\n" + si;
    }
    reset += "timer.Reset(" + d + ")\n" + si;
    fix.edits.push_back({sc.select->pos(), sc.select->pos(), reset});
    fix.edits.push_back({call->pos(), call->end(), "timer.C"});
    return fix;
  }

  // `t := time.NewTicker(d)` / `time.NewTimer(d)` into a local never stopped nor handed on.
  static void check_unstopped(FuncState& st, const CallExpr* call, std::span<const Node* const> anc,
                              const Node* fn, TimeCall kind) {
    if (anc.empty() || !st.pass.sema()) return;
    const Ident* var = nullptr;
    const Node* stmt = nullptr;
    size_t stmt_depth = 0;
    if (auto* a = as<AssignStmt>(anc.back())) {
      if (a->lhs.size() != 1 || a->rhs.size() != 1 || a->rhs[0] != call) return;
      var = as<Ident>(a->lhs[0]);
      stmt = a, stmt_depth = anc.size() - 1;
    } else if (auto* v = as<ValueSpec>(anc.back())) {
      if (v->names.size() != 1 || v->values.size() != 1 || anc.size() < 3) return;
      var = v->names[0];
      stmt = anc[anc.size() - 3], stmt_depth = anc.size() - 3;
      if (!is<DeclStmt>(stmt)) return;
    }
    if (!var || var->name == "_") return;
    const sema::Object* obj = st.pass.sema()->object_of(var);
    if (!obj || obj->kind != sema::ObjectKind::Var || obj->package_level || !obj->ident ||
        !support::contains(fn, obj->ident))
      return;
    bool handed_on = false, stopped = false, raced = false;
    support::inspect(st.fd, [&](const Node* n, std::span<const Node* const> a) {
      auto* id = as<Ident>(n);
      if (!id || id == obj->ident || st.pass.sema()->object_of(id) != obj) return support::Visit::descend;
      if (support::enclosing_func(a) != fn) {
        handed_on = true;
        return support::Visit::stop;
      }
      auto* sel = a.empty() ? nullptr : as<SelectorExpr>(a.back());
      if (!sel || sel->x != id) {
        handed_on = true;
        return support::Visit::stop;
      }
      std::string_view field = sel->sel->name;
      if (field == "Stop") stopped = true;
      else if (field == "C") raced |= receive_case(sel, a.subspan(0, a.size() - 1)).has_value();
      else if (field != "Reset") handed_on = true;
      return support::Visit::descend;
    });
    if (handed_on || stopped) return;
    if (kind == TimeCall::new_timer && !raced) return;
    if (is_main_func(st, fn) || !function_returns(st, fn)) return;
    std::string name(var->name);
    Finding f;
    f.path = std::string(st.file.path);
    f.start = stmt->pos();
    f.end = stmt->end();
    if (kind == TimeCall::new_ticker) {
      f.message = "ticker " + name + " is never stopped: before Go 1.23 a ticker that is not stopped "
                  "is never garbage collected and fires forever, so every return of this function "
                  "leaks one; defer " + name + ".Stop()";
    } else {
      f.message = "timer " + name + " is never stopped: when the select takes another case, before Go "
                  "1.23 the timer stays in memory until it fires; defer " + name + ".Stop()";
    }
    bool in_loop = support::enclosing_loop(anc.subspan(0, stmt_depth)) != nullptr;
    const Node* parent = stmt_depth > 0 ? anc[stmt_depth - 1] : nullptr;
    bool in_list = is<BlockStmt>(parent) || is<CaseClause>(parent) || is<CommClause>(parent);
    if (!in_loop && in_list) {
      if (auto edit = defer_stop_edit(st.file.text, stmt, name)) {
        f.fixes.push_back(Fix{"Stop the " + std::string(kind == TimeCall::new_ticker ? "ticker" : "timer") +
                                  " when the function returns",
                              {*edit}, FixSafety::safe});
      }
    }
    st.pass.report(std::move(f));
  }

  // `defer name.Stop()` on a new line after the statement, when the statement has its line.
  static std::optional<Edit> defer_stop_edit(std::string_view text, const Node* stmt, const std::string& name) {
    auto indent = line_indent(text, stmt->pos());
    Pos end = stmt->end();
    if (!indent || !valid(end) || end > text.size()) return std::nullopt;
    size_t eol = text.find('\n', end);
    if (eol == std::string_view::npos) return std::nullopt;
    std::string_view rest = text.substr(end, eol - end);
    size_t code = rest.find_first_not_of(" \t\r");
    if (code != std::string_view::npos && rest.substr(code, 2) != "//") return std::nullopt;
    size_t at = eol > end && text[eol - 1] == '\r' ? eol - 1 : eol;
    return Edit{uint32_t(at), uint32_t(at), "\n" + std::string(*indent) + "defer " + name + ".Stop()"};
  }
};

}  // namespace

const Rule* timer_leak_rule() {
  static const TimerLeak rule;
  return &rule;
}

}  // namespace gotrap::rules
