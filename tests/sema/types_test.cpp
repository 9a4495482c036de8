// Light types: what gotrap claims must be what go/types says; unknown when it cannot know.
#include <gtest/gtest.h>

#include "sema/sizes.h"
#include "sema_test_util.h"

namespace gotrap::sema {
namespace {

using testing::analyse;

TEST(Types, ExpressionsBottomUp) {
  auto a = analyse(R"(package p

import (
	"slices"
	"strings"
)

type S struct {
	m  map[string][]*S
	ch chan<- int
}

func f(s *S, xs []string) {
	a := s.m["k"]
	b := a[0]
	c := strings.Join(xs, ",")
	d := len(xs)
	e := append(xs, c)
	g := make(chan int, d)
	h := new(S)
	i := xs[1:]
	j := c[0]
	k := &S{}
	l := slices.Contains(xs, c)
	_, _, _, _, _, _, _, _, _ = b, e, g, h, i, j, k, l, s.ch
}
)");
  EXPECT_EQ(type_string(a.type_at("s.m[\"k\"]")), "[]*example.com/p.S");
  EXPECT_EQ(type_string(a.type_at("a[0]")), "*example.com/p.S");
  EXPECT_EQ(type_string(a.type_at("strings.Join(xs, \",\")")), "string");
  EXPECT_EQ(type_string(a.type_at("len(xs)")), "int");
  EXPECT_EQ(type_string(a.type_at("append(xs, c)")), "[]string");
  EXPECT_EQ(type_string(a.type_at("make(chan int, d)")), "chan int");
  EXPECT_EQ(type_string(a.type_at("new(S)")), "*example.com/p.S");
  EXPECT_EQ(type_string(a.type_at("xs[1:]")), "[]string");
  EXPECT_EQ(type_string(a.type_at("c[0]")), "byte");
  EXPECT_EQ(type_string(a.type_at("&S{}")), "*example.com/p.S");
  EXPECT_EQ(type_string(a.type_at("s.ch")), "chan<- int");
  // Generic call: instantiation is not tracked, so no claim.
  EXPECT_EQ(a.type_at("slices.Contains(xs, c)"), nullptr);
}

// A body's parameters take the types its function's signature resolved (read back from it when it
// is complete and not generic, resolved again otherwise), and the names in their types resolve.
TEST(Types, ParametersOfBodies) {
  auto a = analyse(R"(package p

type T struct{}

func (t *T) m(a, b int, _ T, xs ...string) (n int, err error) {
	return len(xs) + a + b, nil
}

func g[E any](e E, es []E) int { return len(es) }

func u(x Missing, y [2]T) { _, _ = x, y }
)");
  auto def = [&](const char* name, int n = 0) { return a.packages[0]->def_of(a.ident(name, n)); };
  const Object* a_param = def("a");
  const Object* xs = def("xs");
  ASSERT_NE(a_param, nullptr);
  ASSERT_NE(xs, nullptr);
  EXPECT_TRUE(a_param->is_param);
  EXPECT_EQ(a.use("a", 1), a_param);
  EXPECT_EQ(a.use("xs", 1), xs);
  EXPECT_EQ(type_string(a_param->type), "int");
  EXPECT_EQ(type_string(def("b")->type), "int");
  EXPECT_EQ(type_string(xs->type), "[]string");
  EXPECT_EQ(type_string(def("n")->type), "int");
  EXPECT_EQ(type_string(a.type_at("len(xs) + a + b")), "int");
  EXPECT_EQ(type_string(def("t")->type), "*example.com/p.T");
  EXPECT_EQ(a.use("T", 1), a.packages[0]->member("T"));  // the receiver's type
  EXPECT_EQ(a.use("T", 2), a.packages[0]->member("T"));  // the third parameter's type
  EXPECT_EQ(a.use("int", 0), a.program->universe().lookup("int"));
  EXPECT_EQ(a.use("error"), a.program->universe().lookup("error"));
  EXPECT_EQ(type_string(def("es")->type), "[]E");
  EXPECT_EQ(a.use("E", 1), def("E"));  // in the generic signature: its own type parameter
  EXPECT_EQ(a.use("E", 2), def("E"));
  EXPECT_EQ(def("x")->type, nullptr);  // Missing: unknown
  EXPECT_EQ(type_string(def("y")->type), "[2]example.com/p.T");
  EXPECT_EQ(a.use("T", 3), a.packages[0]->member("T"));
}

TEST(Types, UntypedConstantsAreNotClaimed) {
  auto a = analyse("package p\n\nconst c = 1 << 3\n\nvar f float64 = c\n");
  EXPECT_EQ(a.type_at("1 << 3"), nullptr);  // go/types reports the context type here
  EXPECT_EQ(type_string(a.program->type_of_object(a.packages[0]->member("f"))), "float64");
}

TEST(Types, CommaOkPairs) {
  auto a = analyse(R"(package p

func f(m map[string]int, x any) {
	v, ok := m["a"]
	s, ok2 := x.(string)
	_, _, _, _ = v, ok, s, ok2
}
)");
  EXPECT_EQ(type_string(a.type_at("m[\"a\"]")), "(int, bool)");
  EXPECT_EQ(type_string(a.type_at("x.(string)")), "(string, bool)");
}

TEST(Sizes, MatchGcOnAmd64) {
  // Expected values are unsafe.Sizeof/Offsetof as gc computes them on linux/amd64.
  auto a = analyse(R"(package p

import (
	"net/http"
	"sync"
	"time"
)

type A struct {
	a bool
	b int64
	c bool
}

type B struct {
	a int32
	b struct{}
}

type C struct {
	x [3]complex64
	s string
	m map[int]int
	e error
}

var (
	wg  sync.WaitGroup
	mu  sync.Mutex
	t   time.Time
	req http.Request
	cl  http.Client
)
)");
  auto type_of = [&](const char* name) { return a.program->type_of_object(a.packages[0]->member(name)); };
  EXPECT_EQ(size_of(type_of("A")), 24);
  EXPECT_EQ(align_of(type_of("A")), 8);
  EXPECT_EQ(size_of(type_of("B")), 8);  // zero-size final field gets a byte, then padding
  EXPECT_EQ(size_of(type_of("C")), 64);
  EXPECT_EQ(field_offsets(type_of("C")), (std::vector<int64_t>{0, 24, 40, 48}));
  EXPECT_EQ(size_of(type_of("wg")), 16);
  EXPECT_EQ(size_of(type_of("mu")), 8);
  EXPECT_EQ(size_of(type_of("t")), 24);
  EXPECT_EQ(size_of(type_of("req")), 304);
  EXPECT_EQ(size_of(type_of("cl")), 48);
}

TEST(Sizes, UnknownPartsMakeUnknownSizes) {
  auto a = analyse("package p\n\nimport \"example.com/missing\"\n\ntype T struct {\n\tx int\n\ty missing.Thing\n}\n");
  EXPECT_EQ(size_of(a.program->type_of_object(a.packages[0]->member("T"))), -1);
}

}  // namespace
}  // namespace gotrap::sema

