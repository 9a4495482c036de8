// PtrMap against std::unordered_map: inserts, finds, erases (backward-shift deletion) and
// iteration, over tables small enough that probe runs wrap around the end.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <vector>

#include "sema/flat_map.h"

namespace gotrap::sema {
namespace {

struct Key {
  int id;
};

TEST(PtrMap, MatchesReferenceMapUnderRandomOperations) {
  std::vector<Key> keys(300);
  for (int i = 0; i < 300; ++i) keys[i].id = i;
  std::mt19937 rng(12345);
  for (int round = 0; round < 20; ++round) {
    PtrMap<Key, int> map;
    if (round % 2) map.reserve(size_t(round * 7));  // odd capacities, not powers of two
    std::map<const Key*, int> want;
    for (int op = 0; op < 3000; ++op) {
      const Key* k = &keys[rng() % (50 + round * 12)];
      switch (rng() % 4) {
        case 0:
        case 1:
          map[k] = op;
          want[k] = op;
          break;
        case 2:
          map.erase(k);
          want.erase(k);
          break;
        default: {
          auto it = map.find(k);
          auto wit = want.find(k);
          ASSERT_EQ(it == map.end(), wit == want.end());
          if (wit != want.end()) {
            EXPECT_EQ(it->second, wit->second);
          }
        }
      }
      ASSERT_EQ(map.size(), want.size());
    }
    std::map<const Key*, int> seen;
    for (auto& [k, v] : map) seen[k] = v;
    EXPECT_EQ(seen, want);
    for (auto& [k, v] : want) EXPECT_EQ(map.count(k), 1u);
  }
}

TEST(PtrMap, UnknownKeysAreAbsent) {
  PtrMap<Key, int> map;
  Key a{1}, b{2};
  EXPECT_EQ(map.find(&a), map.end());
  map.erase(&a);  // on an empty table: nothing happens
  map[&a] = 7;
  EXPECT_EQ(map.find(&b), map.end());
  EXPECT_EQ(map.find(nullptr), map.end());
  EXPECT_EQ(map.count(&a), 1u);
  EXPECT_EQ(map.size(), 1u);
}

}  // namespace
}  // namespace gotrap::sema
