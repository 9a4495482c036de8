#include "sema/ident_facts.h"

namespace gotrap::sema {

const Object* IdentTable::both_def(const ast::Ident* id) const {
  auto it = both_defs_.find(id);
  return it == both_defs_.end() ? nullptr : it->second;
}

void IdentTable::set_both_def(const ast::Ident* id, const Object* obj) { both_defs_[id] = obj; }

}  // namespace gotrap::sema
