// The per-package tables of non-identifier expression types: slots written into the nodes (24
// bits for most expressions, 16 for unary and binary ones), the hash index they fall back to when
// slot numbers run out or another table slotted a node first, and the rule that a second Program
// over the same parsed files answers exactly as the first.
#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <new>
#include <string>
#include <vector>

#include "sema/debug_print.h"
#include "sema/node_facts.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::sema {
namespace {

std::vector<Type> fake_types() { return std::vector<Type>(64); }

template <class T>
std::deque<T> make_nodes(size_t n) {
  std::deque<T> out;
  for (size_t i = 0; i < n; ++i) out.emplace_back();
  return out;
}

TEST(NodeTypeTable, NodesStartWithoutSlots) {
  // The slot is written by construction, whatever the arena held before.
  alignas(ast::BasicLit) unsigned char lit_bytes[sizeof(ast::BasicLit)];
  std::memset(lit_bytes, 0xff, sizeof lit_bytes);
  auto* lit = new (lit_bytes) ast::BasicLit(1, 2, syntax::Tok::INT, "1");
  EXPECT_EQ(lit->sema_slot, 0u);
  EXPECT_EQ(lit->lit_kind, syntax::Tok::INT);
  alignas(ast::CallExpr) unsigned char call_bytes[sizeof(ast::CallExpr)];
  std::memset(call_bytes, 0xff, sizeof call_bytes);
  EXPECT_EQ((new (call_bytes) ast::CallExpr)->sema_slot, 0u);
  alignas(ast::BinaryExpr) unsigned char bin_bytes[sizeof(ast::BinaryExpr)];
  std::memset(bin_bytes, 0xff, sizeof bin_bytes);
  auto* bin = new (bin_bytes) ast::BinaryExpr;
  EXPECT_EQ(bin->sema_slot, 0u);
  EXPECT_EQ(bin->op, syntax::Tok::ILLEGAL);
}

TEST(NodeTypeTable, RecordsAndFindsThroughSlots) {
  auto types = fake_types();
  auto calls = make_nodes<ast::CallExpr>(40);
  auto bins = make_nodes<ast::BinaryExpr>(40);
  NodeTypeTable<WideSlot> wide;
  NodeTypeTable<NarrowSlot> narrow;
  for (size_t i = 0; i < 40; ++i) {
    EXPECT_EQ(wide.find(&calls[i]), nullptr);
    EXPECT_EQ(narrow.find(&bins[i]), nullptr);
    wide.get(&calls[i]) = &types[i % 64];
    narrow.get(&bins[i]) = &types[(i + 1) % 64];
  }
  for (size_t i = 0; i < 40; ++i) {
    EXPECT_EQ(calls[i].sema_slot, i + 1);
    EXPECT_EQ(bins[i].sema_slot, i + 1);
    ASSERT_NE(wide.find(&calls[i]), nullptr);
    EXPECT_EQ(wide.find(&calls[i])->type, &types[i % 64]);
    EXPECT_EQ(wide.find(&calls[i])->node, &calls[i]);
    EXPECT_EQ(narrow.find(&bins[i])->type, &types[(i + 1) % 64]);
  }
  // Recording again rewrites the same entry.
  wide.get(&calls[5]) = &types[63];
  EXPECT_EQ(wide.size(), 40u);
  EXPECT_EQ(wide.find(&calls[5])->type, &types[63]);
  EXPECT_EQ(wide.indexed(), 0u);
  EXPECT_EQ(narrow.indexed(), 0u);
}

TEST(NodeTypeTable, FallsBackToTheIndexPastTheSlotLimitAndForForeignSlots) {
  auto types = fake_types();
  auto lits = make_nodes<ast::BasicLit>(30);
  NodeTypeTable<WideSlot> first;
  first.set_slot_limit(3);
  for (size_t i = 0; i < 20; ++i) first.get(&lits[i]) = &types[i];
  for (size_t i = 0; i < 20; ++i)
    EXPECT_EQ(lits[i].sema_slot, i < 3 ? uint32_t(i + 1) : NodeTypeTable<WideSlot>::kInIndex) << i;
  EXPECT_EQ(first.indexed(), 17u);

  NodeTypeTable<WideSlot> second;  // slots to spare, but the first table got to most nodes first
  for (size_t i = 10; i < 30; ++i) second.get(&lits[i]) = &types[i + 30];
  for (size_t i = 0; i < 30; ++i) {
    const NodeType* a = first.find(&lits[i]);
    const NodeType* b = second.find(&lits[i]);
    if (i < 20) {
      ASSERT_NE(a, nullptr) << i;
      EXPECT_EQ(a->type, &types[i]);
    } else {
      EXPECT_EQ(a, nullptr) << i;
    }
    if (i >= 10) {
      ASSERT_NE(b, nullptr) << i;
      EXPECT_EQ(b->type, &types[i + 30]);
    } else {
      EXPECT_EQ(b, nullptr) << i;
    }
  }
  // Recording again finds the existing entry instead of appending a duplicate.
  for (size_t i = 10; i < 30; ++i) second.get(&lits[i]) = &types[i + 1];
  EXPECT_EQ(second.size(), 20u);
  for (size_t i = 10; i < 30; ++i) EXPECT_EQ(second.find(&lits[i])->type, &types[i + 1]);
}

// The 16-bit slots of binary expressions run out for real in a large package: the rest go to the
// index, across several chunks.
TEST(NodeTypeTable, NarrowSlotsOverflowIntoTheIndex) {
  auto types = fake_types();
  auto bins = make_nodes<ast::BinaryExpr>(70000);
  NodeTypeTable<NarrowSlot> table;
  for (size_t i = 0; i < bins.size(); ++i) table.get(&bins[i]) = &types[i % 64];
  ASSERT_EQ(table.size(), bins.size());
  constexpr uint32_t kMax = NodeTypeTable<NarrowSlot>::kMaxSlot;
  EXPECT_EQ(table.indexed(), bins.size() - kMax);
  for (size_t i = 0; i < bins.size(); ++i) {
    const NodeType* e = table.find(&bins[i]);
    ASSERT_NE(e, nullptr) << i;
    ASSERT_EQ(e, &table.at(i)) << i;
    EXPECT_EQ(e->type, &types[i % 64]);
    EXPECT_EQ(bins[i].sema_slot, i < kMax ? uint32_t(i + 1) : NodeTypeTable<NarrowSlot>::kInIndex);
  }
}

TEST(ExprTypes, DispatchesByKindAndCounts) {
  auto types = fake_types();
  std::deque<ast::Ident> ids;
  ids.emplace_back(0, "x");
  ast::BasicLit lit(1, 2, syntax::Tok::INT, "1");
  ast::SelectorExpr sel;
  ast::UnaryExpr unary;
  ast::KeyValueExpr kv;  // no slot: kept in the hash map
  PackageInfo pkg;
  pkg.types.set(&ids[0], &types[0]);
  pkg.types.set(&lit, &types[1]);
  pkg.types.set(&sel, &types[2]);
  pkg.types.set(&unary, &types[3]);
  pkg.types.set(&kv, &types[4]);
  EXPECT_EQ(pkg.type_of(&ids[0]), &types[0]);
  EXPECT_EQ(pkg.type_of(&lit), &types[1]);
  EXPECT_EQ(pkg.type_of(&sel), &types[2]);
  EXPECT_EQ(pkg.type_of(&unary), &types[3]);
  EXPECT_EQ(pkg.type_of(&kv), &types[4]);
  EXPECT_EQ(pkg.type_of(nullptr), nullptr);
  EXPECT_EQ(pkg.types.size(), 5u);
  EXPECT_EQ(pkg.types.others_size(), 4u);
  EXPECT_EQ(pkg.types.hashed_size(), 1u);
  pkg.types.erase(&lit);
  pkg.types.erase(&unary);
  pkg.types.erase(&kv);
  EXPECT_EQ(pkg.types.count(&lit), 0u);
  EXPECT_EQ(pkg.types.count(&unary), 0u);
  EXPECT_EQ(pkg.types.count(&kv), 0u);
  EXPECT_EQ(pkg.types.count(&sel), 1u);
  EXPECT_EQ(pkg.types.size(), 2u);
  EXPECT_EQ(pkg.types.others_size(), 1u);
  size_t seen = 0;
  pkg.types.for_each([&](const ast::Node* n, const Type* t) {
    EXPECT_EQ(pkg.type_of(n), t);
    ++seen;
  });
  EXPECT_EQ(seen, 2u);
}

constexpr const char* kSource = R"(package p

type T struct{ n int }

func (t *T) Len() int { return t.n }

func f(xs []string, m map[string]int) (total int) {
	for i, x := range xs {
		t := &T{n: len(x) + i*3}
		total += t.Len() - -i
		if v, ok := m[x]; ok && v > 1.0 {
			if xs[i:][0:1][0]+"b" == "ab" {
				total++
			}
		}
		var y interface{} = 'c'
		_, _ = y.(rune)
		_ = func() float64 { return 2.5 }()
	}
	return total * 2
}
)";

