// Package loading: turns go-vet-style arguments into packages the way the go tool groups files,
// from the source alone (no `go list`, no Go toolchain at run time).
//
// Test packages follow `go vet`: for each directory gotrap analyses
//   - the package together with its internal tests (p's files + p's _test.go files in package p),
//     kind InternalTest, or kind Library when the directory has no internal test files;
//   - the external test package (`package p_test` files) separately, kind ExternalTest.
// The plain library package is never analysed a second time on its own: its files are a subset of
// the InternalTest package, exactly as go vet checks only "p [p.test]" when tests exist.
// With Options::tests == false only Library packages (no _test.go files) are produced.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/header.h"

namespace gotrap::load {

// A Go language version "go1.N" (patch releases are dropped: the language changes only per minor).
struct GoVersion {
  int major = 1;
  int minor = 0;

  // Accepts "1.21", "1.21.3", "go1.21", "go1.21rc1", "go1". Anything else: nullopt.
  static std::optional<GoVersion> parse(std::string_view text);
  // The newest language version gotrap knows; files outside any module get it.
  static GoVersion latest() { return GoVersion{1, 26}; }

  bool has_per_iteration_loop_vars() const { return *this >= GoVersion{1, 22}; }
  std::string to_string() const;  // "go1.21"

  friend auto operator<=>(const GoVersion&, const GoVersion&) = default;
};

struct Module {
  std::string root_dir;  // absolute, lexically cleaned directory holding go.mod
  std::string path;      // module path ("std" for GOROOT/src)
  GoVersion go{1, 16};   // the go line; 1.16 when absent, as the go tool assumes
  bool has_go_line = false;
  std::string toolchain;  // "go1.22.1" or empty
};

// What stat(2) says of a file: when all of it matches a remembered file's, the file is taken to
// be unchanged (the go command's and git's rule; ctime cannot be set back by a user).
struct FileStat {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  int64_t ctime_ns = 0;
  uint64_t inode = 0;
  uint64_t device = 0;
  friend bool operator==(const FileStat&, const FileStat&) = default;
};

// What loading and the result cache need of a file, remembered so that an unchanged file is not
// read again (see rules/file_index.h).
struct FileFacts {
  std::string hash;             // content hash (rules::cache::content_hash)
  // What importers can observe of the text (rules::cache::interface_hash): its tokens without
  // comments, layout or positions; empty when not computed.
  std::string interface_hash;
  FileHeader header;            // scan_header of the text
  bool may_suppress = true;     // rules::may_hold_suppression of the text
};

class FileFactsCache {
 public:
  virtual ~FileFactsCache() = default;
  // The remembered facts of `path` when its stat still matches; false otherwise.
  virtual bool find(const std::string& path, const FileStat& stat, FileFacts& out) = 0;
  // Remembers the facts of a file just read (stat taken before the read); returns its content
  // hash and interface hash (FileFacts::hash, FileFacts::interface_hash).
  virtual FileFacts remember(const std::string& path, const FileStat& stat, std::string_view text,
                             const FileHeader& header) = 0;
};

struct SourceFile {
  std::string path;  // directory-joined path as derived from the pattern ("a/b.go", "b.go")
  // Whole file, read once here and handed to the parser; empty while text_deferred (see
  // read_deferred_text).
  std::string text;
  // Not read yet: known from a FileFactsCache, or read by the loader and let go
  // (Options::release_texts; then text_released is set as well).
  bool text_deferred = false;
  bool text_released = false;
  FileStat stat;               // with a FileFactsCache or release_texts: the stat of the text read
  std::string hash;            // with a FileFactsCache: the content hash; else empty
  std::string interface_hash;       // with a FileFactsCache: FileFacts::interface_hash; else empty
  bool may_suppress = true;    // false: the text surely holds no suppression directive
  // The header's import facts (load::FileHeader), so that nobody re-scans the text for them.
  bool header_known = false;
  std::vector<std::string> imports;
  bool imports_complete = true;  // and the header had no error
  GoVersion go_version;
  bool generated = false;  // "// Code generated ... DO NOT EDIT." before the package clause
  bool is_test = false;    // name ends in _test.go
  bool cgo = false;        // imports "C"
};

struct Package {
  enum Kind { Library, InternalTest, ExternalTest };

