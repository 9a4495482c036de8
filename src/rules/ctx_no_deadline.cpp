// ctx-no-deadline: a call that leaves the process made with a context that has no deadline on
// any path (Background/TODO, at most through WithCancel/WithValue), so nothing bounds its wait.
#include <optional>
#include <string>
#include <vector>

#include "facts/assign.h"
#include "facts/context.h"
#include "facts/packages.h"
#include "facts/remote.h"
#include "facts/summary.h"
#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/walk.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::ContextCall;

const RuleInfo kInfo{
    .name = "ctx-no-deadline",
    .summary = "call to another process with a context that has no deadline on any path",
    .doc = R"md(# ctx-no-deadline

**What.** A call that leaves the process and waits for the answer — a generated gRPC client
method (recognised by its variadic `...grpc.CallOption`; go-zero's zrpc clients are the same), a
`database/sql` call taking a context, `(*http.Server).Shutdown` (it waits until every client
connection is idle, so one client holding a connection open stalls it), or a function of the analysed code that passes its context on to one of those without adding a
deadline — made with a context that has no deadline on any path: `context.Background()` or
`TODO()` directly, or a local derived from them only through `WithCancel`/`WithValue`, whose
cancel function this function alone calls. Also in functions with no context at hand and
inside goroutines.

**Why.** Such a context never expires, and nobody cancels it while the call waits: if the other
side hangs (a stuck server, a lost connection without keepalive), the caller hangs with it, and a
background refresher stuck on one lookup stops refreshing everything.

```go
site, err := c.GetSite(context.Background(), req) // nothing bounds how long this can block
// fixed:
ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
defer cancel()
site, err := c.GetSite(ctx, req)
```

**Fix.** None automatic: the right budget is a decision; derive the context with `WithTimeout` or
`WithDeadline`.

**Quiet when** a `WithTimeout`/`WithDeadline` is on the context's path (here, or in the callee:
the callee sets its own deadline), the context comes from the caller or a field, its cancel
function is handed to someone else (stored, passed, called from a goroutine: someone else bounds
it), the call waits by design (server-streaming and bidirectional gRPC methods, a callee that only
returns when its context ends), the client bounds its own I/O by default (go-redis: 3 s read
timeout; kafka-go and franz-go: write and request timeouts), the callee is not known to leave the process (an interface of the analysed code, a
function without source), inside the client library itself, in tests, test support and
packages under a `test`, `e2e`, `testing`, `testutil`, `mocks` or `fixtures` directory, or when a context is at hand
(ctx-background reports the construct then).
)md",
    .severity = Severity::warning,
};

// Whether `e`, a context argument, has no deadline on any path: Background()/TODO() directly or
// through WithCancel/WithValue, or a local whose every assignment is such a value. `cancels` gets the
// local's cancel variables, which must only be called here.
bool no_deadline(const Pass& pass, const facts::Writes& writes, const Expr* e,
                 std::vector<const Ident*>& cancels, int depth = 0) {
  if (!e || depth > 12) return false;
  e = support::unparen(e);
  const sema::PackageInfo* info = pass.sema();
  facts::ContextCall c = facts::context_call(info, e);
  if (facts::is_root(c)) return true;
  if (facts::keeps_deadline(c)) {
    auto* call = as<CallExpr>(e);
    return !call->args.empty() && no_deadline(pass, writes, call->args[0], cancels, depth + 1);
  }
  auto* id = as<Ident>(e);
  if (!id) return false;
  const sema::Object* o = info->use_of(id);
  if (!o || o->kind != sema::ObjectKind::Var || o->package_level || o->is_param) return false;
  std::span<const facts::Write> ws = writes.of(id);
  if (ws.empty()) return false;
  for (const facts::Write& w : ws) {
    if (w.zero_decl()) continue;
    if (!w.value || w.index > 0) return false;  // op-assign, &ctx, range: unknown
    facts::ContextCall wc = facts::context_call(info, w.value);
    if (facts::returns_cancel(wc)) {
      // ctx, cancel := context.WithCancel(...): the cancel must stay here.
      auto* a = as<AssignStmt>(w.stmt);
      auto* v = as<ValueSpec>(w.stmt);
      const Expr* cancel = a && a->lhs.size() == 2 ? a->lhs[1] : v && v->names.size() == 2 ? v->names[1] : nullptr;
      if (auto* cid = as<Ident>(cancel); cid && cid->name != "_") cancels.push_back(cid);
    }
    if (!no_deadline(pass, writes, w.value, cancels, depth + 1)) return false;
  }
  return true;
}

