// The byte format of the result cache's files (entries and stat indexes): little-endian 64-bit
// integers and length-prefixed strings, read back by a Reader that fails rather than trusting a
// damaged length.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gotrap::rules::cache::serial {

inline void put(std::string& out, uint64_t v) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = char((v >> (8 * i)) & 0xff);
  out.append(bytes, 8);
}

inline void put(std::string& out, std::string_view s) {
  put(out, uint64_t(s.size()));
  out.append(s);
}

struct Reader {
  std::string_view in;
  bool ok = true;
  uint64_t u64() {
    if (in.size() < 8) {
      ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t(uint8_t(in[i])) << (8 * i);
    in.remove_prefix(8);
    return v;
  }
  std::string str() {
    uint64_t n = u64();
    if (!ok || n > in.size()) {
      ok = false;
      return {};
    }
    std::string s(in.substr(0, n));
    in.remove_prefix(n);
    return s;
  }
  // A count that cannot be larger than what is left (a damaged count must not allocate much).
  uint64_t count() {
    uint64_t n = u64();
    if (n > in.size()) ok = false;
    return ok ? n : 0;
  }
};

}  // namespace gotrap::rules::cache::serial
