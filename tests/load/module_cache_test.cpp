// A release in the module cache without go.mod: its module path is its place in the cache, as
// the go command synthesizes `module <path>` for it, so its packages import each other.
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "load/load.h"
#include "load_test_util.h"

namespace gotrap::load {
namespace {

using testing::ScratchDir;

// Sets an environment variable for the life of the object, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

const Package* by_path(const LoadResult& r, const std::string& import_path) {
  for (const Package& p : r.packages)
    if (p.import_path == import_path) return &p;
  return nullptr;
}

TEST(ModuleCache, ReleaseWithoutGoModGetsItsPathFromTheCache) {
  ScratchDir cache;
  cache.write("example.com/!acme/tool@v1.2.0+incompatible/reader/reader.go", "package reader\n");
  cache.write("example.com/!acme/tool@v1.2.0+incompatible/reader/limit/limit.go",
              "package limit\n\nimport _ \"example.com/Acme/tool/reader\"\n");
  cache.write("example.com/other@v0.1.0/other.go", "package other\n");
  ScopedEnv env("GOMODCACHE", cache.path());
  LoadResult r = load({cache.path() + "/example.com/!acme/tool@v1.2.0+incompatible/..."}, Options{});
  ASSERT_NE(by_path(r, "example.com/Acme/tool/reader"), nullptr);
  const Package* limit = by_path(r, "example.com/Acme/tool/reader/limit");
  ASSERT_NE(limit, nullptr);
  ASSERT_NE(limit->module, nullptr);
  EXPECT_EQ(limit->module->root_dir, cache.path() + "/example.com/!acme/tool@v1.2.0+incompatible");
  EXPECT_EQ(limit->module->go, (GoVersion{1, 16}));  // no go line: what the go command assumes

  // A sibling module of the cache is its own module, not the first one's.
  LoadResult both = load({cache.path() + "/example.com/!acme/tool@v1.2.0+incompatible/reader",
                          cache.path() + "/example.com/other@v0.1.0"},
                         Options{});
  EXPECT_NE(by_path(both, "example.com/Acme/tool/reader"), nullptr);
  EXPECT_NE(by_path(both, "example.com/other"), nullptr);
}

TEST(ModuleCache, OutsideTheCacheNothingIsSynthesized) {
  ScratchDir cache, elsewhere;
  elsewhere.write("example.com/tool@v1.0.0/a/a.go", "package a\n");
  ScopedEnv env("GOMODCACHE", cache.path());
  LoadResult r = load({elsewhere.path() + "/example.com/tool@v1.0.0/a"}, Options{});
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].module, nullptr);
}

}  // namespace
}  // namespace gotrap::load
