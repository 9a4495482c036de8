#include "sema/lookup.h"

namespace gotrap::sema {

void Scope::insert(const Object* o) {
  if (!map_.empty()) {
    map_[o->name] = o;
    return;
  }
  for (auto& entry : list_) {
    if (entry.first == o->name) {
      entry.second = o;
      return;
    }
  }
  list_.emplace_back(o->name, o);
  if (list_.size() > kFlatLimit) {
    map_.reserve(list_.size() * 2);
    for (auto& [name, obj] : list_) map_[name] = obj;
    list_.clear();
    list_.shrink_to_fit();
  }
}

std::vector<std::pair<std::string_view, const Object*>> Scope::names() const {
  if (map_.empty()) return list_;
  return {map_.begin(), map_.end()};
}

const Object* lookup_field_or_method(const Type* t, std::string_view name) {
  return lookup_member(t, name, [](const Type* n) { return underlying(n); },
                       [](const Object* o) { return o ? o->type : nullptr; });
}

}  // namespace gotrap::sema
