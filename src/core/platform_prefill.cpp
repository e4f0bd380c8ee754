// Platform prefill: mapping files, champ ids, and a length-capped link without sensitive data.
#include "core/platform_prefill.hpp"

#include "core/base64url.hpp"

#include <algorithm>
#include <cctype>

namespace passerelle {

bool PrefillMapping::hasPlaceholders() const {
    return !procedurePath ||
           std::any_of(entries.begin(), entries.end(), [](const PrefillEntry& e) { return !e.stableId; });
}

std::optional<PrefillMapping> parsePrefillMapping(std::string_view text, std::string* error) {
    auto fail = [&](std::string message) -> std::optional<PrefillMapping> {
        if (error)
            *error = "correspondance plateforme : " + std::move(message);
        return std::nullopt;
    };
    JsonError jerr;
    const auto doc = parseStrict(text, &jerr);
    if (!doc)
        return fail(jerr.message);
    if (!doc->is_object() || doc->value("format", Json()) != "passerelle.platform-mapping/1")
        return fail("format \"passerelle.platform-mapping/1\" attendu");
    const Json& d = *doc;
    if (!d.value("scheme", Json()).is_string() || !d.value("base_url", Json()).is_string() ||
        !d.value("procedure_path", Json()).is_string() || !d.value("fields", Json()).is_array())
        return fail("scheme, base_url, procedure_path et fields sont exigés");
    PrefillMapping m;
    m.scheme = d["scheme"].get<std::string>();
    m.baseUrl = d["base_url"].get<std::string>();
    if (m.baseUrl.rfind("https://", 0) != 0 || m.baseUrl.back() != '/')
        return fail("base_url doit commencer par https:// et finir par /");
    const auto path = d["procedure_path"].get<std::string>();
    if (path != kPlaceholder) {
        if (path.empty() || !std::all_of(path.begin(), path.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
            }))
            return fail("procedure_path : lettres, chiffres, - et _ seulement");
        m.procedurePath = path;
    }
    for (const auto& f : d["fields"]) {
        if (!f.is_object() || !f.value("section", Json()).is_string() || !f.value("field", Json()).is_string() ||
            !f.contains("stable_id"))
            return fail("chaque entrée de fields a section, field et stable_id");
        PrefillEntry e;
        e.section = f["section"].get<std::string>();
        e.field = f["field"].get<std::string>();
        if (f["stable_id"].is_number_integer() && f["stable_id"].get<std::int64_t>() > 0)
            e.stableId = f["stable_id"].get<std::int64_t>();
        else if (f["stable_id"] != kPlaceholder)
            return fail(e.section + "." + e.field + " : stable_id doit être un entier positif ou \"A_RENSEIGNER\"");
        if (f.contains("sensitive")) {
            if (!f["sensitive"].is_boolean())
                return fail(e.section + "." + e.field + " : sensitive doit valoir true ou false");
            e.sensitive = f["sensitive"].get<bool>();
        }
        m.entries.push_back(std::move(e));
    }
    return m;
}

std::string champParamName(std::int64_t stableId) {
    return "champ_" + base64StdEncode("Champ-" + std::to_string(stableId), false);
}

bool looksSensitive(std::string_view fieldId) {
    std::string lower;
    for (const char c : fieldId)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* word : {"handicap", "rqth", "sante", "santé", "mdph", "medic", "médic", "maladie", "pathologi",
                             "aesh", "pps", "pai"}) {
        const std::string w(word);
        // Short words only as whole tokens ("pai" must not catch "paiement").
        if (w.size() <= 4) {
            std::size_t pos = 0;
            while ((pos = lower.find(w, pos)) != std::string::npos) {
                const bool startOk = pos == 0 || !std::isalnum(static_cast<unsigned char>(lower[pos - 1]));
                const bool endOk = pos + w.size() == lower.size() ||
                                   !std::isalnum(static_cast<unsigned char>(lower[pos + w.size()]));
                if (startOk && endOk)
                    return true;
                ++pos;
            }
        } else if (lower.find(w) != std::string::npos) {
            return true;
        }
    }
    return false;
}

std::string percentEncode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::set<std::pair<std::string, std::string>> sensitiveFieldsOf(const Json& definitions, std::string_view scheme) {
    std::set<std::pair<std::string, std::string>> out;
    if (!definitions.is_object() || !definitions.value("dossiers", Json()).is_array())
        return out;
    for (const auto& d : definitions["dossiers"]) {
        if (!d.is_object() || d.value("scheme", Json()) != scheme || !d.value("sections", Json()).is_array())
            continue;
        for (const auto& s : d["sections"]) {
            if (!s.is_object() || !s.value("id", Json()).is_string() || !s.value("fields", Json()).is_array())
                continue;
            for (const auto& f : s["fields"])
                if (f.is_object() && f.value("id", Json()).is_string() && f.value("sensitive", Json()) == true)
                    out.emplace(s["id"].get<std::string>(), f["id"].get<std::string>());
        }
    }
    return out;
}

std::optional<PrefillLink> buildPrefillLink(const PrefillMapping& mapping, const Json& dossier,
                                            const std::set<std::pair<std::string, std::string>>& sensitive,
                                            std::string* error, std::size_t maxLength) {
    if (!mapping.procedurePath) {
        if (error)
            *error = "lien de préremplissage impossible : le chemin de la démarche (procedure_path) est encore "
                     "« A_RENSEIGNER » — l'académie qui publie la démarche doit le fournir";
        return std::nullopt;
    }
    if (!dossier.is_object() || !dossier.value("sections", Json()).is_array()) {
        if (error)
            *error = "lien de préremplissage impossible : dossier illisible";
        return std::nullopt;
    }
    PrefillLink link;
    link.url = mapping.baseUrl + *mapping.procedurePath;
    if (link.url.size() > maxLength) {
        if (error)
            *error = "lien de préremplissage impossible : l'adresse de la démarche dépasse déjà la limite";
        return std::nullopt;
    }
    bool first = true;
    for (const auto& e : mapping.entries) {
        const std::string name = e.section + "." + e.field;
        if (e.sensitive || sensitive.count({e.section, e.field}) || looksSensitive(e.field)) {
            link.left.emplace_back(name, "donnée sensible : jamais dans un lien, seulement dans le paquet signé");
            continue;
        }
        if (!e.stableId) {
            link.left.emplace_back(name, "identifiant de champ « A_RENSEIGNER » par l'académie");
            continue;
        }
        const Json* value = nullptr;
        for (const auto& s : dossier["sections"])
            if (s.is_object() && s.value("id", Json()) == e.section && s.value("fields", Json()).is_object() &&
                s["fields"].contains(e.field))
                value = &s["fields"][e.field];
        if (!value || value->is_null())
            continue; // nothing to prefill
        std::string text;
        if (value->is_string())
            text = value->get<std::string>();
        else if (value->is_boolean())
            text = value->get<bool>() ? "true" : "false";
        else if (value->is_number_integer() || value->is_number_unsigned())
            text = value->dump();
        else {
            link.left.emplace_back(name, "valeur non transmissible dans un lien");
            continue;
        }
        const std::string param = (first ? "?" : "&") + percentEncode(champParamName(*e.stableId)) + "=" + percentEncode(text);
        if (link.url.size() + param.size() > maxLength) {
            link.left.emplace_back(name, "lien limité à " + std::to_string(maxLength) + " caractères");
            continue;
        }
        link.url += param;
        link.included.push_back(name);
        first = false;
    }
    return link;
}

} // namespace passerelle
