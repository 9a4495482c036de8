#include <gtest/gtest.h>

#include <map>
#include <string>

#include "fix/fix.h"

namespace gotrap::fix {
namespace {

struct Package {
  std::map<std::string, std::string, std::less<>> texts;
  PackageSource source{"example.com/p", {}, false};
  rules::TextLookup lookup() const {
    return [this](std::string_view path) -> const std::string* {
      auto it = texts.find(path);
      return it == texts.end() ? nullptr : &it->second;
    };
  }
  void add(const std::string& path, const std::string& text) {
    texts[path] = text;
    source.paths.push_back(path);
  }
};

const char* kOriginal = R"(package p

import "fmt"

func f(xs []int) []int {
	slices := xs
	fmt.Println(len(slices))
	return slices[:1]
}
)";

TEST(NewNameErrors, NoneForAnUnchangedFile) {
  Package p;
  p.add("a.go", kOriginal);
  EXPECT_TRUE(new_name_errors(p.source, p.lookup(), "a.go", kOriginal).empty());
}

TEST(NewNameErrors, ShadowedImportIsReported) {
  Package p;
  p.add("a.go", kOriginal);
  std::string fixed = R"(package p

import (
	"fmt"
	"slices"
)

func f(xs []int) []int {
	slices := xs
	fmt.Println(len(slices))
	return slices.Clone(slices[:1])
}
)";
  auto errors = new_name_errors(p.source, p.lookup(), "a.go", fixed);
  std::string all;
  for (auto& e : errors) all += e + "\n";
  EXPECT_NE(all.find("\"slices\" imported and not used"), std::string::npos) << all;
  EXPECT_NE(all.find("import slices shadowed"), std::string::npos) << all;
}

TEST(NewNameErrors, UnusedImportAfterReplacingItsLastUse) {
  Package p;
  p.add("a.go", R"(package p

import (
	"context"
	"net/http"
)

func h(w http.ResponseWriter, r *http.Request) { use(context.Background()) }
)");
  p.add("b.go", R"(package p

import "context"

func use(ctx context.Context) {}
)");
  std::string fixed = R"(package p

import (
	"context"
	"net/http"
)

func h(w http.ResponseWriter, r *http.Request) { use(r.Context()) }
)";
  auto errors = new_name_errors(p.source, p.lookup(), "a.go", fixed);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "\"context\" imported and not used");
}

TEST(NewNameErrors, UndefinedNameSeenAcrossThePackage) {
  Package p;
  p.add("a.go", "package p\n\nfunc f() int { return helper() }\n");
  p.add("b.go", "package p\n\nfunc helper() int { return 1 }\n");
  // A name declared in another file of the package is defined; a new one is not.
  EXPECT_TRUE(new_name_errors(p.source, p.lookup(), "a.go",
                              "package p\n\nfunc f() int { return helper() + helper() }\n").empty());
  auto errors = new_name_errors(p.source, p.lookup(), "a.go",
                                "package p\n\nfunc f() int { return helper() + missing }\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "undefined: missing");
}

TEST(NewNameErrors, UnusedLocal) {
  Package p;
  p.add("a.go", "package p\n\nfunc f() int {\n\tx := 1\n\treturn x\n}\n");
  auto errors = new_name_errors(p.source, p.lookup(), "a.go",
                                "package p\n\nfunc f() int {\n\tx := 1\n\ty := x\n\treturn x\n}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "declared and not used: y");
}

TEST(PlanVerifiedFixes, DropsOnlyTheFixThatBreaksNames) {
  Package p;
  std::string text = "package p\n\nfunc f() int {\n\ta := 1\n\treturn a\n}\n";
  p.add("a.go", text);
  size_t a_use = text.find("return a") + 7;
  std::vector<rules::Finding> findings(2);
  findings[0].path = findings[1].path = "a.go";
  findings[0].rule = findings[1].rule = "test";
  findings[0].message = "good";
  findings[0].fixes.push_back({"ok", {{uint32_t(a_use), uint32_t(a_use + 1), "(a + 1)"}}, rules::FixSafety::safe});
  size_t one = text.find("1\n");
  findings[1].message = "bad";
  findings[1].fixes.push_back({"breaks", {{uint32_t(one), uint32_t(one + 1), "undefinedName"}}, rules::FixSafety::safe});
  std::vector<std::string> dropped;
  auto planned = plan_verified_fixes(findings, false, p.lookup(),
                                     [&](std::string_view) { return &p.source; }, &dropped);
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].fixed, "package p\n\nfunc f() int {\n\ta := 1\n\treturn (a + 1)\n}\n");
  EXPECT_EQ(planned[0].applied, std::vector<size_t>{0});
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_NE(dropped[0].find("undefined: undefinedName"), std::string::npos) << dropped[0];
}

}  // namespace
}  // namespace gotrap::fix
