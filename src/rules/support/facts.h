// Facts rules ask about expressions and objects, answered from sema when the pass has it.
// Every helper answers "unknown" (null, nullopt, false) rather than guess.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "facts/types.h"
#include "facts/census.h"
#include "rules/rule.h"
#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

// The object an identifier uses or declares; null without sema or when unresolved.
const sema::Object* object_of(const Pass& pass, const ast::Ident* id);

// The type sema recorded for an expression (for identifiers, their object's type); null if unknown.
const sema::Type* type_of(const Pass& pass, const ast::Expr* e);

// True when `t` (or what it points to, if `through_pointer`) is the named type pkg_path.name.
bool is_named(const sema::Type* t, std::string_view pkg_path, std::string_view name,
              bool through_pointer = true);

// Size in bytes on amd64 (gc's layout: alignment padding, pointer = 8); nullopt when unknown.
std::optional<int64_t> size_of(const sema::Type* t);

// Whether values hold pointers: facts/types.h.
using facts::holds_pointers;

// The zero value of `t` written in Go, as `spelled` would name the type in the file: "nil", "\"\"",
// "0", "false", "T{}". Empty when it cannot be written safely.
std::string zero_value(const sema::Type* t, std::string_view spelled);

// The source text of a node.
std::string_view text_of(const PassFile& file, const ast::Node* n);

// False only when `word` is certainly absent from the identifiers of `n` (null: the whole file).
// Identifiers are spelled in the text, so a subtree whose text lacks a name cannot hold it: a
// text search that lets a rule skip a function (or file) before walking it. Trees with syntax
// errors answer true below file level (recovered nodes need not cover their children).
bool may_mention(const PassFile& file, const ast::Node* n, std::string_view word);

// False only when the file's census (facts/census.h) shows that `decl`, a top-level declaration
// of the file (null: the whole file), holds no node of kind `k` / no identifier `w`. Exact on the
// tree, so a rule may skip a declaration on it; true without a census or for other nodes.
bool may_hold(const PassFile& file, const ast::Node* decl, ast::Kind k);
bool may_name(const PassFile& file, const ast::Node* decl, facts::Word w);
// The same for an identifier spelled `name` (a one-bit-per-name filter: "maybe" more often).
bool may_name(const PassFile& file, const ast::Node* decl, std::string_view name);

// Value of a constant integer expression built from literals and + - * / << >> & | and
// parentheses; nullopt otherwise (named constants are not followed).
std::optional<int64_t> const_int(const ast::Expr* e);
// The same, also following named constants declared with an explicit integer value.
std::optional<int64_t> const_int(const Pass& pass, const ast::Expr* e);

// A type as a reviewer writes it: package names instead of import paths (*visits.Record).
std::string short_type_string(const sema::Type* t);

// "5.2 MB", "64 kB", "900 B": decimal units, one decimal place above 10 units dropped.
std::string human_bytes(int64_t bytes);

// The PassFile whose tree contains `file_node`, or null.
const PassFile* file_of(const Pass& pass, const ast::File* file_node);

// True when two expressions are the same chain of identifiers/selectors/derefs (a, a.b, *p,
// (a).b); index expressions and calls never match (they may differ at run time).
bool same_ref(const ast::Expr* a, const ast::Expr* b);

}  // namespace gotrap::rules::support
