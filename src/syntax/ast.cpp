#include "syntax/ast.h"

namespace gotrap::ast {

namespace {
constexpr std::string_view kKindNames[] = {
    "Comment", "CommentGroup", "Field", "FieldList",
    "BadExpr", "Ident", "Ellipsis", "BasicLit", "FuncLit", "CompositeLit", "ParenExpr",
    "SelectorExpr", "IndexExpr", "IndexListExpr", "SliceExpr", "TypeAssertExpr", "CallExpr",
    "StarExpr", "UnaryExpr", "BinaryExpr", "KeyValueExpr", "ArrayType", "StructType", "FuncType",
    "InterfaceType", "MapType", "ChanType",
    "BadStmt", "DeclStmt", "EmptyStmt", "LabeledStmt", "ExprStmt", "SendStmt", "IncDecStmt",
    "AssignStmt", "GoStmt", "DeferStmt", "ReturnStmt", "BranchStmt", "BlockStmt", "IfStmt",
    "CaseClause", "SwitchStmt", "TypeSwitchStmt", "CommClause", "SelectStmt", "ForStmt",
    "RangeStmt",
    "ImportSpec", "ValueSpec", "TypeSpec", "BadDecl", "GenDecl", "FuncDecl",
    "File",
};
static_assert(std::size(kKindNames) == size_t(Kind::COUNT_));
}  // namespace

std::string_view kind_name(Kind k) { return kKindNames[size_t(k)]; }

#define GOTRAP_KINDS(X)                                                                          \
  X(Comment) X(CommentGroup) X(Field) X(FieldList) X(BadExpr) X(Ident) X(Ellipsis) X(BasicLit)  \
  X(FuncLit) X(CompositeLit) X(ParenExpr) X(SelectorExpr) X(IndexExpr) X(IndexListExpr)          \
  X(SliceExpr) X(TypeAssertExpr) X(CallExpr) X(StarExpr) X(UnaryExpr) X(BinaryExpr)             \
  X(KeyValueExpr) X(ArrayType) X(StructType) X(FuncType) X(InterfaceType) X(MapType) X(ChanType) \
  X(BadStmt) X(DeclStmt) X(EmptyStmt) X(LabeledStmt) X(ExprStmt) X(SendStmt) X(IncDecStmt)      \
  X(AssignStmt) X(GoStmt) X(DeferStmt) X(ReturnStmt) X(BranchStmt) X(BlockStmt) X(IfStmt)       \
  X(CaseClause) X(SwitchStmt) X(TypeSwitchStmt) X(CommClause) X(SelectStmt) X(ForStmt)          \
  X(RangeStmt) X(ImportSpec) X(ValueSpec) X(TypeSpec) X(BadDecl) X(GenDecl) X(FuncDecl) X(File)

Pos Node::pos() const {
  switch (kind) {
#define X(K) \
  case Kind::K: return static_cast<const K*>(this)->pos();
    GOTRAP_KINDS(X)
#undef X
    default: return kNoPos;
  }
}

Pos Node::end() const {
  switch (kind) {
#define X(K) \
  case Kind::K: return static_cast<const K*>(this)->end();
    GOTRAP_KINDS(X)
#undef X
    default: return kNoPos;
  }
}

}  // namespace gotrap::ast
