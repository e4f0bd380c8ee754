// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte string a JSON value is signed as.
#pragma once

#include "core/json_strict.hpp"

#include <optional>
#include <string>

namespace passerelle {

struct JcsOptions {
    // Signed data holds no floating-point numbers (issue 5): with this set, any number written
    // with a fraction or exponent, and any integer beyond ±(2^53 − 1) (where JavaScript would
    // round it), is refused instead of being serialized.
    bool integersOnly = false;
};

// The canonical UTF-8 text: object members sorted by their UTF-16 code units, no whitespace,
// strings escaped as ECMAScript JSON.stringify does, numbers as ECMAScript Number::toString.
// Returns nullopt (and a French one-line reason) for NaN/Infinity, binary values, or a number
// refused by `options`. Duplicate keys cannot occur in a Json value: parse with parseStrict.
[[nodiscard]] std::optional<std::string> canonicalize(const Json& value, std::string* error = nullptr,
                                                      JcsOptions options = {});

// ECMAScript Number::toString for a finite double (e.g. 1e+21, 1e-7, 0.000001, -0 → "0").
[[nodiscard]] std::string ecmaNumberToString(double value);

} // namespace passerelle
