// JWS signing and strict verification over libsodium's Ed25519.
#include "core/jws.hpp"

#include "core/jcs.hpp"

namespace passerelle {
namespace {

bool fail(std::string* error, std::string message) {
    if (error)
        *error = std::move(message);
    return false;
}

} // namespace

std::string protectedHeaderB64(const SigningKey& key, std::string_view typ) {
    // Written directly in its JCS form (members already sorted, all ASCII without escapes) rather
    // than through a Json value: signing is measured, and this was a third of its cost in wasm.
    const std::string header = "{\"alg\":\"Ed25519\",\"jwk\":{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" +
                               base64UrlEncode(key.publicKey().data(), key.publicKey().size()) + "\"},\"kid\":\"" +
                               key.kid() + "\",\"typ\":\"" + std::string(typ) + "\"}";
    return base64UrlEncode(header);
}

Json signGeneralEntry(const SigningKey& key, const std::string& payloadB64, std::string_view typ) {
    const std::string prot = protectedHeaderB64(key, typ);
    const auto sig = key.sign(prot + "." + payloadB64);
    return Json{{"protected", prot}, {"signature", base64UrlEncode(sig.data(), sig.size())}};
}

Json signFlattened(const SigningKey& key, std::string_view payload, std::string_view typ) {
    const std::string payloadB64 = base64UrlEncode(payload);
    Json out = signGeneralEntry(key, payloadB64, typ);
    out["payload"] = payloadB64;
    return out;
}

std::optional<VerifiedJws> verifyJwsParts(const Json& protectedB64, const Json& payloadB64, const Json& signatureB64,
                                          std::string_view expectedTyp, std::string* error) {
    if (!protectedB64.is_string() || !payloadB64.is_string() || !signatureB64.is_string())
        return fail(error, "JWS : protected, payload et signature doivent être des chaînes"), std::nullopt;
    const auto& protText = protectedB64.get_ref<const std::string&>();
    const auto& payloadText = payloadB64.get_ref<const std::string&>();
    const auto headerBytes = base64UrlDecode(protText);
    if (!headerBytes)
        return fail(error, "en-tête protégé : base64url invalide"), std::nullopt;
    const auto payloadBytes = base64UrlDecode(payloadText);
    if (!payloadBytes)
        return fail(error, "contenu signé (payload) : base64url invalide"), std::nullopt;
    const auto sig = base64UrlDecode(signatureB64.get_ref<const std::string&>());
    if (!sig || sig->size() != 64)
        return fail(error, "signature : base64url invalide ou longueur différente de 64 octets"), std::nullopt;

    JsonError jerr;
    auto header = parseStrict(std::string_view(reinterpret_cast<const char*>(headerBytes->data()), headerBytes->size()), &jerr);
    if (!header || !header->is_object())
        return fail(error, "en-tête protégé : JSON invalide"), std::nullopt;
    if (header->contains("crit"))
        return fail(error, "en-tête protégé : extension « crit » non prise en charge"), std::nullopt;
    for (auto it = header->begin(); it != header->end(); ++it)
        if (it.key() != "alg" && it.key() != "jwk" && it.key() != "kid" && it.key() != "typ")
            return fail(error, "en-tête protégé : membre inattendu « " + it.key() + " »"), std::nullopt;
    const Json alg = header->value("alg", Json());
    if (alg == "none")
        return fail(error, "algorithme « none » refusé : une signature est exigée"), std::nullopt;
    if (alg != "Ed25519" && alg != "EdDSA")
        return fail(error, "algorithme non accepté (seul Ed25519 l'est) : " + alg.dump()), std::nullopt;
    if (header->value("typ", Json()) != expectedTyp)
        return fail(error, "en-tête protégé : typ attendu « " + std::string(expectedTyp) + " »"), std::nullopt;
    if (!header->contains("jwk") || !header->value("kid", Json()).is_string())
        return fail(error, "en-tête protégé : clé publique (jwk) et kid exigés"), std::nullopt;
    std::string keyError;
    const auto key = parsePublicJwk((*header)["jwk"], &keyError);
    if (!key)
        return fail(error, "en-tête protégé : " + keyError), std::nullopt;
    const std::string kid = (*header)["kid"].get<std::string>();
    if (kid != jwkThumbprint(*key))
        return fail(error, "en-tête protégé : kid différent de l'empreinte RFC 7638 de la clé"), std::nullopt;

    VerifiedJws out;
    out.signingInput = protText + "." + payloadText;
    if (!verifyEd25519(*key, out.signingInput, sig->data()))
        return fail(error, "signature Ed25519 incorrecte : le contenu ou l'en-tête a changé depuis la signature"),
               std::nullopt;
    out.header = std::move(*header);
    out.payload.assign(payloadBytes->begin(), payloadBytes->end());
    out.key = *key;
    out.kid = kid;
    return out;
}

std::optional<VerifiedJws> verifyFlattened(const Json& jws, std::string_view expectedTyp, std::string* error) {
    if (!jws.is_object())
        return fail(error, "JWS : un objet JSON est attendu"), std::nullopt;
    if (jws.contains("header"))
        return fail(error, "JWS : en-tête non protégé (« header ») refusé"), std::nullopt;
    for (auto it = jws.begin(); it != jws.end(); ++it)
        if (it.key() != "protected" && it.key() != "payload" && it.key() != "signature")
            return fail(error, "JWS : membre inattendu « " + it.key() + " »"), std::nullopt;
    if (!jws.contains("protected") || !jws.contains("payload") || !jws.contains("signature"))
        return fail(error, "JWS : protected, payload et signature sont exigés"), std::nullopt;
    return verifyJwsParts(jws["protected"], jws["payload"], jws["signature"], expectedTyp, error);
}

} // namespace passerelle
