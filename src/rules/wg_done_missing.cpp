// wg-done-missing: a goroutine (or a function handed a WaitGroup) with a path that ends without
// calling Done.
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rules/rule.h"
#include "rules/support/cfg_paths.h"
#include "rules/support/facts.h"
#include "rules/support/goroutines.h"
#include "rules/support/line_edits.h"
#include "rules/support/walk.h"
#include "sema/cfg.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::Visit;
using support::WgMethod;

// True when `node` refers to the WaitGroup `wg` anywhere inside (a Done, a deferred literal
// calling it, handing it on); with `skip_waits`, a Wait on it does not count.
bool mentions_wait_group(const Pass& pass, const Node* node, const Expr* wg, bool skip_waits = false) {
  bool found = false;
  support::inspect(node, [&](const Node* m, std::span<const Node* const>) {
    if (skip_waits) {
      support::WgCall c = support::wait_group_call(pass, m);
      if (c.method == WgMethod::wait && support::same_variable_ref(pass, c.recv, wg)) return Visit::skip;
    }
    if ((is<Ident>(m) || is<SelectorExpr>(m) || is<UnaryExpr>(m) || is<StarExpr>(m)) &&
        support::same_variable_ref(pass, m, wg))
      found = true;
    return found ? Visit::stop : Visit::descend;
  });
  return found;
}

const char kDoc[] = R"md(# wg-done-missing

**What.** A goroutine (a `go func(){...}()` literal, or a function of the package that a `go`
statement runs), or a function handed a `*sync.WaitGroup` parameter, releases its count
with a `wg.Done()` call (plain, or deferred late), but some path through it returns
without reaching one: an early `return` on an error path before the `Done`, a `Done` inside an
`if`. Reported at the first such `return` (or at the closing brace the path falls off), with the
`Done` call as related location. Paths that panic or call `os.Exit`/`log.Fatal` do not count.

Also reported, at the `Add`: `wg.Add(n)` with a constant `n` on a WaitGroup of the function,
and a path from it to `wg.Wait()` that starts fewer than `n` goroutines releasing it once each
(or calls `Done` fewer times), e.g. the second goroutine started only under an `if`.

Also reported, at the `Add`: `wg.Add(1)` followed by the `go` statement (or the call handed a
function literal) whose literal calls `Done`, and a path from the `Add` that comes round to it
again or reaches `wg.Wait()` without mentioning the WaitGroup (a `continue` on an error before the
`go` statement); or the literal handed to a call whose last result is a `bool` or an `error`
(a pool that can refuse the task) whose answer is dropped or returned as it is. Quiet when the
go statement sits in another loop than the `Add` (one count for many goroutines, or many counts
for one), a deferred call mentions the WaitGroup, the `Wait` is deferred, the answer is tested,
or the path leaves through a `switch` without `default` whose every case starts a releaser.

**Why.** The count taken by `wg.Add` for this goroutine is never given back on that path, so
`wg.Wait()` blocks forever: the caller hangs (a server request, a shutdown), and everything it
holds leaks with it.

```go
go func() {
	res, err := fetch(u)
	if err != nil {
		return // wg.Done() is skipped: Wait never returns
	}
	out <- res
	wg.Done()
}()
// fixed:
go func() {
	defer wg.Done()
	res, err := fetch(u)
	if err != nil {
		return
	}
	out <- res
}()
```

**Fix.** None for the `Add(n)` count. When `Done` is called exactly once, as the last statement of the function, the fix
replaces it with `defer wg.Done()` at the top. Safe when the function defers nothing else (then
the order of deferred calls cannot change); unsafe otherwise.

**Quiet when** `Done` is deferred, the function also calls `Add` or `Wait` on that WaitGroup (it
keeps its own count), a `Done` sits in a loop (one per item, not per goroutine), the WaitGroup is
declared in the function itself, the function is a literal handed to another call (a callback
runs once per event) or a method releasing its receiver's WaitGroup (the type's own protocol),
the goroutine is started in a loop while the WaitGroup's only `Add` outside that loop takes a
constant (one count for many goroutines: not a per-goroutine count),
every path mentions the WaitGroup in some way (passes it on,
defers a literal that calls `Done`), or sema does not know the type as `sync.WaitGroup`. The `Add(n)` count is checked only when
every use of the WaitGroup is countable: one `Add` and one `Wait` outside loops, `Done` calls and
`go` statements outside loops whose goroutine calls `Done` exactly once; a path that returns
before `Wait` does not count.
)md";

