#include "facts/walk.h"

#include <memory>
#include <utility>

namespace gotrap::facts {

using namespace gotrap::ast;

namespace detail {

namespace {
// Free stacks of this thread; a lease takes one (or makes one) and gives it back.
thread_local std::vector<std::unique_ptr<WalkStacks>> free_stacks;
}  // namespace

StackLease::StackLease() {
  if (free_stacks.empty()) {
    stacks_ = new WalkStacks;
  } else {
    stacks_ = free_stacks.back().release();
    free_stacks.pop_back();
  }
}

StackLease::~StackLease() {
  stacks_->work.clear();
  stacks_->ancestors.clear();
  stacks_->nodes.clear();
  free_stacks.emplace_back(stacks_);
}

}  // namespace detail

void children(const Node* node, std::vector<const Node*>& out) {
  for_each_child(node, [&](const Node* kid) { out.push_back(kid); });
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

}  // namespace gotrap::facts
