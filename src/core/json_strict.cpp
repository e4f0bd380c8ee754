// Strict JSON reading: a SAX handler that builds the DOM and refuses duplicate keys.
#include "core/json_strict.hpp"

#include <climits>
#include <vector>

namespace passerelle {
namespace {

// Copying, dumping and walking a document recurse once per level: 10,000 nested arrays overflow the
// browser's stack (the page aborts). No document we read nests anywhere near this deep.
constexpr std::size_t kMaxDepth = 256;

class StrictBuilder {
public:
    using number_integer_t = Json::number_integer_t;
    using number_unsigned_t = Json::number_unsigned_t;
    using number_float_t = Json::number_float_t;
    using string_t = Json::string_t;
    using binary_t = Json::binary_t;

    bool null() { return put(Json(nullptr)); }
    bool boolean(bool v) { return put(Json(v)); }
    bool number_integer(number_integer_t v) { return put(Json(v)); }
    bool number_unsigned(number_unsigned_t v) { return put(Json(v)); }
    bool number_float(number_float_t v, const string_t&) { return put(Json(v)); }
    bool string(string_t& v) { return put(Json(std::move(v))); }
    bool binary(binary_t& v) { return put(Json::binary(std::move(v))); }

    bool start_object(std::size_t) { return open(Json::object()); }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_array() { return close(); }

    bool key(string_t& k) {
        Json& obj = *m_stack.back();
        if (obj.contains(k)) {
            m_duplicate = k;
            return false;
        }
        m_key = std::move(k);
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
        m_errorByte = position;
        m_errorText = ex.what();
        return false;
    }

    Json m_root;
    std::string m_duplicate;
    std::size_t m_errorByte = 0;
    std::string m_errorText;

private:
    Json* place(Json&& value) {
        if (m_stack.empty()) {
            m_root = std::move(value);
            return &m_root;
        }
        Json& parent = *m_stack.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        return &(parent[m_key] = std::move(value));
    }
    bool put(Json&& value) {
        place(std::move(value));
        return true;
    }
    bool open(Json&& container) {
        if (m_stack.size() >= kMaxDepth) {
            m_tooDeep = true;
            return false;
        }
        m_stack.push_back(place(std::move(container)));
        return true;
    }
    bool close() {
        m_stack.pop_back();
        return true;
    }

    std::vector<Json*> m_stack;
    std::string m_key;

public:
    bool m_tooDeep = false;
};

// nlohmann's messages are English and technical; keep only where it failed and say it in French.
std::string frenchParseMessage(std::string_view text, const std::string& what, std::size_t byte) {
    const auto first = text.find_first_not_of(" \t\r\n");
    const bool badStart = first != std::string_view::npos &&
        (std::string_view("{[\"-0123456789tfn").find(text[first]) == std::string_view::npos ||
         (what.find("invalid literal") != std::string::npos && byte <= first + 5));
    if (badStart)
        return "ce n'est pas du JSON (le texte ne commence pas par { ou [)";
    if (what.find("unexpected end of input") != std::string::npos)
        return "JSON incomplet : le texte s'arrête avant la fin du document";
    if (what.find("expected end of input") != std::string::npos)
        return "JSON invalide : du texte suit la fin du document (octet " + std::to_string(byte) + ")";
    return "JSON invalide à l'octet " + std::to_string(byte);
}

} // namespace

std::optional<Json> parseStrict(std::string_view text, JsonError* error) {
    StrictBuilder builder;
    const bool ok = Json::sax_parse(text.begin(), text.end(), &builder, Json::input_format_t::json, true);
    if (ok)
        return std::move(builder.m_root);
    if (error) {
        if (builder.m_tooDeep) {
            error->message = "JSON refusé : plus de " + std::to_string(kMaxDepth) + " niveaux d'imbrication";
            error->byte = 0;
        } else if (!builder.m_duplicate.empty()) {
            error->message = "JSON refusé : la clé \"" + builder.m_duplicate + "\" apparaît deux fois dans le même objet";
            error->byte = 0;
        } else {
            error->message = frenchParseMessage(text, builder.m_errorText, builder.m_errorByte);
            error->byte = builder.m_errorByte;
        }
    }
    return std::nullopt;
}

std::string textOr(const Json& j, const std::string& key, const std::string& fallback) {
    if (!j.is_object()) return fallback;
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

bool boolOr(const Json& j, const std::string& key, bool fallback) {
    if (!j.is_object()) return fallback;
    const auto it = j.find(key);
    return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

long long integerOr(const Json& j, const std::string& key, long long fallback) {
    if (!j.is_object()) return fallback;
    const auto it = j.find(key);
    if (it == j.end()) return fallback;
    if (it->is_number_unsigned()) return it->get<unsigned long long>() > LLONG_MAX ? fallback : it->get<long long>();
    return it->is_number_integer() ? it->get<long long>() : fallback;
}

} // namespace passerelle
