// RFC 8785 canonical JSON writer (nlohmann's dump() is not JCS: wrong number forms, UTF-8 key order).
#include "core/jcs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace passerelle {
namespace {

constexpr std::int64_t kMaxSafeInteger = 9007199254740991; // 2^53 − 1

// UTF-16 code units of a (valid) UTF-8 key: RFC 8785 §3.2.3 sorts by these, not by bytes, so
// U+FB33 (one unit) sorts after U+1F600 (surrogates D83D DE00).
std::u16string utf16Units(const std::string& s) {
    std::u16string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::uint32_t cp = 0;
        int extra = 0;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1F;
            extra = 1;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0F;
            extra = 2;
        } else {
            cp = c & 0x07;
            extra = 3;
        }
        ++i;
        for (int k = 0; k < extra && i < s.size(); ++k, ++i)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out += static_cast<char16_t>(0xD800 + (cp >> 10));
            out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
        } else {
            out += static_cast<char16_t>(cp);
        }
    }
    return out;
}

void writeString(const std::string& s, std::string& out) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

bool fail(std::string* error, std::string message) {
    if (error)
        *error = std::move(message);
    return false;
}

bool write(const Json& v, std::string& out, std::string* error, const JcsOptions& options) {
    switch (v.type()) {
    case Json::value_t::null: out += "null"; return true;
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return true;
    case Json::value_t::string: writeString(v.get_ref<const std::string&>(), out); return true;
    case Json::value_t::number_integer: {
        const auto n = v.get<std::int64_t>();
        if (n >= -kMaxSafeInteger && n <= kMaxSafeInteger) {
            out += std::to_string(n);
            return true;
        }
        if (options.integersOnly)
            return fail(error, "entier trop grand pour des données signées (au-delà de 2^53 − 1) : " + std::to_string(n));
        out += ecmaNumberToString(static_cast<double>(n));
        return true;
    }
    case Json::value_t::number_unsigned: {
        const auto n = v.get<std::uint64_t>();
        if (n <= static_cast<std::uint64_t>(kMaxSafeInteger)) {
            out += std::to_string(n);
            return true;
        }
        if (options.integersOnly)
            return fail(error, "entier trop grand pour des données signées (au-delà de 2^53 − 1) : " + std::to_string(n));
        out += ecmaNumberToString(static_cast<double>(n));
        return true;
    }
    case Json::value_t::number_float: {
        const double d = v.get<double>();
        if (!std::isfinite(d))
            return fail(error, "nombre non fini (NaN ou infini) : interdit en JSON canonique");
        if (options.integersOnly)
            return fail(error, "nombre à virgule interdit dans les données signées : " + ecmaNumberToString(d));
        out += ecmaNumberToString(d);
        return true;
    }
    case Json::value_t::array: {
        out += '[';
        bool first = true;
        for (const auto& item : v) {
            if (!first)
                out += ',';
            first = false;
            if (!write(item, out, error, options))
                return false;
        }
        out += ']';
        return true;
    }
    case Json::value_t::object: {
        // nlohmann's object is a std::map: keys come in UTF-8 byte order, which equals UTF-16 order
        // unless a key holds a character from U+E000 up (lead byte 0xEE and above), where
        // supplementary characters (surrogates D800–DFFF) must sort first. Re-sort only then.
        bool needsUtf16Sort = false;
        for (auto it = v.begin(); it != v.end() && !needsUtf16Sort; ++it)
            for (const char c : it.key())
                if (static_cast<unsigned char>(c) >= 0xEE) {
                    needsUtf16Sort = true;
                    break;
                }
        std::vector<std::pair<std::u16string, Json::const_iterator>> members;
        members.reserve(v.size());
        for (auto it = v.begin(); it != v.end(); ++it)
            members.emplace_back(needsUtf16Sort ? utf16Units(it.key()) : std::u16string(), it);
        if (needsUtf16Sort)
            std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        out += '{';
        bool first = true;
        for (const auto& [units, it] : members) {
            if (!first)
                out += ',';
            first = false;
            writeString(it.key(), out);
            out += ':';
            if (!write(it.value(), out, error, options))
                return false;
        }
        out += '}';
        return true;
    }
    default:
        return fail(error, "valeur binaire : impossible à écrire en JSON canonique");
    }
}

} // namespace

std::string ecmaNumberToString(double value) {
    if (value == 0)
        return "0"; // also -0
    if (value < 0)
        return "-" + ecmaNumberToString(-value);
    // Shortest digit string that reads back as the same double (ECMA-262 Number::toString step 5):
    // try 1…17 significant digits; printf rounds correctly, so the first that round-trips is it.
    char buf[40];
    std::string digits;
    int exponent = 0; // value = 0.d1d2… × 10^n with n = exponent + 1 in ECMA terms
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision - 1, value);
        if (std::strtod(buf, nullptr) == value || precision == 17)
            break;
    }
    const std::string sci(buf);
    const auto ePos = sci.find('e');
    for (std::size_t i = 0; i < ePos; ++i)
        if (sci[i] != '.')
            digits += sci[i];
    exponent = std::atoi(sci.c_str() + ePos + 1);
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;
    if (k <= n && n <= 21)
        return digits + std::string(static_cast<std::size_t>(n - k), '0');
    if (0 < n && n <= 21)
        return digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
    if (-6 < n && n <= 0)
        return "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
    const int e = n - 1;
    std::string out = digits.substr(0, 1);
    if (k > 1)
        out += "." + digits.substr(1);
    out += e < 0 ? "e-" : "e+";
    out += std::to_string(e < 0 ? -e : e);
    return out;
}

std::optional<std::string> canonicalize(const Json& value, std::string* error, JcsOptions options) {
    std::string out;
    if (!write(value, out, error, options))
        return std::nullopt;
    return out;
}

} // namespace passerelle
