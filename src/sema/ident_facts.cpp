#include "sema/ident_facts.h"

#include <algorithm>

namespace gotrap::sema {

const IdentFacts* IdentTable::find_in_index(const ast::Ident* id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &at(it->second);
}

const Object* IdentTable::both_def(const ast::Ident* id) const {
  auto it = both_defs_.find(id);
  return it == both_defs_.end() ? nullptr : it->second;
}

void IdentTable::set_both_def(const ast::Ident* id, const Object* obj) { both_defs_[id] = obj; }

IdentFacts& IdentTable::get_slow(const ast::Ident* id) {
  uint32_t slot = id->sema_slot;
  // A slot that is not ours (another table's, or the out-of-slots mark): we may have indexed it.
  if (slot != 0 && !index_.empty()) {
    auto it = index_.find(id);
    if (it != index_.end()) return at(it->second);
  }
  uint32_t i = size_;
  if ((i & kChunkMask) == 0) {
    chunks_.push_back(std::make_unique_for_overwrite<IdentFacts[]>(kChunkSize));
    next_ = chunks_.back().get();
    // Fast appends stop where the slot numbers do.
    append_end_ = i < slot_limit_ ? next_ + std::min<size_t>(kChunkSize, slot_limit_ - i) : next_;
  }
  IdentFacts& e = *next_++;
  if (append_end_ < next_) append_end_ = next_;  // past the slot limit: keep the two in step
  ++size_;
  e = IdentFacts{id, 0, nullptr};
  if (slot == 0 && i < slot_limit_) {
    id->sema_slot = i + 1;
  } else {
    // The identifier keeps the slot it has (its first table answers through it); if it had none,
    // the mark says "look in the index", so lookups elsewhere stay one compare.
    if (slot == 0) id->sema_slot = kInIndex;
    index_[id] = i;
  }
  return e;
}

}  // namespace gotrap::sema
