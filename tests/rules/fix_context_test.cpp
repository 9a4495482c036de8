// Writing fixes for their file: line endings, indentation, operands, imports with aliases.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fix/fix.h"
#include "rules/support/fix_context.h"
#include "rules/support/imports.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules::support {
namespace {

using namespace gotrap::ast;

const SliceExpr* first_slice(const Node* root) {
  const SliceExpr* found = nullptr;
  for_each_node(root, [&](const Node* n) {
    if (!found && is<SliceExpr>(n)) found = static_cast<const SliceExpr*>(n);
  });
  return found;
}

TEST(FixContext, LineEndingFollowsTheFirstLine) {
  EXPECT_EQ(line_ending("package p\r\n\r\nvar x = 1\r\n"), "\r\n");
  EXPECT_EQ(line_ending("package p\n"), "\n");
  EXPECT_EQ(line_ending("package p"), "\n");
}

TEST(FixContext, InsertLinesBeforeKeepsIndentAndCRLF) {
  std::string text = "package p\r\n\r\nfunc f() {\r\n\t\tg()\r\n}\r\n";
  Pos call = Pos(text.find("g()"));
  auto edit = insert_lines_before(text, call, {"a := 1", "_ = a"});
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->start, text.find("\t\tg()"));
  EXPECT_EQ(edit->text, "\t\ta := 1\r\n\t\t_ = a\r\n");
  // Not at the start of its line: no edit.
  EXPECT_FALSE(insert_lines_before(text, call + 1, {"x"}));
}

TEST(FixContext, OperandTextParenthesisesNonPrimaryExpressions) {
  auto f = syntax::parse_file("x.go", "package p\n\nfunc f(h *[]int, a, b []int) {\n\t_ = (*h)[:1]\n}\n");
  ASSERT_TRUE(f->ok());
  const SliceExpr* s = first_slice(f->file);
  ASSERT_TRUE(s);
  const Expr* inner = unparen(s->x);  // *h
  EXPECT_EQ(operand_text(f->text, inner), "(*h)");
  EXPECT_EQ(operand_text(f->text, s), "(*h)[:1]");
  EXPECT_FALSE(is_primary(inner));
  EXPECT_TRUE(is_primary(s->x));
}

PassFile pass_file(const syntax::ParsedFile& f) {
  PassFile file;
  file.parsed = &f;
  file.path = f.path;
  file.text = f.text;
  return file;
}

TEST(FixContext, AddImportsWithAliasAndCRLF) {
  auto f = syntax::parse_file("x.go", "package p\r\n\r\nimport (\r\n\t\"fmt\"\r\n\t\"strings\"\r\n)\r\n");
  ASSERT_TRUE(f->ok());
  PassFile file = pass_file(*f);
  auto edits = add_imports(file, std::vector<ImportRequest>{{"slices", "slicespkg"}});
  ASSERT_TRUE(edits);
  ASSERT_EQ(edits->size(), 1u);
  EXPECT_EQ(fix::apply_edits(f->text, *edits),
            "package p\r\n\r\nimport (\r\n\t\"fmt\"\r\n\tslicespkg \"slices\"\r\n\t\"strings\"\r\n)\r\n");
  // Already there under that name: nothing to add.
  auto none = add_imports(file, std::vector<ImportRequest>{{"fmt", ""}});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(FixContext, AddImportsToAFileWithoutAny) {
  auto f = syntax::parse_file("x.go", "package p\n\nvar x = 1\n");
  PassFile file = pass_file(*f);
  auto edits = add_imports(file, std::vector<ImportRequest>{{"slices", ""}});
  ASSERT_TRUE(edits);
  EXPECT_EQ(fix::apply_edits(f->text, *edits), "package p\n\nimport (\n\t\"slices\"\n)\n\nvar x = 1\n");
}

}  // namespace
}  // namespace gotrap::rules::support
