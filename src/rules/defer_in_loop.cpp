// defer-in-loop: a defer directly inside a loop body runs only when the function returns.
#include <string>

#include "rules/rule.h"
#include "rules/support/flow.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {

namespace {

using namespace gotrap::ast;
using support::Visit;

const char kDoc[] = R"md(# defer-in-loop

**What.** A `defer` statement directly inside a loop body (including `if`, `switch` and `select`
blocks in it), not inside a func literal called per iteration.

**Why.** Deferred calls run when the function returns, not when the iteration ends: a loop over
files keeps every file open, a loop over locks holds all of them, until the function is done, and
forever in a `for { select {...} }` server loop.

```go
for _, p := range paths {
	f, _ := os.Open(p)
	defer f.Close() // runs only when the function returns
}
// fixed: each iteration's defers run at its end
for _, p := range paths {
	if err := process(p); err != nil { ... } // process opens, defers Close, returns
}
```

**Fix.** None automatic: move the loop body into a function (named, or a literal called at once).

**Quiet when** the `defer` is inside a func literal, outside any loop, or cannot run twice: the
statements after it always leave the function (`return`, `panic`, `os.Exit`, `log.Fatal`), or break
out of the outermost loop, before the loop could start its next iteration.
)md";

const RuleInfo kInfo{
    .name = "defer-in-loop",
    .summary = "defer inside a loop runs only when the function returns, not per iteration",
    .doc = kDoc,
    .severity = Severity::warning,
};

class DeferInLoop final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    for (const PassFile& file : pass.files()) {
      support::inspect(file.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        auto* d = as<DeferStmt>(n);
        if (!d) return Visit::descend;
        const Node* loop = support::enclosing_loop(anc);
        if (!loop || !support::may_run_again(d, anc)) return Visit::skip;
        std::string what = "deferred call";
        if (d->call && d->call->fun) {
          if (is<FuncLit>(d->call->fun)) what = "deferred func literal";
          else {
            std::string_view callee = file.text.substr(d->call->fun->pos(),
                                                       d->call->fun->end() - d->call->fun->pos());
            if (callee.size() <= 40) what = std::string(callee) + "()";
          }
        }
        pass.report(file, d->pos(), d->end(),
                    "defer in a loop: " + what + " runs only when the function returns, not at the "
                    "end of each iteration; move the loop body into a function");
        return Visit::skip;
      });
    }
  }
};

}  // namespace

const Rule* defer_in_loop_rule() {
  static const DeferInLoop rule;
  return &rule;
}

}  // namespace gotrap::rules
