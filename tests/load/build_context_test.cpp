#include <gtest/gtest.h>

#include "load/build_context.h"

namespace gotrap::load {
namespace {

TEST(LoadBuildContext, FileNameSuffixes) {
  BuildContext linux_amd64{Options{}};
  EXPECT_TRUE(linux_amd64.matches_file_name("a.go"));
  EXPECT_TRUE(linux_amd64.matches_file_name("a_linux.go"));
  EXPECT_TRUE(linux_amd64.matches_file_name("a_amd64.go"));
  EXPECT_TRUE(linux_amd64.matches_file_name("a_linux_amd64_test.go"));
  EXPECT_FALSE(linux_amd64.matches_file_name("a_windows.go"));
  EXPECT_FALSE(linux_amd64.matches_file_name("a_linux_arm64.go"));
  EXPECT_FALSE(linux_amd64.matches_file_name("a_darwin_test.go"));
  EXPECT_TRUE(linux_amd64.matches_file_name("windows.go"));           // nothing before a '_'
  EXPECT_TRUE(linux_amd64.matches_file_name("a_windows_helper.go"));  // suffix is not a GOOS
  EXPECT_FALSE(linux_amd64.matches_file_name("x_windows_amd64.go"));
  EXPECT_TRUE(linux_amd64.matches_file_name("a_unix.go"));  // unix is a tag, not a GOOS
  EXPECT_FALSE(linux_amd64.matches_file_name("a_test_windows.go"));
  EXPECT_FALSE(linux_amd64.matches_file_name("a_windows.x_linux.go"));  // text after the first . is ignored
}

TEST(LoadBuildContext, TagsOfTheDefaultConfiguration) {
  BuildContext context{Options{}};
  for (const char* tag : {"linux", "amd64", "unix", "gc", "go1.1", "go1.21", "go1.26", "amd64.v1",
                          "goexperiment.regabiargs"}) {
    EXPECT_TRUE(context.has_tag(tag)) << tag;
  }
  for (const char* tag : {"cgo", "windows", "arm64", "gccgo", "go1", "go1.27", "ignore", "android", "boringcrypto"}) {
    EXPECT_FALSE(context.has_tag(tag)) << tag;
  }
  EXPECT_FALSE(context.cgo_enabled());
}

TEST(LoadBuildContext, OtherSystemsAndExtraTags) {
  Options android;
  android.goos = "android";
  android.goarch = "arm64";
  android.extra_tags = {"integration", "cgo"};
  BuildContext context{android};
  EXPECT_TRUE(context.has_tag("linux"));  // android implies linux, as in go/build
  EXPECT_TRUE(context.has_tag("unix"));
  EXPECT_TRUE(context.has_tag("integration"));
  EXPECT_TRUE(context.has_tag("cgo"));
  EXPECT_TRUE(context.cgo_enabled());
  EXPECT_FALSE(context.has_tag("amd64"));
  EXPECT_TRUE(context.matches_file_name("x_linux_arm64.go"));

  Options windows;
  windows.goos = "windows";
  BuildContext win{windows};
  EXPECT_FALSE(win.has_tag("unix"));
  EXPECT_TRUE(win.matches_file_name("a_windows.go"));
  EXPECT_FALSE(win.matches_file_name("a_linux.go"));
}

TEST(LoadBuildContext, GoBuildControlsOverPlusBuild) {
  BuildContext context{Options{}};
  FileHeader header;
  header.go_build = "linux";
  header.plus_build = {"windows"};
  std::string error;
  EXPECT_TRUE(context.matches_constraints(header, &error));
  header.go_build.reset();
  EXPECT_FALSE(context.matches_constraints(header, &error));
  header.plus_build = {"linux darwin", "amd64"};  // lines are ANDed
  EXPECT_TRUE(context.matches_constraints(header, &error));
  header.go_build = "linux &&";
  EXPECT_FALSE(context.matches_constraints(header, &error));
  EXPECT_EQ(error, "parsing //go:build line: unexpected end of expression");
}

}  // namespace
}  // namespace gotrap::load
