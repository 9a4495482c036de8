#include "sema/stdlib.h"

namespace gotrap::sema {

// A linear scan: called once per distinct import, over fewer than a hundred entries.
const StdlibStub* find_stdlib_stub(std::string_view import_path) {
  for (const StdlibStub& s : stdlib_stubs())
    if (s.import_path == import_path) return &s;
  return nullptr;
}

}  // namespace gotrap::sema
