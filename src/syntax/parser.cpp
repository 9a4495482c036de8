#include "syntax/parser.h"

#include <pthread.h>

#include <algorithm>
#include <cstring>

#include "syntax/parser_impl.h"

namespace gotrap::syntax {

namespace {

constexpr size_t kStackReserve = 256 << 10;  // stack kept free for the caller and error paths

// The lowest usable stack address of the calling thread, plus a safety reserve (cached per
// thread): deep nesting is cut off before it can overflow whatever stack the caller gave us.
const char* stack_limit() {
  thread_local const char* limit = nullptr;
  if (!limit) {
    pthread_attr_t attr;
    void* addr = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstack(&attr, &addr, &size);
      pthread_attr_destroy(&attr);
    }
    if (addr && size > 2 * kStackReserve) {
      limit = static_cast<const char*>(addr) + kStackReserve;
    } else if (addr && size > 0) {
      limit = static_cast<const char*>(addr) + size / 2;  // a small thread stack: keep half free
    } else {
      // Unknown stack: assume 1 MiB below the current frame is usable.
      limit = static_cast<const char*>(__builtin_frame_address(0)) - (1 << 20) + kStackReserve;
    }
  }
  return limit;
}

}  // namespace

Parser::Parser(ParsedFile& out)
    : out_(out),
      arena_(out.arena),
      src_(out.text),
      scanner_(out.text, &out.errors),
      errors_(out.errors),
      stack_limit_(stack_limit()) {
  // GOROOT's trees take 5.2 bytes of arena per byte of text on average (12.5 at most).
  out.arena.expect_bytes(out.text.size() * 5);
  comments_.reserve(out.text.size() / 256);  // GOROOT/src: a comment group per 364 bytes
  tok_.line = 0;  // like go/parser's NoPos: no line, so no line comment before the first token
  next();
  top_ = false;  // next() skipped every leading comment: tok_ is the first other token
}

uint32_t Parser::line_of(Pos pos) {
  if (!error_lines_built_) {
    error_lines_.build(src_);
    error_lines_built_ = true;
  }
  return error_lines_.at(pos).line;
}

void Parser::nesting_too_deep() {
  error(tok_.pos, "exceeded max nesting depth");
  throw Bailout{};
}

void Parser::next0() {
  scanner_.scan(tok_);
  if (tok_.tok == Tok::COMMENT) note_comment();
  else top_ = false;
}

void Parser::note_leading_comment() {
  if (tok_.lit.starts_with("//go:build")) {
    if (auto v = go_build_version(tok_.lit)) go_version_ = intern(*v);
  }
}

std::pair<Comment*, uint32_t> Parser::consume_comment() {
  uint32_t endline = tok_.line;
  if (tok_.lit[1] == '*') {
    endline += uint32_t(std::count(tok_.lit.begin(), tok_.lit.end(), '\n'));
  }
  Comment* c = make<Comment>();
  c->slash = tok_.pos;
  c->text = tok_.lit;
  next0();
  return {c, endline};
}

inline std::pair<CommentGroup*, uint32_t> Parser::consume_comment_group(uint32_t n) {
  ListMark m = mark();
  uint32_t endline = tok_.line;
  while (tok_.tok == Tok::COMMENT && tok_.line <= endline + n) {
    auto [c, e] = consume_comment();
    endline = e;
    push(c);
  }
  CommentGroup* g = make<CommentGroup>();
  g->list = freeze<Comment>(m);
  comments_.push_back(g);
  return {g, endline};
}

void Parser::next_comments(uint32_t prev_line) {
  note_comment();
  lead_comment_ = nullptr;
  line_comment_ = nullptr;
  CommentGroup* comment = nullptr;
  if (tok_.line == prev_line) {
    // The comment is on the same line as the previous token: it is a line comment if it is also
    // the last thing on its line.
    auto [g, e] = consume_comment_group(0);
    comment = g;
    if (tok_.line != e || tok_.tok == Tok::SEMICOLON || tok_.tok == Tok::END_OF_FILE) {
      line_comment_ = comment;
    }
  }
  // Consume successor comments; the last group is a lead comment if it ends on the line right
  // before the next token.
  int64_t endline = -1;
  while (tok_.tok == Tok::COMMENT) {
    auto [g, e] = consume_comment_group(1);
    comment = g;
    endline = e;
  }
  if (endline + 1 == int64_t(tok_.line)) lead_comment_ = comment;
  comments_pos_ = tok_.pos;
  comments_tok_ = tok_.tok;
}

