// Scoping corner cases: each use must resolve to the declaration Go's rules pick.
#include <gtest/gtest.h>

#include "sema_test_util.h"

namespace gotrap::sema {
namespace {

using testing::analyse;

// The declaring identifier of what the n-th `name` refers to, as "line:col"-free offset.
ast::Pos decl_of(const testing::Analysed& a, const std::string& name, int n) {
  const Object* o = a.use(name, n);
  return o ? o->pos() : ast::kNoPos;
}

TEST(Scope, LocalVisibleOnlyAfterItsSpec) {
  auto a = analyse(R"(package p

var x = 1

func f() {
	x := x + 1
	var y = x
	_ = y
}
)");
  // "x := x + 1": the right-hand x is the package-level one.
  EXPECT_EQ(decl_of(a, "x", 2), a.offset("x = 1"));
  // "var y = x" sees the local x.
  EXPECT_EQ(decl_of(a, "x", 3), a.offset("x := x"));
}

TEST(Scope, IfSwitchForHeadersOpenScopes) {
  auto a = analyse(R"(package p

func f(v int) int {
	if v := v * 2; v > 0 {
		return v
	}
	for i := 0; i < v; i++ {
	}
	switch w := v; w {
	}
	return v
}
)");
  EXPECT_EQ(decl_of(a, "v", 2), a.offset("v int"));   // v * 2 in the header: the parameter
  EXPECT_EQ(decl_of(a, "v", 3), a.offset("v := v"));  // v > 0: the header's v
  EXPECT_EQ(decl_of(a, "v", 4), a.offset("v := v"));  // return v inside the if
  EXPECT_EQ(decl_of(a, "v", 5), a.offset("v int"));   // i < v
  EXPECT_EQ(decl_of(a, "v", 7), a.offset("v int"));   // final return v
}

TEST(Scope, TypeSwitchSymbolPerClause) {
  auto a = analyse(R"(package p

func f(x any) int {
	switch y := x.(type) {
	case int:
		return y
	case string:
		return len(y)
	}
	return 0
}
)");
  const Object* in_int = a.use("y", 1);
  const Object* in_string = a.use("y", 2);
  ASSERT_NE(in_int, nullptr);
  ASSERT_NE(in_string, nullptr);
  EXPECT_NE(in_int, in_string);  // one object per clause
  EXPECT_EQ(in_int->pos(), a.offset("y := x"));
  EXPECT_EQ(type_string(in_int->type), "int");
  EXPECT_EQ(type_string(in_string->type), "string");
}

TEST(Scope, ClosuresLabelsAndNamedResults) {
  auto a = analyse(R"(package p

func f() (n int) {
	g := func() { n++ }
	g()
loop:
	for {
		break loop
	}
	return n
}
)");
  EXPECT_EQ(decl_of(a, "n", 1), a.offset("n int"));
  EXPECT_EQ(decl_of(a, "loop", 1), a.offset("loop:"));
  EXPECT_EQ(a.use("loop", 1)->kind, ObjectKind::Label);
}

TEST(Scope, ImportsRenamedDotAndBlank) {
  auto a = analyse({{"example.com/lib", {"package lib\n\nfunc Hello() string { return \"\" }\n\ntype T struct{ F int }\n"}},
                    {"example.com/p", {R"(package p

import (
	l "example.com/lib"
	. "example.com/lib"
	_ "example.com/lib"
)

var a = l.Hello()
var b = Hello()
var c = T{F: 1}
)"}}});
  const Object* renamed = a.use("Hello", 0, 1);
  const Object* dotted = a.use("Hello", 1, 1);
  ASSERT_NE(renamed, nullptr);
  EXPECT_EQ(renamed, dotted);
  EXPECT_EQ(renamed->pkg_path(), "example.com/lib");
  EXPECT_EQ(a.use("l", 1, 1)->kind, ObjectKind::PkgName);
  const Object* field = a.use("F", 0, 1);  // composite-literal key resolves to the struct field
  ASSERT_NE(field, nullptr);
  EXPECT_TRUE(field->is_field);
  EXPECT_EQ(type_string(a.program->type_of_object(a.packages[1]->member("a"))), "string");
}

TEST(Scope, ParametersVisibleOnlyInTheBody) {
  auto a = analyse(R"(package p

import "net/url"

func F(url string, v url.Values) {}
)");
  const Object* pkg = a.use("url", 2);  // url.Values: the package, not the parameter
  ASSERT_NE(pkg, nullptr);
  EXPECT_EQ(pkg->kind, ObjectKind::PkgName);
}

TEST(Scope, MethodsAndPromotedFields) {
  auto a = analyse(R"(package p

type Inner struct{ X int }

func (i *Inner) M() int { return i.X }

type Outer struct {
	*Inner
	Y string
}

func use(o Outer) int { return o.M() + o.X }
)");
  const Object* m = a.use("M", 1);
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->is_method);
  EXPECT_EQ(m->pos(), a.offset("M() int"));
  EXPECT_EQ(decl_of(a, "X", 2), a.offset("X int"));  // promoted through *Inner
  EXPECT_EQ(type_string(a.type_at("o.M()")), "int");
}

TEST(Scope, UnknownLiteralKeysStayUnresolved) {
  auto a = analyse(R"(package p

import "example.com/missing"

var k = 1
var v = missing.T{k: 2}
)");
  EXPECT_EQ(a.use("k", 1), nullptr);  // could be a field name of the unknown type
  const Object* t = a.use("T");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->kind, ObjectKind::Unknown);
  EXPECT_EQ(t->pkg_path(), "example.com/missing");
}

}  // namespace
}  // namespace gotrap::sema