std::vector<std::string> lines_of(const PackageInfo& pkg) { return type_lines(pkg); }

// Two live Programs over the same parsed file: the second finds the nodes slotted by the first
// and keeps its types in its index; both answer the same, each with its own types.
TEST(ExprTypes, TwoProgramsOverTheSameFilesAnswerAlike) {
  auto file = syntax::parse_file("p/f.go", kSource);
  auto first = std::make_unique<Program>();
  first->keep_expression_files(true);
  PackageInfo* a = first->add_package("example.com/p", {file.get()});
  first->analyze();
  std::vector<std::string> want = lines_of(*a);
  ASSERT_GT(want.size(), 40u);
  EXPECT_EQ(a->types.hashed_size(), 0u);  // the parser left every slot empty
  size_t others = a->types.others_size();
  EXPECT_GT(others, 25u);

  Program second;
  second.keep_expression_files(true);
  PackageInfo* b = second.add_package("example.com/p", {file.get()});
  second.analyze();
  EXPECT_EQ(lines_of(*b), want);
  EXPECT_EQ(lines_of(*a), want);
  EXPECT_EQ(b->types.others_size(), others);
  // Every entry of the second Program's tables is indexed (including any recorded, then erased).
  EXPECT_EQ(b->types.hashed_size(), a->types.wide().size() + a->types.narrow().size());
  size_t compared = 0;
  a->types.for_each([&](const ast::Node* n, const Type* t) {
    if (n->kind == ast::Kind::Ident) return;
    const Type* other = b->type_of(n);
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(type_string(other), type_string(t));
    ++compared;
  });
  EXPECT_EQ(compared, others);
  first.reset();  // the nodes keep stale slots; the second Program still answers
  EXPECT_EQ(lines_of(*b), want);
}

}  // namespace
}  // namespace gotrap::sema
