// The per-package identifier table: slots written into identifiers, the hash index it falls back
// to when slot numbers run out or another table slotted an identifier first, and the rule that a
// second Program over the same parsed files still answers exactly as the first.
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "sema/debug_print.h"
#include "sema/ident_facts.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::sema {
namespace {

// Distinct stand-ins for objects and types: only their addresses are recorded.
struct Fakes {
  std::vector<Object> objects = std::vector<Object>(64);
  std::vector<Type> types = std::vector<Type>(64);
};

std::deque<ast::Ident> make_idents(size_t n) {
  std::deque<ast::Ident> out;
  for (size_t i = 0; i < n; ++i) out.emplace_back(ast::Pos(i), "x");
  return out;
}

TEST(IdentTable, RecordsAndFindsThroughSlots) {
  Fakes f;
  auto ids = make_idents(40);
  IdentTable table;
  EXPECT_EQ(table.find(nullptr), nullptr);
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(table.find(&ids[i]), nullptr);
    // Uses and declarations, some both (in either order: the declared object moves aside).
    const Object* declared = i % 2 ? &f.objects[(i + 1) % 64] : nullptr;
    if (i % 5 == 0) table.set_def(table.get(&ids[i]), declared);
    table.set_use(table.get(&ids[i]), &f.objects[i % 64]);
    if (i % 3 == 0) table.set_def(table.get(&ids[i]), declared);
    if (i % 4 == 0) table.set_type(table.get(&ids[i]), &f.types[i % 64]);
  }
  ASSERT_EQ(table.size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(ids[i].sema_slot, i + 1);
    const IdentFacts* e = table.find(&ids[i]);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->ident, &ids[i]);
    EXPECT_EQ(table.use(*e), &f.objects[i % 64]);
    EXPECT_EQ(e->is_use(), true);
    EXPECT_EQ(e->is_def(), i % 3 == 0 || i % 5 == 0);
    EXPECT_EQ(table.def(*e), e->is_def() && i % 2 ? &f.objects[(i + 1) % 64] : nullptr);
    EXPECT_EQ(table.type(*e), i % 4 == 0 ? &f.types[i % 64] : nullptr);
  }
}

// A type that is the used object's own is read from the object; any other is kept aside. Either
// way the answer is the type recorded, whatever is recorded about the identifier afterwards.
TEST(IdentTable, TypesFromTheUsedObjectOrKeptAside) {
  Fakes f;
  for (size_t i = 0; i < 8; ++i) f.objects[i].type = &f.types[i];
  auto ids = make_idents(6);
  IdentTable table;
  IdentFacts& own = table.get(&ids[0]);  // the object's own type
  table.set_use(own, &f.objects[0]);
  table.set_type(own, &f.types[0]);
  EXPECT_EQ(table.type(own), &f.types[0]);
  table.set_use(own, &f.objects[0]);  // the same use again: still the object's type
  table.set_type(own, &f.types[0]);
  EXPECT_EQ(table.type(own), &f.types[0]);
  table.set_use(own, &f.objects[1]);  // another object: the recorded type stays
  EXPECT_EQ(table.type(own), &f.types[0]);
  EXPECT_EQ(table.use(own), &f.objects[1]);
  table.set_type(own, &f.types[1]);   // now its own type again
  EXPECT_EQ(table.type(own), &f.types[1]);

  IdentFacts& other = table.get(&ids[1]);  // not the object's type
  table.set_use(other, &f.objects[2]);
  table.set_type(other, &f.types[5]);
  EXPECT_EQ(table.type(other), &f.types[5]);
  table.set_def(other, &f.objects[3]);
  EXPECT_EQ(table.type(other), &f.types[5]);

  IdentFacts& declared = table.get(&ids[2]);  // a declaration has no used object to read
  table.set_def(declared, &f.objects[4]);
  table.set_type(declared, &f.types[4]);
  EXPECT_EQ(table.type(declared), &f.types[4]);
  table.set_use(declared, &f.objects[6]);
  EXPECT_EQ(table.type(declared), &f.types[4]);
  EXPECT_EQ(table.def(declared), &f.objects[4]);

  IdentFacts& before_use = table.get(&ids[3]);  // typed first, used afterwards
  table.set_type(before_use, &f.types[7]);
  table.set_use(before_use, &f.objects[7]);
  EXPECT_EQ(table.type(before_use), &f.types[7]);

  for (IdentFacts* e : {&own, &other, &declared, &before_use}) {
    table.set_type(*e, nullptr);
    EXPECT_EQ(table.type(*e), nullptr);
    EXPECT_FALSE(e->has_type());
  }
  IdentFacts& untyped = table.get(&ids[4]);
  table.set_use(untyped, &f.objects[0]);
  EXPECT_EQ(table.type(untyped), nullptr);
}