const RuleInfo kInfo{
    .name = "wg-done-missing",
    .summary = "a goroutine's path returns without WaitGroup.Done, so Wait blocks forever",
    .doc = kDoc,
    .severity = Severity::error,
};

class WgDoneMissing final : public Rule {
 public:
  using GoBodies = std::unordered_set<const Node*>;
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;
    sema::Cfg cfg;
    // Functions of the package that go statements run: their count is a goroutine's.
    GoBodies go_bodies;
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file || !support::may_hold(file, nullptr, Kind::GoStmt)) continue;
      for (const Decl* decl : file.parsed->file->decls) {
        if (!support::may_hold(file, decl, Kind::GoStmt)) continue;
        support::for_each_node(decl, [&](const Node* n) {
          if (auto* go = as<GoStmt>(n))
            if (const Node* body = support::goroutine_body(pass, go); is<FuncDecl>(body)) go_bodies.insert(body);
        });
      }
    }
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file) continue;
      if (!support::may_mention(file, nullptr, "Done")) continue;
      support::inspect(file.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        if (anc.size() == 1 && !support::may_mention(file, n, "Done")) return Visit::skip;
        if ((is<FuncDecl>(n) || is<FuncLit>(n)) && support::func_body(n)) {
          check_func(pass, file, n, anc, cfg, go_bodies);
          check_add_count(pass, file, n, cfg);
          check_add_release(pass, file, n, cfg);
        }
        return Visit::descend;
      });
    }
  }

 private:
  // For a go statement with these ancestors inside a loop: whether the WaitGroup's count is
  // taken per goroutine. An Add inside the loop says so; a constant Add outside it (wgOne.Add(1)
  // for a hundred goroutines of which one calls Done) says the count is something else.
  static bool counts_each_goroutine(const Pass& pass, std::span<const Node* const> go_anc, const Expr* wg) {
    const Node* loop = support::enclosing_loop(go_anc);
    const Node* outer = support::enclosing_func(go_anc);
    if (!loop || !outer) return true;
    bool inside = false, constant_outside = false;
    support::for_each_in_frame(outer, [&](const Node* n, std::span<const Node* const>) {
      support::WgCall c = support::wait_group_call(pass, n);
      if (c.method != WgMethod::add || !support::same_variable_ref(pass, c.recv, wg)) return;
      if (support::contains(loop, c.call)) inside = true;
      else if (c.call->args.size() == 1 && support::const_int(pass, c.call->args[0])) constant_outside = true;
    });
    return inside || !constant_outside;
  }

  // How many Done calls a goroutine body makes on the WaitGroup `wg` refers to (resolved through
  // the parameter it is handed as, for a declared function): 1 when exactly one, outside loops,
  // plain or deferred; nullopt when anything else.
  static std::optional<int> releases_of(const Pass& pass, const Node* body_fn, const GoStmt* go,
                                        const sema::Object* wg) {
    const sema::Object* target = wg;
    if (auto* fd = as<FuncDecl>(body_fn)) {
      // `go worker(&wg)`: the parameter at the argument's index.
      target = nullptr;
      size_t index = 0;
      for (const Expr* a : go->call->args) {
        auto* u = as<UnaryExpr>(support::unparen(a));
        auto* id = u && u->op == Tok::AND ? as<Ident>(support::unparen(u->x)) : nullptr;
        if (id && pass.sema()->use_of(id) == wg) break;
        ++index;
      }
      if (index >= go->call->args.size() || !fd->type->params) return std::nullopt;
      size_t i = 0;
      for (const Field* f : fd->type->params->list)
        for (const Ident* name : f->names) {
          if (i++ == index) target = pass.sema()->def_of(name);
        }
      if (!target) return std::nullopt;
    }
    int dones = 0;
    bool other = false;
    support::inspect(support::func_body(body_fn), [&](const Node* n, std::span<const Node* const> a) {
      if (is<GoStmt>(n)) {
        // Handing the WaitGroup on to another goroutine: no longer countable here.
        support::for_each_node(n, [&](const Node* m) {
          if (auto* id = as<Ident>(m); id && pass.sema()->use_of(id) == target) other = true;
        });
        return Visit::skip;
      }
      auto* id = as<Ident>(n);
      if (!id || pass.sema()->use_of(id) != target) return Visit::descend;
      const Node* parent = a.empty() ? nullptr : a.back();
      auto* sel = as<SelectorExpr>(parent);
      support::WgCall c = a.size() >= 2 ? support::wait_group_call(pass, a[a.size() - 2]) : support::WgCall{};
      if (sel && sel->x == id && c.method == WgMethod::done && !support::in_loop(a.first(a.size() - 1))) {
        bool in_other_literal = false;
        for (size_t k = 0; k + 1 < a.size(); ++k)
          if (is<FuncLit>(a[k]) && !(k >= 2 && is<DeferStmt>(a[k - 2]))) in_other_literal = true;
        if (in_other_literal) other = true;
        else ++dones;
      } else if (!(sel && sel->x == id)) {
        other = true;  // handed on, stored: someone else may call Done
      } else if (c.method != WgMethod::done) {
        other = true;
      } else {
        other = true;  // Done in a loop
      }
      return Visit::descend;
    });
    if (other || dones != 1) return std::nullopt;
    return 1;
  }

  // `wg.Add(n)` with a constant n on a local WaitGroup, and a path to `wg.Wait()` that starts
  // fewer than n goroutines releasing it (or calls Done fewer than n times).
  static void check_add_count(Pass& pass, const PassFile& file, const Node* fn, sema::Cfg& cfg) {
    struct Use {
      support::WgCall call;
      bool looped;
    };
    std::vector<Use> adds, waits;
    support::for_each_in_frame(fn, [&](const Node* n, std::span<const Node* const> a) {
      support::WgCall c = support::wait_group_call(pass, n);
      if (c.method == WgMethod::add) adds.push_back({c, support::in_loop(a)});
      if (c.method == WgMethod::wait) waits.push_back({c, support::in_loop(a)});
    });
    for (const Use& add : adds) {
      auto* root = as<Ident>(support::unparen(add.call.recv));
      const sema::Object* wg = root ? pass.sema()->use_of(root) : nullptr;
      if (add.looped || !wg || add.call.call->args.size() != 1 ||
          !support::declared_inside(pass, file, root, fn, false) ||
          !support::is_wait_group_type(wg->type, false))
        continue;
      auto n = support::const_int(pass, add.call.call->args[0]);
      if (!n || *n < 1 || *n > 64) continue;
      int same_adds = 0;
      for (const Use& other : adds)
        if (support::same_variable_ref(pass, other.call.recv, add.call.recv)) ++same_adds;
      const Use* wait = nullptr;
      int same_waits = 0;
      for (const Use& w : waits)
        if (support::same_variable_ref(pass, w.call.recv, add.call.recv)) wait = &w, ++same_waits;
      if (same_adds != 1 || same_waits != 1 || wait->looped) continue;
      // Every mention of the WaitGroup: the Add and Wait themselves, Done calls in this frame, and
      // go statements whose goroutine releases it exactly once. Anything else: not countable.
      std::unordered_map<const Node*, int> release;  // graph node -> Done calls it makes
      bool countable = true;
      support::inspect(support::func_body(fn), [&](const Node* node, std::span<const Node* const> a) {
        if (!countable) return Visit::stop;
        if (auto* go = as<GoStmt>(node)) {
          bool mentions = false;
          support::for_each_node(go, [&](const Node* m) {
            if (auto* id = as<Ident>(m); id && pass.sema()->use_of(id) == wg) mentions = true;
          });
          if (!mentions) return Visit::skip;
          const Node* body = support::goroutine_body(pass, go);
          auto r = body ? releases_of(pass, body, go, wg) : std::nullopt;
          if (!r || support::enclosing_loop(a)) countable = false;
          else release[go] = *r;
          return Visit::skip;
        }
        if (is<FuncLit>(node)) {
          support::for_each_node(node, [&](const Node* m) {
            if (auto* id = as<Ident>(m); id && pass.sema()->use_of(id) == wg) countable = false;
          });
          return Visit::skip;
        }
        auto* id = as<Ident>(node);
        if (!id || pass.sema()->use_of(id) != wg) return Visit::descend;
        support::WgCall c = a.size() >= 2 ? support::wait_group_call(pass, a[a.size() - 2]) : support::WgCall{};
        if (c.call == add.call.call || c.call == wait->call.call) return Visit::descend;
        auto* stmt = a.size() >= 3 ? as<ExprStmt>(a[a.size() - 3]) : nullptr;
        if (c.method == WgMethod::done && stmt && !support::enclosing_loop(a)) release[stmt] += 1;
        else countable = false;
        return Visit::descend;
      });
      if (!countable) continue;
      // Search the graph from the Add for the Wait, counting releases (capped at n: enough).
      sema::build_cfg(support::func_body(fn), pass.sema(), cfg);
      auto [ab, ai] = cfg.where(find_stmt(cfg, add.call.call));
      auto [wb, wi] = cfg.where(find_stmt(cfg, wait->call.call));
      if (ab < 0 || wb < 0) continue;
      int want = int(*n);
      std::set<std::pair<int, int>> seen;  // (block, count) entered at the block's start
      int short_count = -1;
      struct Item {
        int block;
        size_t start;
        int count;
      };
      std::vector<Item> stack{{ab, size_t(ai) + 1, 0}};
      while (!stack.empty() && short_count < 0) {
        Item it = stack.back();
        stack.pop_back();
        const sema::CfgBlock& b = cfg.blocks[it.block];
        int count = it.count;
        bool stop = false;
        for (size_t i = it.start; i < b.nodes.size() && !stop; ++i) {
          if (it.block == wb && int(i) == wi) {
            if (count < want) short_count = count;
            stop = true;
            break;
          }
          if (auto r = release.find(b.nodes[i]); r != release.end()) count += r->second;
          if (count >= want) stop = true;
        }
        if (stop) continue;
        for (int succ : b.succs) {
          if (succ == cfg.exit || !seen.insert({succ, count}).second) continue;
          stack.push_back({succ, 0, count});
        }
      }
      if (short_count < 0) continue;
      std::string name(support::text_of(file, add.call.recv));
      Finding f;
      f.path = std::string(file.path);
      f.start = add.call.call->pos();
      f.end = add.call.call->end();
      f.message = name + ".Add(" + std::to_string(want) + ") expects " + std::to_string(want) +
                  " Done calls, but a path reaches " + name + ".Wait() after only " + std::to_string(short_count) +
                  ": Wait blocks forever";
      f.related.push_back({std::string(file.path), wait->call.call->pos(), wait->call.call->end(), "waits here"});
      pass.report(std::move(f));
    }
  }

  // True when a function literal calls Done on the WaitGroup `wg` refers to (plainly or deferred,
  // in its own frame).
  static bool literal_releases(const Pass& pass, const FuncLit* lit, const Expr* wg) {
    bool found = false;
    support::for_each_in_frame(lit, [&](const Node* n, std::span<const Node* const>) {
      support::WgCall c = support::wait_group_call(pass, n);
      if (c.method == WgMethod::done && support::same_variable_ref(pass, c.recv, wg)) found = true;
    });
    return found;
  }

  // True when the callee of `call` reports with its last result (a bool or an error) whether it
  // did what it was asked: it can refuse the function it is handed.
  static bool may_refuse(const Pass& pass, const CallExpr* call) {
    const sema::Type* t = sema::underlying(support::type_of(pass, call->fun));
    if (!t || !t->is(sema::TypeKind::Func) || t->results.empty()) return false;
    const sema::Type* r = t->results[t->results.size() - 1].type;
    if (!r) return false;
    if (r->is(sema::TypeKind::Named) && r->name == "error" && r->pkg_path().empty()) return true;
    const sema::Type* u = sema::underlying(r);
    return u && u->is(sema::TypeKind::Basic) && u->basic == sema::BasicKind::Bool;
  }

  // `wg.Add(1)` whose count belongs to a goroutine (or a function literal handed to a call) that
  // this function starts after it, and a path on which that never happens: the loop comes round
  // to the Add again, or Wait is reached, without the WaitGroup being mentioned (`continue` on an
  // error before the go statement); or the literal goes to a call that can refuse it (its bool or
  // error result) and nothing after the call releases the count when it does.
  static void check_add_release(Pass& pass, const PassFile& file, const Node* fn, sema::Cfg& cfg) {
    std::vector<const CallExpr*> adds;
    support::for_each_in_frame(fn, [&](const Node* n, std::span<const Node* const> a) {
      support::WgCall c = support::wait_group_call(pass, n);
      if (c.method != WgMethod::add || a.empty() || !is<ExprStmt>(a.back()) || c.call->args.size() != 1) return;
      auto k = support::const_int(pass, c.call->args[0]);
      if (k && *k == 1) adds.push_back(c.call);
    });
    if (adds.empty()) return;
    bool built = false;
    for (const CallExpr* add : adds) {
      const Expr* wg = as<SelectorExpr>(support::unparen(add->fun))->x;
      if (!support::ref_root(wg)) continue;
      // The innermost loop of fn's frame holding the Add.
      const Node* add_loop = nullptr;
      support::for_each_in_frame(fn, [&](const Node* n, std::span<const Node* const> a) {
        if (n != add) return;
        for (const Node* x : a)
          if (is<ForStmt>(x) || is<RangeStmt>(x)) add_loop = x;
      });
      // A deferred call mentioning the WaitGroup (`defer func() { if !started { wg.Done() } }()`)
      // releases the count on the paths that need it.
      bool deferred_release = false;
      // Switches without a default whose every case releases: the author enumerated the values.
      std::vector<const Node*> exhaustive_heads;
      auto mentions_wg = [&](const Node* node) { return mentions_wait_group(pass, node, wg); };
      support::for_each_in_frame(fn, [&](const Node* n, std::span<const Node* const>) {
        if (auto* d = as<DeferStmt>(n); d && mentions_wg(d)) deferred_release = true;
        auto* sw = as<SwitchStmt>(n);
        if (!sw || !sw->tag || !sw->body || sw->body->list.empty()) return;
        for (const Node* c : sw->body->list) {
          auto* cc = as<CaseClause>(c);
          if (!cc || cc->list.empty()) return;  // a default: its path is explicit
          bool releases = false;
          for (const Node* st : cc->body) releases |= mentions_wg(st);
          if (!releases) return;
        }
        exhaustive_heads.push_back(sw->tag);
      });
      // The releasers this function starts: go statements and calls handing a literal that calls
      // Done on the WaitGroup.
      struct Releaser {
        const Node* stmt;       // the statement (a graph node)
        const CallExpr* call;   // the call handed the literal (null: a go statement)
      };
      std::vector<Releaser> releasers;
      bool shared = false;  // a releaser runs in a loop the Add is not in: one count for many
      support::for_each_in_frame(fn, [&](const Node* n, std::span<const Node* const> a) {
        if (n->pos() < add->pos() || a.empty()) return;
        // The releaser must run once per Add: in the same innermost loop (or none).
        auto in_other_loop = [&] {
          const Node* loop = nullptr;
          for (const Node* x : a)
            if (is<ForStmt>(x) || is<RangeStmt>(x)) loop = x;
          return loop != add_loop;
        };
        if (auto* go = as<GoStmt>(n)) {
          auto* lit = as<FuncLit>(support::unparen(go->call->fun));
          if (lit && literal_releases(pass, lit, wg)) {
            releasers.push_back({go, nullptr});
            shared |= in_other_loop();
          }
          return;
        }
        auto* call = as<CallExpr>(n);
        if (!call || a.back() == nullptr) return;
        const Node* parent = a.back();
        if (is<GoStmt>(parent) || is<DeferStmt>(parent)) return;
        for (const Expr* arg : call->args) {
          auto* lit = as<FuncLit>(support::unparen(arg));
          if (!lit || !literal_releases(pass, lit, wg)) continue;
          // The statement holding the call: the nearest ancestor that is a graph statement.
          const Node* stmt = nullptr;
          for (size_t i = a.size(); i-- > 0 && !stmt;)
            if (is<ExprStmt>(a[i]) || is<ReturnStmt>(a[i]) || is<AssignStmt>(a[i]) || is<IfStmt>(a[i]))
              stmt = a[i];
          if (stmt) releasers.push_back({stmt, call});
          shared |= in_other_loop();
        }
      });
      if (releasers.empty() || shared) continue;
      if (!built) sema::build_cfg(support::func_body(fn), pass.sema(), cfg), built = true;
      auto [ab, ai] = cfg.where(add_stmt(cfg, add));
      if (ab < 0) continue;
      // Does a node mention the WaitGroup (other than a Wait on it), i.e. may it release the count?
      auto mentions = [&](const Node* node) {
        if (is<SelectStmt>(node) || is<RangeStmt>(node)) return false;
        for (const Node* h : exhaustive_heads)
          if (h == node) return true;
        return mentions_wait_group(pass, node, wg, /*skip_waits=*/true);
      };
      auto waits = [&](const Node* node) {
        if (is<DeferStmt>(node)) return false;  // a deferred Wait runs at the function's end
        bool found = false;
        support::for_each_in_cfg_node(node, [&](const Node* m) {
          support::WgCall c = support::wait_group_call(pass, m);
          found |= c.method == WgMethod::wait && support::same_variable_ref(pass, c.recv, wg);
        });
        return found;
      };
      // Paths from the Add: the first node that mentions the WaitGroup ends a path, unless it is
      // the Add itself again or a Wait.
      const Node* add_node = cfg.blocks[ab].nodes[ai];
      const Node* leak_at = nullptr;  // the Add (come round again) or the Wait
      std::vector<char> seen(cfg.blocks.size(), 0);
      struct Item {
        int block;
        size_t start;
      };
      std::vector<Item> stack{{ab, size_t(ai) + 1}};
      while (!stack.empty() && !leak_at) {
        Item it = stack.back();
        stack.pop_back();
        const sema::CfgBlock& b = cfg.blocks[it.block];
        bool stop = false;
        for (size_t i = it.start; i < b.nodes.size() && !stop; ++i) {
          const Node* node = b.nodes[i];
          if (node == add_node || waits(node)) {
            leak_at = node;
            stop = true;
          } else if (mentions(node)) {
            stop = true;
          }
        }
        if (stop) continue;
        for (int succ : b.succs) {
          if (succ < 0 || succ == cfg.exit || seen[succ]) continue;
          seen[succ] = 1;
          stack.push_back({succ, 0});
        }
      }
      std::string name(support::text_of(file, wg));
      if (leak_at) {
        const Releaser& r = releasers.front();
        Finding f;
        f.path = std::string(file.path);
        f.start = add->pos();
        f.end = add->end();
        f.message = name + ".Add(1) takes a count for the " + (r.call ? "function literal" : "goroutine") +
                    " started on line " + std::to_string(file.parsed->lines.at(r.stmt->pos()).line) +
                    ", but a path reaches " +
                    (leak_at == add_node ? "this Add again" : name + ".Wait()") +
                    " without starting it or calling Done: Wait blocks forever";
        f.related.push_back({std::string(file.path), r.stmt->pos(), r.stmt->end(), "the count is released only here"});
        if (leak_at != add_node)
          f.related.push_back({std::string(file.path), leak_at->pos(), leak_at->end(), "waits here"});
        pass.report(std::move(f));
        continue;
      }
      // A call that can refuse the literal, whose answer is thrown away or handed straight back
      // to the caller: nothing releases the count when it refuses. (An answer the function
      // tests is its own business: it may fail the test, or give the count back.)
      for (const Releaser& r : releasers) {
        if (deferred_release || !r.call || !may_refuse(pass, r.call)) continue;
        bool unchecked = false;
        if (auto* ret = as<ReturnStmt>(r.stmt)) unchecked = ret->results.size() == 1 && support::unparen(ret->results[0]) == r.call;
        else if (auto* es = as<ExprStmt>(r.stmt)) unchecked = support::unparen(es->x) == r.call;
        else if (auto* as_ = as<AssignStmt>(r.stmt)) {
          unchecked = as_->rhs.size() == 1 && support::unparen(as_->rhs[0]) == r.call;
          for (const Expr* l : as_->lhs) {
            auto* id = as<Ident>(support::unparen(l));
            unchecked = unchecked && id && id->name == "_";
          }
        }
        if (!unchecked) continue;
        auto [rb, ri] = cfg.where(r.stmt);
        if (rb < 0) continue;
        if (support::reaches(cfg, r.stmt, mentions)) continue;
        auto* sel = as<SelectorExpr>(support::unparen(r.call->fun));
        auto* id = as<Ident>(support::unparen(r.call->fun));
        std::string callee = sel ? std::string(sel->sel->name) : id ? std::string(id->name) : "the call";
        Finding f;
        f.path = std::string(file.path);
        f.start = add->pos();
        f.end = add->end();
        f.message = name + ".Add(1) is released only by the function literal handed to " + callee +
                    " (line " + std::to_string(file.parsed->lines.at(r.call->pos()).line) + "), whose result says it can refuse it; " +
                    "when it does, nothing calls " + name + ".Done() and " + name + ".Wait() blocks forever";
        f.related.push_back({std::string(file.path), r.call->pos(), r.call->end(), "may not run the literal"});
        pass.report(std::move(f));
        break;
      }
    }
  }

  static const Node* add_stmt(const sema::Cfg& cfg, const CallExpr* c) { return find_stmt(cfg, c); }

  // The graph node (a statement) holding call `c`.
  static const Node* find_stmt(const sema::Cfg& cfg, const CallExpr* c) {
    for (const sema::CfgBlock& b : cfg.blocks)
      for (const Node* n : b.nodes)
        if (auto* e = as<ExprStmt>(n); e && support::unparen(e->x) == c) return n;
    return nullptr;
  }

  static void check_func(Pass& pass, const PassFile& file, const Node* fn, std::span<const Node* const> anc,
                         sema::Cfg& cfg, const GoBodies& go_bodies) {
    // The plain Done calls of this function's own frame.
    struct Done {
      support::WgCall wg;
      const Node* stmt;  // ExprStmt, or DeferStmt
      bool looped;
    };
    std::vector<Done> dones;
    support::for_each_in_frame(fn, [&](const Node* n, std::span<const Node* const> a) {
      support::WgCall c = support::wait_group_call(pass, n);
      if (c.method != WgMethod::done || a.empty()) return;
      const Node* stmt = a.back();
      auto* d = as<DeferStmt>(stmt);
      if (!is<ExprStmt>(stmt) && !(d && d->call == c.call)) return;  // a call used in an odd place
      dones.push_back({c, stmt, support::in_loop(a)});
    });
    if (dones.empty()) return;
    std::vector<const Expr*> seen;
    for (const Done& d : dones) {
      bool repeated = false;
      for (const Expr* s : seen) repeated |= support::same_variable_ref(pass, s, d.wg.recv);
      if (repeated) continue;
      seen.push_back(d.wg.recv);
      check_wait_group(pass, file, fn, anc, cfg, go_bodies, d.wg.recv, [&] {
        std::vector<const Node*> mine;
        bool looped = false;
        for (const Done& e : dones)
          if (support::same_variable_ref(pass, e.wg.recv, d.wg.recv)) {
            mine.push_back(e.stmt);
            looped |= e.looped;
          }
        return std::make_pair(mine, looped);
      }());
    }
  }

  static void check_wait_group(Pass& pass, const PassFile& file, const Node* fn,
                               std::span<const Node* const> anc, sema::Cfg& cfg, const GoBodies& go_bodies,
                               const Expr* wg,
                               std::pair<std::vector<const Node*>, bool> dones) {
    if (dones.second) return;
    const Ident* root = support::ref_root(wg);
    if (!root || support::declared_inside(pass, file, root, fn, false)) return;
    bool is_param = support::declared_inside(pass, file, root, fn, true);
    // Whose count is it: a goroutine's (a literal run by go or handed to a call), or a function's
    // that was given the WaitGroup as a parameter or through its receiver.
    if (auto* lit = as<FuncLit>(fn)) {
      const Node* parent = anc.empty() ? nullptr : anc.back();
      auto* call = as<CallExpr>(parent);
      // Literals handed to other calls are left out: callbacks run once per event, and what
      // their Done releases is counted per event, not per run.
      bool run_by_go = call && call->fun == lit && anc.size() >= 2 && is<GoStmt>(anc[anc.size() - 2]);
      if (!run_by_go) return;
      if (!counts_each_goroutine(pass, anc.first(anc.size() - 2), wg)) return;
    } else {
      // A method releasing its receiver's WaitGroup keeps whatever protocol the type has (a
      // Done on the first push, one per async call): not a per-run count. Otherwise the function
      // must be run by a go statement, or be handed the WaitGroup as a parameter.
      auto* fd = as<FuncDecl>(fn);
      const sema::Object* o = pass.sema()->object_of(root);
      if (!fd || (o && o->ident && fd->recv && support::contains(fd->recv, o->ident))) return;
      if (!go_bodies.count(fn) && !is_param) return;
    }
    // A function that adds to or waits on the WaitGroup keeps its own count.
    bool own_count = false;
    support::inspect(support::func_body(fn), [&](const Node* n, std::span<const Node* const>) {
      support::WgCall c = support::wait_group_call(pass, n);
      if ((c.method == WgMethod::add || c.method == WgMethod::wait || c.method == WgMethod::go) &&
          support::same_variable_ref(pass, c.recv, wg))
        own_count = true;
      return own_count ? Visit::stop : Visit::descend;
    });
    if (own_count) return;
    // A node "gives the count back" when it mentions the WaitGroup at all: Done, a deferred
    // literal calling it, handing it to someone else.
    auto mentions = [&](const Node* node) {
      if (is<SelectStmt>(node) || is<RangeStmt>(node)) return false;
      return mentions_wait_group(pass, node, wg);
    };
    sema::build_cfg(support::func_body(fn), pass.sema(), cfg);
    support::MissingPath miss = support::path_missing(cfg, nullptr, mentions);
    if (!miss.found || !valid(miss.pos)) return;
    std::string name(support::text_of(file, wg));
    const Node* done = dones.first.front();
    uint32_t done_line = file.parsed->lines.at(done->pos()).line;
    Finding f;
    f.path = std::string(file.path);
    f.start = miss.pos;
    f.end = miss.ret ? miss.ret->end() : miss.pos + 1;
    bool go_lit = is<FuncLit>(fn);
    std::string who = go_lit ? "the goroutine" : "the function";
    f.message = (miss.ret ? "this return skips " : "falling off the end of " + who + " skips ") + name +
                ".Done() (line " + std::to_string(done_line) + "): " + name +
                ".Wait() blocks forever on this path; defer " + name + ".Done() at the top instead";
    for (const Node* d : dones.first)
      f.related.push_back({std::string(file.path), d->pos(), d->end(),
                           is<DeferStmt>(d) ? "Done is deferred only here" : "Done is called here only"});
    add_fix(file, fn, wg, dones.first, f);
    pass.report(std::move(f));
  }

  static void add_fix(const PassFile& file, const Node* fn, const Expr* wg,
                      const std::vector<const Node*>& dones, Finding& f) {
    const BlockStmt* body = support::func_body(fn);
    if (dones.size() != 1 || !is<ExprStmt>(dones.front()) || body->list.size() < 2 || body->list.back() != dones.front()) return;
    bool other_defers = false;
    support::for_each_in_frame(fn, [&](const Node* n, std::span<const Node* const>) {
      other_defers |= is<DeferStmt>(n);
    });
    std::string name(support::text_of(file, wg));
    std::string comment;
    auto del = support::delete_own_line(file.text, dones.front(), &comment);
    auto ins = support::insert_line_before(file.text, body->list.front(),
                                           "defer " + name + ".Done()" + (comment.empty() ? "" : " " + comment));
    if (!ins || !del) return;
    // The first statement must sit on a line after the opening brace.
    if (file.parsed->lines.at(body->list.front()->pos()).line == file.parsed->lines.at(body->lbrace).line) return;
    Fix fix{"Defer " + name + ".Done() at the top", {*ins, *del},
            other_defers ? FixSafety::unsafe : FixSafety::safe};
    f.fixes.push_back(std::move(fix));
  }
};

}  // namespace

const Rule* wg_done_missing_rule() {
  static const WgDoneMissing rule;
  return &rule;
}

}  // namespace gotrap::rules
