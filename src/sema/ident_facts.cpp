#include "sema/ident_facts.h"

#include "sema/sema.h"

namespace gotrap::sema {

const Object* IdentTable::both_def(const ast::Ident* id) const {
  auto it = both_defs_.find(id);
  return it == both_defs_.end() ? nullptr : it->second;
}

void IdentTable::set_both_def(const ast::Ident* id, const Object* obj) { both_defs_[id] = obj; }

const Type* IdentTable::other_type(const ast::Ident* id) const {
  auto it = other_types_.find(id);
  return it == other_types_.end() ? nullptr : it->second;
}

void IdentTable::keep_type_aside(const IdentFacts& e) {
  if (other_types_.find(e.ident) == other_types_.end()) other_types_[e.ident] = type(e);
}

void IdentTable::set_type_slow(IdentFacts& e, const Type* t) {
  if (!t) {
    e.object_bits &= ~kTyped;
    other_types_.erase(e.ident);
    return;
  }
  e.object_bits |= kTyped;
  if (e.is_use() && e.object()->type == t) other_types_.erase(e.ident);
  else other_types_[e.ident] = t;
}

}  // namespace gotrap::sema
