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

// Members of outside data (saved files, imported dossiers): the fallback when `j` is not an object or the
// member is absent or of another type. nlohmann's value(key, default) throws type_error there, and the app
// is built without exceptions: a damaged file would abort the page.
[[nodiscard]] std::string textOr(const Json& j, const std::string& key, const std::string& fallback = {});
[[nodiscard]] bool boolOr(const Json& j, const std::string& key, bool fallback);
[[nodiscard]] long long integerOr(const Json& j, const std::string& key, long long fallback);

} // namespace passerelle
