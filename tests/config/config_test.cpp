#include "config/config.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace gotrap::config {
namespace {

TEST(Glob, SegmentsAndDoubleStar) {
  EXPECT_TRUE(glob_match("gen/**", "gen/a.go"));
  EXPECT_TRUE(glob_match("gen/**", "gen/x/y/a.go"));
  EXPECT_TRUE(glob_match("gen", "gen/x/a.go"));           // a bare name matches at any depth
  EXPECT_TRUE(glob_match("*_mock.go", "pkg/db/store_mock.go"));
  EXPECT_FALSE(glob_match("*_mock.go", "pkg/db/store.go"));
  EXPECT_TRUE(glob_match("pkg/*/a.go", "pkg/x/a.go"));
  EXPECT_FALSE(glob_match("pkg/*/a.go", "pkg/x/y/a.go"));  // * stays in one segment
  EXPECT_TRUE(glob_match("pkg/**/a.go", "pkg/a.go"));
  EXPECT_TRUE(glob_match("internal/legacy", "internal/legacy/old.go"));  // a directory's contents
  EXPECT_FALSE(glob_match("internal/legacy", "internal/legacy2/old.go"));
  EXPECT_TRUE(glob_match("a?c.go", "abc.go"));
}

TEST(Parse, ErrorsCarryFileAndLine) {
  std::vector<Error> errors;
  auto file = parse("/x/gotrap.toml",
                    "enable = [\"lost-cancel\"]\n"
                    "disable = [\"defer-in-lop\"]\n"
                    "unknown = 1\n"
                    "[severity]\n"
                    "lost-cancel = \"fatal\"\n"
                    "[rules.lost-cancel]\n"
                    "depth = 3\n",
                    errors);
  EXPECT_EQ(file, nullptr);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_NE(errors[0].message.find("defer-in-lop"), std::string::npos);
  EXPECT_EQ(errors[1].line, 3);
  EXPECT_NE(errors[1].message.find("unknown key \"unknown\""), std::string::npos);
  EXPECT_EQ(errors[2].line, 5);
  EXPECT_EQ(errors[3].line, 7);
  EXPECT_EQ(errors[0].to_string().rfind("/x/gotrap.toml:2:", 0), 0u);

  errors.clear();
  EXPECT_EQ(parse("bad.toml", "enable = [\n", errors), nullptr);
  ASSERT_EQ(errors.size(), 1u);  // a TOML syntax error, located
  EXPECT_GT(errors[0].line, 0);
}

TEST(Resolver, NearerFilesOverrideFartherOnes) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("gotrap-config-test-" + std::to_string(::getpid()));
  fs::create_directories(root / "svc" / "gen");
  std::ofstream(root / "gotrap.toml") << "disable = [\"slice-retain\"]\ntests = false\n"
                                          "[severity]\nlost-cancel = \"error\"\n";
  std::ofstream(root / "svc" / "gotrap.toml") << "enable = [\"slice-retain\"]\nexclude = [\"gen\"]\n"
                                                 "tests = true\n[severity]\nlost-cancel = \"info\"\n";
  const rules::Rule* retain = rules::find_rule("slice-retain");
  const rules::Rule* cancel = rules::find_rule("lost-cancel");
  ASSERT_NE(retain, nullptr);
  ASSERT_NE(cancel, nullptr);

  Resolver resolver(Resolver::Mode::discover);
  const Effective& top = resolver.for_dir(root.string());
  const Effective& svc = resolver.for_dir((root / "svc").string());
  EXPECT_TRUE(resolver.errors().empty());
  EXPECT_FALSE(top.rule_enabled(retain->info()));
  EXPECT_TRUE(svc.rule_enabled(retain->info()));
  EXPECT_EQ(top.severity(cancel->info()), rules::Severity::error);
  EXPECT_EQ(svc.severity(cancel->info()), rules::Severity::info);
  EXPECT_FALSE(top.tests());
  EXPECT_TRUE(svc.tests());
  EXPECT_TRUE(svc.excluded((root / "svc" / "gen" / "a.go").string()));
  EXPECT_FALSE(svc.excluded((root / "svc" / "a.go").string()));
  EXPECT_FALSE(top.excluded((root / "gen" / "a.go").string()));  // svc's globs stay in svc

  // A file's directory, however its path is spelled (clean absolute paths take a shortcut).
  std::string svc_dir = (root / "svc").string();
  for (const std::string& file : {svc_dir + "/a.go", svc_dir + "/./a.go", svc_dir + "//a.go",
                                  svc_dir + "/gen/../a.go", fs::relative(root / "svc" / "a.go").string()}) {
    EXPECT_EQ(&resolver.for_file(file), &svc) << file;
  }
  EXPECT_EQ(&resolver.for_file((root / "a.go").string()), &top);
  // A directory of its own, under svc's file.
  EXPECT_TRUE(resolver.for_file((root / "svc" / "gen" / "b.go").string()).rule_enabled(retain->info()));

  Resolver none(Resolver::Mode::none);
  EXPECT_TRUE(none.for_dir((root / "svc").string()).rule_enabled(retain->info()));
  Resolver only(Resolver::Mode::explicit_file, (root / "gotrap.toml").string());
  EXPECT_FALSE(only.for_dir((root / "svc").string()).rule_enabled(retain->info()));
  fs::remove_all(root);
}

}  // namespace
}  // namespace gotrap::config
