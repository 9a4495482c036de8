#include <gtest/gtest.h>

#include "load/import_path.h"
#include "load/load.h"
#include "load/modfile.h"

namespace gotrap::load {
namespace {

TEST(LoadGoVersion, ParsesReleaseSpellings) {
  EXPECT_EQ(GoVersion::parse("1.21"), (GoVersion{1, 21}));
  EXPECT_EQ(GoVersion::parse("go1.21.3"), (GoVersion{1, 21}));
  EXPECT_EQ(GoVersion::parse("go1.22rc1"), (GoVersion{1, 22}));
  EXPECT_EQ(GoVersion::parse("1.23beta2"), (GoVersion{1, 23}));
  EXPECT_EQ(GoVersion::parse("go1"), (GoVersion{1, 0}));
  EXPECT_EQ(GoVersion::parse("1.9"), (GoVersion{1, 9}));
}

TEST(LoadGoVersion, RejectsGarbage) {
  for (const char* bad : {"", "go", "1.", "x1.2", "1.2.", "1.2.x", "1.21foo", "go1.-3", "0.5", "1.2.3.4"}) {
    EXPECT_FALSE(GoVersion::parse(bad).has_value()) << bad;
  }
}

TEST(LoadGoVersion, ComparesNumerically) {
  EXPECT_LT((GoVersion{1, 9}), (GoVersion{1, 10}));
  EXPECT_GT((GoVersion{2, 0}), (GoVersion{1, 99}));
  EXPECT_FALSE((GoVersion{1, 21}).has_per_iteration_loop_vars());
  EXPECT_TRUE((GoVersion{1, 22}).has_per_iteration_loop_vars());
  EXPECT_EQ((GoVersion{1, 21}).to_string(), "go1.21");
}

TEST(LoadModFile, ReadsModuleGoToolchainAroundOtherDirectives) {
  ModFile mod = parse_mod_file(
      "// comment line\n"
      "module \"example.com/quoted\" // trailing comment\n"
      "\n"
      "go 1.22.4\r\n"
      "toolchain go1.23.1\n"
      "require (\n"
      "\tgolang.org/x/text v0.3.0 // indirect\n"
      "\tgo v9.9.9\n"  // a block entry named like a directive must not be taken for one
      ")\n"
      "replace example.com/a => ../a\n"
      "exclude ( example.com/b v1.0.0 )\n"
      "ignore (\n\t./node_modules\n\tstatic\n)\n");
  EXPECT_EQ(mod.module_path, "example.com/quoted");
  ASSERT_TRUE(mod.go.has_value());
  EXPECT_EQ(*mod.go, (GoVersion{1, 22}));
  EXPECT_EQ(mod.toolchain, "go1.23.1");
  EXPECT_EQ(mod.ignore, (std::vector<std::string>{"./node_modules", "static"}));
}

TEST(LoadModFile, RequireAndReplaceForms) {
  ModFile mod = parse_mod_file(
      "module example.com/m\n"
      "require example.com/one v1.0.0\n"
      "require (\n"
      "\tgithub.com/Acme/two v2.1.0 // indirect\n"
      "\tgo v9.9.9\n"
      ")\n"
      "replace example.com/one => ../one\n"
      "replace (\n"
      "\tgithub.com/Acme/two v2.1.0 => github.com/fork/two v2.1.1\n"
      "\texample.com/three => /abs/three\n"
      "\texample.com/bad => example.com/other\n"  // a module without a version: refused
      ")\n");
  ASSERT_EQ(mod.requirements.size(), 3u);
  EXPECT_EQ(mod.requirements[0].path, "example.com/one");
  EXPECT_EQ(mod.requirements[0].version, "v1.0.0");
  EXPECT_EQ(mod.requirements[1].path, "github.com/Acme/two");
  EXPECT_EQ(mod.requirements[1].version, "v2.1.0");
  EXPECT_EQ(mod.requirements[2].path, "go");
  ASSERT_EQ(mod.replaces.size(), 3u);
  EXPECT_EQ(mod.replaces[0].old_path, "example.com/one");
  EXPECT_TRUE(mod.replaces[0].old_version.empty());
  EXPECT_EQ(mod.replaces[0].new_path, "../one");
  EXPECT_TRUE(mod.replaces[0].local());
  EXPECT_EQ(mod.replaces[1].old_version, "v2.1.0");
  EXPECT_EQ(mod.replaces[1].new_path, "github.com/fork/two");
  EXPECT_EQ(mod.replaces[1].new_version, "v2.1.1");
  EXPECT_FALSE(mod.replaces[1].local());
  EXPECT_EQ(mod.replaces[2].new_path, "/abs/three");
  EXPECT_TRUE(mod.replaces[2].local());
}

TEST(LoadModuleCache, EscapesCapitalsAsTheGoCommand) {
  EXPECT_EQ(escape_module_path("github.com/Azure/azure-sdk-for-go"), "github.com/!azure/azure-sdk-for-go");
  EXPECT_EQ(escape_module_path("github.com/BurntSushi/toml"), "github.com/!burnt!sushi/toml");
  EXPECT_EQ(escape_module_path("v1.2.3-RC1"), "v1.2.3-!r!c1");
  EXPECT_EQ(escape_module_path("example.com/plain"), "example.com/plain");
}

TEST(LoadModFile, BacktickPathAndMissingGoLine) {
  ModFile mod = parse_mod_file("module `example.com/raw`\n");
  EXPECT_EQ(mod.module_path, "example.com/raw");
  EXPECT_FALSE(mod.go.has_value());
  EXPECT_TRUE(parse_mod_file("// nothing but a comment\n").module_path.empty());
}

TEST(LoadWorkFile, UseSingleAndBlockForms) {
  WorkFile work = parse_work_file(
      "go 1.23\n"
      "use ./a\n"
      "use (\n"
      "\t./b // comment\n"
      "\t\"./c d\"\n"
      ")\n"
      "replace x => ./y\n");
  ASSERT_TRUE(work.go.has_value());
  EXPECT_EQ(*work.go, (GoVersion{1, 23}));
  EXPECT_EQ(work.use_dirs, (std::vector<std::string>{"./a", "./b", "./c d"}));
}

TEST(LoadImportPath, GoToolValidityRule) {
  for (const char* good : {"example.com/m", "fmt", "a/b+c/d~e/f-g/h_i/.j", "gopkg.in/x.v3", "m/con1", "m/aux~x"}) {
    EXPECT_EQ(import_path_problem(good), "") << good;
  }
  EXPECT_EQ(import_path_problem(""), "empty string");
  EXPECT_EQ(import_path_problem("-m"), "leading dash");
  EXPECT_EQ(import_path_problem("a//b"), "double slash");
  EXPECT_EQ(import_path_problem("a/b/"), "trailing slash");
  EXPECT_EQ(import_path_problem("a/../b"), "invalid path element \"..\"");
  EXPECT_EQ(import_path_problem("a/b."), "trailing dot in path element");
  EXPECT_EQ(import_path_problem("a/b c"), "invalid char ' '");
  EXPECT_EQ(import_path_problem("a/caf\xc3\xa9"), "invalid char '\xc3\xa9'");
  EXPECT_EQ(import_path_problem("a/Nul.txt/b"), "\"Nul\" disallowed as path element component on Windows");
  EXPECT_EQ(import_path_problem("a/PROGRA~1"), "trailing tilde and digits in path element");
}

}  // namespace
}  // namespace gotrap::load
