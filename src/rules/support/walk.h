// The tree walk lives in facts/walk.h (the floor below the rules); rules keep spelling it
// support::inspect, support::for_each_node, ...
#pragma once

#include "facts/walk.h"

namespace gotrap::rules::support {

using facts::Visit;
using facts::Visitor;
using facts::for_each_child;
using facts::inspect;
using facts::for_each_node;
using facts::children;
using facts::enclosing_func;
using facts::func_body;
using facts::enclosing_loop;
using facts::loop_body;
using facts::is_stmt_node;
using facts::unparen;
using facts::contains;

}  // namespace gotrap::rules::support
