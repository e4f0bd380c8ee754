// Ed25519 JWK handling and the encrypted key file, all crypto from libsodium.
#include "core/jwk.hpp"

#include "core/jcs.hpp"
#include "core/sodium_util.hpp"

#include <sodium.h>

#include <cstring>

namespace passerelle {
namespace {

constexpr const char* kEncryptedMember = "passerelle_chiffre";
constexpr unsigned long long kMaxOpslimit = 16;
constexpr std::size_t kMaxMemlimit = 1024u * 1024u * 1024u;

bool fail(std::string* error, std::string message) {
    if (error)
        *error = std::move(message);
    return false;
}

std::optional<Bytes> b64Member(const Json& obj, const char* name, std::size_t size) {
    const auto it = obj.find(name);
    if (it == obj.end() || !it->is_string())
        return std::nullopt;
    auto bytes = base64UrlDecode(it->get_ref<const std::string&>());
    if (!bytes || (size != 0 && bytes->size() != size))
        return std::nullopt;
    return bytes;
}

} // namespace

Json publicJwk(const Ed25519PublicKey& x) {
    return Json{{"crv", "Ed25519"}, {"kty", "OKP"}, {"x", base64UrlEncode(x.data(), x.size())}};
}

std::string jwkThumbprint(const Ed25519PublicKey& x) {
    // The members are already in RFC 7638's order and hold only ASCII: the JCS is fixed.
    const std::string canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + base64UrlEncode(x.data(), x.size()) + "\"}";
    const auto h = sha256(canonical);
    return base64UrlEncode(h.data(), h.size());
}

std::optional<Ed25519PublicKey> parsePublicJwk(const Json& jwk, std::string* error, PublicKeyOptions options) {
    if (!jwk.is_object())
        return fail(error, "clé JWK : un objet JSON est attendu"), std::nullopt;
    if (jwk.value("kty", Json()) != "OKP" || jwk.value("crv", Json()) != "Ed25519")
        return fail(error, "clé JWK : seules les clés Ed25519 (kty OKP, crv Ed25519) sont acceptées"), std::nullopt;
    if (jwk.contains("d"))
        return fail(error, "clé JWK : une clé privée (membre \"d\") n'a rien à faire ici"), std::nullopt;
    for (auto it = jwk.begin(); it != jwk.end(); ++it) {
        const auto& k = it.key();
        if (k == "kty" || k == "crv" || k == "x" || (k == "kid" && options.allowKid))
            continue;
        if (!options.allowOtherMembers)
            return fail(error, "clé JWK : membre inattendu \"" + k + "\""), std::nullopt;
    }
    const auto x = b64Member(jwk, "x", 32);
    if (!x)
        return fail(error, "clé JWK : \"x\" doit être 32 octets en base64url strict"), std::nullopt;
    Ed25519PublicKey key{};
    std::memcpy(key.data(), x->data(), 32);
    if (jwk.contains("kid") && jwk["kid"] != jwkThumbprint(key))
        return fail(error, "clé JWK : \"kid\" n'est pas l'empreinte RFC 7638 de la clé"), std::nullopt;
    return key;
}

bool verifyEd25519(const Ed25519PublicKey& key, std::string_view message, const std::uint8_t* signature) {
    return sodiumReady() &&
           crypto_sign_verify_detached(signature, reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), key.data()) == 0;
}

SigningKey SigningKey::generate() {
    const auto seed = randomBytes(32);
    return fromSeed(seed.data());
}

SigningKey SigningKey::fromSeed(const std::uint8_t* seed32) {
    (void)sodiumReady();
    SigningKey k;
    crypto_sign_seed_keypair(k.m_public.data(), k.m_secret.data(), seed32);
    k.m_kid = jwkThumbprint(k.m_public);
    return k;
}

SigningKey::SigningKey(const SigningKey& other)
    : m_secret(other.m_secret), m_public(other.m_public), m_kid(other.m_kid) {}

SigningKey& SigningKey::operator=(const SigningKey& other) {
    m_secret = other.m_secret;
    m_public = other.m_public;
    m_kid = other.m_kid;
    return *this;
}

SigningKey::~SigningKey() { sodium_memzero(m_secret.data(), m_secret.size()); }

Ed25519Signature SigningKey::sign(std::string_view message) const {
    Ed25519Signature sig{};
    crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         m_secret.data());
    return sig;
}

Json SigningKey::privateJwk() const {
    Json jwk = publicJwk(m_public);
    jwk["d"] = base64UrlEncode(m_secret.data(), 32);
    jwk["kid"] = m_kid;
    return jwk;
}

