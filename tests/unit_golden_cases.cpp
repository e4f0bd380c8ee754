// Runs the golden cases of tests/cases/*.json (situation → expected verdict fields) against assets/rules.
//
// A case file is {"cases": [case, …]}; a case is
//   {"name": "…", "situation": {…} | "situation_text": "…", "on": "AAAA-MM-JJ"?, "today": "AAAA-MM-JJ"?,
//    "error": "person.birth_date"?, "warnings": ["sous-chaîne", …]?,
//    "expect": {"<scheme id>": {"status", "missing", "may_file", "filers", "instructor", "filing_null",
//                               "window", "window_from", "window_to", "contact", "documents",
//                               "reasons", "no_reasons"}}}
// Unknown keys fail the case, so a typo cannot make a case pass silently.
#include "core/json_strict.hpp"
#include "core/rules.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace passerelle;

namespace {

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const RuleSet& repoRules() {
    static const RuleSet rules = [] {
        std::vector<RuleError> errors;
        auto set = RuleSet::fromDirectory(PASSERELLE_SOURCE_DIR "/assets/rules", &errors);
        for (const auto& e : errors)
            MESSAGE(e.text());
        REQUIRE(set);
        return *set;
    }();
    return rules;
}

std::string dateOrNull(const std::optional<CivilDate>& d) { return d ? formatIsoDate(*d) : "null"; }

std::string nullableString(const Json& j) { return j.is_null() ? "null" : j.get<std::string>(); }

std::vector<std::string> strings(const Json& j) {
    std::vector<std::string> out;
    for (const auto& s : j)
        out.push_back(s.get<std::string>());
    return out;
}

bool anyReasonContains(const SchemeVerdict& v, const std::string& needle) {
    return std::any_of(v.reasons.begin(), v.reasons.end(), [&](const Reason& r) { return r.text.find(needle) != std::string::npos; });
}

void checkScheme(const SchemeVerdict& v, const Json& expect) {
    const std::string verdictText = verdictToJson(v).dump();
    INFO("verdict obtenu : " << verdictText);
    static const std::set<std::string> kKeys{"status", "missing", "may_file", "filers", "instructor", "filing_null", "window",
                                             "window_from", "window_to", "contact", "documents", "reasons", "no_reasons"};
    for (const auto& item : expect.items()) {
        const std::string key = item.key(); // clang 14: a structured binding cannot be captured by INFO
        INFO("clé d'attente : " << key);
        CHECK(kKeys.count(key) == 1);
    }
    if (expect.contains("status"))
        CHECK(std::string(statusName(v.status)) == expect["status"].get<std::string>());
    if (expect.contains("missing")) {
        std::vector<std::string> got;
        for (const FactId f : v.missing)
            got.emplace_back(factPath(f));
        CHECK(got == strings(expect["missing"]));
    }
    if (expect.contains("filing_null"))
        CHECK(v.filing.has_value() == !expect["filing_null"].get<bool>());
    if (expect.contains("may_file")) {
        REQUIRE(v.filing);
        const std::string got = v.filing->requesterMayFile ? (*v.filing->requesterMayFile ? "true" : "false") : "null";
        CHECK(got == expect["may_file"].dump());
    }
    if (expect.contains("filers")) {
        REQUIRE(v.filing);
        std::vector<std::string> got;
        for (const Role r : v.filing->allowedFilers)
            got.emplace_back(roleName(r));
        CHECK(got == strings(expect["filers"]));
    }
    if (expect.contains("instructor")) {
        REQUIRE(v.filing);
        CHECK(v.filing->instructor.value_or("null") == nullableString(expect["instructor"]));
    }
    if (expect.contains("window"))
        CHECK(std::string(windowStatusName(v.window.status)) == expect["window"].get<std::string>());
    if (expect.contains("window_from"))
        CHECK(dateOrNull(v.window.from) == nullableString(expect["window_from"]));
    if (expect.contains("window_to"))
        CHECK(dateOrNull(v.window.to) == nullableString(expect["window_to"]));
    if (expect.contains("contact"))
        CHECK((v.contact ? v.contact->email : std::string("null")) == nullableString(expect["contact"]));
    if (expect.contains("documents")) {
        std::vector<std::string> got;
        for (const auto& d : v.documents)
            got.push_back(d.id);
        CHECK(got == strings(expect["documents"]));
    }
    if (expect.contains("reasons"))
        for (const auto& needle : strings(expect["reasons"])) {
            INFO("raison attendue : " << needle);
            CHECK(anyReasonContains(v, needle));
        }
    if (expect.contains("no_reasons"))
        for (const auto& needle : strings(expect["no_reasons"])) {
            INFO("raison interdite : " << needle);
            CHECK_FALSE(anyReasonContains(v, needle));
        }
}

// What the contract says of every verdict, whatever the case.
void checkInvariants(const RuleSet& rules, const Verdicts& verdicts) {
    REQUIRE(verdicts.results.size() == rules.schemes().size());
    for (std::size_t i = 0; i < verdicts.results.size(); ++i) {
        const SchemeVerdict& v = verdicts.results[i];
        INFO("dispositif : " << v.scheme);
        CHECK(v.scheme == rules.schemes()[i].id);
        CHECK(v.missing.empty() == (v.status != Status::Incomplete));
        CHECK_FALSE(v.reasons.empty());
        for (const Reason& r : v.reasons) {
            CHECK_FALSE(r.refs.empty());
            CHECK(r.text.find('{') == std::string::npos);
        }
    }
    const auto json = verdictsToJson(verdicts);
    CHECK(json["format"] == "passerelle.verdicts/1");
    CHECK(json["results"].size() == rules.schemes().size());
}

} // namespace

