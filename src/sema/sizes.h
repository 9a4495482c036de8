// Sizes and alignments as the gc compiler lays values out on linux/amd64 (go/types' gc sizes).
// Every answer is -1 when any part of the type is unknown.
#pragma once

#include <cstdint>
#include <vector>

#include "sema/types.h"

namespace gotrap::sema {

int64_t size_of(const Type* t);
int64_t align_of(const Type* t);
// Byte offset of each field of a struct type (underlying struct of t); empty if unknown.
std::vector<int64_t> field_offsets(const Type* t);

}  // namespace gotrap::sema
