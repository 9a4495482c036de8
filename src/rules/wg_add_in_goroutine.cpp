// wg-add-in-goroutine: WaitGroup.Add called inside the goroutine it counts (go vet's waitgroup,
// staticcheck SA2000).
#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "rules/rule.h"
#include "rules/support/facts.h"
#include "rules/support/goroutines.h"
#include "rules/support/line_edits.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::Visit;
using support::WgMethod;

const char kDoc[] = R"md(# wg-add-in-goroutine

**What.** A goroutine started with `go func() { ... }()` (or `go f(...)`, `go s.loop()` running a
function or method of the package) calls `wg.Add` on a `sync.WaitGroup` from outside it
(captured, handed in as a pointer, or a field reached through a pointer receiver), as its first statement or before a `Done`
of its own on the same WaitGroup: the `Add` is meant to count that goroutine. Reported at the
`Add` call (go vet's `waitgroup` analyzer, staticcheck's SA2000).

**Why.** Nothing makes the new goroutine run before the starting one reaches `wg.Wait()`. When
it has not run yet, the counter is still zero, `Wait` returns at once and the work it was meant to
wait for is still going on (or has not started): results are read early, resources closed under
the goroutine's feet, tests end before their assertions run.

```go
for _, u := range urls {
	go func() {
		wg.Add(1) // too late: Wait may already have returned
		defer wg.Done()
		fetch(u)
	}()
}
wg.Wait()
// fixed:
for _, u := range urls {
	wg.Add(1)
	go func() {
		defer wg.Done()
		fetch(u)
	}()
}
wg.Wait()
```

**Fix.** In the plain shape (the `Add` with a constant is the literal's first statement on a line
of its own, the WaitGroup is a variable of the enclosing function or package, and the `go`
statement starts its line) the `Add` moves to the line before the `go` statement. Safe.

**Quiet when** the goroutine also calls `Wait` on that WaitGroup (it coordinates its own
workers), a `go` statement after the `Add` starts a goroutine that uses the same WaitGroup, or
runs a function of the package (the `Add` counts that one, before it starts), the `Add` sits in a loop of the goroutine (it counts goroutines started from there), the
WaitGroup is declared inside the goroutine, the starter receives from a channel it handed the
goroutine right after the `go` statement and the goroutine's `Add` comes before anything it does
with that channel (a start handshake: nothing arrives before the `Add` has run), or sema does not
know the type as `sync.WaitGroup`.
)md";

const RuleInfo kInfo{
    .name = "wg-add-in-goroutine",
    .summary = "WaitGroup.Add called inside the goroutine it counts, so Wait can return before it runs",
    .doc = kDoc,
    .severity = Severity::warning,
};