TEST_SUITE("golden_cases") {
TEST_CASE("every golden case of tests/cases gives the expected verdicts") {
    const RuleSet& rules = repoRules();
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(PASSERELLE_SOURCE_DIR "/tests/cases"))
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    REQUIRE_FALSE(files.empty());

    std::size_t count = 0;
    std::set<std::string> names;
    std::set<std::string> covered;
    for (const auto& file : files) {
        INFO("fichier : " << file.filename().string());
        JsonError jsonError;
        const auto doc = parseStrict(readFile(file), &jsonError);
        INFO(jsonError.message);
        REQUIRE(doc);
        REQUIRE((*doc)["cases"].is_array());
        for (const Json& c : (*doc)["cases"]) {
            ++count;
            const std::string name = c.value("name", std::string("(sans nom)"));
            INFO("cas : " << name);
            CHECK(names.insert(name).second);
            for (const auto& item : c.items()) {
                const std::string key = item.key();
                static const std::set<std::string> kCaseKeys{"name", "situation", "situation_text", "on", "today", "error", "warnings", "expect"};
                INFO("clé de cas : " << key);
                CHECK(kCaseKeys.count(key) == 1);
            }
            const std::optional<CivilDate> on = c.contains("on") ? parseIsoDate(c["on"].get<std::string>()) : std::nullopt;
            const CivilDate today = *parseIsoDate(c.value("today", std::string("2026-11-23")));
            SituationError error;
            std::vector<std::string> warnings;
            const auto situation = c.contains("situation_text")
                                       ? parseSituation(c["situation_text"].get<std::string>(), on, &error, &warnings, today)
                                       : parseSituationJson(c["situation"], on, &error, &warnings, today);
            if (c.contains("error")) {
                CHECK_FALSE(situation);
                CHECK(error.field == c["error"].get<std::string>());
                CHECK(error.message.rfind(error.field + " : ", 0) == 0);
                CHECK(error.message.find('\n') == std::string::npos);
                continue;
            }
            INFO("erreur : " << error.message);
            REQUIRE(situation);
            if (c.contains("warnings"))
                for (const auto& needle : strings(c["warnings"])) {
                    INFO("avertissement attendu : " << needle);
                    CHECK(std::any_of(warnings.begin(), warnings.end(),
                                      [&](const std::string& w) { return w.find(needle) != std::string::npos; }));
                }
            const Verdicts verdicts = evaluate(rules, *situation);
            checkInvariants(rules, verdicts);
            for (const auto& item : c["expect"].items()) {
                const std::string schemeId = item.key();
                const Json& expect = item.value();
                INFO("dispositif attendu : " << schemeId);
                const SchemeVerdict* v = verdicts.find(schemeId);
                REQUIRE(v);
                covered.insert(schemeId);
                checkScheme(*v, expect);
            }
        }
    }
    MESSAGE(count << " cas d'or");
    CHECK(count >= 80);
    for (const Scheme& s : rules.schemes()) {
        INFO("dispositif sans cas d'or : " << s.id);
        CHECK(covered.count(s.id) == 1);
    }
}
}
