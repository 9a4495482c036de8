// The canonical textual dump of a syntax tree, identical to what tools/goastdump prints for
// go/parser's tree, so the two can be compared byte for byte.
//
// Format: one line per node, "<indent><Label: ><Kind> <Scalar>=<value>...", where
//  - <indent> is one space per depth level up to 64, and "@<depth> " deeper; <Label: > names the parent's field ("X: "), and is
//    absent for list elements and the File root;
//  - scalars are the node's go/ast fields of type token.Pos, token.Token, ChanDir, string and
//    bool, in go/ast field order: positions are byte offsets ("-" for token.NoPos), tokens their
//    go/token spelling ("+", "STRING", "ILLEGAL"), ChanDir its number, strings double-quoted with
//    only printable ASCII kept and '"', '\\' escaped (every other byte as \xHH), bools true/false;
//  - node-valued fields follow as child lines one level deeper, in go/ast field order; nil fields
//    are omitted; a non-empty list prints "<Field>: [<n>]" and its elements one level deeper;
//  - Comment.Text and raw string BasicLit.Value have '\r' removed as go/scanner does;
//  - not printed: Ident.Obj, File.Scope, File.Unresolved, File.Imports (derived from Decls).
// A rejected file is not dumped; batch modes print "REJECT" instead (see cmd_ast).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "syntax/parser.h"

namespace gotrap::syntax {

void dump(const ParsedFile& file, std::ostream& out);
// Appends the dump to `out` (no stream overhead; used by batch and hash modes).
void dump_to(const ParsedFile& file, std::string& out);

// 64-bit FNV-1a, the hash batch comparison uses on both sides.
uint64_t fnv1a64(std::string_view data);

}  // namespace gotrap::syntax
