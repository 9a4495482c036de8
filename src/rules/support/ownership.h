// Who owns a value that must be closed: an *http.Response (whose Body is the thing to close) or
// the closable itself (an io.ReadCloser). Code releases it when it closes it, or hands it to code
// that owns it from then on: returns it, stores it (assignment, composite literal, send, append),
// passes it to a function that releases it (looked at when its body is in the analysed packages,
// to a small depth), or to code gotrap cannot see (a function of a package it has no source for,
// a function value, an interface method). Functions of the standard library are known not to
// close what they are given (io.ReadAll, json.NewDecoder, fmt.Print...), except wrappers whose
// result can be closed in turn (http.MaxBytesReader) when that result is kept.
#pragma once

#include <span>
#include <unordered_map>

#include "syntax/ast.h"

namespace gotrap::sema {
struct Object;
struct PackageInfo;
}  // namespace gotrap::sema

namespace gotrap::rules::support {

struct Closable {
  const sema::PackageInfo* info = nullptr;  // resolution of the code being looked at
  const sema::Object* var = nullptr;        // the variable holding the value
  bool response = true;  // var holds an *http.Response (close: var.Body.Close); else var.Close
  // Count closing only (directly, or by a callee of the analysed code that closes it), not
  // handing the value on: for asking whether a function closed what it still returns.
  bool close_only = false;
};

// True when some mention of c.var inside `n` (function literals included, except ones assigned
// to `_`, which never run) releases the value.
bool releases_in(const Closable& c, const ast::Node* n, int depth = 0);

// True when the call releases what it gets as argument `index` (`response`: an *http.Response;
// else the closable itself). `result_kept`: the call's result is used, not discarded.
bool call_releases(const sema::PackageInfo* info, const ast::CallExpr* call, size_t index, bool response,
                   bool result_kept, int depth, bool close_only = false);

// True when the call's callee (a function of the analysed packages) closes the body of the
// response it returns before returning it: a deferred close of a response variable it returns
// (`defer resp.Body.Close()`, or a deferred literal that closes it), or a statement that closes
// it (directly or through a callee of the analysed code) in a block that does not end by
// returning (so not a close on an error path that then returns something else); or one
// it got from a call that does so, or from a connectionless one (is_connectionless_response_call). For an interface method, any method of that name declared in
// the interface's package. Such wrappers read the body for their caller and hand back the
// response for its status and headers.
// Functions already judged, so that each is judged once; keep one per package check.
struct ClosedResponseMemo {
  std::unordered_map<const ast::FuncDecl*, bool> closes;
};
bool returns_closed_response(const sema::PackageInfo* info, const ast::CallExpr* call,
                             ClosedResponseMemo* memo = nullptr);

// True when the call is one whose response has no connection behind it: http.ReadResponse (a body
// read from the caller's reader) or a method of net/http/httptest (a recorded, in-memory body).
bool is_connectionless_response_call(const sema::PackageInfo* info, const ast::CallExpr* call);

// True when `obj` is declared in the standard library (the stub table, or an unresolved import
// whose path has no dot in its first element).
bool is_stdlib_object(const sema::Object* obj);

}  // namespace gotrap::rules::support
