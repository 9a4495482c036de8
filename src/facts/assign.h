// Assignments in all their forms, treated alike: `x := v`, `x = v`, `x, err = f()`,
// `var x = v`, `var x T` (then assigned), tuple assignments `a, b = b, a`, `x += v`, `x++`,
// `for k, v = range`, and `&x` (a write through the address is possible).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

enum class WriteForm {
  define,         // x := v
  assign,         // x = v
  var_decl,       // var x = v, or var x T (value null: the zero value)
  op_assign,      // x += v (value null)
  range,          // for k, v := range / = range (value null)
  inc_dec,        // x++ (value null)
  address_taken,  // &x (value null: anything may be written through it)
};

struct Write {
  const ast::Ident* target = nullptr;  // the identifier written
  const ast::Expr* value = nullptr;    // what it gets; null when no single expression says
  int index = -1;                      // index among the results of a multi-value `value`; -1: whole
  const ast::Node* stmt = nullptr;     // AssignStmt, ValueSpec, RangeStmt, IncDecStmt or UnaryExpr
  WriteForm form = WriteForm::assign;
  // A declaration without a value (`var x T`).
  bool zero_decl() const { return form == WriteForm::var_decl && !value; }
};

// Every write of an identifier under `root` (function literals included), in source order;
// blank identifiers left out. Selectors, index expressions and derefs on the left are not
// identifier writes and are not reported.
void for_each_write(const ast::Node* root, const std::function<void(const Write&)>& fn);

// The write `stmt` makes to `target` (one of its left-hand identifiers), in any form.
std::optional<Write> write_at(const ast::Node* stmt, const ast::Ident* target);

// The writes of each variable of one function, grouped by sema's object when `info` resolves
// the identifier, else by name.
class Writes {
 public:
  Writes(const ast::Node* fn, const sema::PackageInfo* info);
  // Every write of the variable `id` (a use or its declaration) denotes.
  std::span<const Write> of(const ast::Ident* id) const;
  // The only value the variable ever gets: one write with a value, apart from a declaration
  // without one (`var req *http.Request` ... `req, err = http.NewRequest(...)`). Null when it is
  // written otherwise or more than once.
  const Write* single_value(const ast::Ident* id) const;

 private:
  const std::vector<Write>* list(const ast::Ident* id) const;
  const sema::PackageInfo* info_;
  std::unordered_map<const sema::Object*, std::vector<Write>> by_object_;
  std::unordered_map<std::string_view, std::vector<Write>> by_name_;
};

}  // namespace gotrap::facts