namespace gotrap::sema {
namespace {

TEST(Types, ArrayLengthsFromConstants) {
  auto a = testing::analyse(R"(package p

const (
	a = iota
	b
	c
)

const n = c*4 + 1

func f() {
	const (
		x = iota + 2
		y
	)
	var arr [n]int16
	var loc [y]bool
	_, _ = arr, loc
}
)");
  EXPECT_EQ(type_string(a.type_at("arr", 1)), "[9]int16");  // the use in the last line
  EXPECT_EQ(size_of(a.type_at("arr", 1)), 18);
  EXPECT_EQ(type_string(a.type_at("loc", 1)), "[3]bool");
}

}  // namespace
}  // namespace gotrap::sema

namespace gotrap::sema {
namespace {

TEST(Types, LiteralsTakeTheirContextType) {
  auto a = testing::analyse(R"(package p

import "time"

func wait(d time.Duration, n int64, v any) {}

func f(x float64) bool {
	wait(5, 7, 9)
	y := 'r'
	_ = y
	return x > 2
}
)");
  EXPECT_EQ(type_string(a.type_at("5")), "time.Duration");
  EXPECT_EQ(type_string(a.type_at("7")), "int64");
  EXPECT_EQ(type_string(a.type_at("9")), "int");  // empty interface: the default type
  EXPECT_EQ(type_string(a.type_at("'r'")), "rune");
  EXPECT_EQ(type_string(a.type_at("2")), "float64");
  EXPECT_EQ(a.type_at("x > 2"), nullptr);  // untyped bool whose final type depends on use
}

}  // namespace
}  // namespace gotrap::sema