void Parser::error(Pos pos, std::string msg) {
  size_t n = errors_.size();
  if (n > 0 && line_of(errors_.back().offset) == line_of(pos)) return;  // likely spurious
  if (n > 10) throw Bailout{};
  errors_.push_back(SyntaxError{pos, std::move(msg)});
}

void Parser::error_expected(Pos pos, std::string msg) {
  msg = "expected " + msg;
  if (pos == tok_.pos) {
    if (tok_.tok == Tok::SEMICOLON && tok_.lit == "\n") {
      msg += ", found newline";
    } else if (is_literal(tok_.tok)) {
      msg += ", found ";
      msg += tok_.lit;
    } else {
      msg += ", found '";
      msg += tok_string(tok_.tok);
      msg += "'";
    }
  }
  error(pos, std::move(msg));
}

namespace {
std::string quoted(Tok t) {
  std::string s(1, '\'');
  s += tok_string(t);
  s += '\'';
  return s;
}
}  // namespace

void Parser::expect_failed(Tok tok) { error_expected(tok_.pos, quoted(tok)); }

Pos Parser::expect2_failed(Tok tok) {
  error_expected(tok_.pos, quoted(tok));
  next();
  return kNoPos;
}

Pos Parser::expect_closing_slow(Tok tok, const char* context) {
  if (tok_.tok == Tok::SEMICOLON && tok_.lit == "\n") {
    error(tok_.pos, std::string("missing ',' before newline in ") + context);
    next();
  }
  return expect(tok);
}

CommentGroup* Parser::expect_semi_slow() {
  switch (tok_.tok) {
    case Tok::RPAREN:
    case Tok::RBRACE:
      return nullptr;  // optional before a closing ')' or '}'
    case Tok::COMMA:
      error_expected(tok_.pos, "';'");
      [[fallthrough]];
    case Tok::SEMICOLON: {
      CommentGroup* comment;
      if (tok_.lit == ";") {
        next();
        comment = line_comment();  // use following comments
      } else {
        comment = line_comment();  // use preceding comments
        next();
      }
      return comment;
    }
    default:
      error_expected(tok_.pos, "';'");
      advance(Sync::Stmt);
      return nullptr;
  }
}

void Parser::missing_comma(const char* context) {
  std::string msg = "missing ','";
  if (tok_.tok == Tok::SEMICOLON && tok_.lit == "\n") msg += " before newline";
  error(tok_.pos, msg + " in " + context);
}

namespace {
bool in_sync_set(Parser::Sync to, Tok t) {
  switch (to) {
    case Parser::Sync::Stmt:
      switch (t) {
        case Tok::BREAK: case Tok::CONST: case Tok::CONTINUE: case Tok::DEFER:
        case Tok::FALLTHROUGH: case Tok::FOR: case Tok::GO: case Tok::GOTO: case Tok::IF:
        case Tok::RETURN: case Tok::SELECT: case Tok::SWITCH: case Tok::TYPE: case Tok::VAR:
          return true;
        default: return false;
      }
    case Parser::Sync::Decl:
      return t == Tok::IMPORT || t == Tok::CONST || t == Tok::TYPE || t == Tok::VAR;
    case Parser::Sync::ExprEnd:
      return t == Tok::COMMA || t == Tok::COLON || t == Tok::SEMICOLON || t == Tok::RPAREN ||
             t == Tok::RBRACK || t == Tok::RBRACE;
  }
  return false;
}
}  // namespace

void Parser::advance(Sync to) {
  for (; tok_.tok != Tok::END_OF_FILE; next()) {
    if (in_sync_set(to, tok_.tok)) {
      if (int64_t(tok_.pos) == sync_pos_ && sync_cnt_ < 10) {
        sync_cnt_++;
        return;
      }
      if (int64_t(tok_.pos) > sync_pos_) {
        sync_pos_ = tok_.pos;
        sync_cnt_ = 0;
        return;
      }
    }
  }
}

std::string_view Parser::intern(std::string_view s) {
  char* p = static_cast<char*>(arena_.allocate(s.size() + 1));
  std::memcpy(p, s.data(), s.size());
  return std::string_view(p, s.size());
}

