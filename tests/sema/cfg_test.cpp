// Control-flow graphs: the lost-cancel question "is cancel called on every path to a return?".
#include <gtest/gtest.h>

#include "sema/cfg.h"
#include "sema/no_return.h"
#include "sema_test_util.h"

namespace gotrap::sema {
namespace {

using testing::analyse;

// True when the statement contains a call to the identifier `cancel` (a shallow check is enough
// for these fixtures: calls sit directly in expression or defer statements).
bool calls_cancel(const ast::Node* n) {
  const ast::CallExpr* call = nullptr;
  if (const auto* es = ast::as<ast::ExprStmt>(n)) call = ast::as<ast::CallExpr>(es->x);
  if (const auto* ds = ast::as<ast::DeferStmt>(n)) call = ds->call;
  const auto* id = call ? ast::as<ast::Ident>(call->fun) : nullptr;
  return id && id->name == "cancel";
}

struct Fixture {
  testing::Analysed a;
  Cfg cfg;
  const ast::Node* def = nullptr;
};

// Builds the graph of the first function and finds the statement defining `cancel`.
Fixture build(const std::string& body) {
  Fixture f{analyse("package p\n\nimport (\"context\"; \"os\")\n\nvar _ = os.Exit\n\nfunc f(ctx context.Context, c bool) int {\n" + body + "}\n"), {}, nullptr};
  const syntax::ParsedFile* file = f.a.packages[0]->files[0];
  const ast::FuncDecl* fd = nullptr;
  for (const ast::Node* d : file->file->decls)
    if (const auto* x = ast::as<ast::FuncDecl>(d)) fd = x;
  f.cfg = build_cfg(fd->body, f.a.packages[0]);
  for (const CfgBlock& block : f.cfg.blocks) {
    for (const ast::Node* node : block.nodes) {
      const auto* as = ast::as<ast::AssignStmt>(node);
      if (as && as->lhs.size() == 2) {
        const auto* id = ast::as<ast::Ident>(as->lhs[1]);
        if (id && id->name == "cancel") f.def = node;
      }
    }
  }
  return f;
}

TEST(Cfg, DeferredCancelCoversEveryReturn) {
  auto f = build("\tctx, cancel := context.WithCancel(ctx)\n\tdefer cancel()\n\tif c {\n\t\treturn 1\n\t}\n\t_ = ctx\n\treturn 2\n");
  ASSERT_NE(f.def, nullptr);
  EXPECT_TRUE(reached_on_every_path(f.cfg, f.def, calls_cancel).ok);
}

TEST(Cfg, EarlyReturnWithoutCancelIsReported) {
  std::string body = "\tctx, cancel := context.WithCancel(ctx)\n\tif c {\n\t\treturn 1\n\t}\n\tcancel()\n\t_ = ctx\n\treturn 2\n";
  auto f = build(body);
  ASSERT_NE(f.def, nullptr);
  PathCheck r = reached_on_every_path(f.cfg, f.def, calls_cancel);
  EXPECT_FALSE(r.ok);
  ASSERT_NE(r.offending, nullptr);
  EXPECT_EQ(r.offending_pos, f.a.offset("return 1"));
}

TEST(Cfg, PanicAndExitPathsDoNotCount) {
  auto f = build("\tctx, cancel := context.WithCancel(ctx)\n\tif c {\n\t\tpanic(ctx)\n\t}\n\tif !c {\n\t\tos.Exit(1)\n\t}\n\tcancel()\n\treturn 2\n");
  ASSERT_NE(f.def, nullptr);
  EXPECT_TRUE(reached_on_every_path(f.cfg, f.def, calls_cancel).ok);
}

TEST(Cfg, LoopsSwitchesAndLabels) {
  auto f = build(
      "\tctx, cancel := context.WithCancel(ctx)\n"
      "outer:\n\tfor i := 0; i < 3; i++ {\n"
      "\t\tswitch i {\n\t\tcase 0:\n\t\t\tcontinue outer\n\t\tcase 1:\n\t\t\tfallthrough\n"
      "\t\tcase 2:\n\t\t\tbreak outer\n\t\t}\n\t}\n"
      "\tselect {\n\tcase <-ctx.Done():\n\t\tcancel()\n\t\treturn 0\n\tdefault:\n\t}\n"
      "\treturn 3\n");
  ASSERT_NE(f.def, nullptr);
  PathCheck r = reached_on_every_path(f.cfg, f.def, calls_cancel);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.offending_pos, f.a.offset("return 3"));
}

TEST(Cfg, FallingOffTheEndIsReportedAtTheClosingBrace) {
  Fixture f{analyse("package p\n\nimport \"context\"\n\nfunc g(ctx context.Context) {\n\t_, cancel := context.WithCancel(ctx)\n\t_ = cancel\n}\n"), {}, nullptr};
  const syntax::ParsedFile* file = f.a.packages[0]->files[0];
  const auto* fd = ast::as<ast::FuncDecl>(file->file->decls.back());
  Cfg cfg = build_cfg(fd->body, f.a.packages[0]);
  const ast::Node* def = fd->body->list[0];
  PathCheck r = reached_on_every_path(cfg, def, calls_cancel);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.offending, nullptr);
  EXPECT_EQ(r.offending_pos, fd->body->rbrace);
}