  std::string dir;          // cleaned path as derived from the pattern ("." for the working dir)
  std::string import_path;  // module path + relative dir; "command-line-arguments" for file lists
  std::string name;         // package clause name ("p_test" for ExternalTest)
  Kind kind = Library;
  const Module* module = nullptr;  // owned by LoadResult::modules; null outside any module
  std::vector<SourceFile> files;   // sorted by file name
  // Loaded by load_dependencies for its declarations and function bodies only: never checked
  // or reported on.
  bool dependency = false;
};

struct Options {
  std::string goos = "linux";
  std::string goarch = "amd64";
  bool all_files = false;  // ignore build constraints and file-name suffixes
  std::optional<GoVersion> go_version_override;
  bool tests = true;
  std::vector<std::string> extra_tags;  // like -tags; "cgo" here also admits files importing "C"
  // With cgo off, still load a directory whose files all import "C" (analysed with C's types
  // unknown) instead of reporting that build constraints exclude them. Off: exactly `go list`
  // with CGO_ENABLED=0, as the conformance test checks.
  bool cgo_only_packages = false;
  // Unsaved editor buffers: called with each Go file's path as the loader joins it; returns true
  // and fills `text` to use that text instead of the file on disk (the language server).
  std::function<bool(const std::string& path, std::string& text)> overlay;
  // Names of unsaved buffers in a directory (as the loader spells it) that may not exist on disk
  // yet; they join the directory's files, their text from `overlay`.
  std::function<std::vector<std::string>(const std::string& dir)> overlay_names;
  // Remembered facts of unchanged files: with it, a file whose stat matches is not read (its
  // SourceFile is text_deferred) and every SourceFile gets its content hash.
  FileFactsCache* file_cache = nullptr;
  // Keep no text: each file read from disk (not an overlay) is read for its header, then left
  // text_deferred and text_released, its stat kept, for whoever needs the text to read it again.
  bool release_texts = false;
  // With release_texts: whether a text may hold a suppression directive (SourceFile::may_suppress),
  // asked before the text goes; unset: every file may.
  std::function<bool(std::string_view text)> may_suppress;
};

struct LoadError {
  std::string path;
  std::string message;
};

struct LoadResult {
  std::vector<std::unique_ptr<Module>> modules;
  std::vector<Package> packages;  // sorted by dir, then kind
  std::vector<LoadError> errors;
};

// Patterns: "./...", "dir/...", ".", directories, or .go files (all files form one package and
// must share a directory); no patterns means ".". Never throws; problems become LoadErrors and
// loading goes on.
LoadResult load(const std::vector<std::string>& patterns, const Options& options);

// Dependencies, never required: appends to result.packages the packages that the packages from
// `first` on import, that no package of `result` provides, and whose source is at hand, found as
// the go command would (without running it): the imports of those packages, then, up to `depth`
// import edges away from them, the imports of the added packages that lie in their own module
// (a dependency's other packages; another module is entered from the given packages only, which
// keeps a module with a large dependency graph from pulling in the whole of it). An import of the importer's own module is the module's directory; an import of
// the standard library (no dot in its first element) is left alone, except that the standard
// library's own imports from golang.org/x/... are its vendor directory's; anything else is
// looked up for the main module (the analysed package's module, whose requirements rule):
//   - in its vendor directory when the go command would use it (a vendor directory and a go
//     line of 1.14 or later, unless GOFLAGS says -mod=mod or -mod=readonly), and nowhere else;
//   - else in the module of its go.mod `require` list whose path is the longest prefix of the
//     import path having the package, as `replace` redirects it (another version, or a directory
//     relative to the main module), in the module cache (GOMODCACHE, GOPATH's pkg/mod, or
//     ~/go/pkg/mod) under the escaped path and version ("github.com/Foo" -> "github.com/!foo").
// Missing source is no error: the import stays unknown. The added packages have `dependency`
// set, no tests (options.tests is ignored: they are taken as the go tool compiles them for their
// importers), and their load errors are dropped. Returns how many packages were added.
size_t load_dependencies(LoadResult& result, size_t first, const Options& options, int depth);

// "A" -> "!a": a module path or version as the module cache spells it.
std::string escape_module_path(std::string_view path);

// Reads a text_deferred file. False when it cannot be read (the text is left empty) or its stat
// no longer matches the one its facts were taken from (it changed during the run: the text is
// the new one, and the facts may be stale).
bool read_deferred_text(SourceFile& file);

// stat(2) of path in FileStat form; false when it fails.
bool stat_file(const std::string& path, FileStat& out);

}  // namespace gotrap::load
