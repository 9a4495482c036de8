// Loading the committed fixture trees under tests/load/testdata.
#include <gtest/gtest.h>

#include "load/load.h"
#include "load_test_util.h"

namespace gotrap::load {
namespace {

using testing::dirs_of;
using testing::errors_for;
using testing::file_names;
using testing::find_file;
using testing::find_package;
using testing::fixture;
using Strings = std::vector<std::string>;

TEST(LoadFixture, BasicModuleSelectsFilesLikeTheGoTool) {
  const std::string root = fixture("basic");
  LoadResult result = load({root + "/..."}, Options{});

  const Package* main = find_package(result, root, Package::InternalTest);
  ASSERT_NE(main, nullptr);
  EXPECT_EQ(main->import_path, "example.com/basic");
  EXPECT_EQ(main->name, "basic");
  EXPECT_EQ(file_names(*main),
            (Strings{"a.go", "a_amd64.go", "a_linux.go", "a_linux_amd64.go", "a_linux_test.go",
                     "amd64_windows_helper.go", "basic_test.go", "gc_tag.go", "generated.go", "gobuild_match.go",
                     "linux.go", "not_cgo_tag.go", "not_generated.go", "old_release.go", "plus_match.go",
                     "plus_negated.go", "plus_no_blank_line.go", "plus_overridden.go", "unix_tag.go"}));
  EXPECT_EQ(find_file(*main, "a.go")->text, "package basic\n");
  EXPECT_EQ(find_file(*main, "a.go")->path, root + "/a.go");
  EXPECT_TRUE(find_file(*main, "generated.go")->generated);
  EXPECT_FALSE(find_file(*main, "not_generated.go")->generated);
  EXPECT_TRUE(find_file(*main, "basic_test.go")->is_test);
  EXPECT_FALSE(find_file(*main, "a.go")->is_test);

  const Package* external = find_package(result, root, Package::ExternalTest);
  ASSERT_NE(external, nullptr);
  EXPECT_EQ(external->import_path, "example.com/basic_test");
  EXPECT_EQ(external->name, "basic_test");
  EXPECT_EQ(file_names(*external), Strings{"external_test.go"});

  ASSERT_NE(main->module, nullptr);
  EXPECT_EQ(main->module->path, "example.com/basic");
  EXPECT_EQ(main->module->root_dir, root);
  EXPECT_EQ(main->module->go, (GoVersion{1, 21}));
  EXPECT_TRUE(main->module->has_go_line);
  EXPECT_EQ(main->module->toolchain, "go1.22.3");
  EXPECT_EQ(result.modules.size(), 1u);
}

TEST(LoadFixture, WalkSkipsSpecialDirsAndNestedModulesAndSortsPackages) {
  const std::string root = fixture("basic");
  LoadResult result = load({root + "/..."}, Options{});
  // go.mod's `ignore` drops ignoredbymod/ and any assets/ directory, but not assetsnot/.
  EXPECT_EQ(dirs_of(result), (Strings{root, root, root + "/assetsnot", root + "/mainpkg", root + "/onlytests",
                                      root + "/onlyxtests", root + "/plus+ok", root + "/sub", root + "/sub/deeper",
                                      root + "/suffixname", root + "/testnamed", root + "/tilde~x",
                                      root + "/xtestfirst", root + "/xtestfirst"}));
  // Directories the go tool rejects are skipped with its error: two package names, or a directory
  // name that makes a malformed import path.
  EXPECT_EQ(errors_for(result, ""),
            (Strings{"malformed import path \"example.com/basic/aux\": \"aux\" disallowed as path element component "
                     "on Windows",
                     "found packages a (a.go) and b (b.go) in " + root + "/conflict",
                     "malformed import path \"example.com/basic/my dir\": invalid char ' '",
                     "malformed import path \"example.com/basic/tilde~1\": trailing tilde and digits in path element"}));
  EXPECT_EQ(errors_for(result, root + "/conflict").size(), 1u);
}

TEST(LoadFixture, TestPackageKindsFollowGoVet) {
  const std::string root = fixture("basic");
  LoadResult result = load({root + "/..."}, Options{});
  EXPECT_NE(find_package(result, root + "/sub", Package::Library), nullptr);
  EXPECT_NE(find_package(result, root + "/onlytests", Package::InternalTest), nullptr);
  const Package* only_external = find_package(result, root + "/onlyxtests", Package::ExternalTest);
  ASSERT_NE(only_external, nullptr);
  EXPECT_EQ(only_external->name, "onlyxtests_test");
  EXPECT_EQ(find_package(result, root + "/onlyxtests", Package::Library), nullptr);
  // A non-test file named *_test makes later _test.go files of that name internal tests.
  const Package* suffix = find_package(result, root + "/suffixname", Package::InternalTest);
  ASSERT_NE(suffix, nullptr);
  EXPECT_EQ(suffix->name, "suffixname_test");
  EXPECT_EQ(file_names(*suffix), (Strings{"a.go", "a_test.go"}));
  const Package* xtest_first = find_package(result, root + "/xtestfirst", Package::ExternalTest);
  ASSERT_NE(xtest_first, nullptr);
  EXPECT_EQ(file_names(*xtest_first), Strings{"a_test.go"});
}

TEST(LoadFixture, ExplicitDirectoriesAndTheirErrors) {
  const std::string root = fixture("basic");
  LoadResult single = load({root}, Options{});
  EXPECT_EQ(dirs_of(single), (Strings{root, root}));

  LoadResult testdata = load({root + "/testdata"}, Options{});  // named explicitly: loaded
  ASSERT_EQ(testdata.packages.size(), 1u);
  EXPECT_EQ(testdata.packages[0].import_path, "example.com/basic/testdata");
  EXPECT_EQ(testdata.packages[0].name, "skipped");

  LoadResult empty = load({root + "/nogo", root + "/onlyexcluded", root + "/missing"}, Options{});
  EXPECT_TRUE(empty.packages.empty());
  EXPECT_EQ(errors_for(empty, root + "/nogo"), Strings{"no Go files in " + root + "/nogo"});
  EXPECT_EQ(errors_for(empty, root + "/onlyexcluded"),
            Strings{"build constraints exclude all Go files in " + root + "/onlyexcluded"});
  EXPECT_EQ(errors_for(empty, root + "/missing"), Strings{"directory not found"});

  LoadResult sub = load({root + "/sub/..."}, Options{});
  EXPECT_EQ(dirs_of(sub), (Strings{root + "/sub", root + "/sub/deeper"}));
  EXPECT_EQ(sub.packages[1].import_path, "example.com/basic/sub/deeper");
}

TEST(LoadFixture, OverlappingPatternsLoadADirectoryOnce) {
  const std::string root = fixture("basic");
  LoadResult result = load({root + "/sub", root + "/sub/...", root + "/sub/../sub/deeper"}, Options{});
  EXPECT_EQ(dirs_of(result), (Strings{root + "/sub", root + "/sub/deeper"}));
}

TEST(LoadFixture, NestedModuleIsItsOwnModule) {
  const std::string root = fixture("basic");
  LoadResult result = load({root + "/nested/..."}, Options{});
  ASSERT_EQ(result.packages.size(), 1u);
  EXPECT_EQ(result.packages[0].import_path, "example.com/nested");
  EXPECT_EQ(result.packages[0].files[0].go_version, (GoVersion{1, 22}));
}

TEST(LoadFixture, OptionsChangeTheSelection) {
  const std::string root = fixture("basic");
  Options no_tests;
  no_tests.tests = false;
  LoadResult library = load({root}, no_tests);
  ASSERT_EQ(library.packages.size(), 1u);
  EXPECT_EQ(library.packages[0].kind, Package::Library);
  EXPECT_EQ(find_file(library.packages[0], "basic_test.go"), nullptr);
  LoadResult only_tests = load({root + "/onlytests"}, no_tests);
  EXPECT_TRUE(only_tests.packages.empty());
  EXPECT_EQ(errors_for(only_tests, root + "/onlytests"), Strings{"no non-test Go files in " + root + "/onlytests"});

  Options windows;
  windows.goos = "windows";
  LoadResult win = load({root}, windows);
  const Package* main = find_package(win, root, Package::InternalTest);
  ASSERT_NE(main, nullptr);
  EXPECT_NE(find_file(*main, "a_windows.go"), nullptr);
  EXPECT_NE(find_file(*main, "a_windows_test.go"), nullptr);
  EXPECT_NE(find_file(*main, "plus_no_blank_line.go"), nullptr);
  EXPECT_EQ(find_file(*main, "a_linux.go"), nullptr);
  EXPECT_EQ(find_file(*main, "unix_tag.go"), nullptr);
  EXPECT_EQ(find_file(*main, "plus_match.go"), nullptr);

  Options cgo;
  cgo.extra_tags = {"cgo"};
  LoadResult with_cgo = load({root}, cgo);
  main = find_package(with_cgo, root, Package::InternalTest);
  ASSERT_NE(main, nullptr);
  ASSERT_NE(find_file(*main, "cgo_import.go"), nullptr);
  EXPECT_TRUE(find_file(*main, "cgo_import.go")->cgo);
  EXPECT_TRUE(find_file(*main, "cgo_grouped_import.go")->cgo);
  EXPECT_NE(find_file(*main, "cgo_tag.go"), nullptr);
  EXPECT_EQ(find_file(*main, "not_cgo_tag.go"), nullptr);
}

TEST(LoadFixture, PerFileGoVersions) {
  const std::string root = fixture("versions");
  LoadResult result = load({root}, Options{});
  ASSERT_EQ(result.packages.size(), 1u);
  const Package& package = result.packages[0];
  auto version = [&](const char* name) {
    const SourceFile* file = find_file(package, name);
    EXPECT_NE(file, nullptr) << name;
    return file ? file->go_version : GoVersion{};
  };
  EXPECT_EQ(version("plain.go"), (GoVersion{1, 20}));           // the go.mod line
  EXPECT_EQ(version("newer.go"), (GoVersion{1, 22}));           // raised by //go:build
  EXPECT_EQ(version("older.go"), (GoVersion{1, 21}));           // never below go1.21 once tagged
  EXPECT_EQ(version("negated.go"), (GoVersion{1, 20}));         // !go1.N implies nothing
  EXPECT_EQ(version("ored.go"), (GoVersion{1, 21}));            // min over ||
  EXPECT_EQ(version("anded.go"), (GoVersion{1, 24}));           // max over &&
  EXPECT_EQ(version("plusbuild.go"), (GoVersion{1, 20}));       // // +build sets no version
  EXPECT_EQ(version("unversioned_or.go"), (GoVersion{1, 20}));  // "|| linux" implies nothing
  EXPECT_FALSE(version("plain.go").has_per_iteration_loop_vars());
  EXPECT_TRUE(version("newer.go").has_per_iteration_loop_vars());

  Options override_version;
  override_version.go_version_override = GoVersion{1, 25};
  LoadResult overridden = load({root}, override_version);
  ASSERT_EQ(overridden.packages.size(), 1u);
  for (const SourceFile& file : overridden.packages[0].files) EXPECT_EQ(file.go_version, (GoVersion{1, 25})) << file.path;
}

TEST(LoadFixture, MissingGoLineMeansGo116) {
  const std::string root = fixture("nogoline");
  LoadResult result = load({root + "/..."}, Options{});
  ASSERT_EQ(result.packages.size(), 1u);
  const Package& package = result.packages[0];
  ASSERT_NE(package.module, nullptr);
  EXPECT_FALSE(package.module->has_go_line);
  EXPECT_EQ(package.module->go, (GoVersion{1, 16}));
  EXPECT_EQ(find_file(package, "p.go")->go_version, (GoVersion{1, 16}));
  EXPECT_EQ(find_file(package, "loopvar_test.go")->go_version, (GoVersion{1, 22}));
}

TEST(LoadFixture, WorkspaceUsesListedModulesOnly) {
  const std::string root = fixture("workspace");
  LoadResult result = load({root + "/..."}, Options{});
  EXPECT_EQ(dirs_of(result), (Strings{root + "/alpha", root + "/alpha/sub", root + "/beta", root + "/beta",
                                      root + "/gamma/inner"}));
  const Package* sub = find_package(result, root + "/alpha/sub", Package::Library);
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->import_path, "example.com/alpha/sub");
  EXPECT_EQ(sub->files[0].go_version, (GoVersion{1, 20}));
  const Package* inner = find_package(result, root + "/gamma/inner", Package::Library);
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(inner->import_path, "example.com/gamma/inner");
  EXPECT_EQ(inner->files[0].go_version, (GoVersion{1, 22}));
  EXPECT_EQ(result.modules.size(), 3u);
}

TEST(LoadFixture, FileListIsOneAdHocPackageIgnoringConstraints) {
  const std::string root = fixture("basic");
  LoadResult result = load({root + "/a.go", root + "/a_windows.go", root + "/basic_test.go",
                            root + "/external_test.go", root + "/cgo_import.go"},
                           Options{});
  ASSERT_EQ(result.packages.size(), 2u);
  const Package& internal = result.packages[0];
  EXPECT_EQ(internal.kind, Package::InternalTest);
  EXPECT_EQ(internal.import_path, "command-line-arguments");
  EXPECT_EQ(internal.dir, root);
  EXPECT_EQ(file_names(internal), (Strings{"a.go", "a_windows.go", "basic_test.go"}));  // cgo stays off
  EXPECT_EQ(internal.files[0].go_version, (GoVersion{1, 21}));
  EXPECT_EQ(result.packages[1].import_path, "command-line-arguments_test");
  EXPECT_TRUE(result.errors.empty());

  LoadResult split = load({root + "/a.go", root + "/sub/sub.go"}, Options{});
  EXPECT_TRUE(split.packages.empty());
  EXPECT_EQ(errors_for(split, ""),
            Strings{"named files must all be in one directory; have " + root + " and " + root + "/sub"});

  LoadResult missing = load({root + "/nope.go"}, Options{});
  EXPECT_TRUE(missing.packages.empty());
  EXPECT_EQ(errors_for(missing, root + "/nope.go"), Strings{"no such file"});
}

}  // namespace
}  // namespace gotrap::load
