// Unit tests for strict JSON reading (duplicate keys, trailing data, French messages).
#include "core/json_strict.hpp"

#include <doctest/doctest.h>

using passerelle::JsonError;
using passerelle::parseStrict;
using passerelle::Json;
using passerelle::textOr;
using passerelle::boolOr;
using passerelle::integerOr;

TEST_SUITE("json_strict") {
TEST_CASE("parses nested documents like nlohmann") {
    const auto doc = parseStrict(R"({"a":[1,{"b":null}],"c":"é","d":-2.5,"e":true})");
    REQUIRE(doc);
    CHECK((*doc)["a"][1]["b"].is_null());
    CHECK((*doc)["c"].get<std::string>() == "é");
    CHECK((*doc)["d"].get<double>() == -2.5);
    CHECK(*doc == nlohmann::json::parse(R"({"a":[1,{"b":null}],"c":"é","d":-2.5,"e":true})"));
}

TEST_CASE("refuses duplicate keys at any depth") {
    JsonError err;
    CHECK_FALSE(parseStrict(R"({"a":1,"a":2})", &err));
    CHECK(err.message.find("\"a\" apparaît deux fois") != std::string::npos);
    CHECK_FALSE(parseStrict(R"({"p":{"x":1,"y":2,"x":3}})", &err));
    CHECK(err.message.find("\"x\"") != std::string::npos);
    // The same key in two different objects is fine.
    CHECK(parseStrict(R"([{"a":1},{"a":2}])"));
}

TEST_CASE("says in French what is wrong") {
    JsonError err;
    CHECK_FALSE(parseStrict("bonjour", &err));
    CHECK(err.message.find("ce n'est pas du JSON") != std::string::npos);
    CHECK_FALSE(parseStrict("  nope", &err));
    CHECK(err.message.find("ce n'est pas du JSON") != std::string::npos);
    CHECK_FALSE(parseStrict("Nom;Prénom\n", &err));
    CHECK(err.message.find("ce n'est pas du JSON") != std::string::npos);
    CHECK_FALSE(parseStrict(R"({"a":)", &err));
    CHECK(err.message.find("incomplet") != std::string::npos);
    CHECK_FALSE(parseStrict(R"({"a":1} x)", &err));
    CHECK(err.message.find("suit la fin") != std::string::npos);
    CHECK_FALSE(parseStrict("", &err));
}

TEST_CASE("scalars and empty containers are documents") {
    CHECK(parseStrict("[]")->empty());
    CHECK(parseStrict("{}")->is_object());
    CHECK(parseStrict("42")->get<int>() == 42);
}

TEST_CASE("members of outside data fall back instead of throwing on the wrong type") {
    const auto doc = parseStrict(R"({"s":"oui","b":true,"i":7,"u":18446744073709551615,"n":-3,"f":1.5,"x":null,"o":{}})");
    REQUIRE(doc);
    CHECK(textOr(*doc, "s") == "oui");
    CHECK(textOr(*doc, "b").empty());
    CHECK(textOr(*doc, "absent", "debut") == "debut");
    CHECK(textOr(Json::array({1, 2}), "s", "z") == "z"); // not an object at all
    CHECK(boolOr(*doc, "b", false));
    CHECK(boolOr(*doc, "s", false) == false);
    CHECK(boolOr(*doc, "x", true));
    CHECK(integerOr(*doc, "i", 0) == 7);
    CHECK(integerOr(*doc, "n", 0) == -3);
    CHECK(integerOr(*doc, "u", 1) == 1); // past long long: the fallback, not a wrapped negative
    CHECK(integerOr(*doc, "f", 2) == 2);
    CHECK(integerOr(*doc, "o", 4) == 4);
    CHECK(integerOr(Json("texte"), "i", 5) == 5);
}
}
