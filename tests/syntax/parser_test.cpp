// Parser: tree shapes, error messages and positions, recovery, nesting limits, line table.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <string>

#include "syntax/dump.h"
#include "syntax/parser.h"

namespace gotrap::syntax {
namespace {

using namespace gotrap::ast;

std::unique_ptr<ParsedFile> parse(std::string src) { return parse_file("t.go", std::move(src)); }

std::string first_error(const ParsedFile& f) {
  return f.errors.empty() ? std::string("<no error>") : format_error(f, f.errors[0]);
}

FuncDecl* func(const ParsedFile& f, size_t i) { return as<FuncDecl>(f.file->decls[uint32_t(i)]); }

Stmt* body_stmt(const ParsedFile& f, size_t fn, size_t i) {
  return func(f, fn)->body->list[uint32_t(i)];
}

TEST(Parser, GenericsAndInstantiation) {
  auto f = parse(
      "package p\n"
      "type Set[T comparable, U ~int | ~string] struct{ m map[T]U }\n"
      "type A[P any] = Set[P, int]\n"
      "func Map[S ~[]E, E any](s S) S { return Map[S, E](s) }\n");
  ASSERT_TRUE(f->ok()) << first_error(*f);
  auto* set = as<TypeSpec>(as<GenDecl>(f->file->decls[0])->specs[0]);
  ASSERT_TRUE(set && set->type_params);
  EXPECT_EQ(set->type_params->num_fields(), 2);
  auto* constraint = as<BinaryExpr>(set->type_params->list[1]->type);
  ASSERT_TRUE(constraint);
  EXPECT_EQ(constraint->op, Tok::OR);
  EXPECT_EQ(as<UnaryExpr>(constraint->x)->op, Tok::TILDE);

  auto* alias = as<TypeSpec>(as<GenDecl>(f->file->decls[1])->specs[0]);
  ASSERT_TRUE(alias && alias->type_params);
  EXPECT_TRUE(valid(alias->assign));
  auto* inst = as<IndexListExpr>(alias->type);
  ASSERT_TRUE(inst);
  EXPECT_EQ(inst->indices.size(), 2u);

  auto* ret = as<ReturnStmt>(body_stmt(*f, 2, 0));
  auto* call = as<CallExpr>(ret->results[0]);
  ASSERT_TRUE(call);
  EXPECT_TRUE(is<IndexListExpr>(call->fun));
}

TEST(Parser, ArrayTypeVersusTypeParameters) {
  auto f = parse("package p\ntype A [N]int\ntype B[P *C,] struct{}\ntype C [N * 2]int\n");
  ASSERT_TRUE(f->ok()) << first_error(*f);
  EXPECT_TRUE(is<ArrayType>(as<TypeSpec>(as<GenDecl>(f->file->decls[0])->specs[0])->type));
  EXPECT_TRUE(as<TypeSpec>(as<GenDecl>(f->file->decls[1])->specs[0])->type_params);
  EXPECT_TRUE(is<ArrayType>(as<TypeSpec>(as<GenDecl>(f->file->decls[2])->specs[0])->type));
}

TEST(Parser, CompositeLiteralInControlClauses) {
  // In an if header "T{" starts the block; parenthesized it is a composite literal.
  auto f = parse("package p\nfunc f() {\n\tif x == (T{}) {\n\t}\n\tfor _, v := range []int{1} {\n\t\t_ = v\n\t}\n}\n");
  ASSERT_TRUE(f->ok()) << first_error(*f);
  auto* ifs = as<IfStmt>(body_stmt(*f, 0, 0));
  ASSERT_TRUE(ifs);
  auto* cond = as<BinaryExpr>(ifs->cond);
  ASSERT_TRUE(cond);
  EXPECT_TRUE(is<CompositeLit>(as<ParenExpr>(cond->y)->x));
  auto* rs = as<RangeStmt>(body_stmt(*f, 0, 1));
  ASSERT_TRUE(rs);
  EXPECT_EQ(rs->tok, Tok::DEFINE);
  EXPECT_TRUE(is<CompositeLit>(rs->x));

  auto bad = parse("package p\nfunc f() {\n\tif x == T{} {\n\t}\n}\n");
  EXPECT_FALSE(bad->ok());
}

TEST(Parser, StatementForms) {
  auto f = parse(
      "package p\n"
      "func f(ch chan int, x any) {\n"
      "L:\n"
      "\tfor {\n"
      "\t\tselect {\n"
      "\t\tcase v, ok := <-ch:\n"
      "\t\t\t_, _ = v, ok\n"
      "\t\tcase ch <- 1:\n"
      "\t\tdefault:\n"
      "\t\t\tbreak L\n"
      "\t\t}\n"
      "\t}\n"
      "\tswitch y := x.(type) {\n"
      "\tcase int, string:\n"
      "\t\t_ = y\n"
      "\t}\n"
      "\tgo func() {}()\n"
      "\tdefer close(ch)\n"
      "\tfor range 10 {\n"
      "\t}\n"
      "}\n");
  ASSERT_TRUE(f->ok()) << first_error(*f);
  auto* labeled = as<LabeledStmt>(body_stmt(*f, 0, 0));
  ASSERT_TRUE(labeled);
  EXPECT_EQ(labeled->label->name, "L");
  auto* sel = as<SelectStmt>(as<ForStmt>(labeled->stmt)->body->list[0]);
  ASSERT_TRUE(sel);
  EXPECT_EQ(sel->body->list.size(), 3u);
  EXPECT_TRUE(is<AssignStmt>(as<CommClause>(sel->body->list[0])->comm));
  EXPECT_TRUE(is<SendStmt>(as<CommClause>(sel->body->list[1])->comm));
  EXPECT_EQ(as<CommClause>(sel->body->list[2])->comm, nullptr);
  EXPECT_TRUE(is<TypeSwitchStmt>(body_stmt(*f, 0, 1)));
  EXPECT_TRUE(is<GoStmt>(body_stmt(*f, 0, 2)));
  EXPECT_TRUE(is<DeferStmt>(body_stmt(*f, 0, 3)));
  auto* r = as<RangeStmt>(body_stmt(*f, 0, 4));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->key, nullptr);
  EXPECT_EQ(r->tok, Tok::ILLEGAL);
}

TEST(Parser, PositionsMatchGoAst) {
  std::string src = "package p\n\nfunc f() { g(a, b...) }\n";
  auto f = parse(src);
  ASSERT_TRUE(f->ok());
  auto* call = as<CallExpr>(as<ExprStmt>(body_stmt(*f, 0, 0))->x);
  ASSERT_TRUE(call);
  EXPECT_EQ(call->pos(), src.find("g("));
  EXPECT_EQ(call->end(), src.find(") }") + 1);
  EXPECT_EQ(call->ellipsis, src.find("..."));
  EXPECT_EQ(func(*f, 0)->pos(), src.find("func"));
  EXPECT_EQ(func(*f, 0)->end(), src.rfind('}') + 1);
  EXPECT_EQ(f->file->file_end, src.size());
}

TEST(Parser, CommentsAndDocs) {
  auto f = parse("// Package p.\npackage p\n\n// F does.\nfunc F() {} // trailing\n\n/* free */\n");
  ASSERT_TRUE(f->ok());
  ASSERT_TRUE(f->file->doc);
  EXPECT_EQ(f->file->doc->list[0]->text, "// Package p.");
  ASSERT_TRUE(func(*f, 0)->doc);
  EXPECT_EQ(func(*f, 0)->doc->list[0]->text, "// F does.");
  EXPECT_EQ(f->file->comments.size(), 4u);
}

TEST(Parser, GoVersionFromBuildConstraint) {
  auto f = parse("//go:build go1.21 && (linux || !go1.23)\n\npackage p\n");
  ASSERT_TRUE(f->ok());
  EXPECT_EQ(f->file->go_version, "go1.21");
  EXPECT_EQ(parse("//go:build linux\n\npackage p\n")->file->go_version, "");
  // Only before the package clause.
  EXPECT_EQ(parse("package p\n//go:build go1.22\n")->file->go_version, "");
}

TEST(Parser, ErrorMessagesAndPositions) {
  struct Case {
    const char* src;
    const char* error;
  } cases[] = {
      {"package p\nfunc f() {\n\tx := \n}\n", "t.go:4:1: expected operand, found '}'"},
      {"package p\nfunc f() {\n\tif x {\n\t}\n\telse {}\n}\n", "t.go:5:2: expected statement, found 'else'"},
      {"package p\nimport \"fmt\"\nvar x int\nimport \"os\"\n",
       "t.go:4:1: imports must appear before other declarations"},
      {"package p\nfunc f()\n{\n}\n", "t.go:3:1: unexpected semicolon or newline before {"},
      {"package p\nfunc f() {\n\tgo f\n}\n", "t.go:3:6: expression in go must be function call"},
      {"package p\nfunc (r T) m[P any]() {}\n", "t.go:2:13: method must have no type parameters"},
      {"package p\nfunc f(a ...int, b int) {}\n", "t.go:2:10: can only use ... with final parameter"},
      {"package p\nvar x = [3]int{1, 2\n}\n", "t.go:2:20: missing ',' before newline in composite literal"},
      {"package p\nfunc f() { switch x = y.(type) {} }\n", "t.go:2:21: expected ':=', found '='"},
      {"x", "t.go:1:1: expected 'package', found x"},
  };
  for (const Case& c : cases) {
    auto f = parse(c.src);
    EXPECT_EQ(first_error(*f), c.error) << c.src;
  }
}

TEST(Parser, RecoversAtNextStatementAndDeclaration) {
  auto f = parse(
      "package p\n"
      "func f() {\n"
      "\tx := )\n"
      "\ty := 2\n"
      "\tif {\n"
      "\t}\n"
      "\treturn\n"
      "}\n"
      "var = 3\n"
      "func h() {}\n");
  EXPECT_FALSE(f->ok());
  ASSERT_EQ(f->file->decls.size(), 3u);  // as go/parser: f, the broken var, h
  EXPECT_EQ(func(*f, 0)->name->name, "f");
  EXPECT_TRUE(is<ReturnStmt>(func(*f, 0)->body->list.back()));
  bool found_h = false;
  for (Decl* d : f->file->decls) {
    if (auto* fd = as<FuncDecl>(d); fd && fd->name->name == "h") found_h = true;
  }
  EXPECT_TRUE(found_h);
  for (size_t i = 1; i < f->errors.size(); i++) {
    EXPECT_LE(f->errors[i - 1].offset, f->errors[i].offset);  // sorted by position
  }
}

TEST(Parser, TooManyErrorsStopsEarly) {
  std::string src = "package p\n";
  for (int i = 0; i < 1000; i++) src += "func (\n";
  auto f = parse(src);
  EXPECT_FALSE(f->ok());
  EXPECT_LE(f->errors.size(), 12u);
}

void expect_nesting_error(const std::string& src) {
  auto f = parse(src);
  ASSERT_FALSE(f->ok());
  bool deep = false;
  for (const auto& e : f->errors) deep |= e.message == "exceeded max nesting depth";
  EXPECT_TRUE(deep) << first_error(*f);
  std::string d;
  dump_to(*f, d);  // the dump of whatever tree remains must not overflow either
  EXPECT_FALSE(d.empty());
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  const int n = 100000;
  expect_nesting_error("package p\nvar x = " + std::string(n, '(') + "1" + std::string(n, ')') + "\n");
  expect_nesting_error("package p\nvar x " + std::string(n, '[') + std::string(n, ']') + "int\n");
  std::string lits;
  for (int i = 0; i < n; i++) lits += "T{";
  expect_nesting_error("package p\nvar x = " + lits + "\n");
  std::string blocks = "package p\nfunc f() {" + std::string(n, '{') + std::string(n, '}') + "}\n";
  expect_nesting_error(blocks);
  expect_nesting_error("package p\nvar x = " + std::string(n, '^') + "1\n");
}

TEST(Parser, HugeListsKeepEveryElementInOrder) {
  // 300 000 elements of two or three values each: the outer list outgrows the parser's first
  // list chunk and several more, and inner lists start and end on both sides of chunk borders.
  const int n = 300000;
  std::string src = "package p\nvar x = []T{";
  for (int i = 0; i < n; i++) {
    src += '{';
    src += std::to_string(i);
    src += ", a";
    if (i % 3 == 0) src += ", b";
    src += "},";
  }
  src += "}\n";
  auto f = parse(src);
  ASSERT_TRUE(f->ok()) << first_error(*f);
  auto* spec = as<ValueSpec>(as<GenDecl>(f->file->decls[0])->specs[0]);
  auto* outer = as<CompositeLit>(spec->values[0]);
  ASSERT_NE(outer, nullptr);
  ASSERT_EQ(outer->elts.size(), uint32_t(n));
  for (int i = 0; i < n; i++) {
    auto* inner = as<CompositeLit>(outer->elts[uint32_t(i)]);
    ASSERT_NE(inner, nullptr);
    ASSERT_EQ(inner->elts.size(), i % 3 == 0 ? 3u : 2u) << i;
    auto* first = as<BasicLit>(inner->elts[0]);
    ASSERT_NE(first, nullptr);
    ASSERT_EQ(first->value, std::to_string(i));
    ASSERT_EQ(as<Ident>(inner->elts[1])->name, "a");
    if (i % 3 == 0) {
      ASSERT_EQ(as<Ident>(inner->elts[2])->name, "b");
    }
  }
}

TEST(Parser, LongFlatExpressionsDumpWithoutRecursion) {
  // 50 000 operands: accepted (like go/parser), and the left-leaning tree dumps fine.
  std::string src = "package p\nvar x = a";
  for (int i = 0; i < 50000; i++) src += "+a";
  src += "\n";
  auto f = parse(src);
  ASSERT_TRUE(f->ok()) << first_error(*f);
  std::string d;
  dump_to(*f, d);
  EXPECT_GT(d.size(), 50000u);
}

TEST(Parser, BinaryGarbageNeverCrashes) {
  std::string junk;
  uint32_t state = 12345;
  for (int i = 0; i < 200000; i++) {
    state = state * 1103515245 + 12345;
    junk += char(state >> 16);
  }
  auto f = parse(junk);
  EXPECT_FALSE(f->ok());
  EXPECT_NE(f->file, nullptr);
  auto g = parse(std::string("package p\nfunc f() { x := \"a\0b\" }\n", 34));
  ASSERT_FALSE(g->ok());
  EXPECT_EQ(first_error(*g), "t.go:2:19: illegal character NUL");
}

TEST(Parser, LargeFileParsesInLinearTime) {
  std::string unit = "func f(a, b int) int {\n\tif a > b {\n\t\treturn a * 2\n\t}\n\treturn b + len(\"x\")\n}\n";
  auto time_parse = [&](int copies) {
    std::string src = "package p\n";
    for (int i = 0; i < copies; i++) src += unit;
    auto t0 = std::chrono::steady_clock::now();
    auto f = parse(std::move(src));
    EXPECT_TRUE(f->ok());
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  double small = time_parse(20000);   // ~1.5 MB
  double large = time_parse(200000);  // ~15 MB
  EXPECT_LT(large, small * 10 * 4 + 0.5);  // generous: linear, not quadratic
}

TEST(LineTable, OffsetsToLinesAndColumns) {
  LineTable t("ab\ncd\n\nxyz");
  EXPECT_EQ(t.line_count(), 4u);
  EXPECT_EQ(t.at(0).line, 1u);
  EXPECT_EQ(t.at(0).column, 1u);
  EXPECT_EQ(t.at(2).column, 3u);  // the newline itself belongs to its line
  EXPECT_EQ(t.at(3).line, 2u);
  EXPECT_EQ(t.at(6).line, 3u);
  EXPECT_EQ(t.at(9).line, 4u);
  EXPECT_EQ(t.at(9).column, 3u);
  EXPECT_EQ(t.line_start(4), 7u);
  // As go/token: the offset just past a final newline still belongs to the last line.
  LineTable u("a\nb\n");
  EXPECT_EQ(u.line_count(), 2u);
  EXPECT_EQ(u.at(4).line, 2u);
  EXPECT_EQ(u.at(4).column, 3u);
}

TEST(Parser, ErrorAtEndOfFileIsOnTheLastLine) {
  auto f = parse("package p\nfunc f() {\n\tx := 1\n");
  ASSERT_FALSE(f->ok());
  EXPECT_EQ(first_error(*f), "t.go:3:9: expected '}', found 'EOF'");
}

TEST(Dump, MatchesDocumentedFormat) {
  auto f = parse("package p\n\nvar s = `a\r\nb`\n");
  ASSERT_TRUE(f->ok());
  std::ostringstream out;
  dump(*f, out);
  EXPECT_EQ(out.str(),
            "File Package=0 FileStart=0 FileEnd=26 GoVersion=\"\"\n"
            " Name: Ident NamePos=8 Name=\"p\"\n"
            " Decls: [1]\n"
            "  GenDecl TokPos=11 Tok=var Lparen=- Rparen=-\n"
            "   Specs: [1]\n"
            "    ValueSpec\n"
            "     Names: [1]\n"
            "      Ident NamePos=15 Name=\"s\"\n"
            "     Values: [1]\n"
            "      BasicLit ValuePos=19 ValueEnd=25 Kind=STRING Value=\"`a\\x0ab`\"\n");
}

}  // namespace
}  // namespace gotrap::syntax
