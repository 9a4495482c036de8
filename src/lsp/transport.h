// JSON-RPC framing over file descriptors: "Content-Length: N\r\n\r\n" + N bytes of JSON.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace gotrap::lsp {

using json = nlohmann::json;

class Transport {
 public:
  Transport(int in_fd, int out_fd) : in_(in_fd), out_(out_fd) {}

  enum class Read { message, malformed, timeout, eof };
  // Waits up to timeout_ms (-1: forever) for one message. `malformed`: a header without a
  // Content-Length, or a body that is not JSON (the bytes are consumed; the stream goes on).
  Read read(json& message, int timeout_ms);
  // Writes one framed message; false when the client is gone.
  bool write(const json& message);

 private:
  // Takes one complete message from buffer_ if there is one.
  std::optional<Read> take(json& message);

  int in_;
  int out_;
  bool eof_ = false;
  std::string buffer_;
};

}  // namespace gotrap::lsp
