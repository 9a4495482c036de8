# Turns the standard-library stubs (stdlib/*.gostub, named by import path with '/' as '%') into a
# C++ table compiled into gotrap, so no Go installation is needed at run time.
# Inputs: STUB_DIR, OUT.
file(GLOB stubs "${STUB_DIR}/*.gostub")
list(SORT stubs)
set(body "// Generated from src/sema/stdlib/*.gostub by embed_stdlib.cmake. Do not edit.\n")
string(APPEND body "#include \"sema/stdlib.h\"\n\nnamespace gotrap::sema {\n\nnamespace {\n")
string(APPEND body "constexpr StdlibStub kStubs[] = {\n")
foreach(stub IN LISTS stubs)
  get_filename_component(name "${stub}" NAME)
  string(REGEX REPLACE "\\.gostub$" "" path "${name}")
  string(REPLACE "%" "/" path "${path}")
  file(READ "${stub}" text)
  string(APPEND body "    {\"${path}\", R\"gostub(${text})gostub\"},\n")
endforeach()
string(APPEND body "};\n}  // namespace\n\n")
string(APPEND body "std::span<const StdlibStub> stdlib_stubs() { return kStubs; }\n\n}  // namespace gotrap::sema\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
