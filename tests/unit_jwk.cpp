// Tests of Ed25519 JWK keys: RFC 8037 A.1–A.4 and RFC 7638 vectors, the encrypted key file, wrong passphrases.
#include "core/jcs.hpp"
#include "core/jwk.hpp"
#include "core/sodium_util.hpp"

#include <doctest/doctest.h>

using namespace passerelle;

namespace {
constexpr const char* kD = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"; // RFC 8037 A.1
constexpr const char* kX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

SigningKey rfcKey() {
    const auto d = base64UrlDecode(kD);
    REQUIRE(d);
    return SigningKey::fromSeed(d->data());
}
// Cheap Argon2id cost so the tests stay fast (the file records the cost it was made with).
const KdfParams kFastKdf{1, 8u * 1024u * 1024u};
} // namespace

TEST_SUITE("jwk") {
TEST_CASE("RFC 8037 A.1/A.2: the private key's public half and the public JWK") {
    REQUIRE(sodiumReady());
    const auto key = rfcKey();
    CHECK(publicJwk(key.publicKey()).dump() == std::string("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"") + kX + "\"}");
    const Json priv = key.privateJwk();
    CHECK(priv["d"] == kD);
    CHECK(priv["x"] == kX);
}

TEST_CASE("RFC 8037 A.3: JWK thumbprint of the Ed25519 key") {
    CHECK(rfcKey().kid() == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}

TEST_CASE("RFC 8037 A.4: Ed25519 signature of \"Example of Ed25519 signing\"") {
    const auto key = rfcKey();
    const std::string input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    CHECK(base64UrlEncode(std::string_view("{\"alg\":\"EdDSA\"}")) == "eyJhbGciOiJFZERTQSJ9");
    CHECK(base64UrlEncode(std::string_view("Example of Ed25519 signing")) == "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc");
    const auto sig = key.sign(input);
    CHECK(base64UrlEncode(sig.data(), sig.size()) ==
          "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
    CHECK(verifyEd25519(key.publicKey(), input, sig.data()));
    CHECK_FALSE(verifyEd25519(key.publicKey(), input + "x", sig.data()));
}

TEST_CASE("RFC 7638 §3.1: thumbprint = SHA-256 of the JCS of the required members") {
    const Json rsa{{"kty", "RSA"},
                   {"e", "AQAB"},
                   {"n", "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjB"
                         "ZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSq"
                         "zs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINH"
                         "aQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}};
    const auto h = sha256(*canonicalize(rsa));
    CHECK(base64UrlEncode(h.data(), h.size()) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    // And our Ed25519 shortcut agrees with the general method.
    const auto key = rfcKey();
    const auto h2 = sha256(*canonicalize(publicJwk(key.publicKey())));
    CHECK(base64UrlEncode(h2.data(), h2.size()) == key.kid());
}

TEST_CASE("public JWK reading is strict") {
    std::string why;
    const auto key = rfcKey();
    CHECK(parsePublicJwk(publicJwk(key.publicKey()), &why));
    Json withKid = publicJwk(key.publicKey());
    withKid["kid"] = key.kid();
    CHECK(parsePublicJwk(withKid, &why));
    withKid["kid"] = "autre";
    CHECK_FALSE(parsePublicJwk(withKid, &why));
    CHECK(why.find("empreinte") != std::string::npos);
    CHECK_FALSE(parsePublicJwk(key.privateJwk(), &why)); // private part refused
    Json extra = publicJwk(key.publicKey());
    extra["use"] = "sig";
    CHECK_FALSE(parsePublicJwk(extra, &why));
    CHECK(parsePublicJwk(extra, &why, PublicKeyOptions{true, true}));
    Json shortX = publicJwk(key.publicKey());
    shortX["x"] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR"; // 31.5 bytes
    CHECK_FALSE(parsePublicJwk(shortX, &why));
    Json p256{{"kty", "EC"}, {"crv", "P-256"}, {"x", kX}};
    CHECK_FALSE(parsePublicJwk(p256, &why));
}

TEST_CASE("key file: plain JWK round-trip") {
    const auto key = SigningKey::generate();
    const std::string text = keyFileText(key);
    std::string why;
    const auto back = loadKeyFile(text, std::nullopt, &why);
    REQUIRE_MESSAGE(back, why);
    CHECK(back->kid() == key.kid());
    CHECK(parseStrict(text)->contains("d"));
}

TEST_CASE("key file: encrypted with Argon2id + XChaCha20-Poly1305, parameters in the header") {
    const auto key = SigningKey::generate();
    const std::string text = keyFileText(key, "correct horse battery staple", kFastKdf);
    const Json doc = *parseStrict(text);
    CHECK_FALSE(doc.contains("d"));
    CHECK(text.find(base64UrlEncode(key.seed(), 32)) == std::string::npos);
    CHECK(doc["passerelle_chiffre"]["kdf"] == "argon2id13");
    CHECK(doc["passerelle_chiffre"]["opslimit"] == 1);
    CHECK(doc["passerelle_chiffre"]["memlimit"] == 8u * 1024u * 1024u);
    CHECK(doc["passerelle_chiffre"]["aead"] == "xchacha20poly1305-ietf");
    std::string why;
    const auto back = loadKeyFile(text, std::string_view("correct horse battery staple"), &why);
    REQUIRE_MESSAGE(back, why);
    CHECK(back->kid() == key.kid());
    CHECK(back->sign("m") == key.sign("m"));
}

TEST_CASE("key file: wrong or missing passphrase gives a clear French error and leaves the text as it was") {
    const auto key = SigningKey::generate();
    const std::string text = keyFileText(key, "bonne phrase", kFastKdf);
    const std::string before = text;
    std::string why;
    CHECK_FALSE(loadKeyFile(text, std::string_view("mauvaise phrase"), &why));
    CHECK(why == "phrase de passe incorrecte (ou fichier de clé altéré) : la clé n'a pas été déchiffrée");
    CHECK(text == before);
    CHECK_FALSE(loadKeyFile(text, std::nullopt, &why));
    CHECK(why.find("cette clé est chiffrée") == 0);
}

TEST_CASE("key file: tampered header or swapped public key is detected") {
    const auto key = SigningKey::generate();
    const auto other = SigningKey::generate();
    Json doc = *parseStrict(keyFileText(key, "phrase", kFastKdf));
    std::string why;
    Json swapped = doc;
    swapped["x"] = publicJwk(other.publicKey())["x"]; // x is the associated data: decryption fails
    swapped["kid"] = other.kid();
    CHECK_FALSE(loadKeyFile(swapped.dump(), std::string_view("phrase"), &why));
    Json costly = doc;
    costly["passerelle_chiffre"]["memlimit"] = std::uint64_t(64) * 1024 * 1024 * 1024; // 64 GiB: refused before trying
    CHECK_FALSE(loadKeyFile(costly.dump(), std::string_view("phrase"), &why));
    CHECK(why.find("hors des limites") != std::string::npos);
    CHECK_FALSE(loadKeyFile("pas du json", std::nullopt, &why));
    CHECK(why.find("fichier de clé illisible") == 0);
}

TEST_CASE("passphrase files lose their final end of line only") {
    CHECK(passphraseFromFile("abc\n") == "abc");
    CHECK(passphraseFromFile("abc\r\n") == "abc");
    CHECK(passphraseFromFile("a b c ") == "a b c ");
}
}
