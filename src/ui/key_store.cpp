// The device's signing key and trusted keys under /data: create, read the public part, unlock, import a JWKS.
#include "ui/key_store.hpp"

#include "platform/storage.hpp"
#include "ui/vault_service.hpp"

namespace passerelle::ui {
namespace {

// Characters as a person counts them (UTF-8 code points), not bytes: « é » is one.
std::size_t characterCount(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

} // namespace

std::optional<StoredKey> readStoredKey(std::string* error) {
    const auto text = readEstablishmentFile(kSigningKeyFile);
    if (!text) return std::nullopt;
    JsonError jerr;
    auto doc = parseStrict(*text, &jerr);
    if (!doc || !doc->is_object()) {
        if (error) *error = "Le fichier de votre clé est illisible : " + (doc ? std::string("objet JSON attendu") : jerr.message);
        return std::nullopt;
    }
    // Only the public members are read here: the encrypted part stays closed until a passphrase is given.
    doc->erase("passerelle_chiffre");
    doc->erase("d");
    std::string keyError;
    const auto x = parsePublicJwk(*doc, &keyError, PublicKeyOptions{true, true});
    if (!x) {
        if (error) *error = "Le fichier de votre clé est abîmé : " + keyError;
        return std::nullopt;
    }
    return StoredKey{*x, jwkThumbprint(*x)};
}

bool createStoredKey(std::string_view passphrase, std::string_view confirmation, std::string* error) {
    auto fail = [&](const char* message) {
        if (error) *error = message;
        return false;
    };
    if (readEstablishmentFile(kSigningKeyFile)) return fail("Une clé existe déjà sur cet appareil : elle n’a pas été remplacée.");
    if (characterCount(passphrase) < kMinPassphraseLength) {
        if (error)
            *error = "La phrase de passe doit compter au moins " + std::to_string(kMinPassphraseLength) + " caractères.";
        return false;
    }
    if (passphrase != confirmation) return fail("Les deux phrases de passe ne sont pas identiques.");
    const SigningKey key = SigningKey::generate();
    const std::string text = keyFileText(key, passphrase);
    if (text.empty()) return fail("Pas assez de mémoire pour chiffrer la clé (64 Mo nécessaires) : rien n’a été enregistré.");
    std::string writeError;
    if (!writeEstablishmentFile(kSigningKeyFile, text, &writeError)) {
        if (error) *error = "La clé n’a pas pu être enregistrée : " + writeError;
        return false;
    }
    platform::storageFlush(); // a new key is worth saving at once rather than in the next batch
    return true;
}

std::optional<SigningKey> unlockStoredKey(std::string_view passphrase, std::string* error) {
    const auto text = readEstablishmentFile(kSigningKeyFile);
    if (!text) {
        if (error) *error = "Aucune clé sur cet appareil.";
        return std::nullopt;
    }
    std::string keyError;
    auto key = loadKeyFile(*text, passphrase, &keyError);
    if (!key && error) *error = "Clé non ouverte : " + keyError + ". Votre clé n’a pas été modifiée.";
    return key;
}

TrustList storedTrustList(std::string* error) {
    const auto text = platform::storageRead(kTrustedKeysFile);
    if (!text) return TrustList::parse(R"({"keys":[]})", nullptr).value();
    std::string parseError;
    auto list = TrustList::parse(*text, &parseError);
    if (!list) {
        if (error) *error = "Vos clés de confiance enregistrées sont illisibles : " + parseError;
        return TrustList::parse(R"({"keys":[]})", nullptr).value();
    }
    return *list;
}

int importTrustedKeys(std::string_view jwksText, std::string* error) {
    std::string parseError;
    const auto incoming = TrustList::parse(jwksText, &parseError);
    if (!incoming) {
        if (error) *error = "Ce fichier n’a pas été importé : " + parseError;
        return -1;
    }
    // Rebuild the stored JWKS from both lists: the incoming list's entries replace the same kid.
    std::string storedError;
    const TrustList stored = storedTrustList(&storedError);
    auto entry = [](const TrustedKey& k) {
        Json jwk = publicJwk(k.x);
        jwk["kid"] = k.kid;
        jwk["name"] = k.name;
        if (!k.roles.empty()) jwk["roles"] = k.roles;
        return jwk;
    };
    Json keys = Json::array();
    for (const auto& k : stored.keys()) {
        if (!incoming->find(k.kid)) keys.push_back(entry(k));
    }
    for (const auto& k : incoming->keys()) keys.push_back(entry(k));
    const std::string text = Json{{"keys", keys}}.dump(2) + "\n";
    std::string writeError;
    if (!platform::storageWrite(kTrustedKeysFile, text, &writeError)) {
        if (error) *error = "Les clés n’ont pas pu être enregistrées : " + writeError;
        return -1;
    }
    return static_cast<int>(incoming->keys().size());
}

} // namespace passerelle::ui
