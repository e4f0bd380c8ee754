// Unit tests for passerelle.situation/1: strict reading, null vs absent, derived facts, errors naming the field.
#include "core/situation.hpp"

#include <doctest/doctest.h>

using namespace passerelle;

namespace {
const CivilDate kToday{2026, 5, 4};

Situation parseOk(const std::string& text, std::vector<std::string>* warnings = nullptr) {
    SituationError error;
    auto s = parseSituation(text, std::nullopt, &error, warnings, kToday);
    INFO(error.message);
    REQUIRE(s);
    return *s;
}

SituationError parseBad(const std::string& text, std::optional<CivilDate> on = std::nullopt) {
    SituationError error;
    CHECK_FALSE(parseSituation(text, on, &error, nullptr, kToday));
    CHECK(error.message.find('\n') == std::string::npos);
    CHECK(error.message.rfind(error.field + " : ", 0) == 0);
    return error;
}

FactValue resolved(const Situation& s, FactId id) { return resolvedFacts(s)[static_cast<std::size_t>(id)]; }
} // namespace

TEST_SUITE("situation") {
TEST_CASE("the catalogue follows the spec's field order") {
    const auto& c = factCatalogue();
    CHECK(c.front().path == "person.birth_date");
    CHECK(c.back().path == "person.staff_status");
    for (std::size_t i = 0; i < c.size(); ++i)
        CHECK(static_cast<std::size_t>(c[i].id) == i);
    CHECK(factByPath("person.grade") == FactId::Grade);
    CHECK_FALSE(factByPath("person.age"));
    CHECK(roleByName("mission_locale") == Role::MissionLocale);
    CHECK(roleName(Role::OrganismeAccueil) == "organisme_accueil");
    CHECK_FALSE(roleByName("prof"));
}

TEST_CASE("département codes") {
    for (const char* ok : {"01", "19", "21", "2A", "2B", "95", "971", "976"})
        CHECK(choiceIndex(FactId::Departement, ok) >= 0);
    for (const char* bad : {"20", "00", "96", "977", "1", "13 ", "2a"})
        CHECK(choiceIndex(FactId::Departement, bad) < 0);
}

TEST_CASE("absent is unknown; null is unknown except for the three nullable facts") {
    const Situation s = parseOk(R"({"format":"passerelle.situation/1","person":{"grade":null,"contract_broken_on":null,"exemption":null,"staff_status":null,"rqth":false}})");
    CHECK(s.fact(FactId::Grade).state == FactValue::State::Unknown);
    CHECK(s.fact(FactId::ContractBrokenOn).state == FactValue::State::None);
    CHECK(s.fact(FactId::Exemption).state == FactValue::State::None);
    CHECK(s.fact(FactId::StaffStatus).state == FactValue::State::None);
    CHECK(s.fact(FactId::Rqth) == FactValue{FactValue::State::Known, 0});
    CHECK(s.fact(FactId::BirthDate).state == FactValue::State::Unknown);
}

TEST_CASE("completed_college follows the grade when not given") {
    auto completed = [](const char* grade) {
        return resolved(parseOk(std::string(R"({"person":{"grade":")") + grade + "\"}}"), FactId::CompletedCollege);
    };
    CHECK(completed("4e") == FactValue{FactValue::State::Known, 0});
    CHECK(completed("3e") == FactValue{FactValue::State::Known, 1});
    CHECK(completed("2nde_gt") == FactValue{FactValue::State::Known, 1});
    CHECK(completed("bts_2") == FactValue{FactValue::State::Known, 1});
    CHECK(completed("superieur") == FactValue{FactValue::State::Known, 1});
    CHECK(completed("sans_scolarite").state == FactValue::State::Unknown);
    CHECK(resolved(parseOk(R"({"person":{}})"), FactId::CompletedCollege).state == FactValue::State::Unknown);
    // Given explicitly, it wins over the grade.
    CHECK(resolved(parseOk(R"({"person":{"grade":"2nde_pro","completed_college":false}})"), FactId::CompletedCollege) ==
          FactValue{FactValue::State::Known, 0});
}

TEST_CASE("staff_status is null for a pupil or student") {
    CHECK(resolved(parseOk(R"({"person":{"grade":"3e"}})"), FactId::StaffStatus).state == FactValue::State::None);
    CHECK(resolved(parseOk(R"({"person":{"grade":"sans_scolarite"}})"), FactId::StaffStatus).state == FactValue::State::Unknown);
    CHECK(resolved(parseOk(R"({"person":{}})"), FactId::StaffStatus).state == FactValue::State::Unknown);
    CHECK(resolved(parseOk(R"({"person":{"grade":"3e","staff_status":"autre"}})"), FactId::StaffStatus) ==
          FactValue{FactValue::State::Known, 2});
}

TEST_CASE("reference date: --on, else the situation's on, else today") {
    SituationError e;
    CHECK(parseSituation(R"({"on":"2026-01-02"})", CivilDate{2027, 1, 1}, &e, nullptr, kToday)->on == CivilDate{2027, 1, 1});
    CHECK(parseSituation(R"({"on":"2026-01-02"})", std::nullopt, &e, nullptr, kToday)->on == CivilDate{2026, 1, 2});
    CHECK(parseSituation(R"({})", std::nullopt, &e, nullptr, kToday)->on == kToday);
    CHECK(parseSituation(R"({})", std::nullopt, &e)->on.has_value());
}

TEST_CASE("warnings: missing format, unknown keys") {
    std::vector<std::string> w;
    parseOk(R"({"person":{"grade":"3e","couleur":"bleu"},"extra":1})", &w);
    REQUIRE(w.size() == 3);
    CHECK(w[0].find("« extra »") != std::string::npos);
    CHECK(w[1].find("format") != std::string::npos);
    CHECK(w[2].find("« couleur »") != std::string::npos);
    w.clear();
    parseOk(R"({"format":"passerelle.situation/1","person":{}})", &w);
    CHECK(w.empty());
}

TEST_CASE("errors name the field, on one French line") {
    CHECK(parseBad("pas du json").field == "situation");
    CHECK(parseBad(R"({"person":{"grade":"3e","grade":"4e"}})").message.find("deux fois") != std::string::npos);
    CHECK(parseBad(R"({"format":"passerelle.situation/9"})").field == "format");
    CHECK(parseBad(R"({"on":"2026-02-30"})").field == "on");
    CHECK(parseBad(R"({"requester":"prof"})").field == "requester");
    CHECK(parseBad(R"({"requester":3})").field == "requester");
    CHECK(parseBad(R"({"person":"x"})").field == "person");
    const auto dep = parseBad(R"({"person":{"departement":"20"}})");
    CHECK(dep.field == "person.departement");
    CHECK(dep.message.find("département inconnu « 20 »") != std::string::npos);
    CHECK(parseBad(R"({"person":{"birth_date":"2026-02-30"}})").message.find("2026-02-30") != std::string::npos);
    CHECK(parseBad(R"({"person":{"wants_apprenticeship":1}})").field == "person.wants_apprenticeship");
    CHECK(parseBad(R"({"person":{"diplomas":["bts_mos","cap"]}})").field == "person.diplomas[1]");
    CHECK(parseBad(R"({"person":{"grade":"5e"}})").message.find("4e, 3e") != std::string::npos);
    const auto late = parseBad(R"({"on":"2026-05-04","person":{"birth_date":"2026-05-05"}})");
    CHECK(late.field == "person.birth_date");
    CHECK(late.message.find("après la date de référence") != std::string::npos);
    CHECK(parseBad(R"({"on":"2026-05-04","person":{"birth_date":"2026-05-01"}})", CivilDate{2026, 4, 1}).field == "person.birth_date");
}

TEST_CASE("born on the reference date is accepted") {
    CHECK(parseOk(R"({"on":"2026-05-04","person":{"birth_date":"2026-05-04"}})").fact(FactId::BirthDate).known());
}

TEST_CASE("round trip through situationToJson") {
    const std::string text =
        R"({"format":"passerelle.situation/1","on":"2026-05-04","requester":"cfa","person":{"birth_date":"2011-02-28","grade":"3e","departement":"2B","contract_broken_on":null,"diplomas":["bts_mos","cap_agent_securite"],"exemption":"medical","rqth":true}})";
    const Situation a = parseOk(text);
    const auto json = situationToJson(a);
    CHECK(json["person"]["diplomas"] == nlohmann::ordered_json::parse(R"(["cap_agent_securite","bts_mos"])"));
    CHECK(json["person"]["contract_broken_on"].is_null());
    CHECK_FALSE(json["person"].contains("has_employer"));
    const Situation b = parseOk(json.dump());
    CHECK(a.facts == b.facts);
    CHECK(a.on == b.on);
    CHECK(a.requester == b.requester);
}
}
