// JWKS trust list parsing.
#include "core/trust_list.hpp"

#include <array>

namespace passerelle {

bool isKnownRole(std::string_view role) {
    static constexpr std::array<std::string_view, 11> kRoles = {
        "eleve", "famille", "college", "lycee", "cfa", "entreprise", "organisme_accueil",
        "cio", "mission_locale", "personnel", "instructeur"};
    for (const auto r : kRoles)
        if (r == role)
            return true;
    return false;
}

std::optional<TrustList> TrustList::parse(std::string_view text, std::string* error) {
    auto fail = [&](std::string message) -> std::optional<TrustList> {
        if (error)
            *error = "liste de confiance : " + std::move(message);
        return std::nullopt;
    };
    JsonError jerr;
    const auto doc = parseStrict(text, &jerr);
    if (!doc)
        return fail(jerr.message);
    if (!doc->is_object() || !doc->contains("keys") || !(*doc)["keys"].is_array())
        return fail("un JWKS {\"keys\": [...]} est attendu");
    TrustList list;
    std::size_t index = 0;
    for (const auto& jwk : (*doc)["keys"]) {
        const std::string where = "clé n° " + std::to_string(++index) + " : ";
        std::string keyError;
        const auto x = parsePublicJwk(jwk, &keyError, PublicKeyOptions{true, true});
        if (!x)
            return fail(where + keyError);
        TrustedKey entry;
        entry.x = *x;
        entry.kid = jwkThumbprint(*x);
        if (jwk.contains("name")) {
            if (!jwk["name"].is_string() || jwk["name"].get_ref<const std::string&>().empty())
                return fail(where + "\"name\" doit être un texte non vide");
            entry.name = jwk["name"].get<std::string>();
        } else {
            entry.name = entry.kid;
        }
        if (jwk.contains("roles")) {
            if (!jwk["roles"].is_array())
                return fail(where + "\"roles\" doit être une liste de rôles");
            for (const auto& r : jwk["roles"]) {
                if (!r.is_string() || !isKnownRole(r.get_ref<const std::string&>()))
                    return fail(where + "rôle inconnu " + r.dump());
                entry.roles.push_back(r.get<std::string>());
            }
        }
        if (list.find(entry.kid))
            return fail(where + "clé en double");
        list.m_keys.push_back(std::move(entry));
    }
    return list;
}

const TrustedKey* TrustList::find(std::string_view kid) const {
    for (const auto& k : m_keys)
        if (k.kid == kid)
            return &k;
    return nullptr;
}

} // namespace passerelle
