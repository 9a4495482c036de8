// The standard-library table: Go stub sources (declarations without bodies) generated from go/types
// by tools/stdstubs and embedded at build time. Program parses a stub the first time an analysed
// package imports it (and the package itself is not part of the run) and resolves it like source.
#pragma once

#include <span>
#include <string_view>

namespace gotrap::sema {

struct StdlibStub {
  std::string_view import_path;
  std::string_view source;
};

// Every stub (in file-name order).
std::span<const StdlibStub> stdlib_stubs();
// The stub of one package, or null.
const StdlibStub* find_stdlib_stub(std::string_view import_path);

}  // namespace gotrap::sema
