#include <algorithm>

#include "load/constraint.h"
#include "load/fsutil.h"
#include "load/import_path.h"
#include "load/loader.h"

namespace gotrap::load::detail {

GoVersion Loader::file_version(const Module* module, const FileHeader& header) const {
  if (options_.go_version_override) return *options_.go_version_override;
  GoVersion version = module ? module->go : GoVersion::latest();
  if (header.go_build) {
    // go/types: a //go:build line implying go1.N sets the file's version to max(go1.N, go1.21).
    if (auto constraint = BuildConstraint::parse_go_build(*header.go_build, nullptr)) {
      if (auto implied = min_go_version(*constraint)) version = std::max(*implied, kFileVersionFloor);
    }
  }
  return version;
}

bool Loader::read_buildable_file(const std::string& path, bool use_all_files, std::string& text, FileHeader& header,
                                 SourceFile& file) {
  std::string message;
  bool from_overlay = options_.overlay && options_.overlay(path, text);
  bool known = false;
  if (!from_overlay && options_.file_cache) {
    FileFacts facts;
    FileStat stat;
    if (stat_file(path, stat) && options_.file_cache->find(path, stat, facts)) {
      header = std::move(facts.header);
      file.stat = stat;
      file.hash = std::move(facts.hash);
      file.interface_hash = std::move(facts.interface_hash);
      file.may_suppress = facts.may_suppress;
      file.text_deferred = true;
      known = true;
    }
  }
  if (!known) {
    FileStat stat;
    if (!from_overlay && !read_file(path, text, kMaxFileBytes, &message, &stat)) {
      error(path, message);
      return false;
    }
    if (text.find('\0') != std::string::npos) {
      error(path, "binary file (contains NUL bytes), not Go source");
      return false;
    }
    header = scan_header(text);
    if ((options_.file_cache || options_.release_texts) && !from_overlay) file.stat = stat;
    if (options_.release_texts && !from_overlay) file.text_released = true;  // let go once placed
    if (options_.file_cache && !from_overlay) {
      FileFacts facts = options_.file_cache->remember(path, stat, text, header);
      file.hash = std::move(facts.hash);
      file.interface_hash = std::move(facts.interface_hash);
    }
  }
  if (header.error.starts_with("multiple")) {
    error(path, header.error);
    return false;
  }
  if (!use_all_files) {
    std::string constraint_error;
    bool build = context_.matches_constraints(header, &constraint_error);
    if (!constraint_error.empty()) error(path, constraint_error);
    if (!build) return false;
  }
  if (header.package_name.empty()) {
    error(path, header.error);
    return false;
  }
  return true;
}

void Loader::add_package(const DirContext& where, std::string import_path, std::string name, Package::Kind kind,
                         std::vector<SourceFile> files) {
  Package package;
  package.dir = where.dir;
  package.import_path = std::move(import_path);
  package.name = std::move(name);
  package.kind = kind;
  package.module = where.module;
  package.files = std::move(files);
  result_.packages.push_back(std::move(package));
}

void Loader::load_package(const DirContext& where, const std::vector<Candidate>& candidates, bool wildcard,
                          bool file_list) {
  if (!loaded_dirs_.insert(where.abs + (file_list ? "\n<files>" : "")).second) return;

  const bool use_all_files = options_.all_files || file_list;
  std::string package_name, first_file;
  std::string conflict;  // the go tool's "found packages" message
  std::vector<SourceFile> library, internal_tests, external_tests;
  // Files importing "C" left out because cgo is off. With Options::cgo_only_packages a package
  // made only of them is loaded all the same: the code is Go and may hold the traps. Mixed with
  // other files they stay out, as for go build with CGO_ENABLED=0, since a !cgo fallback file
  // usually declares the same names.
  std::vector<SourceFile> cgo_only;
  bool saw_go_file = false;       // a non-hidden .go file we looked at
  bool saw_skipped_test = false;  // a _test.go file left out because tests are off

  for (const Candidate& candidate : candidates) {
    const std::string& name = candidate.name;
    if (!name.ends_with(".go")) continue;
    if (name.starts_with("_") || name.starts_with(".")) continue;
    bool is_test = name.ends_with("_test.go");
    if (is_test && !options_.tests) {
      saw_skipped_test = true;
      continue;
    }
    saw_go_file = true;
    if (!use_all_files && !context_.matches_file_name(name)) continue;

    std::string path = join_path(where.dir, name);
    std::string text;
    FileHeader header;
    SourceFile file;
    if (!read_buildable_file(path, use_all_files, text, header, file)) continue;
    std::string package = header.package_name;
    if (package == "documentation") continue;  // go/build ignores such files

    bool is_external = false;
    if (is_test && package.ends_with("_test") && package_name != package) {
      is_external = true;
      package.resize(package.size() - 5);
    }
    if (package_name.empty()) {
      package_name = package;
      first_file = name;
    } else if (package != package_name) {
      if (conflict.empty()) {
        conflict = "found packages " + package_name + " (" + first_file + ") and " + package + " (" + name + ") in " +
                   where.dir;
      }
      continue;
    }
    if (header.imports_c) {
      if (is_test) {
        error(path, "use of cgo in test " + path + " not supported");
        continue;
      }
    }

    file.path = std::move(path);
    if (file.text_released) {
      if (options_.may_suppress) file.may_suppress = options_.may_suppress(text);
      file.text_deferred = true;
    } else {
      file.text = std::move(text);
    }
    file.header_known = true;
    file.imports = std::move(header.imports);
    file.imports_complete = header.imports_complete && header.error.empty();
    file.go_version = file_version(where.module, header);
    file.generated = header.generated;
    file.is_test = is_test;
    file.cgo = header.imports_c;
    if (header.imports_c && !context_.cgo_enabled() && !options_.all_files) {
      cgo_only.push_back(std::move(file));  // cgo is off, as for CGO_ENABLED=0
      continue;
    }
    (is_external ? external_tests : is_test ? internal_tests : library).push_back(std::move(file));
  }

  if (!conflict.empty()) {
    error(where.dir, conflict);
    return;
  }
  if (library.empty() && internal_tests.empty() && options_.cgo_only_packages) library = std::move(cgo_only);
  if (library.empty() && internal_tests.empty() && external_tests.empty()) {
    // Under "..." a directory without buildable files is simply not a package.
    if (!wildcard) {
      std::string what = saw_go_file        ? "build constraints exclude all Go files in "
                         : saw_skipped_test ? "no non-test Go files in "
                                            : "no Go files in ";
      error(where.dir, what + where.dir);
    }
    return;
  }

  std::string path = file_list ? std::string(kCommandLineArguments) : import_path(where);
  if (where.module != nullptr && !where.module->path.empty() && !file_list) {
    std::string problem = import_path_problem(path);
    if (!problem.empty()) {  // the go tool refuses such a package
      error(where.dir, "malformed import path \"" + path + "\": " + problem);
      return;
    }
  }
  if (!library.empty() || !internal_tests.empty()) {
    for (SourceFile& file : internal_tests) library.push_back(std::move(file));
    std::sort(library.begin(), library.end(), [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
    add_package(where, path, package_name, internal_tests.empty() ? Package::Library : Package::InternalTest,
                std::move(library));
  }
  if (!external_tests.empty()) {
    add_package(where, path + "_test", package_name + "_test", Package::ExternalTest, std::move(external_tests));
  }
}

}  // namespace gotrap::load::detail
