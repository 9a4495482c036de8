// The facts floor: package identity, assignment forms, pointer-holding types, CFG paths and
// function summaries.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "facts/assign.h"
#include "facts/flow.h"
#include "facts/packages.h"
#include "facts/summary.h"
#include "facts/types.h"
#include "facts/walk.h"
#include "sema/cfg.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::facts {
namespace {

using namespace gotrap::ast;

struct Analyzed {
  std::unique_ptr<syntax::ParsedFile> file;
  std::unique_ptr<sema::Program> program;
  sema::PackageInfo* info = nullptr;
};

Analyzed analyze(const std::string& src) {
  Analyzed a;
  a.file = syntax::parse_file("x.go", src);
  EXPECT_TRUE(a.file->ok());
  a.program = std::make_unique<sema::Program>();
  a.info = a.program->add_package("example.com/p", {a.file.get()});
  a.program->analyze();
  return a;
}

const FuncDecl* func_named(const File* f, std::string_view name) {
  for (const Decl* d : f->decls)
    if (auto* fd = as<FuncDecl>(d); fd && fd->name->name == name) return fd;
  return nullptr;
}

template <class T>
std::vector<const T*> all_of(const Node* root) {
  std::vector<const T*> out;
  for_each_node(root, [&](const Node* n) {
    if (auto* t = as<T>(n)) out.push_back(t);
  });
  return out;
}

TEST(Packages, VendoredCopiesAndAliasesAreThePackage) {
  EXPECT_EQ(canonical_package("golang.org/x/net/context"), "context");
  EXPECT_EQ(canonical_package("example.com/m/vendor/golang.org/x/net/context"), "context");
  EXPECT_EQ(canonical_package("vendor/golang.org/x/sync/errgroup"), "golang.org/x/sync/errgroup");
  EXPECT_EQ(canonical_package("example.com/m/vendor/google.golang.org/grpc"), "google.golang.org/grpc");
  EXPECT_EQ(canonical_package("example.com/vendors/x"), "example.com/vendors/x");
  EXPECT_TRUE(is_test_package("example.com/m/test/e2e/fixture"));
  EXPECT_TRUE(is_test_package("example.com/m/internal/mocks"));
  EXPECT_FALSE(is_test_package("github.com/stretchr/testify/assert"));
}

TEST(Assign, EveryFormIsAWrite) {
  auto a = analyze(
      "package p\n"
      "func f() (int, error) { return 0, nil }\n"
      "func g(m map[int]int) {\n"
      "  var x int\n"
      "  var err error\n"
      "  x, err = f()\n"
      "  y := 1\n"
      "  y += 2\n"
      "  y++\n"
      "  for k := range m { _ = k }\n"
      "  p := &y\n"
      "  _, _, _ = x, err, p\n"
      "}\n");
  const FuncDecl* g = func_named(a.file->file, "g");
  std::vector<WriteForm> forms;
  for_each_write(g, [&](const Write& w) { forms.push_back(w.form); });
  std::vector<WriteForm> want = {WriteForm::var_decl, WriteForm::var_decl, WriteForm::assign,
                                 WriteForm::assign,   WriteForm::define,   WriteForm::op_assign,
                                 WriteForm::inc_dec,  WriteForm::range,    WriteForm::define,
                                 WriteForm::address_taken};
  EXPECT_EQ(forms, want);

  Writes writes(g, a.info);
  auto idents = all_of<Ident>(g);
  const Ident* x_use = nullptr;
  const Ident* y_use = nullptr;
  for (const Ident* id : idents) {
    if (id->name == "x") x_use = id;  // the last mention: `_, _, _ = x, ...`
    if (id->name == "y") y_use = id;
  }
  ASSERT_NE(x_use, nullptr);
  // `var x int` then `x, err = f()`: one value, the first result of f().
  const Write* xv = writes.single_value(x_use);
  ASSERT_NE(xv, nullptr);
  EXPECT_EQ(xv->form, WriteForm::assign);
  EXPECT_EQ(xv->index, 0);
  EXPECT_TRUE(is<CallExpr>(xv->value));
  // y is written four ways: no single value.
  EXPECT_EQ(writes.single_value(y_use), nullptr);
  EXPECT_EQ(writes.of(y_use).size(), 4u);
}

TEST(Types, PointerShapesHoldPointersWhateverTheyPointTo) {
  auto a = analyze(
      "package p\n"
      "import \"example.com/other\"\n"
      "type S struct {\n"
      "  a []*other.T\n"
      "  b map[string]other.T\n"
      "  c other.T\n"
      "  d [4]int\n"
      "}\n");
  std::vector<std::optional<bool>> got;
  for (const Field* f : all_of<Field>(a.file->file)) {
    if (f->names.empty()) continue;
    const sema::Object* o = a.info->def_of(f->names[0]);
    got.push_back(holds_pointers(o));
  }
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0], std::optional<bool>(true));   // a slice, elements unknown
  EXPECT_EQ(got[1], std::optional<bool>(true));   // a map
  EXPECT_EQ(got[2], std::nullopt);                // a struct of another package: unknown
  EXPECT_EQ(got[3], std::optional<bool>(false));  // ints
}

