#include "syntax/dump.h"

#include <charconv>
#include <vector>

namespace gotrap::syntax {

using namespace gotrap::ast;

namespace {

// Removes '\r' as go/scanner's stripCR does (in comments, a '\r' between '*' and '/' stays so
// that no "*/" appears in the middle of the text).
std::string strip_cr(std::string_view b, bool comment) {
  std::string c;
  c.reserve(b.size());
  for (size_t j = 0; j < b.size(); j++) {
    char ch = b[j];
    if (ch != '\r' || (comment && c.size() > 2 && c.back() == '*' && j + 1 < b.size() && b[j + 1] == '/')) {
      c += ch;
    }
  }
  return c;
}

constexpr uint32_t kMaxIndent = 64;

struct Item {
  const Node* node;    // null for a list header
  const char* label;   // field name, or null
  uint32_t depth;
  uint32_t count;      // list headers only
};

class Dumper {
 public:
  explicit Dumper(std::string& out) : out_(out) {}

  void run(const File* root) {
    work_.push_back(Item{root, nullptr, 0, 0});
    while (!work_.empty()) {
      Item it = work_.back();
      work_.pop_back();
      indent(it.depth);
      if (!it.node) {
        out_ += it.label;
        out_ += ": [";
        num(it.count);
        out_ += "]\n";
        continue;
      }
      if (it.label) {
        out_ += it.label;
        out_ += ": ";
      }
      kids_.clear();
      depth_ = it.depth + 1;
      node(it.node);
      out_ += '\n';
      for (size_t i = kids_.size(); i-- > 0;) work_.push_back(kids_[i]);
    }
  }

 private:
  // Spaces up to kMaxIndent levels; deeper lines say their depth instead, so that a degenerate
  // tree (50 000 chained operators) does not produce quadratic output.
  void indent(uint32_t depth) {
    if (depth <= kMaxIndent) {
      out_.append(depth, ' ');
      return;
    }
    out_ += '@';
    num(depth);
    out_ += ' ';
  }

