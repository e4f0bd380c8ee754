// Thin helpers over libsodium shared by the bundle code: init once, SHA-256, random bytes.
#pragma once

#include "core/base64url.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace passerelle {

using Sha256 = std::array<std::uint8_t, 32>;

// sodium_init() once; false if libsodium cannot start (no randomness source).
[[nodiscard]] bool sodiumReady();

[[nodiscard]] Sha256 sha256(std::string_view data);
[[nodiscard]] Sha256 sha256(const Bytes& data);
[[nodiscard]] std::string sha256Hex(std::string_view data);
[[nodiscard]] std::string toHex(const std::uint8_t* data, std::size_t size);

[[nodiscard]] Bytes randomBytes(std::size_t size);

} // namespace passerelle
