// Calls that never return to their caller. One list for the control-flow graph and the rules, so
// that they agree on which paths end at a call.
#pragma once

#include <string_view>

#include "syntax/ast.h"

namespace gotrap::sema {

class PackageInfo;

// What to assume about a call gotrap cannot resolve (a method of a value of unknown type, or any
// call when there is no semantic model).
enum class UnresolvedCallee {
  // It returns. For the control-flow graph: a block must not end on a guess.
  Returns,
  // It never returns when its name is one of the known never-returning names (`x.Fatal(...)`,
  // `logger.Fatalf(...)`). For rules that stay quiet about a path ending in such a call: a wrong
  // guess hides a finding instead of raising a false one.
  NeverReturnsIfNamedSo,
};

// True when `call` (parentheses aside) is a call of a function that never returns: the builtin
// panic, os.Exit, runtime.Goexit, log's Fatal*/Panic* (functions and *log.Logger methods),
// testing's Fatal, Fatalf, FailNow, Skip, Skipf and SkipNow, and the Fatal*/Exit* functions of
// klog, the Fatal*/Panic*/Exit functions of logrus, and Ginkgo's Fail, Skip and AbortSuite (v1
// and v2, and the bsm fork). A resolved call of anything else returns,
// whatever its name. `info` may be null: then only the names are known.
bool is_no_return_call(const ast::Node* call, const PackageInfo* info,
                       UnresolvedCallee unresolved = UnresolvedCallee::Returns);

// True when the function `name` of the package at `path` is one of those never returning.
bool is_no_return_member(std::string_view package_path, std::string_view name);

}  // namespace gotrap::sema
