#include "sema/lookup.h"

namespace gotrap::sema {

const Object* lookup_field_or_method(const Type* t, std::string_view name) {
  return lookup_member(t, name, [](const Type* n) { return underlying(n); },
                       [](const Object* o) { return o ? o->type : nullptr; });
}

}  // namespace gotrap::sema
