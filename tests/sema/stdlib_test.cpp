// The embedded standard-library table: imports of stdlib packages get real types.
#include <gtest/gtest.h>

#include "sema/stdlib.h"
#include "sema_test_util.h"

namespace gotrap::sema {
namespace {

using testing::analyse;

TEST(Stdlib, TableHasTheRulePackages) {
  for (const char* path : {"context", "net/http", "net", "sync", "time", "strings", "bytes", "io", "os",
                           "slices", "database/sql", "testing", "errors", "fmt",
                           "golang.org/x/sync/errgroup"}) {
    EXPECT_NE(find_stdlib_stub(path), nullptr) << path;
  }
  EXPECT_EQ(find_stdlib_stub("no/such/pkg"), nullptr);
}

TEST(Stdlib, RequestAndWaitGroupTypes) {
  auto a = analyse(R"(package p

import (
	"context"
	"net/http"
	"sync"
	"time"
)

func F(r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	_ = r.URL.Path
	_ = ctx
}
)");
  EXPECT_EQ(type_string(a.type_at("r.Context()")), "context.Context");
  EXPECT_EQ(type_string(a.type_at("cancel()")), "<unknown>");  // a call with no result has no type
  EXPECT_EQ(type_string(a.type_at("r.URL.Path")), "string");
  EXPECT_EQ(type_string(a.type_at("wg.Add")), "func(delta int)");
  const Object* add = a.use("Add");
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(add->pkg_path(), "sync");
  EXPECT_EQ(add->owner, "WaitGroup");
}

}  // namespace
}  // namespace gotrap::sema
