// Strict JSON reading shared by every input path: duplicate keys and trailing data are errors, with French messages.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

using Json = nlohmann::json;

struct JsonError {
    std::string message; // French, one line, e.g. « clé en double "person" (octet 42) »
    std::size_t byte = 0; // offset in the input where the problem was found
};

// Parses `text` as one JSON document. Unlike nlohmann's default (which keeps the last of two equal
// keys), a repeated key in an object is an error: a signed or checked document must mean one thing.
[[nodiscard]] std::optional<Json> parseStrict(std::string_view text, JsonError* error = nullptr);

} // namespace passerelle
