// Helpers behind ctx-in-loop, nil-ctx and append-alias: forward reachability on the graph,
// context-wrapper and in-place-append summaries, and argument-to-parameter binding.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "facts/context_derive.h"
#include "facts/summary.h"
#include "rules/rule.h"
#include "rules/support/call_params.h"
#include "rules/support/cfg_reach.h"
#include "rules/support/slice_alias.h"
#include "rules/support/walk.h"
#include "sema/cfg.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules::support {
namespace {

using namespace gotrap::ast;

struct Analysed {
  std::unique_ptr<syntax::ParsedFile> file;
  std::unique_ptr<sema::Program> program;
  const sema::PackageInfo* info = nullptr;

  const FuncDecl* func(std::string_view name) const {
    for (const Node* d : file->file->decls)
      if (auto* fd = as<FuncDecl>(d); fd && fd->name->name == name) return fd;
    return nullptr;
  }
  // The n-th call (preorder) inside function `fn`.
  const CallExpr* call_in(std::string_view fn, int n = 0) const {
    const CallExpr* found = nullptr;
    inspect(func(fn), [&](const Node* node, std::span<const Node* const>) {
      if (found) return Visit::stop;
      if (is<CallExpr>(node) && n-- == 0) found = as<CallExpr>(node);
      return Visit::descend;
    });
    return found;
  }
};

Analysed analyse(const std::string& src) {
  Analysed a;
  a.file = syntax::parse_file("p.go", src);
  EXPECT_TRUE(a.file->ok());
  a.program = std::make_unique<sema::Program>();
  a.info = a.program->add_package("example.com/p", {a.file.get()});
  a.program->analyze();
  return a;
}

// The statements of the body of `fn` whose source text starts with `prefix`, in order.
std::vector<const Node*> stmts_starting(const Analysed& a, std::string_view fn, std::string_view prefix) {
  std::vector<const Node*> out;
  for_each_node(a.func(fn)->body, [&](const Node* n) {
    if (!is_stmt_node(n) || is<BlockStmt>(n)) return;
    std::string_view text = a.file->text.substr(n->pos(), n->end() - n->pos());
    if (text.starts_with(prefix)) out.push_back(n);
  });
  return out;
}

TEST(CfgReach, AssignmentComesBackRoundTheLoopUnlessReset) {
  Analysed a = analyse(R"(package p
func grows(n int) int {
	x := 0
	for i := 0; i < n; i++ {
		x = x + i
	}
	return x
}
func reset(n int) int {
	x := 0
	for i := 0; i < n; i++ {
		x = 0
		x = x + i
	}
	return x
}
func once(n int) int {
	x := 0
	for {
		x = x + n
		break
	}
	return x
}
)");
  for (const auto& [fn, again] : {std::pair{"grows", true}, {"reset", false}, {"once", false}}) {
    const sema::Cfg cfg = sema::build_cfg(a.func(fn)->body, a.info);
    const Node* from = stmts_starting(a, fn, "x = x").at(0);
    std::vector<const Node*> resets = stmts_starting(a, fn, "x = 0");
    auto hits = reached_before(
        cfg, from, [&](const Node* n) { return n == from; },
        [&](const Node* n) { return !resets.empty() && n == resets[0]; });
    EXPECT_EQ(!hits.empty(), again) << fn;
  }
}

TEST(CfgReach, ReportsEveryFirstHitInSourceOrder) {
  Analysed a = analyse(R"(package p
func f(c bool) int {
	v := 1
	if c {
		println(v)
	} else {
		v = 2
		println(v)
	}
	return v
}
)");
  const sema::Cfg cfg = sema::build_cfg(a.func("f")->body, a.info);
  const Node* from = stmts_starting(a, "f", "v := 1").at(0);
  std::vector<const Node*> prints = stmts_starting(a, "f", "println");
  const Node* reassign = stmts_starting(a, "f", "v = 2").at(0);
  auto hits = reached_before(
      cfg, from, [&](const Node* n) { return n == prints[0] || n == prints[1]; },
      [&](const Node* n) { return n == reassign; });
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0], prints[0]);
}

TEST(ContextDerive, WrappersAreReadFromTheirBodies) {
  Analysed a = analyse(R"(package p
import "context"
type key int
func wrap(ctx context.Context, v string) context.Context {
	if v == "" {
		return ctx
	}
	return context.WithValue(ctx, key(0), v)
}
func second(v string, ctx context.Context) (int, context.Context) {
	c, cancel := context.WithCancel(ctx)
	_ = cancel
	return 1, c
}
func fresh(ctx context.Context, b bool) context.Context {
	if b {
		return context.Background()
	}
	return context.WithValue(ctx, key(1), 1)
}
func same(ctx context.Context) context.Context { return ctx }
func use(ctx context.Context) {
	ctx = wrap(ctx, "a")
	_, ctx = second("b", ctx)
	ctx = fresh(ctx, true)
	ctx = same(ctx)
	ctx = context.WithValue(ctx, key(2), 2)
}
)");
  facts::Summaries sums;
  auto derives_context = [&](const sema::PackageInfo* info, const CallExpr* call) {
    return facts::derived_context(sums, info, call);
  };
  auto d = derives_context(a.info, a.call_in("use", 0));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->arg, 0u);
  EXPECT_EQ(d->result, 0u);
  d = derives_context(a.info, a.call_in("use", 1));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->arg, 1u);
  EXPECT_EQ(d->result, 1u);
  EXPECT_FALSE(derives_context(a.info, a.call_in("use", 2)));  // may hand back a fresh root
  EXPECT_FALSE(derives_context(a.info, a.call_in("use", 3)));  // never wraps
  EXPECT_TRUE(derives_context(a.info, a.call_in("use", 4)));
}

