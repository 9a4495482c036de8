// Function summaries, in the spirit of go/analysis facts: what a function of the loaded packages
// does with each parameter, computed from its body on first request, callees first (bottom-up;
// a call cycle is cut where it closes, its members answering from what they do themselves).
//
// One Summaries object serves one run: rules on any thread ask it; it is internally locked.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

// What a function does with one parameter (bit flags).
enum ParamUse : uint16_t {
  kStored = 1,     // kept beyond the call: put in a field, a global, a map or slice element that
                   // is not local, sent on a channel, used by a goroutine, or handed to a callee
                   // that stores it
  kReturned = 2,   // returned (itself, its address, or inside a composite literal)
  // Context parameters:
  kCtxBounded = 4,          // the function derives a deadline from it (WithTimeout/WithDeadline)
  kCtxRemoteUnbounded = 8,  // it reaches a call that leaves the process (facts/remote.h), here
                            // or in a callee, through WithCancel/WithValue only: no deadline added
  kCtxWaitsDone = 16,       // the function waits for it to end (`<-ctx.Done()`): it returns only
                            // when its context ends, a watcher or stream by design
  // Func parameters:
  kCalled = 32,  // called on every path to the function's return (directly, deferred, or handed
                 // to a callee that calls it on every path); a path ending in a call that never
                 // returns does not count
  kPassedOn = 64,   // handed to code this summary cannot see: an argument of a call of a func
                    // value, an interface method, or a function without source
  kCaptured = 128,  // captured by a function literal that the function returns, stores where it
                    // outlives the call, or hands to a callee that keeps it or is not known
  // Context parameters, continued:
  kKeptRunning = 1024,      // run on beyond the call: a goroutine the function (or a callee) starts
                            // uses it, or a function literal it stores (a hook run later) does
  // Channel parameters:
  kReceived = 2048,  // the function receives from it (`<-p`, a select case, `range p`) itself,
                     // not in a goroutine or a function literal, or hands it to a callee that does:
                     // a caller waiting on the function waits for what is sent on the channel
  // Func parameters, continued:
  kJoinedOnSuccess = 4096,  // run by goroutines the function starts, but every return with a nil
                            // error (the last result) comes after a receive from a channel each
                            // such goroutine closes or sends on as its last act: when the call
                            // succeeds, nothing runs the function any more
  // Slice parameters:
  kElemWritten = 8192,  // the function writes elements of the array the slice shows (`p[i] = v`,
                        // `p[i] += v`, `p[i]++`, the destination of `copy`), itself, not in a
                        // goroutine or a function literal, or hands the slice (or a re-slice of it)
                        // to a callee that does, interface implementations included
  kCtxParam = 512,          // the parameter is declared context.Context (kCtxHonoured is known)
  kCtxHonoured = 256,       // its cancellation may matter: the function (or a callee) asks it
                            // Done/Err/Deadline, keeps it, or hands it (or a context derived from
                            // it) to a call not known to ignore it. Clear on a context parameter:
                            // the function only reads values from it, compares it with nil, or
                            // passes it to calls that ignore cancellation (facts/context.h).
  kCtxUsed = 8192,          // it may be used as a context: a method is called on it (Done, Err,
                            // Value, Deadline), a context is derived from it, it is compared
                            // (a nil test may reject nil), or it is handed where that may happen
                            // (a callee that may use it, one gotrap cannot read, a field, a
                            // global, a channel, a result of a context type), or it is named but
                            // never mentioned (the signature's promise stands). Clear on a context
                            // parameter that is unnamed or blank, or that the function only
                            // discards, passes to callees that do not use it either, or turns
                            // into an empty interface (`any`): a nil there reaches no method of
                            // Context, since every type assertion of a nil interface fails.
  kCtxOnlyWatched = 16384,  // every mention of it only watches it until told to stop:
                            // `<-p.Done()` as a case of a select whose other cases all receive,
                            // or `p.Err()`. A goroutine running the function (`go f(ctx)`)
                            // then honours the context without running on with it (kKeptRunning
                            // is not set for it), as the same select in a literal would.
                            // A mention handed to a detaching wrapper (kCtxDetached) neither
                            // watches it nor runs on with it: it does not count either way.
  kCtxDetached = 32768,     // only its values are passed on: every mention of it is the value of
                            // field f in a literal of a struct type T that the function returns
                            // (`return &T{f: p}`), where T declares Done, Err and Deadline and
                            // none of them reads f, itself or through T's other methods. The
                            // result's cancellation is another context's, so the caller's
                            // cancellation goes no further: handing a context here neither keeps
                            // it running nor honours it (kCtxHonoured is clear; kReturned stays
                            // set, the values travel on).
};

