// Strict base64 / base64url codecs: one accepted spelling per byte string (see base64url.hpp).
#include "core/base64url.hpp"

#include <array>

namespace passerelle {
namespace {

constexpr char kUrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kStdAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string encodeWith(const char* alphabet, const std::uint8_t* data, std::size_t size, bool pad) {
    std::string out;
    out.reserve((size + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const std::uint32_t v = (std::uint32_t(data[i]) << 16) | (std::uint32_t(data[i + 1]) << 8) | data[i + 2];
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    const std::size_t rest = size - i;
    if (rest == 1) {
        const std::uint32_t v = std::uint32_t(data[i]) << 16;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        if (pad)
            out += "==";
    } else if (rest == 2) {
        const std::uint32_t v = (std::uint32_t(data[i]) << 16) | (std::uint32_t(data[i + 1]) << 8);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        if (pad)
            out += '=';
    }
    return out;
}

std::array<std::int8_t, 256> makeTable(const char* alphabet) {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    for (int i = 0; i < 64; ++i)
        t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return t;
}

// Decodes unpadded text; a length of 1 mod 4 is impossible and non-zero leftover bits are refused.
std::optional<Bytes> decodeWith(const std::array<std::int8_t, 256>& table, std::string_view text) {
    if (text.size() % 4 == 1)
        return std::nullopt;
    Bytes out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = table[static_cast<unsigned char>(c)];
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFF));
        }
    }
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

} // namespace

std::string base64UrlEncode(const std::uint8_t* data, std::size_t size) {
    return encodeWith(kUrlAlphabet, data, size, false);
}
std::string base64UrlEncode(const Bytes& data) { return base64UrlEncode(data.data(), data.size()); }
std::string base64UrlEncode(std::string_view data) {
    return base64UrlEncode(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
}

std::optional<Bytes> base64UrlDecode(std::string_view text) {
    static const auto table = makeTable(kUrlAlphabet);
    return decodeWith(table, text);
}

std::string base64StdEncode(const std::uint8_t* data, std::size_t size, bool pad) {
    return encodeWith(kStdAlphabet, data, size, pad);
}
std::string base64StdEncode(std::string_view data, bool pad) {
    return base64StdEncode(reinterpret_cast<const std::uint8_t*>(data.data()), data.size(), pad);
}

std::optional<Bytes> base64StdDecode(std::string_view text) {
    static const auto table = makeTable(kStdAlphabet);
    if (text.size() % 4 != 0)
        return std::nullopt;
    std::size_t padding = 0;
    while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=')
        ++padding;
    return decodeWith(table, text.substr(0, text.size() - padding));
}

} // namespace passerelle
