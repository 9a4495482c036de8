// How long a value lives: whether a value made in a call can outlive that call. Used by rules that
// care about what a long-lived owner retains (a container that outlives the function keeps what
// its slots point to; one that dies with the call keeps nothing past it).
#pragma once

#include "facts/summary.h"
#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

// True when `e` is fresh storage made here: a composite literal, `&T{...}`, `new(T)`, `make(...)`
// or nil.
bool is_fresh_value(const sema::PackageInfo* info, const ast::Expr* e);

// True when the local variable `var` of `fn` (a FuncDecl or FuncLit; not a parameter, not a
// package variable) only ever holds fresh values (is_fresh_value, or declared without one) and
// none of them can outlive the call: every mention of `var` reads or writes through it (a field,
// an element, a comparison, `len`), or hands it, or its address, to a callee that neither keeps
// nor returns it (facts/summary.h; a callee gotrap has no body for is taken to use it during the
// call only), or calls a method on it whose body neither starts goroutines nor keeps the
// receiver. It is never returned, stored, sent, assigned to another variable, put in a literal
// or used by a goroutine, except: given its own storage grown or re-sliced (`h = append(h, x)`);
// returned by an unexported function or method (a method also when called through an interface
// of the package) whose every call puts the result in such a local or returns it in turn; put
// in a struct literal of a type of the package whose values are all values_bounded_by_call, or
// in a literal stored back into `var` itself; put in a field of a local made new here that does
// not outlive the call except inside `var` (a cycle); put in a local map or slice of the
// function made here whose every mention writes, grows or measures it, reads an element into a
// local that is followed in turn, or puts it in such a struct literal (three such steps at
// most). A result of a call is followed to a variable of the function that declares it, also
// when a closure assigns it. No loop of `fn` waits for input (see
// waits_for_input): a function that serves a stream lives as long as the stream.
// `field`, when given, is the struct field whose array the question is about: reading another
// field of `var` out (a result, a setting) is then not taken to keep `var`'s storage.
bool bounded_by_call(const sema::PackageInfo* info, Summaries* summaries, const ast::Node* fn,
                     const sema::Object* var, const sema::Object* field = nullptr);

// True when every value of the unexported named type `named` of package `info` lives no longer
// than the call that made it: each is made (composite literal, `new`, `make`, a conversion, a
// declared variable) into a local variable that is bounded_by_call, or passed straight to a
// callee that does not keep it, or returned by an unexported function whose every call in the
// package puts the result in such a local. A struct of the package that holds one (by value, or
// in a slice, array or map field) must in turn have only such values, and a value stored in a
// field of such a struct lives as long as it; no package variable is of that type. A local of the type given a parameter's slice (`var h T = list`) is a view of the
// caller's array and counts when the local is bounded. `field` as for bounded_by_call.
// `through_pointer`: the question is about what methods with a pointer receiver do to the value
// (a pop in one of them); a value that lands in a local never handed on as a `*T` or a `T` of its
// own (no `&v`, no pointer method called on it; read, converted to another type, given to an
// interface parameter) is not one such a method sees, whatever becomes of it.
bool values_bounded_by_call(const sema::PackageInfo* info, Summaries* summaries, const sema::Type* named,
                            const sema::Object* field = nullptr, bool through_pointer = false);

// True when the loop (ForStmt or RangeStmt) waits for input on each round: it ranges over a
// channel, or its body receives from a channel (`<-ch`, a select with a receive case and no
// default: one with a default only polls, as a cancellation check does). Such a loop runs as long as its input keeps coming, which is not bounded by the data at hand.
bool waits_for_input(const sema::PackageInfo* info, const ast::Node* loop);

}  // namespace gotrap::facts
