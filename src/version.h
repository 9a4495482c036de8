// gotrap's own version, printed by --version and written into SARIF reports. Bumped by hand at a
// release; semantic versioning.
#pragma once

namespace gotrap {

inline constexpr const char* kVersion = "0.4.0";
// Where users read about gotrap and its rules (SARIF `informationUri`, rule help links).
inline constexpr const char* kHomepage = "https://github.com/gotrap/gotrap";

}  // namespace gotrap