TEST(Flow, DeferRunsAgainOnlyOnAPathBackToItself) {
  auto a = analyze(
      "package p\n"
      "func g() bool { return true }\n"
      "func a(xs []int) { for range xs { defer g(); if g() { return } } }\n"
      "func b(xs []int) { for range xs { defer g(); return } }\n"
      "func c(xs []int) { for range xs { defer g(); if g() { return } else { break } } }\n"
      "func d(xs []int) { for range xs { if g() { defer g(); continue }; return } }\n"
      "func e() { defer g() }\n");
  std::vector<bool> again;
  for (std::string_view name : {"a", "b", "c", "d", "e"}) {
    const FuncDecl* fd = func_named(a.file->file, name);
    sema::Cfg cfg = sema::build_cfg(fd->body, a.info);
    auto defers = all_of<DeferStmt>(fd);
    ASSERT_EQ(defers.size(), 1u);
    again.push_back(may_run_again(cfg, defers[0]));
  }
  EXPECT_EQ(again, (std::vector<bool>{true, false, false, true, false}));
}

TEST(Summaries, StoredReturnedAndContextFacts) {
  auto a = analyze(
      "package p\n"
      "import (\"context\"; \"time\")\n"
      "type R struct{ all []*int }\n"
      "var global *int\n"
      "func (r *R) add(p *int) { r.all = append(r.all, p) }\n"
      "func read(p *int) int { return *p }\n"
      "func keep(p *int) { global = p }\n"
      "func pass(r *R, p *int) { r.add(p) }\n"
      "func back(p *int) *int { return p }\n"
      "func bounded(ctx context.Context) { ctx, cancel := context.WithTimeout(ctx, time.Second); defer cancel(); _ = ctx }\n"
      "func waits(ctx context.Context) { <-ctx.Done() }\n"
      "func spawn(p *int) { go func() { _ = *p }() }\n"
      "type C struct{ keep *int }\n"
      "func option(p *int) func(*C) { return func(c *C) { c.keep = p } }\n");
  Summaries sums;
  auto bits = [&](std::string_view name, size_t param) -> uint8_t {
    const FuncSummary* s = sums.of(a.info, func_named(a.file->file, name));
    EXPECT_NE(s, nullptr) << name;
    return s && param < s->params.size() ? s->params[param] : 0xff;
  };
  EXPECT_TRUE(bits("add", 0) & kStored);
  EXPECT_FALSE(bits("read", 0) & kStored);
  EXPECT_TRUE(bits("keep", 0) & kStored);
  EXPECT_TRUE(bits("pass", 1) & kStored);  // through the callee's summary
  EXPECT_FALSE(bits("pass", 0) & kStored);
  EXPECT_TRUE(bits("back", 0) & kReturned);
  EXPECT_FALSE(bits("back", 0) & kStored);
  EXPECT_TRUE(bits("bounded", 0) & kCtxBounded);
  EXPECT_TRUE(bits("waits", 0) & kCtxWaitsDone);
  EXPECT_TRUE(bits("spawn", 0) & kStored);
  // Stored by a closure into the closure's own parameter: not a claim about this call.
  EXPECT_FALSE(bits("option", 0) & kStored);
}