std::string keyFileText(const SigningKey& key, std::string_view passphrase, KdfParams params) {
    if (passphrase.empty())
        return key.privateJwk().dump(2) + "\n";
    Json jwk = publicJwk(key.publicKey());
    jwk["kid"] = key.kid();
    const auto salt = randomBytes(crypto_pwhash_SALTBYTES);
    const auto nonce = randomBytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_KEYBYTES> wrap{};
    if (crypto_pwhash(wrap.data(), wrap.size(), passphrase.data(), passphrase.size(), salt.data(), params.opslimit,
                      params.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return {}; // out of memory: the caller reports it
    const std::string aad = jwk["x"].get<std::string>();
    Bytes ct(32 + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long ctLen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(ct.data(), &ctLen, key.seed(), 32,
                                               reinterpret_cast<const unsigned char*>(aad.data()), aad.size(), nullptr,
                                               nonce.data(), wrap.data());
    sodium_memzero(wrap.data(), wrap.size());
    jwk[kEncryptedMember] = Json{{"kdf", "argon2id13"},
                                 {"opslimit", params.opslimit},
                                 {"memlimit", params.memlimit},
                                 {"salt", base64UrlEncode(salt)},
                                 {"aead", "xchacha20poly1305-ietf"},
                                 {"nonce", base64UrlEncode(nonce)},
                                 {"ct", base64UrlEncode(ct.data(), static_cast<std::size_t>(ctLen))}};
    return jwk.dump(2) + "\n";
}

std::optional<SigningKey> loadKeyFile(std::string_view text, std::optional<std::string_view> passphrase,
                                      std::string* error) {
    if (!sodiumReady())
        return fail(error, "libsodium n'a pas pu démarrer"), std::nullopt;
    JsonError jerr;
    const auto doc = parseStrict(text, &jerr);
    if (!doc)
        return fail(error, "fichier de clé illisible : " + jerr.message), std::nullopt;
    if (!doc->is_object() || doc->value("kty", Json()) != "OKP" || doc->value("crv", Json()) != "Ed25519")
        return fail(error, "fichier de clé : une clé Ed25519 au format JWK (kty OKP) est attendue"), std::nullopt;
    const auto x = b64Member(*doc, "x", 32);
    if (!x)
        return fail(error, "fichier de clé : clé publique \"x\" absente ou invalide"), std::nullopt;

    std::array<std::uint8_t, 32> seed{};
    if (doc->contains("d")) {
        const auto d = b64Member(*doc, "d", 32);
        if (!d)
            return fail(error, "fichier de clé : clé privée \"d\" invalide (32 octets en base64url attendus)"), std::nullopt;
        std::memcpy(seed.data(), d->data(), 32);
    } else if (doc->contains(kEncryptedMember)) {
        const Json& enc = (*doc)[kEncryptedMember];
        if (!passphrase || passphrase->empty())
            return fail(error, "cette clé est chiffrée : donnez sa phrase de passe (--passphrase-file)"), std::nullopt;
        if (!enc.is_object() || enc.value("kdf", Json()) != "argon2id13" ||
            enc.value("aead", Json()) != "xchacha20poly1305-ietf" || !enc.value("opslimit", Json()).is_number_unsigned() ||
            !enc.value("memlimit", Json()).is_number_unsigned())
            return fail(error, "fichier de clé : paramètres de chiffrement inconnus ou absents"), std::nullopt;
        const auto ops = enc["opslimit"].get<unsigned long long>();
        const auto mem = enc["memlimit"].get<std::uint64_t>();
        if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > kMaxOpslimit || mem < crypto_pwhash_MEMLIMIT_MIN || mem > kMaxMemlimit)
            return fail(error, "fichier de clé : coût Argon2id hors des limites acceptées"), std::nullopt;
        const auto salt = b64Member(enc, "salt", crypto_pwhash_SALTBYTES);
        const auto nonce = b64Member(enc, "nonce", crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
        const auto ct = b64Member(enc, "ct", 32 + crypto_aead_xchacha20poly1305_ietf_ABYTES);
        if (!salt || !nonce || !ct)
            return fail(error, "fichier de clé : sel, nonce ou texte chiffré invalide"), std::nullopt;
        std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_KEYBYTES> wrap{};
        if (crypto_pwhash(wrap.data(), wrap.size(), passphrase->data(), passphrase->size(), salt->data(), ops,
                          static_cast<std::size_t>(mem), crypto_pwhash_ALG_ARGON2ID13) != 0)
            return fail(error, "mémoire insuffisante pour dériver la clé de la phrase de passe"), std::nullopt;
        const std::string aad = (*doc)["x"].get<std::string>();
        unsigned long long len = 0;
        const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
            seed.data(), &len, nullptr, ct->data(), ct->size(), reinterpret_cast<const unsigned char*>(aad.data()),
            aad.size(), nonce->data(), wrap.data());
        sodium_memzero(wrap.data(), wrap.size());
        if (rc != 0 || len != 32)
            return fail(error, "phrase de passe incorrecte (ou fichier de clé altéré) : la clé n'a pas été déchiffrée"),
                   std::nullopt;
    } else {
        return fail(error, "fichier de clé : c'est une clé publique, il faut la clé privée (membre \"d\")"), std::nullopt;
    }
    SigningKey key = SigningKey::fromSeed(seed.data());
    sodium_memzero(seed.data(), seed.size());
    if (std::memcmp(key.publicKey().data(), x->data(), 32) != 0)
        return fail(error, "fichier de clé incohérent : la clé privée ne correspond pas à \"x\""), std::nullopt;
    if (doc->contains("kid") && (*doc)["kid"] != key.kid())
        return fail(error, "fichier de clé : \"kid\" n'est pas l'empreinte RFC 7638 de la clé"), std::nullopt;
    return key;
}

std::string passphraseFromFile(std::string text) {
    if (!text.empty() && text.back() == '\n')
        text.pop_back();
    if (!text.empty() && text.back() == '\r')
        text.pop_back();
    return text;
}

} // namespace passerelle
