// Tests of the strict JWS verifier: what it accepts (our JWS, legacy EdDSA) and what it refuses.
#include "core/jcs.hpp"
#include "core/jws.hpp"

#include <doctest/doctest.h>

using namespace passerelle;

namespace {
const SigningKey& testKey() {
    static const SigningKey k = [] {
        std::uint8_t seed[32];
        for (int i = 0; i < 32; ++i)
            seed[i] = static_cast<std::uint8_t>(i * 7 + 1);
        return SigningKey::fromSeed(seed);
    }();
    return k;
}
// A JWS with an arbitrary protected header, signed by `key` (to build the attacks).
Json forge(const Json& header, const std::string& payload, const SigningKey& key = testKey()) {
    const std::string prot = base64UrlEncode(header.dump());
    const std::string pay = base64UrlEncode(payload);
    const auto sig = key.sign(prot + "." + pay);
    return Json{{"protected", prot}, {"payload", pay}, {"signature", base64UrlEncode(sig.data(), sig.size())}};
}
Json goodHeader(const char* alg = "Ed25519") {
    return Json{{"alg", alg}, {"jwk", publicJwk(testKey().publicKey())}, {"kid", testKey().kid()}, {"typ", "t"}};
}
std::string refusal(const Json& jws) {
    std::string why;
    return verifyFlattened(jws, "t", &why) ? std::string("<accepté>") : why;
}
} // namespace

TEST_SUITE("jws") {
TEST_CASE("our flattened JWS verifies and gives back the payload and key") {
    const Json jws = signFlattened(testKey(), "{\"a\":1}", "t");
    std::string why;
    const auto v = verifyFlattened(jws, "t", &why);
    REQUIRE_MESSAGE(v, why);
    CHECK(v->payload == "{\"a\":1}");
    CHECK(v->kid == testKey().kid());
    CHECK(v->header["alg"] == "Ed25519");
    CHECK(v->signingInput == jws["protected"].get<std::string>() + "." + jws["payload"].get<std::string>());
    const auto header = parseStrict(std::string(reinterpret_cast<const char*>(base64UrlDecode(jws["protected"].get<std::string>())->data()),
                                                base64UrlDecode(jws["protected"].get<std::string>())->size()));
    CHECK(header->dump() == *canonicalize(*header)); // we write the header in JCS form
}

TEST_CASE("legacy alg EdDSA is accepted") {
    CHECK(refusal(forge(goodHeader("EdDSA"), "x")) == "<accepté>");
}

TEST_CASE("alg none, other algs, unknown crit and unknown header members are refused") {
    Json none = goodHeader("none");
    CHECK(refusal(forge(none, "x")).find("none") != std::string::npos);
    Json unsignedNone = forge(none, "x");
    unsignedNone["signature"] = "";
    CHECK(refusal(unsignedNone) != "<accepté>");
    CHECK(refusal(forge(goodHeader("ES256"), "x")).find("algorithme non accepté") == 0);
    Json crit = goodHeader();
    crit["crit"] = Json::array({"exp"});
    crit["exp"] = 1;
    CHECK(refusal(forge(crit, "x")).find("crit") != std::string::npos);
    Json b64 = goodHeader();
    b64["b64"] = false;
    b64["crit"] = Json::array({"b64"});
    CHECK(refusal(forge(b64, "x")) != "<accepté>");
    Json extra = goodHeader();
    extra["x5u"] = "https://exemple.invalid/";
    CHECK(refusal(forge(extra, "x")).find("membre inattendu") != std::string::npos);
    Json noTyp = goodHeader();
    noTyp.erase("typ");
    CHECK(refusal(forge(noTyp, "x")).find("typ") != std::string::npos);
}

TEST_CASE("unprotected header and unknown wrapper members are refused") {
    Json jws = signFlattened(testKey(), "x", "t");
    Json withHeader = jws;
    withHeader["header"] = Json{{"kid", "x"}};
    CHECK(refusal(withHeader).find("non protégé") != std::string::npos);
    Json extra = jws;
    extra["note"] = "ajout";
    CHECK(refusal(extra).find("membre inattendu") != std::string::npos);
}

TEST_CASE("wrong key: a kid or jwk that is not the signer's") {
    CHECK(refusal(forge(goodHeader(), "x", testKey())) == "<accepté>"); // control
    std::uint8_t seed[32] = {9};
    const auto stranger = SigningKey::fromSeed(seed);
    CHECK(refusal(forge(goodHeader(), "x", stranger)).find("signature Ed25519 incorrecte") == 0);
    Json lyingKid = goodHeader();
    lyingKid["kid"] = stranger.kid();
    CHECK(refusal(forge(lyingKid, "x")).find("kid") != std::string::npos);
    Json privateJwk = goodHeader();
    privateJwk["jwk"] = testKey().privateJwk();
    CHECK(refusal(forge(privateJwk, "x")).find("clé privée") != std::string::npos);
}

TEST_CASE("non-strict base64url anywhere is refused") {
    Json jws = signFlattened(testKey(), "abc", "t");
    Json padded = jws;
    padded["payload"] = padded["payload"].get<std::string>() + "=";
    CHECK(refusal(padded).find("base64url") != std::string::npos);
    Json sig = jws;
    sig["signature"] = sig["signature"].get<std::string>().substr(0, 85) + "B"; // leftover bits set
    CHECK(refusal(sig) != "<accepté>");
}
}