struct FuncSummary {
  std::vector<uint16_t> params;  // ParamUse bits per parameter, in signature order (no receiver)
  bool variadic = false;
  // How far a shutdown is: 0 when the function ends the process (os.Exit, syscall.Exit) or shuts
  // an HTTP server down ((*http.Server).Shutdown/Close) itself, in its body, a deferred closure or
  // a goroutine it starts; n when a callee at distance n-1 does; kNever when no call chain the
  // summaries follow reaches one.
  static constexpr uint8_t kNever = 255;
  uint8_t exit_distance = kNever;
  // Context results (facts/context_derive.h): when ctx_from >= 0, result ctx_result (the first of
  // type context.Context) is, on every return, a context derived from parameter ctx_from (wrapped
  // by context.With*, a well-known wrapper or a function with this fact, on at least one return;
  // that parameter itself on the others). A call in a cycle or of a function without source
  // counts as not derived.
  int16_t ctx_from = -1;
  uint16_t ctx_result = 0;
  // The bits of the parameter that receives argument `arg` (the variadic one for extra args).
  uint16_t of_arg(size_t arg) const {
    if (params.empty()) return 0;
    if (arg < params.size()) return params[arg];
    return variadic ? params.back() : 0;
  }
};

class Summaries {
 public:
  // The summary of the function or method `callee` denotes; null when gotrap has no body for it
  // (interface methods, packages without source) or while it is being computed (a cycle).
  const FuncSummary* of(const sema::Object* callee);
  // The summary of a declaration of package `info`.
  const FuncSummary* of(const sema::PackageInfo* info, const ast::FuncDecl* fd);
  // What a call of the interface method `method` may do, from the implementations it may reach:
  // the methods of that name on the named types of the interface's own package (whose method
  // sets have every method the interface spells). A parameter's bits are the union of the
  // implementations' (exit_distance their minimum). Null when the method is not an interface's,
  // the interface is not declared in a package gotrap has source for, no implementation is found
  // there, or one has no summary (no body). Implementations still being summarised (the
  // interface call sits in a call cycle through one of them) are left out: each answers from
  // what it does itself. Code elsewhere may implement the interface too: this is the set of
  // implementations the analysed code ships, not a proof that no other exists.
  // Options (bit flags): kWithImports also takes the named types of the packages the interface's
  // package imports (with source): an interface declared where it is used is often implemented
  // by what that package imports. Still not the whole program: packages importing it (mocks,
  // plugins) are not looked at. kShippedOnly leaves out types declared in _test.go files (test
  // doubles do not run in the shipped program).
  enum ImplementationScope : unsigned { kWithImports = 1, kShippedOnly = 2 };
  const FuncSummary* of_implementations(const sema::Object* method, unsigned scope = 0);
  // of(callee), or of_implementations(callee) for an interface method.
  const FuncSummary* of_dispatched(const sema::Object* callee) {
    if (const FuncSummary* s = of(callee)) return s;
    return of_implementations(callee);
  }
  // Drops the summaries of the functions declared in `info`'s files: the package is analysed
  // again (its trees reused) and what its functions do may have changed with its other files or
  // imports. Summaries of other packages that relied on them must be dropped by the caller too.
  void forget(const sema::PackageInfo& info);
  // Forgets the summaries of the functions declared in `file`, whose tree is about to be freed
  // (its addresses may come back for other functions).
  void forget(const ast::File* file);

 private:
  void drop_dispatched();
  std::recursive_mutex mutex_;
  std::unordered_map<const ast::FuncDecl*, std::unique_ptr<FuncSummary>> done_;
  std::unordered_set<const ast::FuncDecl*> in_progress_;
  // Interface methods: combined summaries (null: none), and those computed while an
  // implementation was in progress, kept alive but never reused.
  std::unordered_map<const sema::Object*, std::unique_ptr<FuncSummary>> dispatched_[4];  // by scope
  std::vector<std::unique_ptr<FuncSummary>> partial_;
};

}  // namespace gotrap::facts
