#include "load/build_context.h"

#include <algorithm>
#include <array>

#include "load/constraint.h"

namespace gotrap::load {

namespace {

constexpr std::array<std::string_view, 18> kKnownOS = {
    "aix",   "android", "darwin",  "dragonfly", "freebsd", "hurd",   "illumos", "ios",     "js",
    "linux", "nacl",    "netbsd",  "openbsd",   "plan9",   "solaris", "wasip1", "windows", "zos"};

constexpr std::array<std::string_view, 12> kUnixOS = {"aix",     "android", "darwin", "dragonfly",
                                                      "freebsd", "hurd",    "illumos", "ios",
                                                      "linux",   "netbsd",  "openbsd", "solaris"};

constexpr std::array<std::string_view, 24> kKnownArch = {
    "386",    "amd64",    "amd64p32", "arm",       "armbe",       "arm64",   "arm64be", "loong64",
    "mips",   "mipsle",   "mips64",   "mips64le",  "mips64p32",   "mips64p32le", "ppc", "ppc64",
    "ppc64le", "riscv",   "riscv64",  "s390",      "s390x",       "sparc",   "sparc64", "wasm"};

template <size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Architectures on which the go1.26 toolchain enables the register ABI experiments by default.
constexpr std::array<std::string_view, 7> kRegabiArch = {"amd64", "arm64",   "loong64", "ppc64",
                                                         "ppc64le", "riscv64", "s390x"};

// Feature-level tags implied by the default GOAMD64, GOARM64, GO386, GOARM, ... settings.
std::vector<std::string_view> default_arch_levels(std::string_view goarch) {
  if (goarch == "amd64") return {"v1"};
  if (goarch == "arm64") return {"v8.0"};
  if (goarch == "386") return {"sse2"};
  if (goarch == "arm") return {"5", "6", "7"};
  if (goarch == "riscv64") return {"rva20u64"};
  if (goarch == "wasm") return {"satconv", "signext"};
  if (goarch == "ppc64" || goarch == "ppc64le") return {"power8"};
  if (goarch == "mips" || goarch == "mipsle" || goarch == "mips64" || goarch == "mips64le") return {"hardfloat"};
  return {};
}

}  // namespace

bool is_known_os(std::string_view name) { return contains(kKnownOS, name); }
bool is_known_arch(std::string_view name) { return contains(kKnownArch, name); }
std::span<const std::string_view> known_os() { return kKnownOS; }
std::span<const std::string_view> known_arch() { return kKnownArch; }

BuildContext::BuildContext(const Options& options) : goos_(options.goos), goarch_(options.goarch) {
  for (int minor = 1; minor <= GoVersion::latest().minor; ++minor) {
    tags_.push_back("go1." + std::to_string(minor));
  }
  // Default tool tags of the go1.26 toolchain (`go list -f '{{context.ToolTags}}'` per target):
  // the experiments enabled by default and the default microarchitecture level of GOARCH.
  tags_.push_back("goexperiment.greenteagc");
  tags_.push_back("goexperiment.randomizedheapbase64");
  if (goos_ != "darwin" && goos_ != "ios" && goos_ != "aix") tags_.push_back("goexperiment.dwarf5");
  if (contains(kRegabiArch, goarch_)) {
    tags_.push_back("goexperiment.regabiwrappers");
    tags_.push_back("goexperiment.regabiargs");
  }
  for (std::string_view level : default_arch_levels(goarch_)) tags_.push_back(goarch_ + "." + std::string(level));
  for (const std::string& tag : options.extra_tags) {
    if (tag == "cgo") cgo_ = true;
    tags_.push_back(tag);
  }
}

bool BuildContext::has_tag(std::string_view tag) const {
  if (cgo_ && tag == "cgo") return true;
  if (tag == goos_ || tag == goarch_ || tag == "gc") return true;
  if (goos_ == "android" && tag == "linux") return true;
  if (goos_ == "illumos" && tag == "solaris") return true;
  if (goos_ == "ios" && tag == "darwin") return true;
  if (tag == "unix" && contains(kUnixOS, goos_)) return true;
  if (tag == "boringcrypto") tag = "goexperiment.boringcrypto";  // its old name
  return std::find(tags_.begin(), tags_.end(), tag) != tags_.end();
}

bool BuildContext::matches_file_name(std::string_view name) const {
  name = name.substr(0, name.find('.'));
  size_t underscore = name.find('_');
  if (underscore == std::string_view::npos) return true;
  name.remove_prefix(underscore);  // the part before the first '_' never counts

  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t next = name.find('_', start);
    parts.push_back(name.substr(start, next == std::string_view::npos ? std::string_view::npos : next - start));
    if (next == std::string_view::npos) break;
    start = next + 1;
  }
  if (!parts.empty() && parts.back() == "test") parts.pop_back();
  size_t n = parts.size();
  if (n >= 2 && is_known_os(parts[n - 2]) && is_known_arch(parts[n - 1])) {
    return has_tag(parts[n - 2]) && has_tag(parts[n - 1]);
  }
  if (n >= 1 && (is_known_os(parts[n - 1]) || is_known_arch(parts[n - 1]))) {
    return has_tag(parts[n - 1]);
  }
  return true;
}

bool BuildContext::matches_constraints(const FileHeader& header, std::string* error) const {
  auto has = [this](std::string_view tag) { return has_tag(tag); };
  if (header.go_build) {
    std::string message;
    auto constraint = BuildConstraint::parse_go_build(*header.go_build, &message);
    if (!constraint) {
      if (error) *error = "parsing //go:build line: " + message;
      return false;
    }
    return constraint->eval(has);
  }
  for (const std::string& line : header.plus_build) {
    auto constraint = BuildConstraint::parse_plus_build(line);
    if (constraint && !constraint->eval(has)) return false;
  }
  return true;
}

}  // namespace gotrap::load
