// The list of gotrap's rules, in the order --list-rules prints them. A rule file <rule>.cpp
// defines its class and a function returning the singleton, e.g.
//   const Rule* lost_cancel_rule() { static const LostCancel rule; return &rule; }
// and gets one declaration and one entry here.
#include "rules/rule.h"

namespace gotrap::rules {

// One declaration per rule file.
const Rule* lost_cancel_rule();
const Rule* ctx_background_rule();
const Rule* ctx_no_deadline_rule();
const Rule* http_no_timeout_rule();
const Rule* wg_deferred_done_rule();
const Rule* wg_add_in_goroutine_rule();
const Rule* wg_done_missing_rule();
const Rule* wg_copy_rule();
const Rule* timeout_leak_rule();
const Rule* defer_in_loop_rule();
const Rule* loop_capture_rule();
const Rule* slice_pop_leak_rule();
const Rule* slice_retain_rule();
const Rule* ctx_in_loop_rule();
const Rule* nil_ctx_rule();
const Rule* append_alias_rule();
const Rule* timer_leak_rule();
const Rule* http_server_timeout_rule();
const Rule* body_not_closed_rule();

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = {
      lost_cancel_rule(),
      ctx_background_rule(),
      ctx_no_deadline_rule(),
      http_no_timeout_rule(),
      wg_deferred_done_rule(),
      wg_add_in_goroutine_rule(),
      wg_done_missing_rule(),
      wg_copy_rule(),
      timeout_leak_rule(),
      defer_in_loop_rule(),
      loop_capture_rule(),
      slice_pop_leak_rule(),
      slice_retain_rule(),
      ctx_in_loop_rule(),
      nil_ctx_rule(),
      append_alias_rule(),
      timer_leak_rule(),
      http_server_timeout_rule(),
      body_not_closed_rule(),
  };
  return rules;
}

}  // namespace gotrap::rules