// Past the slot limit, identifiers are marked "in the index" and still found; so are identifiers
// whose slot another table holds. Answers never leak from one table to the other.
TEST(IdentTable, FallsBackToTheIndexPastTheSlotLimitAndForForeignSlots) {
  Fakes f;
  auto ids = make_idents(30);
  IdentTable first;
  first.set_slot_limit(3);
  for (size_t i = 0; i < 20; ++i) first.set_use(first.get(&ids[i]), &f.objects[i]);
  for (size_t i = 0; i < 20; ++i)
    EXPECT_EQ(ids[i].sema_slot, i < 3 ? uint32_t(i + 1) : IdentTable::kInIndex) << i;

  IdentTable second;  // has slots to spare, but the first table got to most identifiers first
  for (size_t i = 10; i < 30; ++i) second.set_use(second.get(&ids[i]), &f.objects[i + 30]);
  for (size_t i = 0; i < 30; ++i) {
    const IdentFacts* a = first.find(&ids[i]);
    const IdentFacts* b = second.find(&ids[i]);
    if (i < 20) {
      ASSERT_NE(a, nullptr) << i;
      EXPECT_EQ(first.use(*a), &f.objects[i]);
    } else {
      EXPECT_EQ(a, nullptr) << i;
    }
    if (i >= 10) {
      ASSERT_NE(b, nullptr) << i;
      EXPECT_EQ(second.use(*b), &f.objects[i + 30]);
    } else {
      EXPECT_EQ(b, nullptr) << i;
    }
  }
  // Recording again finds the existing entry instead of appending a duplicate.
  for (size_t i = 0; i < 30; ++i) {
    if (i < 20) first.set_type(first.get(&ids[i]), &f.types[i]);
    if (i >= 10) second.set_type(second.get(&ids[i]), &f.types[i + 30]);
  }
  EXPECT_EQ(first.size(), 20u);
  EXPECT_EQ(second.size(), 20u);
  for (size_t i = 0; i < 20; ++i) EXPECT_EQ(first.type(*first.find(&ids[i])), &f.types[i]);
  for (size_t i = 10; i < 30; ++i) EXPECT_EQ(second.type(*second.find(&ids[i])), &f.types[i + 30]);
}

// Many chunks, with the slot numbers running out inside one of them.
TEST(IdentTable, LargeTablesAcrossChunks) {
  Fakes f;
  auto ids = make_idents(70000);
  IdentTable table;
  table.set_slot_limit(40000);
  for (size_t i = 0; i < ids.size(); ++i) table.set_use(table.get(&ids[i]), &f.objects[i % 64]);
  for (size_t i = 0; i < ids.size(); i += 7) table.set_type(table.get(&ids[i]), &f.types[i % 64]);
  ASSERT_EQ(table.size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    const IdentFacts* e = table.find(&ids[i]);
    ASSERT_NE(e, nullptr) << i;
    ASSERT_EQ(e, &table.at(i)) << i;
    EXPECT_EQ(table.use(*e), &f.objects[i % 64]);
    EXPECT_EQ(table.type(*e), i % 7 == 0 ? &f.types[i % 64] : nullptr);
    EXPECT_EQ(ids[i].sema_slot, i < 40000 ? uint32_t(i + 1) : IdentTable::kInIndex);
  }
}

TEST(IdentTable, ViewsIterateAndCount) {
  Fakes f;
  auto ids = make_idents(10);
  PackageInfo pkg;
  for (size_t i = 0; i < 10; ++i) {
    if (i % 2) pkg.idents.set_use(pkg.idents.get(&ids[i]), &f.objects[i]);
    else pkg.idents.set_def(pkg.idents.get(&ids[i]), &f.objects[i]);
  }
  pkg.types.set(&ids[1], &f.types[1]);
  pkg.types.set(&ids[3], &f.types[3]);
  pkg.types.erase(&ids[3]);
  EXPECT_EQ(pkg.uses.size(), 5u);
  EXPECT_EQ(pkg.defs.size(), 5u);
  EXPECT_EQ(pkg.types.size(), 1u);
  EXPECT_EQ(pkg.types.count(&ids[1]), 1u);
  EXPECT_EQ(pkg.types.count(&ids[3]), 0u);
  size_t seen = 0;
  for (auto& [id, obj] : pkg.uses) {
    EXPECT_EQ(obj, &f.objects[id->name_pos]);
    EXPECT_EQ(pkg.use_of(id), obj);
    EXPECT_EQ(pkg.def_of(id), nullptr);
    ++seen;
  }
  EXPECT_EQ(seen, 5u);
  for (auto& [id, obj] : pkg.defs) EXPECT_EQ(pkg.object_of(id), obj);
}

constexpr const char* kSource = R"(package p

import "strings"

type T struct{ n int }

func (t *T) Len() int { return t.n }

func f(xs []string) (total int) {
	for i, x := range xs {
		t := &T{n: len(x) + i}
		total += t.Len()
		if strings.HasPrefix(x, "a") {
			goto done
		}
	}
done:
	return total * 2
}
)";

std::vector<std::string> lines_of(const PackageInfo& pkg) {
  std::vector<std::string> out = use_lines(pkg);
  for (std::string& line : type_lines(pkg)) out.push_back("type " + line);
  return out;
}

// Two live Programs over the same parsed file: the second finds the identifiers slotted by the
// first and keeps its facts in its index, and both answer the same (and neither's objects leak
// into the other's answers).
TEST(IdentTable, TwoProgramsOverTheSameFilesAnswerAlike) {
  auto file = syntax::parse_file("p/f.go", kSource);
  auto first = std::make_unique<Program>();
  first->keep_expression_files(true);
  PackageInfo* a = first->add_package("example.com/p", {file.get()});
  first->analyze();
  std::vector<std::string> want = lines_of(*a);
  ASSERT_GT(want.size(), 30u);

  Program second;
  second.keep_expression_files(true);
  PackageInfo* b = second.add_package("example.com/p", {file.get()});
  second.analyze();
  EXPECT_EQ(lines_of(*b), want);
  EXPECT_EQ(lines_of(*a), want);
  for (auto& [id, obj] : a->uses) {
    const Object* other = b->use_of(id);
    ASSERT_NE(other, nullptr);
    EXPECT_NE(other, obj);
    EXPECT_NE(other->package(), a);
    EXPECT_EQ(other->name, obj->name);
  }
  first.reset();  // the identifiers keep stale slots; the second Program still answers
  EXPECT_EQ(lines_of(*b), want);
}

}  // namespace
}  // namespace gotrap::sema