TEST(Summaries, ElementWritesOfSliceParameters) {
  auto a = analyze(
      "package p\n"
      "type W interface{ write(s []string) }\n"
      "type sets struct{}\n"
      "func (sets) write(s []string) { s[0] = \"x\" }\n"
      "type reads struct{}\n"
      "func (reads) write(s []string) { _ = s[0] }\n"
      "func set(s []string) { s[1] = \"\" }\n"
      "func bump(s []int) { s[0]++ }\n"
      "func fill(s []byte) { copy(s[2:], \"ab\") }\n"
      "func read(s []string) string { return s[0] }\n"
      "func local(s []string) { c := append([]string(nil), s...); c[0] = \"\" }\n"
      "func later(s []string) func() { return func() { s[0] = \"\" } }\n"
      "func byGoroutine(s []string) { go func() { s[0] = \"\" }() }\n"
      "func viaCallee(s []string) { set(s[1:]) }\n"
      "func viaInterface(w W, s []string) { w.write(s) }\n"
      "func mapWrite(m map[string]int) { m[\"a\"] = 1 }\n"
      "func copySource(d, s []byte) { copy(d, s) }\n");
  Summaries sums;
  auto bits = [&](std::string_view name, size_t param) -> uint16_t {
    const FuncSummary* s = sums.of(a.info, func_named(a.file->file, name));
    EXPECT_NE(s, nullptr) << name;
    return s && param < s->params.size() ? s->params[param] : 0xffff;
  };
  EXPECT_TRUE(bits("set", 0) & kElemWritten);
  EXPECT_TRUE(bits("bump", 0) & kElemWritten);
  EXPECT_TRUE(bits("fill", 0) & kElemWritten);
  EXPECT_FALSE(bits("read", 0) & kElemWritten);
  EXPECT_FALSE(bits("local", 0) & kElemWritten);
  EXPECT_FALSE(bits("later", 0) & kElemWritten);        // a literal may never run
  EXPECT_FALSE(bits("byGoroutine", 0) & kElemWritten);
  EXPECT_TRUE(bits("viaCallee", 0) & kElemWritten);     // a re-slice handed to a writer
  EXPECT_TRUE(bits("viaInterface", 1) & kElemWritten);  // one implementation writes
  EXPECT_FALSE(bits("viaInterface", 0) & kElemWritten);
  EXPECT_FALSE(bits("mapWrite", 0) & kElemWritten);     // not a slice
  EXPECT_TRUE(bits("copySource", 0) & kElemWritten);
  EXPECT_FALSE(bits("copySource", 1) & kElemWritten);
}

