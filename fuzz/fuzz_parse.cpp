// libFuzzer target over the scanner, parser and dump: any input must parse to a tree (maybe with
// errors) without crashing, and every position the tree or an error reports must lie in the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "syntax/dump.h"
#include "syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = gotrap::syntax::parse_file("fuzz.go", std::move(text));
  if (parsed->file == nullptr) std::abort();  // the contract: never null
  for (const auto& error : parsed->errors) {
    if (error.offset > size) std::abort();
    (void)gotrap::syntax::format_error(*parsed, error);
  }
  // go/ast gives a rejected file a placeholder name "_" whose end may pass EOF; an accepted one
  // must end inside the text.
  if (parsed->errors.empty() && parsed->file->end() > size) std::abort();
  // Partial trees are dumped too: rules walk them, so they must be walkable.
  std::string out;
  gotrap::syntax::dump_to(*parsed, out);
  return 0;
}