TEST(Cfg, GotoBackwardsAndInfiniteLoop) {
  auto f = build("\tctx, cancel := context.WithCancel(ctx)\nagain:\n\tif c {\n\t\tgoto again\n\t}\n\tfor {\n\t\t_ = ctx\n\t}\n");
  ASSERT_NE(f.def, nullptr);
  // The infinite loop never reaches the exit, so no return misses the cancel.
  EXPECT_TRUE(reached_on_every_path(f.cfg, f.def, calls_cancel).ok);
}

// is_no_return_call filters calls by name before resolving them: every function it knows must
// pass that filter (a name left out of it would silently stop ending blocks), and look-alike
// names of the same packages, or of the package's own methods, must not end one.
TEST(NoReturn, EveryKnownNeverReturningFunctionIsRecognised) {
  struct Case {
    std::string call;
    bool ends;             // resolved, or unresolved with UnresolvedCallee::Returns
    bool ends_if_named;    // with UnresolvedCallee::NeverReturnsIfNamedSo
  };
  const std::vector<Case> calls = {
      {"panic(1)", true, true},          {"os.Exit(1)", true, true},
      {"runtime.Goexit()", true, true},  {"log.Fatal(1)", true, true},
      {"log.Fatalf(\"\")", true, true},   {"log.Fatalln(1)", true, true},
      {"log.Panic(1)", true, true},      {"log.Panicf(\"\")", true, true},
      {"log.Panicln(1)", true, true},    {"l.Fatal(1)", true, true},
      {"t.Fatal(1)", true, true},        {"t.Fatalf(\"\")", true, true},
      {"t.FailNow()", true, true},       {"t.Skip(1)", true, true},
      {"t.Skipf(\"\")", true, true},      {"t.SkipNow()", true, true},
      {"b.Fatal(1)", true, true},        {"klog.Fatalf(\"\")", true, true},
      {"klog.Exit(1)", true, true},      {"klog.ExitDepth(1)", true, true},
      {"logrus.Fatal(1)", true, true},   {"logrus.Panicln(1)", true, true},
      {"logrus.Exit(1)", true, true},    {"ginkgo.Fail(\"\")", true, true},
      {"ginkgo.Skip(\"\")", true, true},  {"ginkgo.AbortSuite(\"\")", true, true},
      // Not in the list, whatever the policy: resolved to something else.
      {"log.Print(1)", false, false},    {"log.Printf(\"\")", false, false},
      {"t.Log(1)", false, false},        {"t.Fail()", false, false},
      {"t.Skipped()", false, false},     {"t.Error(1)", false, false},
      {"os.Getenv(\"x\")", false, false}, {"runtime.Gosched()", false, false},
      {"klog.Infof(\"\")", false, false}, {"logrus.Info(1)", false, false},
      {"p.Skip()", false, false},        {"p.Fatal()", false, false},
      // A method of a value of unknown type: only its name is known.
      {"x.Fatal(1)", false, true},       {"x.Exit(1)", false, true},
      {"x.Print(1)", false, false},      {"x.Fail()", false, false},
  };
  std::string src =
      "package p\n\nimport (\"log\"; \"os\"; \"runtime\"; \"testing\"; \"k8s.io/klog/v2\";"
      " \"github.com/sirupsen/logrus\"; \"github.com/onsi/ginkgo/v2\"; \"example.com/other\")\n\n"
      "type parser struct{}\n\nfunc (*parser) Skip() {}\nfunc (*parser) Fatal() {}\n\n"
      "func f(t *testing.T, b *testing.B, l *log.Logger, p *parser) {\n\tx := other.New()\n";
  for (const Case& c : calls) src += "\t" + c.call + "\n";
  src += "}\n";
  testing::Analysed a = analyse(src);
  const auto* fd = ast::as<ast::FuncDecl>(a.packages[0]->files[0]->file->decls.back());
  ASSERT_NE(fd, nullptr);
  ASSERT_EQ(fd->body->list.size(), calls.size() + 1);
  for (size_t i = 0; i < calls.size(); ++i) {
    const auto* es = ast::as<ast::ExprStmt>(fd->body->list[i + 1]);
    ASSERT_NE(es, nullptr) << calls[i].call;
    EXPECT_EQ(is_no_return_call(es->x, a.packages[0]), calls[i].ends) << calls[i].call;
    EXPECT_EQ(is_no_return_call(es->x, a.packages[0], UnresolvedCallee::NeverReturnsIfNamedSo),
              calls[i].ends_if_named)
        << calls[i].call;
  }
}

// Without a semantic model only names are known: the builtin panic always, a selector's name
// only when the caller accepts a guess.
TEST(NoReturn, WithoutResolution) {
  testing::Analysed a = analyse("package p\n\nfunc f() {\n\tpanic(1)\n\tt.Fatal(1)\n\tt.Log(1)\n}\n");
  const auto* fd = ast::as<ast::FuncDecl>(a.packages[0]->files[0]->file->decls.back());
  ASSERT_NE(fd, nullptr);
  auto call = [&](size_t i) { return ast::as<ast::ExprStmt>(fd->body->list[i])->x; };
  EXPECT_TRUE(is_no_return_call(call(0), nullptr));
  EXPECT_FALSE(is_no_return_call(call(1), nullptr));
  EXPECT_TRUE(is_no_return_call(call(1), nullptr, UnresolvedCallee::NeverReturnsIfNamedSo));
  EXPECT_FALSE(is_no_return_call(call(2), nullptr, UnresolvedCallee::NeverReturnsIfNamedSo));
}

}  // namespace
}  // namespace gotrap::sema
