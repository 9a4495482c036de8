// Bad trees never stop loading: loops, unreadable entries, binary and huge files get a LoadError
// and everything else still loads. Trees are built at test time in a scratch directory.
#include <gtest/gtest.h>

#include <sys/fsuid.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/load.h"
#include "load_test_util.h"

namespace gotrap::load {
namespace {

using testing::dirs_of;
using testing::errors_for;
using testing::file_names;
using testing::ScratchDir;
using Strings = std::vector<std::string>;

// Root bypasses permission bits; checking file access as an ordinary user makes chmod 000 bite.
// setfsuid changes only the identity used for file system checks, and is restored on scope exit.
class UnprivilegedFileAccess {
 public:
  UnprivilegedFileAccess() : was_root_(geteuid() == 0) {
    if (was_root_) setfsuid(65534);
  }
  ~UnprivilegedFileAccess() {
    if (was_root_) setfsuid(0);
  }

 private:
  bool was_root_;
};

TEST(LoadRobustness, SymlinkLoopsAreReportedAndNotFollowed) {
  ScratchDir tree;
  tree.write("go.mod", "module example.com/loops\n\ngo 1.22\n");
  tree.write("a.go", "package loops\n");
  tree.write("sub/s.go", "package sub\n");
  ASSERT_EQ(symlink(".", (tree.path() + "/sub/back").c_str()), 0);  // a directory cycle
  ASSERT_EQ(symlink("y.go", (tree.path() + "/x.go").c_str()), 0);   // x.go -> y.go -> x.go
  ASSERT_EQ(symlink("x.go", (tree.path() + "/y.go").c_str()), 0);
  ASSERT_EQ(symlink("a.go", (tree.path() + "/alias.go").c_str()), 0);  // a symlinked file is a file

  LoadResult result = load({tree.path() + "/..."}, Options{});
  EXPECT_EQ(dirs_of(result), (Strings{tree.path(), tree.path() + "/sub"}));
  EXPECT_EQ(file_names(result.packages[0]), (Strings{"a.go", "alias.go"}));
  EXPECT_EQ(errors_for(result, tree.path() + "/x.go"), Strings{"symlink loop"});
  EXPECT_EQ(errors_for(result, tree.path() + "/y.go"), Strings{"symlink loop"});
  EXPECT_EQ(result.errors.size(), 2u);

  LoadResult direct = load({tree.path() + "/x.go"}, Options{});
  EXPECT_TRUE(direct.packages.empty());
  EXPECT_EQ(errors_for(direct, tree.path() + "/x.go"), Strings{"symlink loop"});
}

TEST(LoadRobustness, SymlinkedPatternRootIsFollowed) {
  ScratchDir tree;
  tree.write("real/go.mod", "module example.com/real\n\ngo 1.22\n");
  tree.write("real/sub/s.go", "package sub\n");
  ASSERT_EQ(symlink("real", (tree.path() + "/alias").c_str()), 0);
  LoadResult result = load({tree.path() + "/alias/..."}, Options{});
  ASSERT_EQ(result.packages.size(), 1u);
  EXPECT_EQ(result.packages[0].dir, tree.path() + "/alias/sub");
  EXPECT_EQ(result.packages[0].import_path, "example.com/real/sub");
}

TEST(LoadRobustness, AbsurdlyDeepTreeStopsWithAnError) {
  ScratchDir tree;
  std::string relative = "d";
  for (int i = 0; i < 260; ++i) relative += "/d";
  tree.write(relative + "/x.go", "package d\n");
  tree.write("top.go", "package top\n");
  LoadResult result = load({tree.path() + "/..."}, Options{});
  ASSERT_EQ(result.packages.size(), 1u);  // x.go lies below the cut
  EXPECT_EQ(result.packages[0].name, "top");
  EXPECT_EQ(errors_for(result, ""), Strings{"directory tree too deep"});
}

TEST(LoadRobustness, UnreadableDirectoryAndFile) {
  ScratchDir tree;
  tree.write("go.mod", "module example.com/locked\n\ngo 1.22\n");
  tree.write("ok/ok.go", "package ok\n");
  tree.write("locked/l.go", "package locked\n");
  tree.write("partly/fine.go", "package partly\n");
  std::string secret = tree.write("partly/secret.go", "package partly\n");
  ASSERT_EQ(chmod((tree.path() + "/locked").c_str(), 0), 0);
  ASSERT_EQ(chmod(secret.c_str(), 0), 0);

  LoadResult result;
  {
    UnprivilegedFileAccess as_user;
    result = load({tree.path() + "/..."}, Options{});
  }
  EXPECT_EQ(dirs_of(result), (Strings{tree.path() + "/ok", tree.path() + "/partly"}));
  EXPECT_EQ(file_names(result.packages[1]), Strings{"fine.go"});
  EXPECT_EQ(errors_for(result, tree.path() + "/locked"), Strings{"Permission denied"});
  EXPECT_EQ(errors_for(result, secret), Strings{"Permission denied"});
}

TEST(LoadRobustness, BinaryHugeDanglingAndBrokenFiles) {
  ScratchDir tree;
  tree.write("go.mod", "module example.com/bad\n\ngo 1.22\n");
  tree.write("good.go", "package bad\n");
  tree.write("binary.go", std::string("package bad\n\0\x01\x02", 15));
  tree.write("utf8.go", "package bad\n\nvar s = \"\xff\xfe\"\n");  // the parser's problem, not ours
  std::string huge = tree.write("huge.go", "package bad\n");
  ASSERT_EQ(truncate(huge.c_str(), (64 << 20) + 1), 0);  // sparse: nothing is really written
  ASSERT_EQ(symlink("nowhere.go", (tree.path() + "/dangling.go").c_str()), 0);
  tree.write("nopackage.go", "// just a comment\nfunc f() {}\n");
  tree.write("badtag.go", "//go:build linux &&\n\npackage bad\n");
  tree.write("twotags.go", "//go:build linux\n//go:build amd64\n\npackage bad\n");
  tree.write("deep.go", "//go:build " + std::string(3000, '(') + "linux" + std::string(3000, ')') + "\n\npackage bad\n");
  tree.write("cgo_test.go", "package bad\n\nimport \"C\"\n");
  ASSERT_EQ(mkfifo((tree.path() + "/fifo.go").c_str(), 0644), 0);  // must not block the run
  tree.mkdir("realdir");
  ASSERT_EQ(symlink("realdir", (tree.path() + "/linked_dir.go").c_str()), 0);  // skipped quietly

  LoadResult result = load({tree.path()}, Options{});
  ASSERT_EQ(result.packages.size(), 1u);
  EXPECT_EQ(file_names(result.packages[0]), (Strings{"good.go", "utf8.go"}));
  EXPECT_EQ(errors_for(result, tree.path() + "/binary.go"), Strings{"binary file (contains NUL bytes), not Go source"});
  EXPECT_EQ(errors_for(result, huge), Strings{"file too large (67108865 bytes, limit 67108864)"});
  EXPECT_EQ(errors_for(result, tree.path() + "/dangling.go"), Strings{"No such file or directory"});
  EXPECT_EQ(errors_for(result, tree.path() + "/nopackage.go"), Strings{"expected 'package', found 'func'"});
  EXPECT_EQ(errors_for(result, tree.path() + "/badtag.go"),
            Strings{"parsing //go:build line: unexpected end of expression"});
  EXPECT_EQ(errors_for(result, tree.path() + "/twotags.go"), Strings{"multiple //go:build comments"});
  EXPECT_EQ(errors_for(result, tree.path() + "/deep.go"), Strings{"parsing //go:build line: build expression too large"});
  EXPECT_EQ(errors_for(result, tree.path() + "/cgo_test.go"),
            Strings{"use of cgo in test " + tree.path() + "/cgo_test.go not supported"});
  EXPECT_EQ(errors_for(result, tree.path() + "/fifo.go"), Strings{"not a regular file"});
  EXPECT_EQ(result.errors.size(), 9u);
}

TEST(LoadRobustness, GoworkEnvironmentVariable) {
  ScratchDir tree;
  tree.write("go.work", "go 1.23\n\nuse ./inner\n");
  tree.write("outer.work", "go 1.23\n");
  tree.write("go.mod", "module example.com/outer\n\ngo 1.22\n");
  tree.write("o.go", "package outer\n");
  tree.write("inner/go.mod", "module example.com/inner\n\ngo 1.22\n");
  tree.write("inner/i.go", "package inner\n");
  const std::string pattern = tree.path() + "/...";
  auto import_paths = [](const LoadResult& result) {
    Strings paths;
    for (const Package& package : result.packages) paths.push_back(package.import_path);
    return paths;
  };
  EXPECT_EQ(import_paths(load({pattern}, Options{})), (Strings{"example.com/outer", "example.com/inner"}));
  setenv("GOWORK", "off", 1);
  EXPECT_EQ(import_paths(load({pattern}, Options{})), Strings{"example.com/outer"});
  setenv("GOWORK", (tree.path() + "/outer.work").c_str(), 1);
  EXPECT_EQ(import_paths(load({pattern}, Options{})), Strings{"example.com/outer"});
  unsetenv("GOWORK");
}

TEST(LoadRobustness, WalkFromOutsideAnyModuleEntersEveryModule) {
  ScratchDir tree;
  tree.write("loose.go", "package loose\n");
  tree.write("one/go.mod", "module example.com/one\n\ngo 1.21\n");
  tree.write("one/a.go", "package one\n");
  tree.write("one/inner/go.mod", "module example.com/inner\n\ngo 1.23\n");
  tree.write("one/inner/i.go", "package inner\n");  // nested in module one: skipped
  tree.write("two/go.mod", "module example.com/two\n\ngo 1.24\n");
  tree.write("two/sub/b.go", "package sub\n");
  LoadResult result = load({tree.path() + "/..."}, Options{});
  ASSERT_EQ(result.packages.size(), 3u);
  EXPECT_EQ(result.packages[0].module, nullptr);
  EXPECT_EQ(result.packages[0].files[0].go_version, GoVersion::latest());
  EXPECT_EQ(result.packages[1].import_path, "example.com/one");
  EXPECT_EQ(result.packages[2].import_path, "example.com/two/sub");
  EXPECT_EQ(result.packages[2].files[0].go_version, (GoVersion{1, 24}));
}

TEST(LoadRobustness, ModuleWithoutModuleLineAndRepeatedFiles) {
  ScratchDir tree;
  tree.write("go.mod", "go 1.22\n");
  std::string file = tree.write("a.go", "package a\n");
  LoadResult result = load({tree.path()}, Options{});
  ASSERT_EQ(result.packages.size(), 1u);
  EXPECT_EQ(result.packages[0].import_path, tree.path());
  EXPECT_EQ(result.packages[0].files[0].go_version, (GoVersion{1, 22}));
  EXPECT_EQ(errors_for(result, tree.path() + "/go.mod"), Strings{"no module declaration in go.mod"});

  LoadResult repeated = load({file, file, tree.path() + "/./a.go"}, Options{});
  ASSERT_EQ(repeated.packages.size(), 1u);
  EXPECT_EQ(repeated.packages[0].files.size(), 1u);
}

TEST(LoadRobustness, AllFilesDisablesEveryConstraint) {
  ScratchDir tree;
  tree.write("go.mod", "module example.com/all\n\ngo 1.22\n");
  tree.write("a.go", "package all\n");
  tree.write("b_windows.go", "package all\n");
  tree.write("c.go", "//go:build ignore\n\npackage all\n");
  tree.write("d.go", "package all\n\nimport \"C\"\n");
  tree.write("_e.go", "package all\n");  // names starting with _ or . are never Go files

  Options all;
  all.all_files = true;
  LoadResult result = load({tree.path()}, all);
  ASSERT_EQ(result.packages.size(), 1u);
  EXPECT_EQ(file_names(result.packages[0]), (Strings{"a.go", "b_windows.go", "c.go", "d.go"}));
  EXPECT_TRUE(result.packages[0].files[3].cgo);

  LoadResult filtered = load({tree.path()}, Options{});
  ASSERT_EQ(filtered.packages.size(), 1u);
  EXPECT_EQ(file_names(filtered.packages[0]), Strings{"a.go"});
}

TEST(LoadRobustness, OutsideAnyModuleUsesTheNewestVersionAndTheDirectoryName) {
  ScratchDir tree;
  tree.write("loose/main.go", "//go:build go1.18\n\npackage main\n");
  tree.write("loose/other.go", "package main\n");
  ASSERT_EQ(chdir(tree.path().c_str()), 0);
  LoadResult result = load({"./loose"}, Options{});
  ASSERT_EQ(chdir(GOTRAP_SOURCE_DIR), 0);
  ASSERT_EQ(result.packages.size(), 1u);
  const Package& package = result.packages[0];
  EXPECT_EQ(package.module, nullptr);
  EXPECT_EQ(package.dir, "loose");
  EXPECT_EQ(package.import_path, "loose");
  EXPECT_EQ(package.files[0].path, "loose/main.go");
  EXPECT_EQ(package.files[0].go_version, (GoVersion{1, 21}));  // the //go:build line still applies
  EXPECT_EQ(package.files[1].go_version, GoVersion::latest());
}

TEST(LoadRobustness, RelativePatternsGiveRelativePaths) {
  ASSERT_EQ(chdir((std::string(GOTRAP_SOURCE_DIR) + "/tests/load/testdata/basic").c_str()), 0);
  LoadResult result = load({"./sub/...", "./a.go"}, Options{});
  LoadResult no_patterns = load({}, Options{});
  ASSERT_EQ(chdir(GOTRAP_SOURCE_DIR), 0);
  EXPECT_EQ(dirs_of(no_patterns), (Strings{".", "."}));
  EXPECT_EQ(no_patterns.packages[0].import_path, "example.com/basic");
  EXPECT_EQ(dirs_of(result), (Strings{".", "sub", "sub/deeper"}));
  EXPECT_EQ(result.packages[0].import_path, "command-line-arguments");
  EXPECT_EQ(result.packages[0].files[0].path, "a.go");
  EXPECT_EQ(result.packages[2].files[0].path, "sub/deeper/deeper.go");
  EXPECT_EQ(result.packages[2].import_path, "example.com/basic/sub/deeper");
}

}  // namespace
}  // namespace gotrap::load
