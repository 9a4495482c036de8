// libFuzzer target (GOTRAP_FUZZ=ON): every text-reading part of the loader must survive any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "load/build_context.h"
#include "load/constraint.h"
#include "load/header.h"
#include "load/modfile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gotrap::load;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const BuildContext context{Options{}};

  FileHeader header = scan_header(text);
  std::string error;
  context.matches_constraints(header, &error);
  if (auto go_build = BuildConstraint::parse_go_build(text, &error)) {
    go_build->eval([](std::string_view tag) { return tag.size() % 2 == 0; });
    min_go_version(*go_build);
  }
  if (auto plus_build = BuildConstraint::parse_plus_build(text)) min_go_version(*plus_build);
  parse_mod_file(text);
  parse_work_file(text);
  GoVersion::parse(text);
  context.matches_file_name(text);
  return 0;
}
