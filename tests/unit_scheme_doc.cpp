// Checks that docs/schemes/ is exactly what `passerelle rules doc assets/rules docs/schemes` writes today.
#include "core/scheme_doc.hpp"

#include <doctest/doctest.h>

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
} // namespace

TEST_SUITE("scheme_doc") {
TEST_CASE("docs/schemes is up to date with assets/rules") {
    std::vector<RuleError> errors;
    const auto rules = RuleSet::fromDirectory(PASSERELLE_SOURCE_DIR "/assets/rules", &errors);
    REQUIRE(rules);
    const auto pages = schemeDocs(*rules);
    CHECK(pages.size() == rules->schemes().size() + 1);
    const std::filesystem::path dir = PASSERELLE_SOURCE_DIR "/docs/schemes";
    std::set<std::string> expected;
    for (const auto& page : pages) {
        expected.insert(page.name);
        INFO("page : " << page.name << " — régénérer avec : passerelle rules doc assets/rules docs/schemes");
        REQUIRE(std::filesystem::exists(dir / page.name));
        CHECK(readFile(dir / page.name) == page.text);
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        INFO("page en trop : " << entry.path().filename().string());
        CHECK(expected.count(entry.path().filename().string()) == 1);
    }
}

TEST_CASE("a page says who, conditions, filers, windows, documents and sources") {
    std::vector<RuleError> errors;
    const auto rules = RuleSet::fromDirectory(PASSERELLE_SOURCE_DIR "/assets/rules", &errors);
    REQUIRE(rules);
    const auto pages = schemeDocs(*rules);
    const auto it = std::find_if(pages.begin(), pages.end(), [](const RuleFile& p) { return p.name == "paca-2026--securisation-entree-15-ans.md"; });
    REQUIRE(it != pages.end());
    for (const char* part : {"## Qui peut en bénéficier", "## Qui dépose la demande", "## Calendrier", "## Pièces à fournir", "## Contacts",
                             "## Sources", "classée sans suite", "du 1er avril 2026 au 31 décembre 2026", "ce.iio13@ac-aix-marseille.fr",
                             "âge au 31 décembre de l'année de référence ≥ 15 ans", "004_cea9bb83965dd104.txt"})
        CHECK(it->text.find(part) != std::string::npos);
    CHECK(schemeDocName("jop-2024/securite-privee") == "jop-2024--securite-privee.md");
    CHECK(schemeDocName("stage-seconde") == "stage-seconde.md");
}
}