// Every mention of the cancel variable `cancel` in `fn` is a write of it or a call of it as a
// statement (`cancel()`, `defer cancel()`, or inside a deferred literal): nobody else can call it
// while the call waits.
bool cancel_stays_here(const Pass& pass, const facts::Writes& writes, const Node* fn,
                       const Ident* cancel) {
  const sema::PackageInfo* info = pass.sema();
  const sema::Object* obj = info->object_of(cancel);
  if (!obj) return false;
  std::span<const facts::Write> ws = writes.of(cancel);
  bool ok = true;
  support::inspect(fn, [&](const Node* n, std::span<const Node* const> anc) {
    auto* id = as<Ident>(n);
    if (!id || info->object_of(id) != obj || anc.empty()) return support::Visit::descend;
    for (const facts::Write& w : ws)
      if (w.target == id && w.form != facts::WriteForm::address_taken) return support::Visit::descend;
    if (auto* v = as<ValueSpec>(anc.back()); v && !v->type) return support::Visit::descend;
    if (is<ValueSpec>(anc.back())) return support::Visit::descend;  // var cancel context.CancelFunc
    auto* call = as<CallExpr>(anc.back());
    const Node* holder = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
    bool statement_call = call && call->fun == id && (is<ExprStmt>(holder) || is<DeferStmt>(holder));
    // Inside a literal, only one that is deferred (`defer func() { cancel() }()`) still runs here.
    for (size_t i = 0; i < anc.size() && statement_call; ++i) {
      if (!is<FuncLit>(anc[i])) continue;
      bool deferred = i >= 2 && is<CallExpr>(anc[i - 1]) && is<DeferStmt>(anc[i - 2]);
      if (!deferred) statement_call = false;
    }
    if (!statement_call) ok = false;
    return ok ? support::Visit::descend : support::Visit::stop;
  });
  return ok;
}

class CtxNoDeadline final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;  // callees and their packages are the whole question
    if (facts::is_test_package(pass.sema()->import_path)) return;
    facts::Summaries local;
    facts::Summaries& summaries = pass.summaries() ? *pass.summaries() : local;
    std::optional<support::StructTypes> structs;  // made at the first candidate: most packages have none
    support::for_each_checked_function(pass, "context", "context", false, [&](const PassFile& file,
                                                                          const FuncDecl* fd,
                                                                          const support::Resolver& r) {
      // A context without deadline is one made from context.Background()/TODO() in this function.
      if (!support::mentions_root_call(file, fd)) return;
      facts::Writes writes(fd, pass.sema());
      support::inspect(fd, [&](const Node* n, std::span<const Node* const> anc) {
        if (auto* call = as<CallExpr>(n))
          check_call(pass, file, r, structs, summaries, writes, fd, call, anc);
        return support::Visit::descend;
      });
    });
  }

 private:
  // The index of the context argument of a call that leaves the process (directly, or through a
  // callee of the analysed code), and what it is; -1 when it is not such a call.
  static int remote_context_arg(const Pass& pass, facts::Summaries& summaries, const CallExpr* call,
                                std::string& what) {
    const sema::PackageInfo* info = pass.sema();
    if (facts::RemoteCall rc = facts::remote_call(info, call)) {
      what = std::string(rc.what);
      return rc.context_arg;
    }
    const sema::Object* callee = facts::callee_of(info, call);
    const facts::FuncSummary* s = callee ? summaries.of(callee) : nullptr;
    if (!s) return -1;
    for (size_t k = 0; k < call->args.size(); ++k) {
      uint16_t bits = s->of_arg(k);
      if ((bits & facts::kCtxRemoteUnbounded) && !(bits & (facts::kCtxBounded | facts::kCtxWaitsDone))) {
        what = "function that passes its context on to a call to another process";
        return int(k);
      }
    }
    return -1;
  }

  static void check_call(Pass& pass, const PassFile& file, const support::Resolver& r,
                         std::optional<support::StructTypes>& structs, facts::Summaries& summaries,
                         const facts::Writes& writes, const FuncDecl* fd, const CallExpr* call,
                         std::span<const Node* const> anc) {
    if (call->args.empty()) return;
    std::string what;
    int k = remote_context_arg(pass, summaries, call, what);
    if (k < 0 || size_t(k) >= call->args.size()) return;
    const Expr* ctx = call->args[size_t(k)];
    std::vector<const Ident*> cancels;
    if (!no_deadline(pass, writes, ctx, cancels)) return;
    for (const Ident* c : cancels)
      if (!cancel_stays_here(pass, writes, fd, c)) return;
    // With a context at hand, ctx-background reports the root call instead.
    if (!structs) structs = support::package_struct_types(pass);
    if (!support::available_context(r, *structs, anc).expr.empty()) return;
    std::string callee(support::callee_name(call));
    std::string spelled(support::node_text(file.text, ctx));
    if (spelled.size() > 40) spelled = "its context";
    pass.report(file, call->pos(), call->end(),
                callee + " is a " + what + ", called with " + spelled +
                    ", which has no deadline on any path (context.Background/TODO, at most through "
                    "WithCancel/WithValue): if the other side hangs, nothing bounds how long this "
                    "call blocks; derive the context with context.WithTimeout");
  }
};

}  // namespace

const Rule* ctx_no_deadline_rule() {
  static const CtxNoDeadline rule;
  return &rule;
}

}  // namespace gotrap::rules
