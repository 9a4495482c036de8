// gotrap's own version, printed by --version and written into SARIF reports. Bumped by hand at a
// release; semantic versioning.
#pragma once

namespace gotrap::cli {

inline constexpr const char* kGotrapVersion = "0.4.0";

}  // namespace gotrap::cli
