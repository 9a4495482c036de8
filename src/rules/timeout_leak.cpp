// timeout-leak: a goroutine blocked forever on a send to an unbuffered channel whose receiver can
// stop listening (a select on a timeout or a context, an early return), or on a receive that the
// starting function skips waking on some path.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rules/rule.h"
#include "rules/support/cfg_paths.h"
#include "facts/remote.h"
#include "facts/types.h"
#include "rules/support/facts.h"
#include "rules/support/flow.h"
#include "rules/support/goroutines.h"
#include "rules/support/walk.h"
#include "sema/cfg.h"
#include "sema/no_return.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::Visit;

const char kDoc[] = R"md(# timeout-leak

**What.** A function makes an unbuffered channel, starts a goroutine (`go func() { ... }()`) that
sends its result on it with a plain send, and then has a path from the `go` statement to its
return that never receives from the channel: the receive is one case of a `select` next to
`time.After`, `ctx.Done()`, a ticker or a quit channel, or an error path returns before it.
Reported at the goroutine's send, with the return that leaves without receiving as related
location.

The same handoff through a struct field is reported too: an unexported field whose every value
is `make(chan T)`, sent on with plain sends that run once per call, and received only as a case of
`select` statements that run once (outside loops), have no `default`, and give up on `time.After`,
a Timer's or Ticker's `C`, or `ctx.Done()` in a case that does not end the program or the test.
Once that case wins, nothing receives from the field again and the sender blocks for ever.
Reported at the first send, with the select, the other sends and the `make` as related locations;
no fix is offered (the sends may come from more than one goroutine).

The mirror image is reported too: the goroutine waits in a plain receive `<-stop` (or ranges
over the channel) for the function to send or close, and a path from the `go` statement returns
without doing so (an error path before `close(stop)`). Reported at the receive (or the range).

**Why.** On that path nobody will ever receive: the send blocks forever, and the goroutine with
everything it references (the request, the response body, buffers) is never freed. A handler that
times out under load leaks one goroutine per timed-out request until the process runs out of
memory.

```go
ch := make(chan result)
go func() { ch <- fetch(ctx, u) }()
select {
case r := <-ch:
	return r, nil
case <-time.After(time.Second):
	return result{}, errTimeout // the goroutine's send blocks forever
}
// fixed:
ch := make(chan result, 1) // the send completes even when nobody receives
```

**Fix.** Nothing for the receive side (`defer close(stop)` after the `make` is the usual
repair, but whether the goroutine may run its wake-up code on error paths is the author's call).
When the goroutine sends exactly once and the channel is made in the same function with
`make(chan T)` (or capacity 0), the fix gives it a buffer of 1. Safe: the send no longer waits for
the receiver, and the receiver still gets the value when it listens.

**Quiet when** the channel's buffer holds every send (a capacity of at least 1 with one send per
run), the goroutine sends inside a `select` (it can give up on `ctx.Done()` or a quit channel), the
channel is used in any other way (closed by the function, passed on, returned, sent to from
elsewhere, used by another literal; the goroutine closing it itself does not count, as that close
runs only after its own send), it is made elsewhere or assigned again, the `go` statement sits in a loop, or
every path from the `go` statement receives (or ends in a call that never returns: `panic`,
`t.Fatal`, `log.Fatal`, `os.Exit`, Ginkgo's `Fail`). A receive also counts when it proves the
goroutine is past its sends: a receive from another channel that only this goroutine sends on or
closes, after its last possible send on the first (`select { case err := <-errs: case <-done: }`
when the goroutine either sends its error or closes `done`), or a loop that cannot end before it
has taken the one value of each of a set of channels (`for i := 0; i < 2; i++ { select { case
<-a: case <-b: } }`, or a counter `n++` in each receiving case with every way out of the loop
under `if n == N`). The receive side is quiet when
the goroutine's receive is a `select` case or sits in a loop, the function sends or closes before
the `go` statement, in a `defer` or inside a loop, or every path sends or closes (closes, for a range).
For a field, quiet when it is used in any other way (closed, ranged over, received outside a
select, handed on, given a buffered or other value), when a send can run again in the same call (a
stream: the next call of the receiving function takes the value), when the function that selects
starts the sender itself (a value left by a timed-out call waits for the next call), or when the
select's other cases are fed by the same sender (a value and an error channel) or are a quit
channel. Fields received by one select (a value and an error) give one finding.
)md";

