#include "lsp/transport.h"

#include <poll.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <string_view>

namespace gotrap::lsp {

namespace {

constexpr size_t kMaxMessageBytes = size_t(256) << 20;

bool iequals_prefix(std::string_view line, std::string_view prefix) {
  if (line.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  }
  return true;
}

}  // namespace

std::optional<Transport::Read> Transport::take(json& message) {
  size_t header_end = buffer_.find("\r\n\r\n");
  if (header_end == std::string::npos) return std::nullopt;
  std::string_view headers(buffer_.data(), header_end);
  std::optional<size_t> length;
  bool bad_length = false;
  for (size_t pos = 0; pos <= headers.size();) {
    size_t eol = headers.find("\r\n", pos);
    if (eol == std::string_view::npos) eol = headers.size();
    std::string_view line = headers.substr(pos, eol - pos);
    if (iequals_prefix(line, "content-length:")) {
      std::string_view value = line.substr(15);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      size_t n = 0;
      bool digits = !value.empty();
      for (char c : value) {
        if (c < '0' || c > '9') {
          digits = false;
          break;
        }
        n = n * 10 + size_t(c - '0');
        if (n > kMaxMessageBytes) {
          digits = false;
          break;
        }
      }
      if (digits) length = n; else bad_length = true;
    }
    pos = eol + 2;
  }
  if (!length || bad_length) {
    buffer_.erase(0, header_end + 4);  // no way to know the body's size: drop the header block
    return Read::malformed;
  }
  size_t body_start = header_end + 4;
  if (buffer_.size() - body_start < *length) return std::nullopt;
  std::string_view body(buffer_.data() + body_start, *length);
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  buffer_.erase(0, body_start + *length);
  if (parsed.is_discarded()) return Read::malformed;
  message = std::move(parsed);
  return Read::message;
}

Transport::Read Transport::read(json& message, int timeout_ms) {
  for (;;) {
    if (auto taken = take(message)) return *taken;
    if (eof_) return Read::eof;
    pollfd fd{in_, POLLIN, 0};
    int ready = ::poll(&fd, 1, timeout_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      eof_ = true;
      continue;
    }
    if (ready == 0) return Read::timeout;
    char chunk[65536];
    ssize_t n = ::read(in_, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      eof_ = true;
      continue;
    }
    buffer_.append(chunk, size_t(n));
  }
}

bool Transport::write(const json& message) {
  std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string frame = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  size_t done = 0;
  while (done < frame.size()) {
    ssize_t n = ::write(out_, frame.data() + done, frame.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += size_t(n);
  }
  return true;
}

}  // namespace gotrap::lsp
