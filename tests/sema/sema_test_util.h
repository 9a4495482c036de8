// Helpers for sema tests: analyse Go sources given as strings and find identifiers by text.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::sema::testing {

struct Analysed {
  std::vector<std::unique_ptr<syntax::ParsedFile>> files;
  std::unique_ptr<Program> program;
  std::vector<PackageInfo*> packages;

  // The n-th (0-based) identifier spelled `name` in file `file` of package `pkg`, by source order.
  const ast::Ident* ident(const std::string& name, int n = 0, size_t pkg = 0, size_t file = 0) const;
  // Offset of the n-th occurrence of `needle` in the file text.
  uint32_t offset(const std::string& needle, int n = 0, size_t pkg = 0, size_t file = 0) const;
  // Innermost expression recorded with a type that starts at `needle` and spans it exactly.
  const Type* type_at(const std::string& needle, int n = 0, size_t pkg = 0) const;
  const Object* use(const std::string& name, int n = 0, size_t pkg = 0) const {
    return packages[pkg]->use_of(ident(name, n, pkg));
  }
};

// Each package: import path and its files' sources.
struct Source {
  std::string import_path;
  std::vector<std::string> files;
};
Analysed analyse(const std::vector<Source>& packages);
inline Analysed analyse(const std::string& src) { return analyse({{"example.com/p", {src}}}); }

}  // namespace gotrap::sema::testing
