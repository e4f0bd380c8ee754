// Tests of the RFC 8785 writer: the RFC's samples (UTF-16 key order, numbers, escapes) and our integer-only mode.
#include "core/jcs.hpp"

#include <doctest/doctest.h>

#include <cstring>

using namespace passerelle;

namespace {
std::string canon(const std::string& text, JcsOptions options = {}) {
    JsonError jerr;
    const auto doc = parseStrict(text, &jerr);
    REQUIRE_MESSAGE(doc, jerr.message);
    std::string why;
    const auto out = canonicalize(*doc, &why, options);
    return out ? *out : "<refusé : " + why + ">";
}
double fromBits(std::uint64_t bits) {
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}
} // namespace

TEST_SUITE("jcs") {
TEST_CASE("RFC 8785 §3.2.2 sample: whitespace, numbers, literals, string escapes") {
    const std::string input = R"({
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
})";
    CHECK(canon(input) ==
          "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
          "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST_CASE("RFC 8785 §3.2.3 sample: keys sorted by UTF-16 code units, not UTF-8 bytes") {
    const std::string input = R"({
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
})";
    const std::string out = canon(input);
    const char* order[] = {"Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign",
                           "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"};
    std::size_t last = 0;
    for (const char* v : order) {
        const auto pos = out.find(v);
        REQUIRE(pos != std::string::npos);
        CHECK(pos > last);
        last = pos;
    }
    // UTF-8 byte order would put U+FB33 (EF AC B3) before U+1F600 (F0 9F 98 80).
    CHECK(out.find("Emoji") < out.find("Hebrew"));
    CHECK(out.rfind("{\"\\r\":\"Carriage Return\",\"1\":\"One\",", 0) == 0);
}

TEST_CASE("RFC 8785 Appendix B number samples (ECMAScript Number::toString)") {
    const std::pair<std::uint64_t, const char*> samples[] = {
        {0x0000000000000000, "0"},
        {0x8000000000000000, "0"},
        {0x0000000000000001, "5e-324"},
        {0x8000000000000001, "-5e-324"},
        {0x7fefffffffffffff, "1.7976931348623157e+308"},
        {0xffefffffffffffff, "-1.7976931348623157e+308"},
        {0x4340000000000000, "9007199254740992"},
        {0xc340000000000000, "-9007199254740992"},
        {0x4430000000000000, "295147905179352830000"},
        {0x44b52d02c7e14af5, "9.999999999999997e+22"},
        {0x44b52d02c7e14af6, "1e+23"},
        {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
        {0x444b1ae4d6e2ef4e, "999999999999999700000"},
        {0x444b1ae4d6e2ef4f, "999999999999999900000"},
        {0x444b1ae4d6e2ef50, "1e+21"},
        {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
        {0x3eb0c6f7a0b5ed8d, "0.000001"},
        {0x41b3de4355555553, "333333333.3333332"},
        {0x41b3de4355555554, "333333333.33333325"},
        {0x41b3de4355555555, "333333333.3333333"},
        {0x41b3de4355555556, "333333333.3333334"},
        {0x41b3de4355555557, "333333333.33333343"},
        {0xbecbf647612f3696, "-0.0000033333333333333333"},
        {0x43143ff3c1cb0959, "1424953923781206.2"},
    };
    for (const auto& sample : samples) { // (no structured binding: CAPTURE's lambda needs clang 16)
        const std::uint64_t bits = sample.first;
        const char* expected = sample.second;
        CAPTURE(expected);
        CHECK(ecmaNumberToString(fromBits(bits)) == expected);
        CHECK(canon(std::string("[") + expected + "]") == std::string("[") + expected + "]");
    }
}

TEST_CASE("NaN and infinities are refused, never written") {
    std::string why;
    CHECK_FALSE(canonicalize(Json(fromBits(0x7fffffffffffffff)), &why));
    CHECK(why.find("non fini") != std::string::npos);
    CHECK_FALSE(canonicalize(Json(fromBits(0x7ff0000000000000)), &why));
}

TEST_CASE("number forms JSON allows collapse to one spelling") {
    CHECK(canon("[1.0, -0.0, 100, 1e2, 1E+2, 0.5e1, 12345678901234567890]") ==
          "[1,0,100,100,100,5,12345678901234567000]");
    CHECK(canon("[9007199254740991, -9007199254740991]") == "[9007199254740991,-9007199254740991]");
}

TEST_CASE("integer-only mode (signed data) refuses floats and unsafe integers") {
    CHECK(canon("{\"a\":1.5}", JcsOptions{true}).find("<refusé : nombre à virgule") == 0);
    CHECK(canon("{\"a\":1.0}", JcsOptions{true}).find("<refusé") == 0); // written with a fraction
    CHECK(canon("{\"a\":9007199254740992}", JcsOptions{true}).find("<refusé : entier trop grand") == 0);
    CHECK(canon("{\"a\":-9007199254740991,\"b\":[true,\"x\"]}", JcsOptions{true}) ==
          "{\"a\":-9007199254740991,\"b\":[true,\"x\"]}");
}

TEST_CASE("string escapes: controls as \\u00xx lowercase, named escapes, the rest literal UTF-8") {
    CHECK(canon(R"(["\u0000\u0001\u001f\b\t\n\f\r\"\\/\u007f\u2028é😀"])") ==
          "[\"\\u0000\\u0001\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\x7f\xE2\x80\xA8\xC3\xA9\xF0\x9F\x98\x80\"]");
}

TEST_CASE("nesting, empty containers, and the strict reader's duplicate-key refusal") {
    CHECK(canon(R"({ "b" : [ {}, [] , {"z":1,"a":{"d":null,"c":false}} ], "a" : "" })") ==
          R"({"a":"","b":[{},[],{"a":{"c":false,"d":null},"z":1}]})");
    JsonError jerr;
    CHECK_FALSE(parseStrict(R"({"a":1,"a":2})", &jerr));
}
}
