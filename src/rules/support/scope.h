// Syntactic scoping below one node (a loop, a function): which local declaration an identifier
// use refers to, following Go's block rules (`:=` and var scopes start after their statement,
// parameters cover the body, if/for/switch init variables cover the statement). Used when sema
// is not available; identifiers declared outside the node resolve to null.
#pragma once

#include <vector>

#include "rules/rule.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

class LocalScopes {
 public:
  explicit LocalScopes(const ast::Node* root);
  // The declaring identifier of `use` inside root, or null when declared outside it.
  const ast::Ident* resolve(const ast::Ident* use) const;

 private:
  struct Decl {
    const ast::Ident* ident;
    ast::Pos scope_start, scope_end;  // where the name is visible
  };
  std::vector<Decl> decls_;
};

// True when identifier `use` denotes the variable declared (or, for `for x = range`, assigned)
// by `var_ident`: by sema objects when the pass has them, else by `scopes` (built on a node that
// contains both) and the name.
bool same_variable(const Pass& pass, const LocalScopes& scopes, const ast::Ident* use,
                   const ast::Ident* var_ident, bool var_declared_in_root);

}  // namespace gotrap::rules::support
