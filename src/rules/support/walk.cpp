#include "rules/support/walk.h"

#include <utility>

namespace gotrap::rules::support {

namespace {

using namespace gotrap::ast;

struct ChildSink {
  std::vector<const Node*>& out;
  void add(const Node* n) {
    if (n) out.push_back(n);
  }
  template <class T>
  void add_all(Span<T*> list) {
    for (T* n : list) add(n);
  }
};

}  // namespace

void children(const Node* node, std::vector<const Node*>& out) {
  if (!node) return;
  ChildSink c{out};
  switch (node->kind) {
    case Kind::Comment:
    case Kind::BadExpr:
    case Kind::Ident:
    case Kind::BasicLit:
    case Kind::BadStmt:
    case Kind::EmptyStmt:
    case Kind::BadDecl:
    case Kind::COUNT_:
      break;
    case Kind::CommentGroup: c.add_all(static_cast<const CommentGroup*>(node)->list); break;
    case Kind::Field: {
      auto* n = static_cast<const Field*>(node);
      c.add(n->doc), c.add_all(n->names), c.add(n->type), c.add(n->tag), c.add(n->comment);
      break;
    }
    case Kind::FieldList: c.add_all(static_cast<const FieldList*>(node)->list); break;
    case Kind::Ellipsis: c.add(static_cast<const Ellipsis*>(node)->elt); break;
    case Kind::FuncLit: {
      auto* n = static_cast<const FuncLit*>(node);
      c.add(n->type), c.add(n->body);
      break;
    }
    case Kind::CompositeLit: {
      auto* n = static_cast<const CompositeLit*>(node);
      c.add(n->type), c.add_all(n->elts);
      break;
    }
    case Kind::ParenExpr: c.add(static_cast<const ParenExpr*>(node)->x); break;
    case Kind::SelectorExpr: {
      auto* n = static_cast<const SelectorExpr*>(node);
      c.add(n->x), c.add(n->sel);
      break;
    }
    case Kind::IndexExpr: {
      auto* n = static_cast<const IndexExpr*>(node);
      c.add(n->x), c.add(n->index);
      break;
    }
    case Kind::IndexListExpr: {
      auto* n = static_cast<const IndexListExpr*>(node);
      c.add(n->x), c.add_all(n->indices);
      break;
    }
    case Kind::SliceExpr: {
      auto* n = static_cast<const SliceExpr*>(node);
      c.add(n->x), c.add(n->low), c.add(n->high), c.add(n->max);
      break;
    }
    case Kind::TypeAssertExpr: {
      auto* n = static_cast<const TypeAssertExpr*>(node);
      c.add(n->x), c.add(n->type);
      break;
    }
    case Kind::CallExpr: {
      auto* n = static_cast<const CallExpr*>(node);
      c.add(n->fun), c.add_all(n->args);
      break;
    }
    case Kind::StarExpr: c.add(static_cast<const StarExpr*>(node)->x); break;
    case Kind::UnaryExpr: c.add(static_cast<const UnaryExpr*>(node)->x); break;
    case Kind::BinaryExpr: {
      auto* n = static_cast<const BinaryExpr*>(node);
      c.add(n->x), c.add(n->y);
      break;
    }
    case Kind::KeyValueExpr: {
      auto* n = static_cast<const KeyValueExpr*>(node);
      c.add(n->key), c.add(n->value);
      break;
    }
    case Kind::ArrayType: {
      auto* n = static_cast<const ArrayType*>(node);
      c.add(n->len), c.add(n->elt);
      break;
    }
    case Kind::StructType: c.add(static_cast<const StructType*>(node)->fields); break;
    case Kind::FuncType: {
      auto* n = static_cast<const FuncType*>(node);
      c.add(n->type_params), c.add(n->params), c.add(n->results);
      break;
    }
    case Kind::InterfaceType: c.add(static_cast<const InterfaceType*>(node)->methods); break;
    case Kind::MapType: {
      auto* n = static_cast<const MapType*>(node);
      c.add(n->key), c.add(n->value);
      break;
    }
    case Kind::ChanType: c.add(static_cast<const ChanType*>(node)->value); break;
    case Kind::DeclStmt: c.add(static_cast<const DeclStmt*>(node)->decl); break;
    case Kind::LabeledStmt: {
      auto* n = static_cast<const LabeledStmt*>(node);
      c.add(n->label), c.add(n->stmt);
      break;
    }
    case Kind::ExprStmt: c.add(static_cast<const ExprStmt*>(node)->x); break;
    case Kind::SendStmt: {
      auto* n = static_cast<const SendStmt*>(node);
      c.add(n->chan), c.add(n->value);
      break;
    }
    case Kind::IncDecStmt: c.add(static_cast<const IncDecStmt*>(node)->x); break;
    case Kind::AssignStmt: {
      auto* n = static_cast<const AssignStmt*>(node);
      c.add_all(n->lhs), c.add_all(n->rhs);
      break;
    }
    case Kind::GoStmt: c.add(static_cast<const GoStmt*>(node)->call); break;
    case Kind::DeferStmt: c.add(static_cast<const DeferStmt*>(node)->call); break;
    case Kind::ReturnStmt: c.add_all(static_cast<const ReturnStmt*>(node)->results); break;
    case Kind::BranchStmt: c.add(static_cast<const BranchStmt*>(node)->label); break;
    case Kind::BlockStmt: c.add_all(static_cast<const BlockStmt*>(node)->list); break;
    case Kind::IfStmt: {
      auto* n = static_cast<const IfStmt*>(node);
      c.add(n->init), c.add(n->cond), c.add(n->body), c.add(n->else_stmt);
      break;
    }
    case Kind::CaseClause: {
      auto* n = static_cast<const CaseClause*>(node);
      c.add_all(n->list), c.add_all(n->body);
      break;
    }
    case Kind::SwitchStmt: {
      auto* n = static_cast<const SwitchStmt*>(node);
      c.add(n->init), c.add(n->tag), c.add(n->body);
      break;
    }
    case Kind::TypeSwitchStmt: {
      auto* n = static_cast<const TypeSwitchStmt*>(node);
      c.add(n->init), c.add(n->assign), c.add(n->body);
      break;
    }
    case Kind::CommClause: {
      auto* n = static_cast<const CommClause*>(node);
      c.add(n->comm), c.add_all(n->body);
      break;
    }
    case Kind::SelectStmt: c.add(static_cast<const SelectStmt*>(node)->body); break;
    case Kind::ForStmt: {
      auto* n = static_cast<const ForStmt*>(node);
      c.add(n->init), c.add(n->cond), c.add(n->post), c.add(n->body);
      break;
    }
    case Kind::RangeStmt: {
      auto* n = static_cast<const RangeStmt*>(node);
      c.add(n->key), c.add(n->value), c.add(n->x), c.add(n->body);
      break;
    }
    case Kind::ImportSpec: {
      auto* n = static_cast<const ImportSpec*>(node);
      c.add(n->doc), c.add(n->name), c.add(n->path), c.add(n->comment);
      break;
    }
    case Kind::ValueSpec: {
      auto* n = static_cast<const ValueSpec*>(node);
      c.add(n->doc), c.add_all(n->names), c.add(n->type), c.add_all(n->values), c.add(n->comment);
      break;
    }
    case Kind::TypeSpec: {
      auto* n = static_cast<const TypeSpec*>(node);
      c.add(n->doc), c.add(n->name), c.add(n->type_params), c.add(n->type), c.add(n->comment);
      break;
    }
    case Kind::GenDecl: {
      auto* n = static_cast<const GenDecl*>(node);
      c.add(n->doc), c.add_all(n->specs);
      break;
    }
    case Kind::FuncDecl: {
      auto* n = static_cast<const FuncDecl*>(node);
      // go/ast walks Doc, Recv, Name, Type, Body; keep that order.
      c.add(n->doc), c.add(n->recv), c.add(n->name), c.add(n->type), c.add(n->body);
      break;
    }
    case Kind::File: {
      auto* n = static_cast<const File*>(node);
      c.add(n->doc), c.add(n->name), c.add_all(n->decls);
      // go/ast.Walk leaves File.Comments out too: they are reached through the nodes' Doc fields.
      break;
    }
  }
}

void inspect(const Node* root, const Visitor& visit) {
  if (!root) return;
  struct Item {
    const Node* node;
    size_t depth;  // number of ancestors
  };
  std::vector<Item> work{{root, 0}};
  std::vector<const Node*> ancestors;
  std::vector<const Node*> kids;
  while (!work.empty()) {
    Item item = work.back();
    work.pop_back();
    ancestors.resize(item.depth);
    Visit v = visit(item.node, std::span<const Node* const>(ancestors.data(), ancestors.size()));
    if (v == Visit::stop) return;
    if (v == Visit::skip) continue;
    kids.clear();
    children(item.node, kids);
    ancestors.push_back(item.node);
    for (size_t i = kids.size(); i-- > 0;) work.push_back({kids[i], item.depth + 1});
  }
}

void for_each_node(const Node* root, const std::function<void(const Node*)>& fn) {
  inspect(root, [&](const Node* n, std::span<const Node* const>) {
    fn(n);
    return Visit::descend;
  });
}

const Node* enclosing_func(std::span<const Node* const> ancestors) {
  for (size_t i = ancestors.size(); i-- > 0;) {
    const Node* a = ancestors[i];
    if (is<FuncDecl>(a) || is<FuncLit>(a)) return a;
  }
  return nullptr;
}

const BlockStmt* func_body(const Node* fn) {
  if (auto* d = as<FuncDecl>(fn)) return d->body;
  if (auto* l = as<FuncLit>(fn)) return l->body;
  return nullptr;
}

const Node* enclosing_loop(std::span<const Node* const> ancestors) {
  for (size_t i = ancestors.size(); i-- > 0;) {
    const Node* a = ancestors[i];
    if (is<FuncDecl>(a) || is<FuncLit>(a)) return nullptr;
    if (is<ForStmt>(a) || is<RangeStmt>(a)) return a;
  }
  return nullptr;
}

const BlockStmt* loop_body(const Node* loop) {
  if (auto* f = as<ForStmt>(loop)) return f->body;
  if (auto* r = as<RangeStmt>(loop)) return r->body;
  return nullptr;
}

const Expr* unparen(const Expr* e) {
  while (auto* p = as<ParenExpr>(e)) e = p->x;
  return e;
}

bool contains(const Node* outer, const Node* inner) {
  if (!outer || !inner) return false;
  return outer->pos() <= inner->pos() && inner->end() <= outer->end();
}

}  // namespace gotrap::rules::support