TEST(Summaries, ContextHandedToADetachingWrapper) {
  auto a = analyze(
      "package p\n"
      "import (\"context\"; \"time\")\n"
      "type vc struct{ values, life context.Context }\n"
      "func (c *vc) Deadline() (time.Time, bool) { return c.life.Deadline() }\n"
      "func (c *vc) Done() <-chan struct{} { return c.own().Done() }\n"
      "func (c *vc) Err() error { return c.life.Err() }\n"
      "func (c *vc) Value(k any) any { return c.values.Value(k) }\n"
      "func (c *vc) own() context.Context { return c.life }\n"
      "func detach(v, l context.Context) context.Context { return &vc{values: v, life: l} }\n"
      "func lifeFirst(l, v context.Context) context.Context { return &vc{values: v, life: l} }\n"
      "type leaky struct{ values, life context.Context }\n"
      "func (c *leaky) Deadline() (time.Time, bool) { return c.life.Deadline() }\n"
      "func (c *leaky) Done() <-chan struct{} { return pick(c).Done() }\n"
      "func (c *leaky) Err() error { return c.life.Err() }\n"
      "func (c *leaky) Value(k any) any { return c.values.Value(k) }\n"
      "func pick(c *leaky) context.Context { return c.values }\n"
      "func handedOn(v, l context.Context) context.Context { return &leaky{values: v, life: l} }\n"
      "type half struct{ values, life context.Context }\n"
      "func (c *half) Done() <-chan struct{} { return c.life.Done() }\n"
      "func noErr(v, l context.Context) *half { return &half{values: v, life: l} }\n"
      "func kept(v, l context.Context) { global = &vc{values: v, life: l} }\n"
      "var global context.Context\n"
      "func run(ctx context.Context) {}\n"
      "func spawnDetached(ctx, base context.Context) { go func() { run(detach(ctx, base)) }() }\n"
      "func spawnLinked(ctx, base context.Context) { go func() { run(lifeFirst(ctx, base)) }() }\n"
      "type W interface{ wrap(v, l context.Context) context.Context }\n"
      "type d1 struct{}\n"
      "func (d1) wrap(v, l context.Context) context.Context { return &vc{values: v, life: l} }\n"
      "type d2 struct{}\n"
      "func (d2) wrap(v, l context.Context) context.Context { return &vc{values: v, life: l} }\n"
      "type l1 struct{}\n"
      "func (l1) wrap(v, l context.Context) context.Context { return &vc{values: l, life: v} }\n"
      "func (l1) other() {}\n"
      "type O interface{ wrap(v, l context.Context) context.Context; other() }\n"
      "func watch(ctx, base context.Context, stop chan int) {\n"
      "  run(detach(ctx, base))\n"
      "  select { case <-ctx.Done(): case <-stop: }\n"
      "}\n");
  Summaries sums;
  auto bits = [&](std::string_view name, size_t param) -> uint16_t {
    const FuncSummary* s = sums.of(a.info, func_named(a.file->file, name));
    EXPECT_NE(s, nullptr) << name;
    return s && param < s->params.size() ? s->params[param] : 0xffff;
  };
  // Done reaches life through a method; nothing of the wrapper's cancellation reads values.
  EXPECT_TRUE(bits("detach", 0) & kCtxDetached);
  EXPECT_FALSE(bits("detach", 0) & kCtxHonoured);
  EXPECT_TRUE(bits("detach", 0) & kReturned);  // its values travel on
  EXPECT_FALSE(bits("detach", 1) & kCtxDetached);
  EXPECT_TRUE(bits("detach", 1) & kCtxHonoured);
  EXPECT_TRUE(bits("lifeFirst", 1) & kCtxDetached);
  EXPECT_FALSE(bits("lifeFirst", 0) & kCtxDetached);
  // The receiver handed to a function: it may read any field.
  EXPECT_FALSE(bits("handedOn", 0) & kCtxDetached);
  // Without Err and Deadline of its own, the wrapper is not a context detached from v.
  EXPECT_FALSE(bits("noErr", 0) & kCtxDetached);
  // Stored, not returned.
  EXPECT_FALSE(bits("kept", 0) & kCtxDetached);
  // A goroutine using only the detached wrapper does not run on with the caller's cancellation.
  EXPECT_FALSE(bits("spawnDetached", 0) & kKeptRunning);
  EXPECT_TRUE(bits("spawnDetached", 1) & kKeptRunning);
  EXPECT_TRUE(bits("spawnLinked", 0) & kKeptRunning);
  // An interface method promises detaching only when every implementation detaches.
  auto method_of = [&](std::string_view iface) -> const sema::Object* {
    const sema::Object* o = a.info->member(iface);
    const sema::Type* u = o ? sema::underlying(o->type) : nullptr;
    if (u)
      for (const sema::Method& m : u->methods)
        if (m.name == "wrap") return m.obj;
    return nullptr;
  };
  const FuncSummary* every = sums.of_implementations(method_of("W"));  // d1, d2 and l1
  ASSERT_NE(every, nullptr);
  EXPECT_FALSE(every->of_arg(0) & kCtxDetached);
  EXPECT_TRUE(every->of_arg(0) & kCtxHonoured);
  const FuncSummary* only_l1 = sums.of_implementations(method_of("O"));
  ASSERT_NE(only_l1, nullptr);
  EXPECT_TRUE(only_l1->of_arg(1) & kCtxDetached);
  EXPECT_FALSE(only_l1->of_arg(0) & kCtxDetached);
  // Watched until told to stop, its values handed on: still only watched.
  EXPECT_TRUE(bits("watch", 0) & kCtxOnlyWatched);
  EXPECT_FALSE(bits("watch", 1) & kCtxOnlyWatched);
}

}  // namespace
}  // namespace gotrap::facts
