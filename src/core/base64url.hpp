// Base64 for JOSE (base64url without padding, RFC 7515 §2) and standard base64 (attachments), both decoded strictly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

using Bytes = std::vector<std::uint8_t>;

[[nodiscard]] std::string base64UrlEncode(const std::uint8_t* data, std::size_t size);
[[nodiscard]] std::string base64UrlEncode(const Bytes& data);
[[nodiscard]] std::string base64UrlEncode(std::string_view data);

// Strict: only A–Z a–z 0–9 - _, no padding, no whitespace, and the unused low bits of the last
// character must be zero — so each byte string has exactly one accepted spelling and a changed
// character can never decode to the same bytes.
[[nodiscard]] std::optional<Bytes> base64UrlDecode(std::string_view text);

// Standard alphabet (+ /). `pad` adds '=' to a multiple of 4 characters.
[[nodiscard]] std::string base64StdEncode(const std::uint8_t* data, std::size_t size, bool pad = true);
[[nodiscard]] std::string base64StdEncode(std::string_view data, bool pad = true);

// Strict standard base64 with mandatory padding (the attachment `content_b64`), same rules on
// the last character's unused bits.
[[nodiscard]] std::optional<Bytes> base64StdDecode(std::string_view text);

} // namespace passerelle