class WgAddInGoroutine final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;
    std::unordered_set<const Node*> reported;  // a function run by several go statements: once
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file) continue;
      // A go statement may run a function of another file of the package: only `go` must appear.
      if (!support::may_hold(file, nullptr, Kind::GoStmt)) continue;
      support::inspect(file.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        if (anc.size() == 1 && (!support::may_hold(file, n, Kind::GoStmt) || !support::may_mention(file, n, "go")))
          return Visit::skip;
        if (auto* go = as<GoStmt>(n)) check_go(pass, file, go, anc, reported);
        return Visit::descend;
      });
    }
  }

 private:
  static void check_go(Pass& pass, const PassFile& go_file, const GoStmt* go,
                       std::span<const Node* const> anc, std::unordered_set<const Node*>& reported) {
    // The function the goroutine runs: a literal, or a function or method of the package
    // (`go tm.loop()`), possibly in another file.
    const Node* lit = support::goroutine_body(pass, go);
    const BlockStmt* body = support::func_body(lit);
    if (!lit || !body || body->list.empty()) return;
    const PassFile* decl_file = &go_file;
    if (auto* fd = as<FuncDecl>(lit)) {
      decl_file = nullptr;
      const sema::Object* o = nullptr;
      const Expr* fun = support::unparen(go->call->fun);
      if (auto* id = as<Ident>(fun)) o = pass.sema()->use_of(id);
      else if (auto* sel = as<SelectorExpr>(fun)) o = pass.sema()->use_of(sel->sel);
      for (const PassFile& f : pass.files())
        if (o && f.parsed == o->file()) decl_file = &f;
      if (!decl_file || !support::contains(decl_file->parsed->file, fd)) return;
    }
    const PassFile& file = *decl_file;
    // The WaitGroup calls of the goroutine itself, with whether they sit in one of its loops.
    struct Call {
      support::WgCall wg;
      bool looped;
      bool deferred;
    };
    std::vector<Call> calls;
    support::inspect(body, [&](const Node* n, std::span<const Node* const> a) {
      if (is<GoStmt>(n)) return Visit::skip;  // another goroutine's calls
      // A nested literal runs when (and if) something calls it, and what it adds counts something
      // else; only a deferred one runs as part of the goroutine's own exit.
      if (is<FuncLit>(n)) {
        bool deferred_lit = a.size() >= 2 && is<CallExpr>(a.back()) && is<DeferStmt>(a[a.size() - 2]);
        if (!deferred_lit) return Visit::skip;
      }
      support::WgCall c = support::wait_group_call(pass, n);
      if (c.method == WgMethod::none) return Visit::descend;
      bool deferred = false, looped = false;
      for (const Node* x : a) {
        if (is<DeferStmt>(x)) deferred = true;
        if (is<ForStmt>(x) || is<RangeStmt>(x)) looped = true;
      }
      calls.push_back({c, looped, deferred});
      return Visit::descend;
    });
    for (const Call& add : calls) {
      if (add.wg.method != WgMethod::add || add.looped || add.deferred) continue;
      const Ident* root = support::ref_root(add.wg.recv);
      if (!root) continue;
      // Declared in the goroutine's body: a WaitGroup of its own. A parameter counts only as a
      // pointer handed in (a copy is wg-copy's finding).
      if (support::declared_inside(pass, file, root, lit, false)) continue;
      if (is<FuncLit>(lit) && support::declared_inside(pass, file, root, lit, true) &&
          !support::is_wait_group_type(support::type_of(pass, root), true))
        continue;
      if (is<FuncLit>(lit) && support::declared_inside(pass, file, root, lit, true) &&
          support::is_wait_group_type(support::type_of(pass, root), false))
        continue;
      // In a declared function, the WaitGroup must be shared with the starter: reached through a
      // pointer parameter or receiver (a value one is a copy), or a package variable.
      if (is<FuncDecl>(lit)) {
        const sema::Object* ro = pass.sema()->use_of(root);
        const sema::Type* rt = ro ? sema::underlying(ro->type) : nullptr;
        bool shared = ro && (ro->package_level || (support::declared_inside(pass, file, root, lit, true) && rt &&
                                                   rt->is(sema::TypeKind::Pointer)));
        if (!shared) continue;
      }
      bool waits = false, done_after = false;
      for (const Call& c : calls) {
        if (!support::same_variable_ref(pass, c.wg.recv, add.wg.recv)) continue;
        if (c.wg.method == WgMethod::wait) waits = true;
        if (c.wg.method == WgMethod::done && (c.deferred || c.wg.call->pos() > add.wg.call->pos()))
          done_after = true;
      }
      if (waits) continue;
      if (hands_on(pass, lit, add.wg)) continue;
      if (handshake_after(pass, go, anc, lit, body, add.wg)) continue;
      auto* first = as<ExprStmt>(body->list[0]);
      bool first_stmt = first && support::unparen(first->x) == add.wg.call;
      if (!first_stmt && !done_after) continue;
      if (!reported.insert(add.wg.call).second) return;
      report(pass, file, go_file, go, anc, lit, add.wg, first_stmt ? first : nullptr);
      return;  // one finding per goroutine
    }
  }

  // True when the starter waits for the goroutine to get past its Add: right after the `go`
  // statement it receives from a channel it hands the goroutine, and the goroutine's Add is a
  // statement of its own body before anything there touches that channel. Nothing can arrive
  // on the channel (a send or a close) before the Add has run, so the Add happens before the
  // starter goes on to any Wait (vitess's shard streamers hand back their start position so).
  static bool handshake_after(const Pass& pass, const GoStmt* go, std::span<const Node* const> anc,
                              const Node* lit, const BlockStmt* body, const support::WgCall& add) {
    const FuncType* type = nullptr;
    if (auto* fd = as<FuncDecl>(lit)) type = fd->type;
    else if (auto* fl = as<FuncLit>(lit)) type = fl->type;
    if (!type || !type->params || anc.empty()) return false;
    std::vector<const Ident*> params;
    for (const Field* f : type->params->list)
      for (const Ident* n : f->names) params.push_back(n);
    // Where the Add stands in the goroutine's own statements.
    size_t add_at = body->list.size();
    for (size_t i = 0; i < body->list.size(); ++i)
      if (auto* es = as<ExprStmt>(body->list[i]); es && support::unparen(es->x) == add.call) add_at = i;
    if (add_at == body->list.size()) return false;
    // The statements after the go statement, up to the first that is not a receive.
    const BlockStmt* block = as<BlockStmt>(anc.back());
    if (!block) return false;
    auto it = std::find(block->list.begin(), block->list.end(), static_cast<const Stmt*>(go));
    if (it == block->list.end() || ++it == block->list.end()) return false;
    const Expr* received = nullptr;
    if (auto* es = as<ExprStmt>(*it)) received = support::unparen(es->x);
    else if (auto* as_ = as<AssignStmt>(*it); as_ && as_->rhs.size() == 1) received = support::unparen(as_->rhs[0]);
    auto* recv = as<UnaryExpr>(received);
    auto* ch = recv && recv->op == Tok::ARROW ? as<Ident>(support::unparen(recv->x)) : nullptr;
    const sema::Object* starter_ch = ch ? pass.sema()->use_of(ch) : nullptr;
    if (!starter_ch) return false;
    for (size_t k = 0; k < go->call->args.size() && k < params.size(); ++k) {
      auto* arg = as<Ident>(support::unparen(go->call->args[k]));
      if (!arg || pass.sema()->use_of(arg) != starter_ch) continue;
      const sema::Object* param = pass.sema()->def_of(params[k]);
      if (!param) continue;
      bool touched = false;
      for (size_t i = 0; i < add_at && !touched; ++i)
        support::for_each_node(body->list[i], [&](const Node* m) {
          if (auto* id = as<Ident>(m); id && pass.sema()->use_of(id) == param) touched = true;
        });
      if (!touched) return true;
    }
    return false;
  }

  // True when, after the Add, the goroutine starts another goroutine that uses the same WaitGroup
  // (calls Done in its literal, or is handed it): the Add counts that one, and it runs before the
  // go statement it counts, as it should.
  static bool hands_on(const Pass& pass, const Node* lit, const support::WgCall& add) {
    bool found = false;
    support::for_each_in_frame(lit, [&](const Node* n, std::span<const Node* const>) {
      auto* go = as<GoStmt>(n);
      if (found || !go || go->pos() < add.call->end()) return;
      // A goroutine running a function of the package (`go p.loop()`) may release the
      // WaitGroup without naming it at the go statement: the Add may count that one.
      if (is<FuncDecl>(support::goroutine_body(pass, go))) {
        found = true;
        return;
      }
      support::for_each_node(go->call, [&](const Node* m) {
        if ((is<Ident>(m) || is<SelectorExpr>(m)) && support::same_variable_ref(pass, m, add.recv)) found = true;
      });
    });
    return found;
  }

  static void report(Pass& pass, const PassFile& file, const PassFile& go_file, const GoStmt* go,
                     std::span<const Node* const> anc, const Node* lit, const support::WgCall& add,
                     const ExprStmt* first) {
    std::string wg(support::text_of(file, add.recv));
    Finding f;
    f.path = std::string(file.path);
    f.start = add.call->pos();
    f.end = add.call->end();
    f.message = wg + ".Add is called inside the goroutine it counts: " + wg +
                ".Wait() can return before the goroutine runs; call " + wg +
                ".Add before the go statement";
    f.related.push_back({std::string(go_file.path), go->pos(), go->pos() + 2, "goroutine started here"});
    // The plain shape: a constant Add, first on its own line, of a WaitGroup the go statement's
    // function sees too, and a go statement that starts its line in a statement list.
    const Node* parent = anc.empty() ? nullptr : anc.back();
    bool in_list = is<BlockStmt>(parent) || is<CaseClause>(parent) || is<CommClause>(parent);
    const Ident* root = support::ref_root(add.recv);
    if (first && in_list && is<FuncLit>(lit) && add.call->args.size() == 1 && support::const_int(pass, add.call->args[0]) &&
        root && !support::declared_inside(pass, file, root, lit, true)) {
      std::string comment;
      auto del = support::delete_own_line(file.text, first, &comment);
      std::string code(support::text_of(file, add.call));
      if (!comment.empty()) code += " " + comment;
      auto ins = support::insert_line_before(file.text, go, code);
      if (del && ins) {
        Fix fix{"Call " + wg + ".Add before the go statement", {*ins, *del}, FixSafety::safe};
        f.fixes.push_back(std::move(fix));
      }
    }
    pass.report(std::move(f));
  }
};

}  // namespace

const Rule* wg_add_in_goroutine_rule() {
  static const WgAddInGoroutine rule;
  return &rule;
}

}  // namespace gotrap::rules