  void num(uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, size_t(r.ptr - buf));
  }
  void pos(const char* name, Pos p) {
    out_ += ' ';
    out_ += name;
    out_ += '=';
    if (valid(p)) num(p);
    else out_ += '-';
  }
  void tok(const char* name, Tok t) {
    out_ += ' ';
    out_ += name;
    out_ += '=';
    out_ += tok_string(t);
  }
  void boolean(const char* name, bool b) {
    out_ += ' ';
    out_ += name;
    out_ += b ? "=true" : "=false";
  }
  void str(const char* name, std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += char(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out_ += char(c);
      } else {
        out_ += "\\x";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 15];
      }
    }
    out_ += '"';
  }
  void child(const char* label, const Node* n) {
    if (n) kids_.push_back(Item{n, label, depth_, 0});
  }
  template <class T>
  void list(const char* label, Span<T*> xs) {
    if (xs.empty()) return;
    kids_.push_back(Item{nullptr, label, depth_, xs.size()});
    for (T* x : xs) kids_.push_back(Item{x, nullptr, depth_ + 1, 0});
  }

  void node(const Node* n) {
    out_ += kind_name(n->kind);
    switch (n->kind) {
      case Kind::Comment: {
        auto* x = static_cast<const Comment*>(n);
        pos("Slash", x->slash);
        if (x->text.find('\r') != std::string_view::npos) str("Text", strip_cr(x->text, true));
        else str("Text", x->text);
        break;
      }
      case Kind::CommentGroup: list("List", static_cast<const CommentGroup*>(n)->list); break;
      case Kind::Field: {
        auto* x = static_cast<const Field*>(n);
        child("Doc", x->doc);
        list("Names", x->names);
        child("Type", x->type);
        child("Tag", x->tag);
        child("Comment", x->comment);
        break;
      }
      case Kind::FieldList: {
        auto* x = static_cast<const FieldList*>(n);
        pos("Opening", x->opening);
        pos("Closing", x->closing);
        list("List", x->list);
        break;
      }
      case Kind::BadExpr: {
        auto* x = static_cast<const BadExpr*>(n);
        pos("From", x->from);
        pos("To", x->to);
        break;
      }
      case Kind::Ident: {
        auto* x = static_cast<const Ident*>(n);
        pos("NamePos", x->name_pos);
        str("Name", x->name);
        break;
      }
      case Kind::Ellipsis: {
        auto* x = static_cast<const Ellipsis*>(n);
        pos("Ellipsis", x->ellipsis);
        child("Elt", x->elt);
        break;
      }
      case Kind::BasicLit: {
        auto* x = static_cast<const BasicLit*>(n);
        pos("ValuePos", x->value_pos);
        pos("ValueEnd", x->value_end);
        tok("Kind", x->lit_kind);
        if (!x->value.empty() && x->value[0] == '`' && x->value.find('\r') != std::string_view::npos) {
          str("Value", strip_cr(x->value, false));
        } else {
          str("Value", x->value);
        }
        break;
      }
      case Kind::FuncLit: {
        auto* x = static_cast<const FuncLit*>(n);
        child("Type", x->type);
        child("Body", x->body);
        break;
      }
      case Kind::CompositeLit: {
        auto* x = static_cast<const CompositeLit*>(n);
        pos("Lbrace", x->lbrace);
        pos("Rbrace", x->rbrace);
        boolean("Incomplete", x->incomplete);
        child("Type", x->type);
        list("Elts", x->elts);
        break;
      }
      case Kind::ParenExpr: {
        auto* x = static_cast<const ParenExpr*>(n);
        pos("Lparen", x->lparen);
        pos("Rparen", x->rparen);
        child("X", x->x);
        break;
      }
      case Kind::SelectorExpr: {
        auto* x = static_cast<const SelectorExpr*>(n);
        child("X", x->x);
        child("Sel", x->sel);
        break;
      }
      case Kind::IndexExpr: {
        auto* x = static_cast<const IndexExpr*>(n);
        pos("Lbrack", x->lbrack);
        pos("Rbrack", x->rbrack);
        child("X", x->x);
        child("Index", x->index);
        break;
      }
      case Kind::IndexListExpr: {
        auto* x = static_cast<const IndexListExpr*>(n);
        pos("Lbrack", x->lbrack);
        pos("Rbrack", x->rbrack);
        child("X", x->x);
        list("Indices", x->indices);
        break;
      }
      case Kind::SliceExpr: {
        auto* x = static_cast<const SliceExpr*>(n);
        pos("Lbrack", x->lbrack);
        boolean("Slice3", x->slice3);
        pos("Rbrack", x->rbrack);
        child("X", x->x);
        child("Low", x->low);
        child("High", x->high);
        child("Max", x->max);
        break;
      }
      case Kind::TypeAssertExpr: {
        auto* x = static_cast<const TypeAssertExpr*>(n);
        pos("Lparen", x->lparen);
        pos("Rparen", x->rparen);
        child("X", x->x);
        child("Type", x->type);
        break;
      }
      case Kind::CallExpr: {
        auto* x = static_cast<const CallExpr*>(n);
        pos("Lparen", x->lparen);
        pos("Ellipsis", x->ellipsis);
        pos("Rparen", x->rparen);
        child("Fun", x->fun);
        list("Args", x->args);
        break;
      }
      case Kind::StarExpr: {
        auto* x = static_cast<const StarExpr*>(n);
        pos("Star", x->star);
        child("X", x->x);
        break;
      }
      case Kind::UnaryExpr: {
        auto* x = static_cast<const UnaryExpr*>(n);
        pos("OpPos", x->op_pos);
        tok("Op", x->op);
        child("X", x->x);
        break;
      }
      case Kind::BinaryExpr: {
        auto* x = static_cast<const BinaryExpr*>(n);
        pos("OpPos", x->op_pos);
        tok("Op", x->op);
        child("X", x->x);
        child("Y", x->y);
        break;
      }
      case Kind::KeyValueExpr: {
        auto* x = static_cast<const KeyValueExpr*>(n);
        pos("Colon", x->colon);
        child("Key", x->key);
        child("Value", x->value);
        break;
      }
      case Kind::ArrayType: {
        auto* x = static_cast<const ArrayType*>(n);
        pos("Lbrack", x->lbrack);
        child("Len", x->len);
        child("Elt", x->elt);
        break;
      }
      case Kind::StructType: {
        auto* x = static_cast<const StructType*>(n);
        pos("Struct", x->struct_pos);
        boolean("Incomplete", x->incomplete);
        child("Fields", x->fields);
        break;
      }
      case Kind::FuncType: {
        auto* x = static_cast<const FuncType*>(n);
        pos("Func", x->func);
        child("TypeParams", x->type_params);
        child("Params", x->params);
        child("Results", x->results);
        break;
      }
      case Kind::InterfaceType: {
        auto* x = static_cast<const InterfaceType*>(n);
        pos("Interface", x->interface);
        boolean("Incomplete", x->incomplete);
        child("Methods", x->methods);
        break;
      }
      case Kind::MapType: {
        auto* x = static_cast<const MapType*>(n);
        pos("Map", x->map);
        child("Key", x->key);
        child("Value", x->value);
        break;
      }
      case Kind::ChanType: {
        auto* x = static_cast<const ChanType*>(n);
        pos("Begin", x->begin);
        pos("Arrow", x->arrow);
        out_ += " Dir=";
        num(x->dir);
        child("Value", x->value);
        break;
      }
      case Kind::BadStmt: {
        auto* x = static_cast<const BadStmt*>(n);
        pos("From", x->from);
        pos("To", x->to);
        break;
      }
      case Kind::DeclStmt: child("Decl", static_cast<const DeclStmt*>(n)->decl); break;
      case Kind::EmptyStmt: {
        auto* x = static_cast<const EmptyStmt*>(n);
        pos("Semicolon", x->semicolon);
        boolean("Implicit", x->implicit);
        break;
      }
      case Kind::LabeledStmt: {
        auto* x = static_cast<const LabeledStmt*>(n);
        pos("Colon", x->colon);
        child("Label", x->label);
        child("Stmt", x->stmt);
        break;
      }
      case Kind::ExprStmt: child("X", static_cast<const ExprStmt*>(n)->x); break;
      case Kind::SendStmt: {
        auto* x = static_cast<const SendStmt*>(n);
        pos("Arrow", x->arrow);
        child("Chan", x->chan);
        child("Value", x->value);
        break;
      }
      case Kind::IncDecStmt: {
        auto* x = static_cast<const IncDecStmt*>(n);
        pos("TokPos", x->tok_pos);
        tok("Tok", x->tok);
        child("X", x->x);
        break;
      }
      case Kind::AssignStmt: {
        auto* x = static_cast<const AssignStmt*>(n);
        pos("TokPos", x->tok_pos);
        tok("Tok", x->tok);
        list("Lhs", x->lhs);
        list("Rhs", x->rhs);
        break;
      }
      case Kind::GoStmt: {
        auto* x = static_cast<const GoStmt*>(n);
        pos("Go", x->go);
        child("Call", x->call);
        break;
      }
      case Kind::DeferStmt: {
        auto* x = static_cast<const DeferStmt*>(n);
        pos("Defer", x->defer);
        child("Call", x->call);
        break;
      }
      case Kind::ReturnStmt: {
        auto* x = static_cast<const ReturnStmt*>(n);
        pos("Return", x->return_pos);
        list("Results", x->results);
        break;
      }
      case Kind::BranchStmt: {
        auto* x = static_cast<const BranchStmt*>(n);
        pos("TokPos", x->tok_pos);
        tok("Tok", x->tok);
        child("Label", x->label);
        break;
      }
      case Kind::BlockStmt: {
        auto* x = static_cast<const BlockStmt*>(n);
        pos("Lbrace", x->lbrace);
        pos("Rbrace", x->rbrace);
        list("List", x->list);
        break;
      }
      case Kind::IfStmt: {
        auto* x = static_cast<const IfStmt*>(n);
        pos("If", x->if_pos);
        child("Init", x->init);
        child("Cond", x->cond);
        child("Body", x->body);
        child("Else", x->else_stmt);
        break;
      }
      case Kind::CaseClause: {
        auto* x = static_cast<const CaseClause*>(n);
        pos("Case", x->case_pos);
        pos("Colon", x->colon);
        list("List", x->list);
        list("Body", x->body);
        break;
      }
      case Kind::SwitchStmt: {
        auto* x = static_cast<const SwitchStmt*>(n);
        pos("Switch", x->switch_pos);
        child("Init", x->init);
        child("Tag", x->tag);
        child("Body", x->body);
        break;
      }
      case Kind::TypeSwitchStmt: {
        auto* x = static_cast<const TypeSwitchStmt*>(n);
        pos("Switch", x->switch_pos);
        child("Init", x->init);
        child("Assign", x->assign);
        child("Body", x->body);
        break;
      }
      case Kind::CommClause: {
        auto* x = static_cast<const CommClause*>(n);
        pos("Case", x->case_pos);
        pos("Colon", x->colon);
        child("Comm", x->comm);
        list("Body", x->body);
        break;
      }
      case Kind::SelectStmt: {
        auto* x = static_cast<const SelectStmt*>(n);
        pos("Select", x->select);
        child("Body", x->body);
        break;
      }
      case Kind::ForStmt: {
        auto* x = static_cast<const ForStmt*>(n);
        pos("For", x->for_pos);
        child("Init", x->init);
        child("Cond", x->cond);
        child("Post", x->post);
        child("Body", x->body);
        break;
      }
      case Kind::RangeStmt: {
        auto* x = static_cast<const RangeStmt*>(n);
        pos("For", x->for_pos);
        pos("TokPos", x->tok_pos);
        tok("Tok", x->tok);
        pos("Range", x->range);
        child("Key", x->key);
        child("Value", x->value);
        child("X", x->x);
        child("Body", x->body);
        break;
      }
      case Kind::ImportSpec: {
        auto* x = static_cast<const ImportSpec*>(n);
        pos("EndPos", x->end_pos);
        child("Doc", x->doc);
        child("Name", x->name);
        child("Path", x->path);
        child("Comment", x->comment);
        break;
      }
      case Kind::ValueSpec: {
        auto* x = static_cast<const ValueSpec*>(n);
        child("Doc", x->doc);
        list("Names", x->names);
        child("Type", x->type);
        list("Values", x->values);
        child("Comment", x->comment);
        break;
      }
      case Kind::TypeSpec: {
        auto* x = static_cast<const TypeSpec*>(n);
        pos("Assign", x->assign);
        child("Doc", x->doc);
        child("Name", x->name);
        child("TypeParams", x->type_params);
        child("Type", x->type);
        child("Comment", x->comment);
        break;
      }
      case Kind::BadDecl: {
        auto* x = static_cast<const BadDecl*>(n);
        pos("From", x->from);
        pos("To", x->to);
        break;
      }
      case Kind::GenDecl: {
        auto* x = static_cast<const GenDecl*>(n);
        pos("TokPos", x->tok_pos);
        tok("Tok", x->tok);
        pos("Lparen", x->lparen);
        pos("Rparen", x->rparen);
        child("Doc", x->doc);
        list("Specs", x->specs);
        break;
      }
      case Kind::FuncDecl: {
        auto* x = static_cast<const FuncDecl*>(n);
        child("Doc", x->doc);
        child("Recv", x->recv);
        child("Name", x->name);
        child("Type", x->type);
        child("Body", x->body);
        break;
      }
      case Kind::File: {
        auto* x = static_cast<const File*>(n);
        pos("Package", x->package);
        pos("FileStart", x->file_start);
        pos("FileEnd", x->file_end);
        str("GoVersion", x->go_version);
        child("Doc", x->doc);
        child("Name", x->name);
        list("Decls", x->decls);
        list("Comments", x->comments);
        break;
      }
      case Kind::COUNT_: break;
    }
  }

  std::string& out_;
  std::vector<Item> work_;
  std::vector<Item> kids_;
  uint32_t depth_ = 0;
};

}  // namespace

void dump_to(const ParsedFile& file, std::string& out) { Dumper(out).run(file.file); }

void dump(const ParsedFile& file, std::ostream& out) {
  std::string s;
  dump_to(file, s);
  out.write(s.data(), std::streamsize(s.size()));
}

uint64_t fnv1a64(std::string_view data) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace gotrap::syntax
