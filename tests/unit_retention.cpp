// Retention: campaign end from the dossier, the scheme's window or the school year; the delay; the expired list; deletion.
#include "core/establishment.hpp"
#include "core/retention.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace passerelle;
using namespace passerelle::dossiers;
namespace fs = std::filesystem;

namespace {
std::optional<RuleSet> loadRules() {
    std::vector<RuleFile> files;
    for (const auto& e : fs::directory_iterator(std::string(PASSERELLE_SOURCE_DIR) + "/assets/rules")) {
        std::ifstream in(e.path(), std::ios::binary);
        files.push_back({e.path().filename().string(), {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}});
    }
    std::vector<RuleError> errors;
    return RuleSet::fromFiles(std::move(files), &errors);
}

Dossier made(const std::string& id, const std::string& scheme, const std::string& on) {
    Dossier d;
    d.id = id;
    d.scheme = scheme;
    d.createdOn = on;
    d.title = "Dossier " + id.substr(0, 2);
    d.updatedAt = on + "T10:00:00Z";
    return d;
}
CivilDate ymd(const char* iso) { return *passerelle::parseIsoDate(iso); }
} // namespace

TEST_SUITE("retention") {
TEST_CASE("campaign end: the scheme's window, the dossier's own date, else the school year; plus the delay") {
    const auto rules = loadRules();
    REQUIRE(rules);
    // JOP 2024: window 2024-07-26 … 2024-09-08 holds the creation date.
    auto r = retentionOf(made("aa", "jop-2024/securite-privee", "2024-08-01"), &*rules, 12);
    CHECK(r.campaignEnd == ymd("2024-09-08"));
    CHECK(r.until == ymd("2025-09-08"));
    CHECK(r.basis == "fin de la période de dépôt du dispositif");
    // Created before the window opened: the window's end still counts.
    CHECK(retentionOf(made("aa", "aix-marseille-2026/formateur-mlds", "2026-01-02"), &*rules, 0).campaignEnd ==
          ymd("2026-03-12"));
    // Stage de seconde: the June 2026 window is the next one ending after a May creation.
    CHECK(retentionOf(made("aa", "stage-seconde", "2026-05-04"), &*rules, 12).until == ymd("2027-06-26"));
    // No window ends after it (or always open: apprentissage) → end of the school year; September is the next one's.
    CHECK(retentionOf(made("aa", "stage-seconde", "2026-09-15"), &*rules, 6).until == ymd("2028-02-29"));
    CHECK(retentionOf(made("aa", "stage-seconde", "2026-09-15"), &*rules, 6).basis == "fin de l’année scolaire");
    // The dossier's own campaign end wins; an unknown scheme or no rules falls back on the school year.
    Dossier own = made("aa", "jop-2024/securite-privee", "2024-08-01");
    own.extra["campaign_end"] = "2030-01-31";
    CHECK(retentionOf(own, &*rules, 1).until == ymd("2030-02-28"));
    own.extra["campaign_end"] = "pas une date";
    CHECK(retentionOf(own, &*rules, 0).campaignEnd == ymd("2024-09-08"));
    CHECK(retentionOf(made("aa", "inconnu/x", "2025-03-01"), nullptr, 0).campaignEnd == ymd("2025-08-31"));
}

TEST_CASE("expired list and deletion: packs, attachments no one uses, nothing else") {
    const auto rules = loadRules();
    REQUIRE(rules);
    const fs::path root = fs::temp_directory_path() / ("passerelle-retention-" + newDossierId().substr(0, 8));
    DirectoryStore s({root.string()});
    REQUIRE(s.load().result.ok);
    Dossier old = made("aa000000000000000000000000000001", "jop-2024/securite-privee", "2024-08-01");
    Dossier kept = made("aa000000000000000000000000000002", "stage-seconde", "2026-05-04");
    Attachment a;
    a.field = "piece";
    a.name = "piece.txt";
    a.mediaType = "text/plain";
    a.size = 5;
    a.contentB64 = base64Encode("octet");
    a.sha256 = sha256Hex("octet");
    old.sections.push_back({"candidat", "eleve", 1, {{"nom", "Obsolète"}, {"prenom", "Bérénice"}}, {a}, nullptr, Json::object()});
    REQUIRE(s.save(old).ok);
    REQUIRE(s.save(kept).ok);
    auto expired = expiredDossiers(s, &*rules, 12, ymd("2026-11-23"));
    REQUIRE(expired.size() == 1);
    CHECK(expired[0].id == old.id);
    CHECK(expired[0].name == "Bérénice Obsolète");
    CHECK(expired[0].retention.until == ymd("2025-09-08"));
    CHECK(expiredDossiers(s, &*rules, 36, ymd("2026-11-23")).empty()); // a longer delay keeps it
    CHECK(expiredDossiers(s, &*rules, 12, ymd("2025-09-08")).empty()); // kept through its last day
    const std::string blob = (root / "attachments" / a.sha256).string();
    REQUIRE(fs::exists(blob));
    CHECK_FALSE(s.removeAttachmentIfUnused(a.sha256)); // still named by the old dossier
    REQUIRE(s.remove(old.id).ok);
    std::vector<std::string> hooked;
    s.setWriteHook([&](const std::vector<std::string>& p) { hooked.insert(hooked.end(), p.begin(), p.end()); });
    CHECK(s.removeAttachmentIfUnused(a.sha256));
    CHECK_FALSE(fs::exists(blob));
    CHECK(hooked == std::vector<std::string>{blob}); // IndexedDB is told which record to delete
    CHECK_FALSE(s.removeAttachmentIfUnused("../store.json"));
    CHECK(s.list().size() == 1);
}

TEST_CASE("the establishment profile carries the delay; written only when not the default") {
    Establishment p;
    CHECK(p.retentionMonths == kRetentionMonthsDefault);
    CHECK(establishmentToJson(p).find("retention_months") == std::string::npos);
    p.retentionMonths = 24;
    auto back = parseEstablishment(establishmentToJson(p));
    REQUIRE(back);
    CHECK(back->retentionMonths == 24);
    std::string err;
    CHECK_FALSE(parseEstablishment(R"({"format":"passerelle.establishment/1","retention_months":-1})", &err));
    CHECK(err.find("durée de conservation") != std::string::npos);
    CHECK_FALSE(parseEstablishment(R"({"format":"passerelle.establishment/1","retention_months":"12"})", &err));
    CHECK(parseEstablishment(R"({"format":"passerelle.establishment/1","name":"Lycée"})")->retentionMonths == 12);
}
} // TEST_SUITE
