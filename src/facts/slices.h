// Facts about the contract of a named slice type's methods, read from the package's code: are
// values of the type changed in place, or handed back for the caller to store? A method with a
// value receiver that returns its receiver re-sliced and appended to is harmless under such a
// contract (the caller stores the result over its slice) and corrupts the caller's slice
// otherwise (the caller keeps its length and sees the moved elements).
#pragma once

#include <span>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

// The named type (TypeName object) of `fn`'s value receiver; null for functions, pointer
// receivers and unnamed receivers.
const sema::Object* value_receiver_type(const sema::PackageInfo* info, const ast::FuncDecl* fn);

// True when a method of `named` with a value receiver, among `files` (the package's files),
// changes values of the type in place or grows them for the caller to store:
// - it writes an element of its receiver (`r[i] = v`, `r[i].f = v`, `r[i]++`) with something
//   other than the receiver's own elements (a permutation, as sort.Interface's Swap, changes no
//   element's value), or
// - it returns `append(r, ...)` on the receiver itself: the type's callers must store the result.
bool slice_type_changed_in_place(const sema::PackageInfo* info, std::span<const ast::File* const> files,
                                 const sema::Object* named);

// True when some call of `method` among `files` stores its result back over the receiver operand
// (`x = x.M(...)`, `t.f[k] = t.f[k].M(...)`).
bool result_stored_over_receiver(const sema::PackageInfo* info, std::span<const ast::File* const> files,
                                 const sema::Object* method);

}  // namespace gotrap::facts
