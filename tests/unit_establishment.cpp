// Unit tests for the establishment profile: strict reading, round trip, UAI check letter.
#include "core/establishment.hpp"

#include <doctest/doctest.h>

using passerelle::Establishment;
using passerelle::checkUai;
using passerelle::establishmentProblems;
using passerelle::establishmentToJson;
using passerelle::parseEstablishment;

TEST_SUITE("establishment") {
TEST_CASE("round trip keeps French text byte for byte") {
    Establishment p{"Lycée Cœur « Saint-Exupéry » — 5 €", "0750655E", "Fréjus", "Bouches-du-Rhône",
                    "privé sous contrat"};
    std::string error;
    const auto back = parseEstablishment(establishmentToJson(p), &error);
    REQUIRE_MESSAGE(back, error);
    CHECK(*back == p);
}

TEST_CASE("missing fields are empty, the format is required") {
    const auto p = parseEstablishment(R"({"format":"passerelle.establishment/1","name":"CIO de Nice"})");
    REQUIRE(p);
    CHECK(p->name == "CIO de Nice");
    CHECK(p->uai.empty());
    std::string error;
    CHECK_FALSE(parseEstablishment(R"({"name":"x"})", &error));
    CHECK(error.find("\"format\"") != std::string::npos);
    CHECK_FALSE(parseEstablishment(R"({"format":"passerelle.establishment/2"})", &error));
}

TEST_CASE("bad input gives one French line") {
    std::string error;
    CHECK_FALSE(parseEstablishment("pas du json", &error));
    CHECK(error.find("illisible") != std::string::npos);
    CHECK(error.find('\n') == std::string::npos);
    CHECK_FALSE(parseEstablishment("[]", &error));
    CHECK(error.find("objet") != std::string::npos);
    CHECK_FALSE(parseEstablishment(R"({"format":"passerelle.establishment/1","name":"a","name":"b"})", &error));
    CHECK(error.find("deux fois") != std::string::npos);
    CHECK_FALSE(parseEstablishment(R"({"format":"passerelle.establishment/1","ville":"Nice"})", &error));
    CHECK(error.find("champ inconnu \"ville\"") != std::string::npos);
    CHECK_FALSE(parseEstablishment(R"({"format":"passerelle.establishment/1","uai":750655})", &error));
    CHECK(error.find("l'UAI doit être du texte") != std::string::npos);
    CHECK_FALSE(parseEstablishment(R"({"format":"passerelle.establishment/1","commune":"a\nb"})", &error));
    CHECK(error.find("caractère de contrôle") != std::string::npos);
    const std::string longName(passerelle::kEstablishmentFieldMax + 1, 'x');
    CHECK_FALSE(parseEstablishment(R"({"format":"passerelle.establishment/1","name":")" + longName + "\"}", &error));
    CHECK(error.find("dépasse") != std::string::npos);
}

TEST_CASE("UAI check letter") {
    CHECK_FALSE(checkUai(""));         // not filled in yet
    CHECK_FALSE(checkUai("0750655E")); // lycée Louis-le-Grand
    CHECK_FALSE(checkUai("0750654D")); // lycée Henri-IV
    CHECK_FALSE(checkUai("0750655e")); // lower case accepted
    const auto wrong = checkUai("0750655F");
    REQUIRE(wrong);
    CHECK(wrong->find("devrait être E") != std::string::npos);
    CHECK(checkUai("075065E"));
    CHECK(checkUai("07506X5E"));
    CHECK(establishmentProblems(Establishment{"a", "0750655F", "", "", ""}).size() == 1);
    CHECK(establishmentProblems(Establishment{"a", "0750655E", "", "", ""}).empty());
}
}
