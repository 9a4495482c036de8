// Eviction keeps the cache under its bound, oldest first, counting the stat indexes too, and
// walks the cache at most once an hour.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "rules/result_cache.h"

namespace gotrap::rules::cache {
namespace {

namespace fs = std::filesystem;

class EvictTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gotrap-evict-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                        "-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir_ / "results-v1" / "ab");
    fs::create_directories(dir_ / "stat-v1");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A file of `bytes` bytes whose modification time is `age` in the past.
  fs::path file(const fs::path& rel, size_t bytes, std::chrono::minutes age) {
    fs::path p = dir_ / rel;
    std::ofstream(p) << std::string(bytes, 'x');
    fs::last_write_time(p, fs::file_time_type::clock::now() - age);
    return p;
  }

  fs::path dir_;
};

TEST_F(EvictTest, RemovesOldestEntriesAndIndexesUntilUnderTheBound) {
  fs::path oldest_index = file("stat-v1/idx-old", 40000, std::chrono::minutes(300));
  fs::path old_entry = file("results-v1/ab/e1", 100, std::chrono::minutes(200));
  fs::path newer_entry = file("results-v1/ab/e2", 100, std::chrono::minutes(10));
  fs::path newest_index = file("stat-v1/idx-new", 100, std::chrono::minutes(1));
  // 40 KiB + 3 blocks of 4 KiB: over a 24 KiB bound; trimming goes to 3/4 of it (18 KiB).
  evict(dir_.string(), 24 * 1024);
  EXPECT_FALSE(fs::exists(oldest_index));
  EXPECT_TRUE(fs::exists(old_entry));  // 3 blocks = 12 KiB are under the goal once the index is gone
  EXPECT_TRUE(fs::exists(newer_entry));
  EXPECT_TRUE(fs::exists(newest_index));
}

TEST_F(EvictTest, SmallEntriesCountAsWholeBlocks) {
  // Ten entries of 10 bytes are 40 KiB of disk, not 100 bytes: over a 20 KiB bound.
  for (int i = 0; i < 10; ++i)
    file("results-v1/ab/e" + std::to_string(i), 10, std::chrono::minutes(100 - i));
  evict(dir_.string(), 20 * 1024);
  int left = 0;
  for (auto& e : fs::directory_iterator(dir_ / "results-v1" / "ab")) left += e.is_regular_file();
  EXPECT_EQ(left, 3);  // trimmed to 3/4 of 20 KiB: 15 KiB, three blocks
  EXPECT_FALSE(fs::exists(dir_ / "results-v1/ab/e0"));  // the oldest went first
  EXPECT_TRUE(fs::exists(dir_ / "results-v1/ab/e9"));
}

TEST_F(EvictTest, WalksAtMostOnceAnHour) {
  evict(dir_.string(), 1024);  // nothing to remove; records the walk
  fs::path big = file("results-v1/ab/big", 100000, std::chrono::minutes(5));
  evict(dir_.string(), 1024);
  EXPECT_TRUE(fs::exists(big));  // the second call within the hour does not walk
  fs::last_write_time(dir_ / "results-v1.evicted", fs::file_time_type::clock::now() - std::chrono::minutes(61));
  evict(dir_.string(), 1024);
  EXPECT_FALSE(fs::exists(big));
}

}  // namespace
}  // namespace gotrap::rules::cache