const RuleInfo kInfo{
    .name = "timeout-leak",
    .summary = "goroutine blocks forever sending on an unbuffered channel its receiver can stop listening to",
    .doc = kDoc,
    .severity = Severity::warning,
};

class TimeoutLeak final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;
    sema::Cfg cfg, inner;
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file) continue;
      if (!support::may_hold(file, nullptr, Kind::GoStmt) || !support::may_mention(file, nullptr, "make")) continue;
      support::inspect(file.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        if (anc.size() == 1 && (!support::may_hold(file, n, Kind::GoStmt) || !support::may_mention(file, n, "make")))
          return Visit::skip;
        auto* go = as<GoStmt>(n);
        if (!go) return Visit::descend;
        const Node* fn = support::enclosing_func(anc);
        if (fn && support::func_body(fn) && !in_loop_of(anc, fn)) check_go(pass, file, fn, go, cfg, inner);
        return Visit::descend;
      });
    }
    check_field_channels(pass);
  }

 private:
  static bool in_loop_of(std::span<const Node* const> anc, const Node* fn) {
    for (size_t i = anc.size(); i-- > 0 && anc[i] != fn;)
      if (is<ForStmt>(anc[i]) || is<RangeStmt>(anc[i])) return true;
    return false;
  }

  struct Send {
    const SendStmt* stmt;
    bool plain;  // not a select case
  };

  static void check_go(Pass& pass, const PassFile& file, const Node* fn, const GoStmt* go, sema::Cfg& cfg,
                       sema::Cfg& inner) {
    auto* lit = as<FuncLit>(support::unparen(go->call->fun));
    if (!lit || !lit->body) return;
    std::vector<Send> sends;
    support::for_each_in_frame(lit, [&](const Node* n, std::span<const Node* const> a) {
      auto* s = as<SendStmt>(n);
      if (!s) return;
      auto* cc = a.empty() ? nullptr : as<CommClause>(a.back());
      sends.push_back({s, !(cc && cc->comm == s)});
    });
    std::vector<const sema::Object*> done;
    for (const Send& s : sends) {
      if (!s.plain) continue;
      auto* id = as<Ident>(support::unparen(s.stmt->chan));
      const sema::Object* ch = id ? pass.sema()->use_of(id) : nullptr;
      if (!ch || ch->kind != sema::ObjectKind::Var) continue;
      bool repeated = false;
      for (const sema::Object* o : done) repeated |= o == ch;
      if (repeated) continue;
      done.push_back(ch);
      check_channel(pass, file, fn, go, lit, ch, sends, cfg, inner);
    }
    check_receives(pass, file, fn, go, lit, done, cfg);
  }

  // The mirror image: the goroutine waits in a plain receive (or ranges over the channel) for
  // this function to send or close, and a path from the go statement returns without doing so.
  static void check_receives(Pass& pass, const PassFile& file, const Node* fn, const GoStmt* go,
                             const FuncLit* lit, std::vector<const sema::Object*>& done, sema::Cfg& cfg) {
    struct Wait {
      const Node* at;  // the receive expression, or the range statement
      const sema::Object* ch;
      bool range;
    };
    std::vector<Wait> waits;
    support::for_each_in_frame(lit, [&](const Node* n, std::span<const Node* const> a) {
      const Node* chan_expr = nullptr;
      bool range = false;
      if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::ARROW) {
        // In a select case the goroutine has other ways out.
        for (const Node* x : a)
          if (is<CommClause>(x)) return;
        chan_expr = u->x;
      } else if (auto* r = as<RangeStmt>(n)) {
        chan_expr = r->x;
        range = true;
      }
      if (!chan_expr) return;
      if (!range && support::in_loop(a)) return;
      auto* id = as<Ident>(support::unparen(chan_expr));
      const sema::Object* ch = id ? pass.sema()->use_of(id) : nullptr;
      if (!ch || ch->kind != sema::ObjectKind::Var) return;
      const sema::Type* t = sema::underlying(ch->type);
      if (!t || !t->is(sema::TypeKind::Chan)) return;
      waits.push_back({n, ch, range});
    });
    for (const Wait& w : waits) {
      bool repeated = false;
      for (const sema::Object* o : done) repeated |= o == w.ch;
      if (repeated) continue;
      done.push_back(w.ch);
      const sema::Object* ch = w.ch;
      if (!ch->ident || ch->file() != file.parsed || !support::contains(support::func_body(fn), ch->ident) ||
          support::contains(lit, ch->ident))
        continue;
      if (!support::chan_made_in(pass, fn, ch)) continue;
      // Uses: receives in the goroutine; sends and close() in this function's own frame, after
      // the go statement and not deferred (a deferred close runs on every path).
      bool other_use = false, ranged = false;
      int wakes = 0;
      support::inspect(support::func_body(fn), [&](const Node* n, std::span<const Node* const> anc) {
        auto* id = as<Ident>(n);
        if (!id || id == ch->ident || pass.sema()->use_of(id) != ch) return Visit::descend;
        const Node* parent = anc.empty() ? nullptr : anc.back();
        bool in_goroutine = false, in_other = false, deferred = false;
        for (const Node* a : anc) {
          if (a == lit) in_goroutine = true;
          else if (is<FuncLit>(a)) in_other = true;
          if (is<DeferStmt>(a)) deferred = true;
        }
        if (in_goroutine) {
          auto* u = as<UnaryExpr>(parent);
          auto* r = as<RangeStmt>(parent);
          if (r && r->x == id) ranged = true;
          else if (!(u && u->op == Tok::ARROW)) other_use = true;
          return Visit::descend;
        }
        if (in_other || deferred || id->pos() < go->pos()) {
          other_use = true;
          return Visit::descend;
        }
        auto* send = as<SendStmt>(parent);
        auto* call = as<CallExpr>(parent);
        bool is_send = send && send->chan == id;
        bool is_close = call && call->args.size() == 1 && call->args[0] == id &&
                        is_builtin(pass, call, sema::Builtin::Close);
        // Sends feed a ranging goroutine without ending its range: only close wakes it for good.
        if (is_send && ranged) return Visit::descend;
        // A wake-up inside a loop (`if i == 0 { close(started) }`) depends on iterations the
        // graph does not count: left alone.
        if (!(is_send || is_close) || support::in_loop(anc)) other_use = true;
        else ++wakes;
        return Visit::descend;
      });
      if (other_use || wakes == 0) continue;
      auto wakes_it = [&](const Node* node) {
        bool found = false;
        support::for_each_in_cfg_node(node, [&](const Node* m) {
          auto* send = as<SendStmt>(m);
          auto* call = as<CallExpr>(m);
          const Expr* target = send ? send->chan
                               : (call && call->args.size() == 1 && is_builtin(pass, call, sema::Builtin::Close))
                                   ? call->args[0]
                                   : nullptr;
          if (ranged && send) target = nullptr;  // a range ends only when the channel is closed
          auto* id = as<Ident>(support::unparen(target));
          if (id && pass.sema()->use_of(id) == ch) found = true;
        });
        return found;
      };
      sema::build_cfg(support::func_body(fn), pass.sema(), cfg);
      support::MissingPath miss = support::path_missing(cfg, go, wakes_it);
      if (!miss.found || !valid(miss.pos)) continue;
      std::string name(ch->name);
      uint32_t line = file.parsed->lines.at(miss.pos).line;
      Finding f;
      f.path = std::string(file.path);
      f.start = w.at->pos();
      f.end = w.range ? as<RangeStmt>(w.at)->x->end() : w.at->end();
      f.message = std::string("the goroutine can block forever ") + (w.range ? "ranging over " : "receiving from ") +
                  name + ": the " + (miss.ret ? "return" : "end of the function") + " on line " +
                  std::to_string(line) + " is reached without " + (ranged ? "closing it" : "sending on or closing it") +
                  " (goroutine leak)";
      f.related.push_back({std::string(file.path), miss.pos, miss.ret ? miss.ret->end() : miss.pos + 1,
                           "returns without waking the goroutine"});
      pass.report(std::move(f));
    }
  }

  static bool is_builtin(const Pass& pass, const CallExpr* call, sema::Builtin b) {
    auto* id = as<Ident>(support::unparen(call->fun));
    const sema::Object* o = id ? pass.sema()->use_of(id) : nullptr;
    return o && o->kind == sema::ObjectKind::Builtin && o->builtin == b;
  }

  static void check_channel(Pass& pass, const PassFile& file, const Node* fn, const GoStmt* go,
                            const FuncLit* lit, const sema::Object* ch, const std::vector<Send>& all_sends,
                            sema::Cfg& cfg, sema::Cfg& inner) {
    // Made here, unbuffered, by this function (not the goroutine).
    if (!ch->ident || ch->file() != file.parsed || !support::contains(support::func_body(fn), ch->ident) ||
        support::contains(lit, ch->ident))
      return;
    auto made = support::chan_made_in(pass, fn, ch);
    if (!made || !made->capacity || *made->capacity != 0) return;
    // Every use: sends from the goroutine, receives (and len/cap) in this function's own frame.
    std::unordered_set<const Node*> range_operands;
    int receives = 0;
    bool other_use = false, len_cap = false;
    std::vector<const SendStmt*> sends;
    support::inspect(support::func_body(fn), [&](const Node* n, std::span<const Node* const> anc) {
      auto* id = as<Ident>(n);
      if (!id || id == ch->ident || pass.sema()->use_of(id) != ch) return Visit::descend;
      const Node* parent = anc.empty() ? nullptr : anc.back();
      bool in_goroutine = false, in_other_literal = false;
      for (const Node* a : anc) {
        if (a == lit) in_goroutine = true;
        else if (is<FuncLit>(a)) in_other_literal = true;
      }
      if (in_other_literal) {
        other_use = true;
      } else if (in_goroutine) {
        auto* s = as<SendStmt>(parent);
        auto* call = as<CallExpr>(parent);
        if (s && s->chan == id) sends.push_back(s);
        // The goroutine closing the channel itself (`defer close(ch)`, or after its send) never
        // wakes its own blocked send: the close runs only once the send is over.
        else if (!(call && call->args.size() == 1 && call->args[0] == id &&
                   is_builtin(pass, call, sema::Builtin::Close)))
          other_use = true;
      } else if (auto* u = as<UnaryExpr>(parent); u && u->op == Tok::ARROW) {
        ++receives;
      } else if (auto* r = as<RangeStmt>(parent); r && r->x == id) {
        ++receives;
        range_operands.insert(id);
      } else if (auto* call = as<CallExpr>(parent); call && call->args.size() == 1 && call->args[0] == id &&
                                                     is_len_or_cap(pass, call)) {
        len_cap = true;
      } else {
        other_use = true;
      }
      return Visit::descend;
    });
    if (other_use || receives == 0 || sends.empty()) return;
    // Receives that also prove the send is over: from a channel the goroutine signals on after
    // its last possible send on ch, or in a loop that drains ch with a set of one-value channels.
    std::vector<const sema::Object*> signals = support::final_signal_channels(pass, fn, lit, ch, inner);
    std::vector<const Node*> draining = support::draining_receives(pass, fn, ch, inner);
    auto proves_received = [&](const Node* m) {
      if (support::is_receive_from(pass, m, ch)) return true;
      for (const Node* d : draining)
        if (d == m) return true;
      for (const sema::Object* o : signals)
        if (support::is_receive_from(pass, m, o)) return true;
      return false;
    };
    // A path from the go statement to the return that never receives.
    sema::build_cfg(support::func_body(fn), pass.sema(), cfg);
    support::MissingPath miss = support::path_missing(cfg, go, [&](const Node* node) {
      if (range_operands.count(node)) return true;
      bool found = false;
      support::for_each_in_cfg_node(node, [&](const Node* m) { found |= proves_received(m); });
      return found;
    });
    if (!miss.found || !valid(miss.pos)) return;
    // How many sends one run of the goroutine makes: one when no send can reach another.
    sema::build_cfg(lit->body, pass.sema(), inner);
    auto is_send = [&](const Node* n) {
      for (const SendStmt* s : sends)
        if (s == n) return true;
      return false;
    };
    bool many = false;
    for (const SendStmt* s : sends) many |= support::reaches(inner, s, is_send);
    const SendStmt* first = nullptr;
    for (const Send& s : all_sends)
      if (s.plain && is_send(s.stmt) && (!first || s.stmt->pos() < first->pos())) first = s.stmt;
    if (!first) return;
    std::string name(ch->name);
    uint32_t line = file.parsed->lines.at(miss.pos).line;
    Finding f;
    f.path = std::string(file.path);
    f.start = first->pos();
    f.end = first->end();
    f.message = "the goroutine can block forever on this send: " + name + " is unbuffered and the " +
                (miss.ret ? "return" : "end of the function") + " on line " + std::to_string(line) +
                " is reached without receiving from it (goroutine leak)";
    f.related.push_back({std::string(file.path), miss.pos, miss.ret ? miss.ret->end() : miss.pos + 1,
                         "returns without receiving from " + name});
    f.related.push_back({std::string(file.path), made->make->pos(), made->make->end(), name + " is made here"});
    if (!many && sends.size() == 1 && !len_cap) {
      Fix fix{"Give " + name + " a buffer of 1", {}, FixSafety::safe};
      if (made->make->args.size() == 1) fix.edits.push_back({made->make->rparen, made->make->rparen, ", 1"});
      else fix.edits.push_back({made->make->args[1]->pos(), made->make->args[1]->end(), "1"});
      f.fixes.push_back(std::move(fix));
    }
    pass.report(std::move(f));
  }

  // A channel kept in an unexported struct field: every value it is given is `make(chan T)`, some
  // function sends on it with a plain send, and it is received only as a case of selects that run
  // once (outside loops) beside another case. Once such a select takes the other case (a timer, a
  // context, a quit channel), nothing receives from the field again and the sender blocks for ever.
  struct FieldChannel {
    bool disqualified = false;
    std::vector<std::pair<const PassFile*, const SendStmt*>> plain_sends;
    std::vector<std::pair<const PassFile*, const SelectStmt*>> selects;
    std::vector<const Node*> receiving_functions;  // the function (or literal) around each select
    std::vector<std::pair<const PassFile*, const CallExpr*>> makes;
  };

  // The select whose case `receive` (a `<-x` expression) is, or null when it is not a case.
  static const SelectStmt* select_of_case(const Node* receive, std::span<const Node* const> anc) {
    // `<-x`, `v := <-x`, `v, ok = <-x` as a case's comm: at most two levels below the clause.
    for (size_t up = 0; up < 3 && up < anc.size(); ++up) {
      const Node* a = anc[anc.size() - 1 - up];
      if (auto* cc = as<CommClause>(a)) {
        const Node* below = up == 0 ? receive : anc[anc.size() - up];
        if (cc->comm != below) return nullptr;
        return anc.size() >= up + 3 ? as<SelectStmt>(anc[anc.size() - up - 3]) : nullptr;
      }
      if (!is<ExprStmt>(a) && !is<AssignStmt>(a)) return nullptr;
    }
    return nullptr;
  }

  // An unbuffered make: `make(chan T)` or `make(chan T, 0)`.
  static const CallExpr* unbuffered_make(const Pass& pass, const Expr* e) {
    std::optional<support::ChanMake> made = support::chan_make(pass, e);
    return made && made->capacity == std::optional<int64_t>(0) ? made->make : nullptr;
  }

  static void check_field_channels(Pass& pass) {
    // The unexported channel fields the package's own struct types declare: most packages have
    // none, and only identifiers with one of these names need resolving.
    std::unordered_set<std::string_view> names;
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file || !support::may_hold(file, nullptr, Kind::ChanType)) continue;
      for (const Decl* decl : file.parsed->file->decls) {
        auto* gd = as<GenDecl>(decl);
        if (!gd || gd->tok != Tok::TYPE || !support::may_hold(file, gd, Kind::ChanType)) continue;
        support::for_each_node(gd, [&](const Node* n) {
          auto* field = as<Field>(n);
          if (!field || !is<ChanType>(support::unparen(field->type))) return;
          for (const Ident* id : field->names)
            if (!id->name.empty() && !(id->name[0] >= 'A' && id->name[0] <= 'Z')) names.insert(id->name);
        });
      }
    }
    if (names.empty()) return;
    std::unordered_map<const sema::Object*, FieldChannel> fields;
    std::vector<const sema::Object*> order;
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file) continue;
      // Only identifiers with one of the names count: declarations without any are skipped.
      auto may_use = [&](const Node* decl) {
        for (std::string_view name : names)
          if (support::may_name(file, decl, name)) return true;
        return false;
      };
      if (!may_use(nullptr)) continue;
      support::inspect(file.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        if (anc.size() == 1 && !may_use(n)) return Visit::skip;
        auto* id = as<Ident>(n);
        if (!id || anc.empty() || !names.count(id->name)) return Visit::descend;
        const sema::Object* o = pass.sema()->use_of(id);
        if (!o || !o->is_field || o->kind != sema::ObjectKind::Var || o->package() != pass.sema() ||
            o->name.empty() || (o->name[0] >= 'A' && o->name[0] <= 'Z'))
          return Visit::descend;
        const sema::Type* t = sema::underlying(o->type);
        if (!t || !t->is(sema::TypeKind::Chan)) return Visit::descend;
        auto [it, fresh] = fields.try_emplace(o);
        if (fresh) order.push_back(o);
        FieldChannel& fc = it->second;
        const Node* parent = anc.back();
        if (auto* kv = as<KeyValueExpr>(parent); kv && kv->key == id) {
          if (const CallExpr* m = unbuffered_make(pass, kv->value)) fc.makes.push_back({&file, m});
          else fc.disqualified = true;
          return Visit::descend;
        }
        auto* sel = as<SelectorExpr>(parent);
        if (!sel || sel->sel != id || anc.size() < 2) {
          fc.disqualified = true;
          return Visit::descend;
        }
        const Node* use = anc[anc.size() - 2];
        std::span<const Node* const> use_anc = anc.subspan(0, anc.size() - 2);
        if (auto* send = as<SendStmt>(use); send && send->chan == sel) {
          auto* cc = use_anc.empty() ? nullptr : as<CommClause>(use_anc.back());
          if (cc && cc->comm == send) return Visit::descend;
          // A send that can run again in the same call streams values to whoever calls the
          // receiving function next, not a single handoff.
          if (support::may_run_again(send, use_anc, pass.sema())) fc.disqualified = true;
          else fc.plain_sends.push_back({&file, send});
        } else if (auto* u = as<UnaryExpr>(use); u && u->op == Tok::ARROW && u->x == sel) {
          const SelectStmt* select = select_of_case(u, use_anc);
          if (!select || !once_with_alternative(pass, select, use_anc)) fc.disqualified = true;
          else {
            fc.selects.push_back({&file, select});
            fc.receiving_functions.push_back(support::enclosing_func(use_anc));
          }
        } else if (auto* a = as<AssignStmt>(use); a && a->lhs.size() == a->rhs.size()) {
          bool made = false;
          for (size_t i = 0; i < a->lhs.size(); ++i)
            if (a->lhs[i] == sel)
              if (const CallExpr* m = unbuffered_make(pass, a->rhs[i])) fc.makes.push_back({&file, m}), made = true;
          if (!made) fc.disqualified = true;
        } else {
          fc.disqualified = true;  // closed, ranged over, handed on, compared, measured
        }
        return Visit::descend;
      });
    }
    // One finding per select: fields it receives from together (a value and an error) share it.
    std::vector<const SelectStmt*> select_order;
    std::unordered_map<const SelectStmt*, std::vector<const sema::Object*>> fields_of;
    for (const sema::Object* o : order) {
      const FieldChannel& fc = fields[o];
      if (fc.disqualified || fc.makes.empty() || fc.plain_sends.empty() || fc.selects.empty()) continue;
      // A function that starts the sender itself and then selects hands the field over per call:
      // a value left behind by a timed-out call waits for the next call, which receives it.
      bool per_call = false;
      for (const Node* fn : fc.receiving_functions)
        for (auto [sf, send] : fc.plain_sends) per_call |= fn && support::contains(fn, send);
      if (per_call) continue;
      auto& group = fields_of[fc.selects.front().second];
      if (group.empty()) select_order.push_back(fc.selects.front().second);
      group.push_back(o);
    }
    for (const SelectStmt* select : select_order) {
      struct At {
        const sema::Object* field;
        const PassFile* file;
        const SendStmt* send;
      };
      std::vector<At> sends;
      for (const sema::Object* o : fields_of[select])
        for (auto [sf, send] : fields[o].plain_sends) sends.push_back({o, sf, send});
      std::stable_sort(sends.begin(), sends.end(), [](const At& a, const At& b) {
        return a.file->path != b.file->path ? a.file->path < b.file->path : a.send->pos() < b.send->pos();
      });
      const At& first = sends.front();
      const FieldChannel& fc = fields[first.field];
      std::string name(first.field->name);
      const PassFile* select_file = fc.selects.front().first;
      uint32_t line = select_file->parsed->lines.at(select->pos()).line;
      Finding f;
      f.path = std::string(first.file->path);
      f.start = first.send->pos();
      f.end = first.send->end();
      f.message = "this send can block forever: " + name + " is unbuffered, and it is received only in a select "
                  "that runs once and gives up on a timer or a context (line " + std::to_string(line) +
                  "); after that nothing receives from it, and the sending goroutine leaks";
      for (auto [sf, s] : fc.selects)
        f.related.push_back({std::string(sf->path), s->pos(), s->pos() + 6, "the only receive of " + name + " is a case of this select"});
      for (size_t i = 1; i < sends.size(); ++i) {
        std::string other(sends[i].field->name);
        f.related.push_back({std::string(sends[i].file->path), sends[i].send->pos(), sends[i].send->end(),
                             other == name ? "another send on " + name : "a send on " + other + ", received by the same select"});
      }
      for (const sema::Object* o : fields_of[select])
        for (auto [mf, m] : fields[o].makes)
          f.related.push_back({std::string(mf->path), m->pos(), m->end(), std::string(o->name) + " is made here, without a buffer"});
      pass.report(std::move(f));
    }
  }

  // The select runs at most once per call (no loop of its function around it), has no `default`,
  // and gives up on a timer or a context (`time.After`, a Timer's or Ticker's C, `ctx.Done()`) in
  // a case that does not end the program or test (`t.Fatal`, `panic`, `os.Exit`). Another case
  // fed by the same sender (a result and an error channel) or a quit channel closed at shutdown
  // is not taken for a timeout.
  static bool once_with_alternative(const Pass& pass, const SelectStmt* select, std::span<const Node* const> anc) {
    for (size_t i = anc.size(); i-- > 0;) {
      if (is<FuncLit>(anc[i]) || is<FuncDecl>(anc[i])) break;
      if (is<ForStmt>(anc[i]) || is<RangeStmt>(anc[i])) return false;
    }
    if (!select->body) return false;
    bool gives_up = false;
    for (const Stmt* c : select->body->list) {
      auto* cc = as<CommClause>(c);
      if (!cc) continue;
      if (!cc->comm) return false;  // a default: the select is a poll, whoever calls it may poll again
      if (!is_timeout_receive(pass, cc->comm)) continue;
      bool ends_run = false;
      for (const Stmt* st : cc->body)
        if (auto* es = as<ExprStmt>(st)) ends_run |= sema::is_no_return_call(es->x, pass.sema());
      if (!ends_run) gives_up = true;
    }
    return gives_up;
  }

  // `<-time.After(d)`, `<-t.C` of a time.Timer or Ticker, `<-ctx.Done()`, as a case's comm.
  static bool is_timeout_receive(const Pass& pass, const Stmt* comm) {
    const Expr* e = nullptr;
    if (auto* es = as<ExprStmt>(comm)) e = es->x;
    else if (auto* a = as<AssignStmt>(comm); a && a->rhs.size() == 1) e = a->rhs[0];
    auto* u = as<UnaryExpr>(support::unparen(e));
    if (!u || u->op != Tok::ARROW) return false;
    const Expr* ch = support::unparen(u->x);
    if (auto* call = as<CallExpr>(ch))
      return facts::calls_package_func(pass.sema(), call, "time", {"After"}) ||
             facts::calls_package_func(pass.sema(), call, "context", {"Done"});
    if (auto* sel = as<SelectorExpr>(ch); sel && sel->sel->name == "C") {
      std::string_view type = facts::value_type_name(pass.sema(), sel->x);
      return facts::value_type_package(pass.sema(), sel->x) == "time" && (type == "Timer" || type == "Ticker");
    }
    return false;
  }

  static bool is_len_or_cap(const Pass& pass, const CallExpr* call) {
    auto* id = as<Ident>(support::unparen(call->fun));
    const sema::Object* o = id ? pass.sema()->use_of(id) : nullptr;
    return o && o->kind == sema::ObjectKind::Builtin &&
           (o->builtin == sema::Builtin::Len || o->builtin == sema::Builtin::Cap);
  }
};

}  // namespace

const Rule* timeout_leak_rule() {
  static const TimeoutLeak rule;
  return &rule;
}

}  // namespace gotrap::rules
