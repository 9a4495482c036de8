// Shared rule helpers: the tree walker, the loop/flow questions and syntactic scoping.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/support/facts.h"
#include "rules/support/flow.h"
#include "rules/support/imports.h"
#include "rules/support/scope.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules::support {
namespace {

using namespace gotrap::ast;

std::unique_ptr<syntax::ParsedFile> parse(const std::string& src) {
  auto f = syntax::parse_file("x.go", src);
  EXPECT_TRUE(f->ok());
  return f;
}

// The first node of kind T in preorder, with its ancestors.
template <class T>
const T* find_first(const Node* root, std::vector<const Node*>* ancestors = nullptr, int skip = 0) {
  const T* found = nullptr;
  inspect(root, [&](const Node* n, std::span<const Node* const> anc) {
    if (found) return Visit::stop;
    if (is<T>(n) && skip-- == 0) {
      found = static_cast<const T*>(n);
      if (ancestors) ancestors->assign(anc.begin(), anc.end());
      return Visit::stop;
    }
    return Visit::descend;
  });
  return found;
}

TEST(Walk, PreorderInSourceOrderWithAncestors) {
  auto f = parse("package p\nfunc f(a int) int { return a + 1 }\n");
  std::vector<std::string> idents;
  size_t depth_of_a_use = 0;
  inspect(f->file, [&](const Node* n, std::span<const Node* const> anc) {
    if (auto* id = as<Ident>(n)) {
      idents.push_back(std::string(id->name));
      if (id->name == "a" && is<BinaryExpr>(anc.back())) depth_of_a_use = anc.size();
    }
    return Visit::descend;
  });
  EXPECT_EQ(idents, (std::vector<std::string>{"p", "f", "a", "int", "int", "a"}));
  // File > FuncDecl > BlockStmt > ReturnStmt > BinaryExpr
  EXPECT_EQ(depth_of_a_use, 5u);
}

TEST(Walk, SkipAndStop) {
  auto f = parse("package p\nfunc f() { g(func() { h() }); k() }\n");
  int calls = 0;
  inspect(f->file, [&](const Node* n, std::span<const Node* const>) {
    if (is<FuncLit>(n)) return Visit::skip;
    if (is<CallExpr>(n)) ++calls;
    return Visit::descend;
  });
  EXPECT_EQ(calls, 2);  // g(...) and k(), not h() inside the skipped literal
  int seen = 0;
  inspect(f->file, [&](const Node*, std::span<const Node* const>) {
    return ++seen == 3 ? Visit::stop : Visit::descend;
  });
  EXPECT_EQ(seen, 3);
}

TEST(Walk, DeepNestingDoesNotOverflow) {
  std::string src = "package p\nvar x = ";
  for (int i = 0; i < 20000; ++i) src += "(";
  src += "1";
  for (int i = 0; i < 20000; ++i) src += ")";
  src += "\n";
  auto f = syntax::parse_file("deep.go", src);
  size_t max_depth = 0;
  inspect(f->file, [&](const Node*, std::span<const Node* const> anc) {
    max_depth = std::max(max_depth, anc.size());
    return Visit::descend;
  });
  EXPECT_GT(max_depth, 0u);
}

TEST(Walk, ForEachNodeMatchesInspectOnDeepAndWideTrees) {
  // Deep enough to leave the recursive walk (kMaxWalkRecursion levels) for the explicit stack,
  // with siblings on both sides; shallow enough for the parser's stack guard under sanitizers,
  // whose frames are several times larger.
  constexpr int kDepth = 2 * facts::detail::kMaxWalkRecursion;
  std::string src = "package p\nfunc f(a, b int) int { return g(a, ";
  for (int i = 0; i < kDepth; ++i) src += "(b + ";
  src += "1";
  for (int i = 0; i < kDepth; ++i) src += ")";
  src += ", b) }\nfunc g(x, y, z int) int { return x }\n";
  auto f = syntax::parse_file("deep.go", src);
  ASSERT_TRUE(f->errors.empty()) << f->errors.front().message;
  std::vector<const Node*> by_inspect, by_for_each;
  inspect(f->file, [&](const Node* n, std::span<const Node* const>) {
    by_inspect.push_back(n);
    return Visit::descend;
  });
  for_each_node(f->file, [&](const Node* n) { by_for_each.push_back(n); });
  EXPECT_GT(by_inspect.size(), size_t(3 * kDepth));
  EXPECT_EQ(by_for_each, by_inspect);
}

TEST(Flow, DeferAgainOnlyWhenTheLoopCanGoRound) {
  auto f = parse(
      "package p\n"
      "func a(xs []int) { for range xs { defer g() } }\n"
      "func b(xs []int) { for range xs { defer g(); return } }\n"
      "func c(xs []int) { for range xs { defer g(); break } }\n"
      "func d(xs []int) { for range xs { if true { defer g(); continue }; return } }\n"
      "func e() { defer g() }\n"
      "func g() {}\n");
  std::vector<bool> again;
  for (int i = 0; i < 5; ++i) {
    std::vector<const Node*> anc;
    const DeferStmt* d = find_first<DeferStmt>(f->file, &anc, i);
    ASSERT_NE(d, nullptr);
    again.push_back(may_run_again(d, anc, nullptr));
  }
  EXPECT_EQ(again, (std::vector<bool>{true, false, false, true, false}));
}

TEST(Flow, TerminatingStatements) {
  auto f = parse("package p\nfunc f(x bool) { if x { panic(1) } else { return } }\n");
  const IfStmt* s = find_first<IfStmt>(f->file);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(is_terminating(s, nullptr));
  EXPECT_TRUE(is_terminating(s->body, nullptr));
}

TEST(Scope, ShadowingFollowsBlocks) {
  auto f = parse(
      "package p\n"
      "func f(xs []int) {\n"
      "  for _, v := range xs {\n"
      "    _ = v\n"           // the loop's v
      "    v := v\n"          // RHS: the loop's v; LHS: new v
      "    _ = v\n"           // the new v
      "    func(v int) { _ = v }(v)\n"
      "  }\n"
      "}\n");
  auto* fd = find_first<FuncDecl>(f->file);
  LocalScopes scopes(fd);
  auto* loop = find_first<RangeStmt>(f->file);
  auto* loop_v = as<Ident>(loop->value);
  std::vector<const Ident*> uses;
  for_each_node(loop->body, [&](const Node* n) {
    if (auto* id = as<Ident>(n); id && id->name == "v") uses.push_back(id);
  });
  // Preorder: _ = v | v := v (lhs, rhs) | _ = v | param v | _ = v (in literal) | arg v
  ASSERT_EQ(uses.size(), 7u);
  EXPECT_EQ(scopes.resolve(uses[0]), loop_v);
  EXPECT_EQ(scopes.resolve(uses[2]), loop_v);   // v := v reads the loop variable
  EXPECT_EQ(scopes.resolve(uses[3]), uses[1]);  // later uses see the copy
  EXPECT_EQ(scopes.resolve(uses[5]), uses[4]);  // the literal's parameter
  EXPECT_EQ(scopes.resolve(uses[6]), uses[1]);  // the argument is the copy
}

TEST(Facts, ConstIntAndHumanBytes) {
  auto f = parse("package p\nvar a = 64<<10 + 0x10 - 2*3\n");
  auto* spec = find_first<ValueSpec>(f->file);
  ASSERT_NE(spec, nullptr);
  EXPECT_EQ(const_int(spec->values[0]), 65536 + 16 - 6);
  EXPECT_EQ(human_bytes(5200000), "5.2 MB");
  EXPECT_EQ(human_bytes(900), "900 B");
  EXPECT_EQ(human_bytes(64000), "64 kB");
}

PassFile pass_file(const syntax::ParsedFile& parsed) {
  PassFile file;
  file.parsed = &parsed;
  file.path = parsed.path;
  file.text = parsed.text;
  return file;
}

TEST(Facts, MayMentionSearchesTheNodesText) {
  auto f = parse("package p\nfunc a() { wg.Wait() }\nfunc b() { x := 1; _ = x }\n");
  PassFile file = pass_file(*f);
  EXPECT_TRUE(may_mention(file, f->file->decls[0], "Wait"));
  EXPECT_FALSE(may_mention(file, f->file->decls[1], "Wait"));
  EXPECT_TRUE(may_mention(file, nullptr, "Wait"));
  EXPECT_FALSE(may_mention(file, nullptr, "Done"));
  // After syntax errors node ranges are not trusted: only the whole file's text answers no.
  auto broken = syntax::parse_file("x.go", "package p\nfunc a() { wg.Wait( }\nfunc b() {}\n");
  ASSERT_FALSE(broken->ok());
  PassFile broken_file = pass_file(*broken);
  EXPECT_TRUE(may_mention(broken_file, broken->file->decls.back(), "Wait"));
  EXPECT_FALSE(may_mention(broken_file, nullptr, "Done"));
}

TEST(Imports, AnyNameCountsRenamedBlankAndDotImports) {
  auto f = parse("package p\nimport (\n\tc \"context\"\n\t_ \"net/http\"\n\t. \"sync\"\n)\n");
  PassFile file = pass_file(*f);
  EXPECT_TRUE(imports_path_any_name(file, "context"));
  EXPECT_TRUE(imports_path_any_name(file, "net/http"));
  EXPECT_TRUE(imports_path_any_name(file, "sync"));
  EXPECT_FALSE(imports_path_any_name(file, "http"));
  EXPECT_FALSE(imports_path_any_name(file, "os"));
}

}  // namespace
}  // namespace gotrap::rules::support