File* Parser::parse_file() {
  File* f = make<File>();
  f->file_start = 0;
  f->file_end = Pos(src_.size());
  std::vector<Decl*> decls;
  decls.reserve(src_.size() / 512);  // GOROOT/src: a declaration per 715 bytes
  auto finish = [&] {
    f->decls = Span<Decl*>{arena_.copy_array(decls.data(), decls.size()), uint32_t(decls.size())};
    f->comments = Span<CommentGroup*>{arena_.copy_array(comments_.data(), comments_.size()),
                                      uint32_t(comments_.size())};
    f->imports = Span<ImportSpec*>{arena_.copy_array(imports_.data(), imports_.size()),
                                   uint32_t(imports_.size())};
    f->go_version = go_version_;
  };
  auto empty_name = [&] {
    Ident* id = make<Ident>();
    f->name = id;
  };
  try {
    if (!errors_.empty()) {
      empty_name();
      return f;
    }
    f->doc = lead_comment();
    f->package = expect(Tok::PACKAGE);
    f->name = parse_ident();
    expect_semi();
    if (!errors_.empty()) {
      finish();
      return f;
    }
    // Each declaration's census: what was made while parsing it. Comments are attached a token
    // ahead (a declaration's doc comment is read with the token before it), so every
    // declaration counts the comment kinds whether or not it has any; the names the parser
    // writes itself ("_" for a missing name, "." for a dot import) count everywhere too.
    constexpr uint64_t kCommentKinds = uint64_t(1) << unsigned(Kind::Comment) |
                                       uint64_t(1) << unsigned(Kind::CommentGroup);
    auto counted = [&](Decl* decl) {
      decls.push_back(decl);
      counts_.kinds |= kCommentKinds;
      counts_.add_name("_");
      counts_.add_name(".");
      out_.decl_counts.push_back(counts_);
      counts_ = DeclCounts{};
    };
    counts_ = DeclCounts{};
    while (tok_.tok == Tok::IMPORT) counted(parse_gen_decl(Tok::IMPORT, SpecKind::Import));
    Tok prev = Tok::IMPORT;
    while (tok_.tok != Tok::END_OF_FILE) {
      if (tok_.tok == Tok::IMPORT && prev != Tok::IMPORT) {
        error(tok_.pos, "imports must appear before other declarations");
      }
      prev = tok_.tok;
      counted(parse_decl(Sync::Decl));
    }
  } catch (const Bailout&) {
    if (!f->name) empty_name();
  }
  // After a bailout the counts of the declarations parsed so far stand; none is claimed for the
  // rest (facts/census.h then walks the tree).
  if (out_.decl_counts.size() != decls.size()) out_.decl_counts.clear();
  finish();
  return f;
}

namespace {

void parse_into(ParsedFile* pf) {
  if (pf->text.size() >= UINT32_MAX) {
    pf->errors.push_back(SyntaxError{0, "file too large (4 GiB or more)"});
    pf->text = {};
  }
  {
    Parser p(*pf);
    pf->file = p.parse_file();
    // The scanner saw every newline if it got to the end cleanly; otherwise count them again.
    if (pf->errors.empty() && p.scanner_.at_end()) pf->lines.assign(std::move(p.scanner_.line_starts()));
    else pf->lines.build(pf->text);
  }
  std::stable_sort(pf->errors.begin(), pf->errors.end(),
                   [](const SyntaxError& a, const SyntaxError& b) { return a.offset < b.offset; });
}

}  // namespace

std::unique_ptr<ParsedFile> parse_file(std::string path, std::string text) {
  auto pf = std::make_unique<ParsedFile>();
  pf->path = std::move(path);
  pf->owned_text = std::move(text);
  pf->text = pf->owned_text;
  parse_into(pf.get());
  return pf;
}

std::unique_ptr<ParsedFile> parse_borrowed(std::string path, std::string_view text) {
  auto pf = std::make_unique<ParsedFile>();
  pf->path = std::move(path);
  pf->text = text;
  parse_into(pf.get());
  return pf;
}

std::string format_error(const ParsedFile& file, const SyntaxError& error) {
  LineCol lc = file.lines.at(error.offset);
  return file.path + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " +
         error.message;
}

}  // namespace gotrap::syntax
