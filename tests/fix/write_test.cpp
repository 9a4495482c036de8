#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fix/fix.h"

namespace gotrap::fix {
namespace {

namespace fs = std::filesystem;

class WriteIfUnchanged : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("gotrap-fix-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    path = (dir / "a.go").string();
    put(path, "old\n");
  }
  void TearDown() override { fs::remove_all(dir); }

  static void put(const std::string& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  static std::string get(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  size_t entries() const { return size_t(std::distance(fs::directory_iterator(dir), {})); }

  fs::path dir;
  std::string path;
};

TEST_F(WriteIfUnchanged, ReplacesContentKeepsModeLeavesNoTemp) {
  ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
  std::string error;
  EXPECT_EQ(write_if_unchanged(path, "old\n", "new\n", &error), WriteResult::written) << error;
  EXPECT_EQ(get(path), "new\n");
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0640u);
  EXPECT_EQ(entries(), 1u);
}

TEST_F(WriteIfUnchanged, RefusesWhenFileChangedSinceRead) {
  put(path, "edited by someone\n");
  std::string error;
  EXPECT_EQ(write_if_unchanged(path, "old\n", "new\n", &error), WriteResult::changed_on_disk);
  EXPECT_EQ(get(path), "edited by someone\n");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(WriteIfUnchanged, MissingFileFails) {
  std::string error;
  EXPECT_EQ(write_if_unchanged((dir / "gone.go").string(), "x", "y", &error), WriteResult::failed);
  EXPECT_NE(error.find("gone.go"), std::string::npos);
}

TEST_F(WriteIfUnchanged, WritesThroughASymlinkAndKeepsIt) {
  fs::create_directories(dir / "real");
  std::string real = (dir / "real" / "b.go").string();
  put(real, "old\n");
  std::string link = (dir / "link.go").string();
  ASSERT_EQ(::symlink("real/b.go", link.c_str()), 0);
  std::string error;
  ASSERT_EQ(write_if_unchanged(link, "old\n", "new\n", &error), WriteResult::written) << error;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), fs::path("real/b.go"));
  EXPECT_EQ(get(real), "new\n");
  // The temporary file went next to the target and is gone.
  EXPECT_EQ(size_t(std::distance(fs::directory_iterator(dir / "real"), {})), 1u);
}

TEST_F(WriteIfUnchanged, RefusesReadOnlyFile) {
  ASSERT_EQ(::chmod(path.c_str(), 0444), 0);
  std::string error;
  EXPECT_EQ(write_if_unchanged(path, "old\n", "new\n", &error), WriteResult::failed);
  EXPECT_NE(error.find("read-only"), std::string::npos) << error;
  EXPECT_EQ(get(path), "old\n");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(WriteIfUnchanged, RefusesFileWithHardLinks) {
  std::string other = (dir / "other.go").string();
  ASSERT_EQ(::link(path.c_str(), other.c_str()), 0);
  std::string error;
  EXPECT_EQ(write_if_unchanged(path, "old\n", "new\n", &error), WriteResult::failed);
  EXPECT_NE(error.find("hard link"), std::string::npos) << error;
  EXPECT_EQ(get(path), "old\n");
  EXPECT_EQ(get(other), "old\n");
}

TEST_F(WriteIfUnchanged, KeepsOwnerGroupAndSpecialBits) {
  // As root the file can belong to someone else, which the rewrite must keep; otherwise the
  // file is ours and stays ours.
  uid_t uid = ::getuid() == 0 ? 4321 : ::getuid();
  gid_t gid = ::getuid() == 0 ? 4322 : ::getgid();
  if (::getuid() == 0) ASSERT_EQ(::chown(path.c_str(), uid, gid), 0);
  ASSERT_EQ(::chmod(path.c_str(), 02640), 0);
  std::string error;
  ASSERT_EQ(write_if_unchanged(path, "old\n", "new\n", &error), WriteResult::written) << error;
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_uid, uid);
  EXPECT_EQ(info.st_gid, gid);
  EXPECT_EQ(info.st_mode & 07777, 02640u);
  EXPECT_EQ(get(path), "new\n");
}

TEST_F(WriteIfUnchanged, RefusesDirectory) {
  std::string error;
  EXPECT_EQ(write_if_unchanged(dir.string(), "", "x", &error), WriteResult::failed);
}

TEST(UnifiedDiff, EqualTextsGiveNothing) { EXPECT_EQ(unified_diff("a.go", "x\n", "x\n"), ""); }

TEST(UnifiedDiff, OneInsertedLineWithContext) {
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n";
  std::string after = "1\n2\n3\n4\ninserted\n5\n6\n7\n8\n";
  EXPECT_EQ(unified_diff("p/a.go", before, after),
            "--- a/p/a.go\n+++ b/p/a.go\n"
            "@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+inserted\n 5\n 6\n 7\n");
}

TEST(UnifiedDiff, DistantChangesMakeTwoHunks) {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 ? "two" : i == 18 ? "eighteen" : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(unified_diff("a.go", before, after),
            "--- a/a.go\n+++ b/a.go\n"
            "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
            "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n");
}

TEST(UnifiedDiff, MissingFinalNewlineIsMarked) {
  EXPECT_EQ(unified_diff("a.go", "a\nb", "a\nc"),
            "--- a/a.go\n+++ b/a.go\n"
            "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
            "\\ No newline at end of file\n");
}

// Applies a unified diff produced above back onto `before` (test helper; trusts the format).
std::string apply_diff(const std::string& before, const std::string& diff) {
  std::vector<std::string> a;
  std::istringstream in(before);
  for (std::string line; std::getline(in, line);) a.push_back(line);
  std::vector<std::string> out;
  size_t ai = 0;
  std::istringstream d(diff);
  std::string line;
  std::getline(d, line);
  std::getline(d, line);
  while (std::getline(d, line)) {
    if (line.starts_with("@@")) {
      size_t start = std::stoul(line.substr(4));
      size_t until = start == 0 ? 0 : start - 1;
      while (ai < until) out.push_back(a[ai++]);
    } else if (line[0] == ' ') {
      out.push_back(a[ai++]);
    } else if (line[0] == '-') {
      ++ai;
    } else if (line[0] == '+') {
      out.push_back(line.substr(1));
    }
  }
  while (ai < a.size()) out.push_back(a[ai++]);
  std::string joined;
  for (const std::string& l : out) joined += l + "\n";
  return joined;
}

TEST(UnifiedDiff, RoundTripsOnPseudoRandomEdits) {
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  for (int round = 0; round < 200; ++round) {
    std::string before, after;
    int lines = int(next() % 40);
    for (int i = 0; i < lines; ++i) {
      std::string l = "line" + std::to_string(next() % 8) + "\n";
      before += l;
      switch (next() % 5) {
        case 0: break;                                         // deleted
        case 1: after += "new" + std::to_string(i) + "\n" + l; break;  // inserted before
        case 2: after += "changed\n"; break;
        default: after += l;
      }
    }
    std::string diff = unified_diff("a.go", before, after);
    EXPECT_EQ(apply_diff(before, diff), after) << "round " << round << "\n" << diff;
  }
}

}  // namespace
}  // namespace gotrap::fix