TEST(ContextDerive, InPlaceRederivationsChainsAndCycles) {
  Analysed a = analyse(R"(package p
import "context"
type key int
func inPlace(ctx context.Context, v string) context.Context {
	ctx = context.WithValue(ctx, key(0), v)
	return ctx
}
func chained(ctx context.Context, v string) context.Context {
	ctx = context.WithValue(ctx, key(1), v)
	return inPlace(inPlace(ctx, v), v)
}
func selfCall(ctx context.Context, n int) context.Context {
	if n == 0 {
		return context.WithValue(ctx, key(2), n)
	}
	return selfCall(ctx, n-1)
}
func laterFresh(ctx context.Context) context.Context {
	ctx = context.WithValue(ctx, key(3), 3)
	ctx = context.Background()
	return ctx
}
func use(ctx context.Context) {
	ctx = inPlace(ctx, "a")
	ctx = chained(ctx, "b")
	ctx = selfCall(ctx, 2)
	ctx = laterFresh(ctx)
}
)");
  facts::Summaries sums;
  EXPECT_TRUE(facts::derived_context(sums, a.info, a.call_in("use", 0)));
  EXPECT_TRUE(facts::derived_context(sums, a.info, a.call_in("use", 1)));
  EXPECT_FALSE(facts::derived_context(sums, a.info, a.call_in("use", 2)));  // recursion: no
  EXPECT_FALSE(facts::derived_context(sums, a.info, a.call_in("use", 3)));  // reset to a root
}

TEST(SliceAlias, InPlaceAppendsToParameters) {
  Analysed a = analyse(R"(package p
func add(s []int) []int { return append(s, 1) }
func grow(x int, s []int) []int {
	s = append(s, x)
	s = s[:len(s)-1]
	return append(s, x)
}
func copies(s []int) []int {
	s = append([]int(nil), s...)
	return append(s, 1)
}
func reads(s []int) int { return len(s) }
func w(a []int, arr [4]int) {
	_ = a[:2]
	_ = a[1:]
	_ = a[:len(a)]
	_ = a[:2:2]
	_ = arr[:1]
}
)");
  EXPECT_TRUE(appends_to_param(a.info, a.func("add"), 0));
  EXPECT_TRUE(appends_to_param(a.info, a.func("grow"), 1));
  EXPECT_FALSE(appends_to_param(a.info, a.func("grow"), 0));
  EXPECT_FALSE(appends_to_param(a.info, a.func("copies"), 0));
  EXPECT_FALSE(appends_to_param(a.info, a.func("reads"), 0));
  std::vector<bool> windows;
  for_each_node(a.func("w")->body, [&](const Node* n) {
    if (auto* s = as<SliceExpr>(n)) windows.push_back(window_base(a.info, s) != nullptr);
  });
  EXPECT_EQ(windows, (std::vector<bool>{true, false, false, false, true}));
}

TEST(CallParams, ArgumentsBindThroughSignaturesAndDeclarations) {
  Analysed a = analyse(R"(package p
import "context"
type T struct{}
func (T) M(a int, rest ...context.Context) {}
func g[X any](ctx context.Context, x X) {}
func use(t T, f func(string, context.Context)) {
	t.M(1, nil, nil)
	g(nil, 2)
	f("s", nil)
	_ = (func(int))(nil)
	t.M(1, []context.Context{}...)
}
)");
  RuleInfo info{.name = "test"};
  std::vector<PassFile> files(1);
  files[0].parsed = a.file.get();
  files[0].path = "p.go";
  files[0].text = a.file->text;
  Pass pass(info, files, nullptr, a.info, [](Finding) {});
  auto p = param_of_arg(pass, a.call_in("use", 0), 2);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "rest");
  EXPECT_TRUE(p->variadic);
  EXPECT_EQ(p->index, 1u);
  p = param_of_arg(pass, a.call_in("use", 1), 0);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "ctx");
  EXPECT_TRUE(p->type || p->type_expr);
  p = param_of_arg(pass, a.call_in("use", 2), 1);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->index, 1u);
  EXPECT_FALSE(param_of_arg(pass, a.call_in("use", 3), 0));  // a conversion
  p = param_of_arg(pass, a.call_in("use", 4), 1);
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->variadic);  // spread: the slice itself
}

}  // namespace
}  // namespace gotrap::rules::support
