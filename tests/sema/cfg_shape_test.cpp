// Control-flow graphs block by block: pins down the exact graph (block numbering, nodes per block,
// successors, liveness) for every kind of statement, so changes to how the builder works cannot
// change what it builds.
#include <gtest/gtest.h>

#include <string>

#include "sema/cfg.h"
#include "sema_test_util.h"

namespace gotrap::sema {
namespace {

using testing::analyse;

// One line per block: "index: Kind@line:col ... -> successors", with "exit" and "dead" marks.
std::string dump(const Cfg& cfg, const syntax::ParsedFile& file) {
  std::string out;
  for (size_t b = 0; b < cfg.blocks.size(); ++b) {
    const CfgBlock& block = cfg.blocks[b];
    out += std::to_string(b);
    out += ":";
    for (const ast::Node* n : block.nodes) {
      syntax::LineCol at = file.lines.at(n->pos());
      out += " ";
      out += ast::kind_name(n->kind);
      out += "@";
      out += std::to_string(at.line);
      out += ":";
      out += std::to_string(at.column);
    }
    out += " ->";
    for (int s : block.succs) {
      out += " ";
      out += std::to_string(s);
    }
    if (int(b) == cfg.exit) out += " exit";
    if (!block.live) out += " dead";
    out += "\n";
  }
  return out;
}

// The graph of the last function declared in `src` (a whole file of package p), built with the
// package's resolution unless `unresolved`.
std::string graph_of(const std::string& src, bool unresolved = false) {
  testing::Analysed a = analyse(src);
  const syntax::ParsedFile* file = a.packages[0]->files[0];
  const ast::FuncDecl* fd = nullptr;
  for (const ast::Node* d : file->file->decls)
    if (const auto* x = ast::as<ast::FuncDecl>(d)) fd = x;
  const PackageInfo* info = unresolved ? nullptr : a.packages[0];
  std::string fresh = dump(build_cfg(fd->body, info), *file);
  // Built again into a graph that held the previous test's graph, its arrays reused.
  static Cfg reused;
  build_cfg(fd->body, info, reused);
  EXPECT_EQ(dump(reused, *file), fresh);
  return fresh;
}

TEST(CfgShape, NoBody) {
  Cfg cfg = build_cfg(nullptr, nullptr);
  EXPECT_TRUE(cfg.blocks.empty());
  EXPECT_EQ(cfg.exit, -1);
  testing::Analysed a = analyse("package p\nfunc f() {}\n");
  const auto* fd = ast::as<ast::FuncDecl>(a.packages[0]->files[0]->file->decls.back());
  build_cfg(fd->body, a.packages[0], cfg);
  EXPECT_EQ(cfg.blocks.size(), 2u);
  build_cfg(nullptr, nullptr, cfg);  // replaces the graph with none
  EXPECT_TRUE(cfg.blocks.empty());
  EXPECT_EQ(cfg.exit, -1);
  EXPECT_EQ(cfg.body, nullptr);
}

TEST(CfgShape, StraightLineAndReturn) {
  EXPECT_EQ(graph_of("package p\n"
                     "func f(x int) int {\n"
                     "\tx++\n"
                     "\tvar y = x\n"
                     "\tgo func() {}()\n"
                     "\tdefer func() {}()\n"
                     "\treturn y\n"
                     "\tx = 2\n"
                     "}\n"),
            "0: IncDecStmt@3:2 DeclStmt@4:2 GoStmt@5:2 DeferStmt@6:2 ReturnStmt@7:2 -> 1\n"
            "1: -> exit\n"
            "2: AssignStmt@8:2 -> 1 dead\n");
}

TEST(CfgShape, EmptyBody) {
  EXPECT_EQ(graph_of("package p\nfunc f() {}\n"), "0: -> 1\n1: -> exit\n");
}

TEST(CfgShape, IfElseChains) {
  EXPECT_EQ(graph_of("package p\n"
                     "func f(a, b bool) int {\n"
                     "\tif x := 1; a {\n"
                     "\t\treturn x\n"
                     "\t} else if b {\n"
                     "\t\tx++\n"
                     "\t} else {\n"
                     "\t\tx--\n"
                     "\t}\n"
                     "\tif a {\n"
                     "\t}\n"
                     "\treturn 0\n"
                     "}\n"),
            "0: AssignStmt@3:5 Ident@3:13 -> 2 5\n"
            "1: -> exit\n"
            "2: ReturnStmt@4:3 -> 1\n"
            "3: Ident@10:5 -> 9 10\n"
            "4: -> 3 dead\n"
            "5: Ident@5:12 -> 6 8\n"
            "6: IncDecStmt@6:3 -> 7\n"
            "7: -> 3\n"
            "8: IncDecStmt@8:3 -> 7\n"
            "9: -> 10\n"
            "10: ReturnStmt@12:2 -> 1\n"
            "11: -> 1 dead\n");
}

TEST(CfgShape, Loops) {
  EXPECT_EQ(graph_of("package p\n"
                     "func f(xs []int) (n int) {\n"
                     "\tfor i := 0; i < 3; i++ {\n"
                     "\t\tif i == 1 {\n"
                     "\t\t\tcontinue\n"
                     "\t\t}\n"
                     "\t\tif i == 2 {\n"
                     "\t\t\tbreak\n"
                     "\t\t}\n"
                     "\t\tn++\n"
                     "\t}\n"
                     "\tfor k, v := range xs {\n"
                     "\t\tn += k + v\n"
                     "\t}\n"
                     "\tfor range xs {\n"
                     "\t\tbreak\n"
                     "\t}\n"
                     "\tfor {\n"
                     "\t\tn--\n"
                     "\t}\n"
                     "}\n"),
            "0: AssignStmt@3:6 -> 2\n"
            "1: -> exit dead\n"
            "2: BinaryExpr@3:14 -> 3 5\n"
            "3: BinaryExpr@4:6 -> 6 7\n"
            "4: IncDecStmt@3:21 -> 2\n"
            "5: Ident@12:20 -> 12\n"
            "6: BranchStmt@5:4 -> 4\n"
            "7: BinaryExpr@7:6 -> 9 10\n"
            "8: -> 7 dead\n"
            "9: BranchStmt@8:4 -> 5\n"
            "10: IncDecStmt@10:3 -> 4\n"
            "11: -> 10 dead\n"
            "12: RangeStmt@12:2 -> 13 14\n"
            "13: AssignStmt@13:3 -> 12\n"
            "14: Ident@15:12 -> 15\n"
            "15: RangeStmt@15:2 -> 16 17\n"
            "16: BranchStmt@16:3 -> 17\n"
            "17: -> 19\n"
            "18: -> 15 dead\n"
            "19: -> 20\n"
            "20: IncDecStmt@19:3 -> 21\n"
            "21: -> 19\n"
            "22: -> 1 dead\n");
}

TEST(CfgShape, Switches) {
  EXPECT_EQ(graph_of("package p\n"
                     "func f(x int, v any) int {\n"
                     "\tswitch y := x; y {\n"
                     "\tcase 1, 2:\n"
                     "\t\tx++\n"
                     "\t\tfallthrough\n"
                     "\tcase 3:\n"
                     "\t\tbreak\n"
                     "\tdefault:\n"
                     "\t\treturn 1\n"
                     "\t}\n"
                     "\tswitch {\n"
                     "\tcase x > 0:\n"
                     "\t\tx--\n"
                     "\tcase x < 0:\n"
                     "\t\tfallthrough\n"
                     "\t}\n"
                     "\tswitch t := v.(type) {\n"
                     "\tcase int:\n"
                     "\t\treturn t\n"
                     "\tcase string, nil:\n"
                     "\t}\n"
                     "\tswitch x {\n"
                     "\t}\n"
                     "\treturn x\n"
                     "}\n"),
            "0: AssignStmt@3:9 Ident@3:17 -> 3 4 5\n"
            "1: -> exit\n"
            "2: -> 9 10 11\n"
            "3: BasicLit@4:7 BasicLit@4:10 IncDecStmt@5:3 BranchStmt@6:3 -> 4\n"
            "4: BasicLit@7:7 BranchStmt@8:3 -> 2\n"
            "5: ReturnStmt@10:3 -> 1\n"
            "6: -> 2 dead\n"
            "7: -> 2 dead\n"
            "8: -> 2 dead\n"
            "9: AssignStmt@18:9 -> 13 14 15\n"
            "10: BinaryExpr@13:7 IncDecStmt@14:3 -> 9\n"
            "11: BinaryExpr@15:7 BranchStmt@16:3 -> 9\n"
            "12: -> 9 dead\n"
            "13: Ident@23:9 -> 17\n"
            "14: Ident@19:7 ReturnStmt@20:3 -> 1\n"
            "15: Ident@21:7 Ident@21:15 -> 13\n"
            "16: -> 13 dead\n"
            "17: ReturnStmt@25:2 -> 1\n"
            "18: -> 1 dead\n");
}

TEST(CfgShape, Selects) {
  EXPECT_EQ(graph_of("package p\n"
                     "func f(c chan int) int {\n"
                     "\tselect {\n"
                     "\tcase x := <-c:\n"
                     "\t\treturn x\n"
                     "\tcase c <- 1:\n"
                     "\t\tbreak\n"
                     "\tdefault:\n"
                     "\t}\n"
                     "\tselect {}\n"
                     "}\n"),
            "0: SelectStmt@3:2 -> 3 5 7\n"
            "1: -> exit\n"
            "2: SelectStmt@10:2 ->\n"
            "3: AssignStmt@4:7 ReturnStmt@5:3 -> 1\n"
            "4: -> 2 dead\n"
            "5: SendStmt@6:7 BranchStmt@7:3 -> 2\n"
            "6: -> 2 dead\n"
            "7: -> 2\n"
            "8: -> 1 dead\n");
}

TEST(CfgShape, LabelsAndGoto) {
  EXPECT_EQ(graph_of("package p\n"
                     "func f(m [][]int) int {\n"
                     "\tgoto start\n"
                     "start:\n"
                     "outer:\n"
                     "\tfor _, row := range m {\n"
                     "\t\tfor _, x := range row {\n"
                     "\t\t\tif x == 0 {\n"
                     "\t\t\t\tcontinue outer\n"
                     "\t\t\t}\n"
                     "\t\t\tif x < 0 {\n"
                     "\t\t\t\tbreak outer\n"
                     "\t\t\t}\n"
                     "\t\t\tif x > 9 {\n"
                     "\t\t\t\tgoto done\n"
                     "\t\t\t}\n"
                     "\t\t}\n"
                     "\t}\n"
                     "sw:\n"
                     "\tswitch len(m) {\n"
                     "\tcase 1:\n"
                     "\t\tbreak sw\n"
                     "\t}\n"
                     "\tgoto start\n"
                     "done:\n"
                     "\treturn 0\n"
                     "}\n"),
            "0: BranchStmt@3:2 -> 2\n"
            "1: -> exit\n"
            "2: -> 3\n"
            "3: Ident@6:22 -> 7\n"
            "4: CallExpr@20:9 -> 22 23\n"
            "5: ReturnStmt@26:2 -> 1\n"
            "6: -> 2 dead\n"
            "7: RangeStmt@6:2 -> 8 9\n"
            "8: Ident@7:21 -> 10\n"
            "9: -> 4\n"
            "10: RangeStmt@7:3 -> 11 12\n"
            "11: BinaryExpr@8:7 -> 13 14\n"
            "12: -> 7\n"
            "13: BranchStmt@9:5 -> 7\n"
            "14: BinaryExpr@11:7 -> 16 17\n"
            "15: -> 14 dead\n"
            "16: BranchStmt@12:5 -> 9\n"
            "17: BinaryExpr@14:7 -> 19 20\n"
            "18: -> 17 dead\n"
            "19: BranchStmt@15:5 -> 5\n"
            "20: -> 10\n"
            "21: -> 20 dead\n"
            "22: BranchStmt@24:2 -> 2\n"
            "23: BasicLit@21:7 BranchStmt@22:3 -> 22\n"
            "24: -> 22 dead\n"
            "25: -> 5 dead\n"
            "26: -> 1 dead\n");
}

TEST(CfgShape, LabelsNestedInClauses) {
  EXPECT_EQ(graph_of("package p\n"
                     "func f(x int, c chan int) {\n"
                     "\tswitch x {\n"
                     "\tcase 1:\n"
                     "\tin:\n"
                     "\t\tx++\n"
                     "\t\tif x < 3 {\n"
                     "\t\t\tgoto in\n"
                     "\t\t}\n"
                     "\t}\n"
                     "\tselect {\n"
                     "\tcase <-c:\n"
                     "\tsel:\n"
                     "\t\tgoto sel\n"
                     "\t}\n"
                     "\tif x > 0 {\n"
                     "\t\tgoto deep\n"
                     "\t} else {\n"
                     "\t\tfor {\n"
                     "\t\tdeep:\n"
                     "\t\t\tx--\n"
                     "\t\t}\n"
                     "\t}\n"
                     "}\n"),
            "0: Ident@3:9 -> 5 6\n"
            "1: -> exit dead\n"
            "2: IncDecStmt@6:3 BinaryExpr@7:6 -> 7 8\n"
            "3: BranchStmt@14:3 -> 3\n"
            "4: IncDecStmt@21:4 -> 19 dead\n"
            "5: SelectStmt@11:2 -> 11\n"
            "6: BasicLit@4:7 -> 2\n"
            "7: BranchStmt@8:4 -> 2\n"
            "8: -> 5\n"
            "9: -> 8 dead\n"
            "10: BinaryExpr@16:5 -> 13 16 dead\n"
            "11: ExprStmt@12:7 -> 3\n"
            "12: -> 10 dead\n"
            "13: BranchStmt@17:3 -> 4 dead\n"
            "14: -> 1 dead\n"
            "15: -> 14 dead\n"
            "16: -> 17 dead\n"
            "17: -> 18 dead\n"
            "18: -> 4 dead\n"
            "19: -> 17 dead\n"
            "20: -> 14 dead\n");
}

TEST(CfgShape, NeverReturningCalls) {
  EXPECT_EQ(graph_of("package p\n"
                     "import (\"log\"; \"os\"; \"runtime\"; \"testing\")\n"
                     "func f(t *testing.T, x int) {\n"
                     "\tswitch x {\n"
                     "\tcase 0:\n"
                     "\t\tpanic(x)\n"
                     "\tcase 1:\n"
                     "\t\tos.Exit(1)\n"
                     "\tcase 2:\n"
                     "\t\tlog.Fatalf(\"%d\", x)\n"
                     "\tcase 3:\n"
                     "\t\tt.Fatal(x)\n"
                     "\tcase 4:\n"
                     "\t\truntime.Goexit()\n"
                     "\tcase 5:\n"
                     "\t\t(panic)(x)\n"
                     "\tcase 6:\n"
                     "\t\tlog.Print(x)\n"
                     "\t\tt.Log(x)\n"
                     "\t\tfunc() { panic(x) }()\n"
                     "\t}\n"
                     "\tx++\n"
                     "}\n"),
            "0: Ident@4:9 -> 2 3 4 5 6 7 8 9\n"
            "1: -> exit\n"
            "2: IncDecStmt@22:2 -> 1\n"
            "3: BasicLit@5:7 ExprStmt@6:3 ->\n"
            "4: BasicLit@7:7 ExprStmt@8:3 ->\n"
            "5: BasicLit@9:7 ExprStmt@10:3 ->\n"
            "6: BasicLit@11:7 ExprStmt@12:3 ->\n"
            "7: BasicLit@13:7 ExprStmt@14:3 ->\n"
            "8: BasicLit@15:7 ExprStmt@16:3 ->\n"
            "9: BasicLit@17:7 ExprStmt@18:3 ExprStmt@19:3 ExprStmt@20:3 -> 2\n"
            "10: -> 2 dead\n"
            "11: -> 2 dead\n"
            "12: -> 2 dead\n"
            "13: -> 2 dead\n"
            "14: -> 2 dead\n"
            "15: -> 2 dead\n");
}

TEST(CfgShape, WithoutResolutionOnlyPanicEndsABlock) {
  EXPECT_EQ(graph_of("package p\n"
                     "import \"os\"\n"
                     "func f(x int) {\n"
                     "\tif x > 0 {\n"
                     "\t\tpanic(x)\n"
                     "\t}\n"
                     "\t(panic)(x)\n"
                     "\tos.Exit(1)\n"
                     "\tx++\n"
                     "}\n",
                     true),
            "0: BinaryExpr@4:5 -> 2 3\n"
            "1: -> exit dead\n"
            "2: ExprStmt@5:3 ->\n"
            "3: ExprStmt@7:2 ->\n"
            "4: -> 3 dead\n"
            "5: ExprStmt@8:2 IncDecStmt@9:2 -> 1 dead\n");
}

TEST(CfgShape, DuplicateLabelsScatterABlock) {
  // Both statements labelled L continue the one block L names, with other blocks' nodes and
  // edges found in between.
  EXPECT_EQ(graph_of("package p\n"
                     "func f(x int) int {\n"
                     "L:\n"
                     "\tx++\n"
                     "\tif x > 0 {\n"
                     "\t\tx--\n"
                     "\t}\n"
                     "L:\n"
                     "\tx += 2\n"
                     "\tswitch x {\n"
                     "\tcase 1:\n"
                     "\t\treturn 1\n"
                     "\t}\n"
                     "\tif x > 1 {\n"
                     "\t\tgoto L\n"
                     "\t}\n"
                     "L:\n"
                     "\treturn x\n"
                     "}\n"),
            "0: -> 2\n"
            "1: -> exit\n"
            "2: IncDecStmt@4:2 BinaryExpr@5:5 AssignStmt@9:2 Ident@10:9 ReturnStmt@18:2 -> 3 4 5 6 1\n"
            "3: IncDecStmt@6:3 -> 4\n"
            "4: -> 2\n"
            "5: BinaryExpr@14:5 -> 8 9\n"
            "6: BasicLit@11:7 ReturnStmt@12:3 -> 1\n"
            "7: -> 5 dead\n"
            "8: BranchStmt@15:3 -> 2\n"
            "9: -> 2\n"
            "10: -> 9 dead\n"
            "11: -> 1 dead\n");
}

TEST(CfgShape, InvalidJumpsStillBuildAGraph) {
  // Type errors (undefined and duplicate labels, misplaced break/continue/fallthrough) must not
  // stop the graph from being built.
  EXPECT_EQ(graph_of("package p\n"
                     "func f(x int) {\n"
                     "\tgoto nowhere\n"
                     "\tbreak\n"
                     "\tcontinue\n"
                     "\tfallthrough\n"
                     "L:\n"
                     "\tx++\n"
                     "L:\n"
                     "\tx--\n"
                     "\tgoto L\n"
                     "}\n"),
            "0: BranchStmt@3:2 -> 3\n"
            "1: -> exit dead\n"
            "2: IncDecStmt@8:2 IncDecStmt@10:2 BranchStmt@11:2 -> 2 2 dead\n"
            "3: ->\n"
            "4: BranchStmt@4:2 -> dead\n"
            "5: BranchStmt@5:2 -> dead\n"
            "6: BranchStmt@6:2 -> dead\n"
            "7: -> 2 dead\n"
            "8: -> 1 dead\n");
}

}  // namespace
}  // namespace gotrap::sema
