// Storage benchmark: 10,000 dossiers saved, loaded, edited one at a time, per file layout; a 1,000-row class list checked.
#include "core/class_list.hpp"
#include "core/dossier_from_verdict.hpp"
#include "core/dossier_store.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace passerelle;
using namespace passerelle::dossiers;
namespace fs = std::filesystem;

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
// Processor time too: the machine is shared, and wall time includes waiting for the disk and for others.
double cpuMsSince(std::clock_t c) { return 1000.0 * static_cast<double>(std::clock() - c) / CLOCKS_PER_SEC; }
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// A realistic dossier: SÉCURISATION case (a), most fields filled, no attachment contents (they live apart).
Dossier makeDossier(const DossierDef& def, int i) {
    static const char* names[] = {"DUPONT", "MARTIN", "BERNARD", "PETIT", "ROUX", "LEFÈVRE", "N'GUYEN", "GARCIA"};
    const Json situation = {{"format", "passerelle.situation/1"}, {"on", "2026-05-04"}, {"requester", "college"},
                            {"person", {{"birth_date", "2011-10-01"}, {"grade", "3e"}, {"departement", "13"},
                                        {"school_sector", "public"}, {"wants_apprenticeship", true}, {"handicap", "aucun"}, {"rqth", false}}}};
    CreateOptions o;
    o.role = "college";
    o.now = "2026-05-04T10:00:00Z";
    o.profile = {{"uai", "0130040Y"}, {"nom", "Collège Thiers"}};
    o.pupil = {{"last_name", names[i % 8]}, {"first_name", "Élève " + std::to_string(i)}};
    Dossier d = createDossier(def, situation, Ymd{2026, 5, 4}, o);
    const std::string t = "2026-05-04T10:05:00Z";
    for (auto [s, f, v] : std::vector<std::tuple<const char*, const char*, const char*>>{
             {"etablissement", "commune", "13001 Marseille"}, {"etablissement", "referent_nom", "M. Martin"},
             {"etablissement", "referent_courriel", "ce.0130040y@ac-aix-marseille.fr"}, {"etablissement", "maintien_statut_scolaire", "oui"},
             {"eleve", "adresse", "13002 Marseille"}, {"eleve", "telephone", "06 71 12 38 24"},
             {"famille", "representant_nom", "Mme Dupont"}, {"famille", "representant_telephone", "06 71 12 38 24"}, {"famille", "accord", "oui"},
             {"cfa", "uai", "0131234W"}, {"cfa", "nom", "CFA du Port"}, {"cfa", "siret", "44306184100047"}, {"cfa", "formation", "CAP cuisine"}})
        (void)setFieldInput(def, d, "", s, f, v, t);
    return d;
}

struct LayoutFigures {
    int shardChars = 0;
    std::size_t files = 0;
    double writeAllMs = 0, loadAllMs = 0, loadCpuMs = 0, editMedianMs = 0, editMaxMs = 0, editCpuMs = 0;
    std::uintmax_t bytes = 0;
};

LayoutFigures runLayout(const DossierDef& def, const std::vector<Dossier>& all, const std::string& root, int shardChars,
                        bool lazy = false) {
    LayoutFigures f;
    f.shardChars = shardChars;
    fs::remove_all(root);
    {
        DirectoryStoreOptions o{root};
        o.shardChars = shardChars;
        o.writeThrough = false;
        o.lazy = lazy;
        DirectoryStore s(o);
        (void)s.load();
        const auto t = Clock::now();
        for (const auto& d : all)
            (void)s.save(d);
        if (!(lazy ? s.checkpoint() : s.flush()))
            std::fprintf(stderr, "écriture impossible dans %s\n", root.c_str());
        f.writeAllMs = msSince(t);
        f.files = s.fileCount();
    }
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file())
            f.bytes += e.file_size();
    DirectoryStoreOptions o{root};
    o.shardChars = shardChars;
    o.lazy = lazy;
    DirectoryStore s(o);
    const auto t = Clock::now();
    const auto c = std::clock();
    const LoadReport r = s.load();
    f.loadAllMs = msSince(t);
    f.loadCpuMs = cpuMsSince(c);
    if (r.loaded != all.size())
        std::fprintf(stderr, "chargés : %zu sur %zu\n", r.loaded, all.size());
    // One edit = one field typed, validated, the dossier saved (its file rewritten atomically).
    std::vector<double> edits;
    const auto ce = std::clock();
    for (int i = 0; i < 200; ++i) {
        const Dossier* cur = s.find(all[static_cast<std::size_t>(i * 37) % all.size()].id);
        Dossier d = *cur;
        const auto te = Clock::now();
        (void)setFieldInput(def, d, "college", "eleve", "telephone", i % 2 ? "06 71 12 38 24" : "07 00 00 00 0" + std::to_string(i % 10));
        (void)s.save(d);
        edits.push_back(msSince(te));
    }
    f.editCpuMs = cpuMsSince(ce) / 200;
    f.editMedianMs = median(edits);
    f.editMaxMs = *std::max_element(edits.begin(), edits.end());
    return f;
}

std::string classListCsv(int rows) {
    static const char* classes[] = {"3E2", "3EME A", "2NDE4", "2GT1", "1PRO MS", "TLE PRO", "CAP1", "BTS MOS 1", "4E1", "3°5"};
    std::string csv = "Nom;Pr\xE9nom;N\xE9(e) le;Classe;Apprentissage\r\n"; // Windows-1252, as SIECLE exports
    for (int i = 0; i < rows; ++i) {
        const int day = 1 + i % 28, month = 1 + i % 12, year = 2006 + i % 8;
        char date[16];
        std::snprintf(date, sizeof date, "%02d/%02d/%04d", day, month, year);
        csv += "NOM" + std::to_string(i) + ";L\xE9" "a;" + date + ";" + classes[i % 10] + ";" + (i % 3 ? "oui" : "non") + "\r\n";
    }
    return csv;
}
} // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10000;
    const std::string root = argc > 2 ? argv[2] : (fs::temp_directory_path() / "passerelle-bench-storage").string();
    std::vector<std::string> errors;
    auto defs = DossierDefs::fromDirectory(std::string(PASSERELLE_SOURCE_DIR) + "/assets/dossiers", &errors);
    std::vector<RuleError> ruleErrors;
    auto rules = RuleSet::fromDirectory(std::string(PASSERELLE_SOURCE_DIR) + "/assets/rules", &ruleErrors);
    if (!defs || !rules) {
        std::fprintf(stderr, "assets illisibles\n");
        return 2;
    }
    const DossierDef& def = *defs->find("paca-2026/securisation-entree-15-ans");
    std::vector<Dossier> all;
    all.reserve(static_cast<std::size_t>(count));
    const auto tg = Clock::now();
    for (int i = 0; i < count; ++i)
        all.push_back(makeDossier(def, i));
    std::printf("%d dossiers créés et remplis en %.0f ms (%zu octets JSON pour le premier)\n", count, msSince(tg),
                dossierToJson(all[0]).dump().size());
    std::printf("| disposition | fichiers (clés IDBFS) | octets | tout écrire | charger tout (processeur) | enregistrer une modification : médiane / max sur 200 (processeur, moyenne) |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (int shard : {-2, 2, 3, 32}) {
        const bool lazy = shard < 0;
        shard = std::abs(shard);
        const LayoutFigures f = runLayout(def, all, root + "-" + std::to_string(shard), shard, lazy);
        std::printf("| %s | %zu | %.1f Mo | %.0f ms | %.0f ms (%.0f ms) | %.2f / %.2f ms (%.2f ms) |\n",
                    lazy ? "2 car. par fichier, paresseux (index.json)"
                         : shard >= 32 ? "un fichier par dossier" : (std::to_string(shard) + " car. d'identifiant par fichier").c_str(), f.files,
                    static_cast<double>(f.bytes) / 1e6, f.writeAllMs, f.loadAllMs, f.loadCpuMs, f.editMedianMs, f.editMaxMs, f.editCpuMs);
        fs::remove_all(root + "-" + std::to_string(shard));
    }
    // 1,000-row class list: decode (Windows-1252), parse, map, grades, situations, then every scheme for every pupil.
    const std::string csv = classListCsv(1000);
    ClassListOptions o;
    o.on = Ymd{2026, 5, 4};
    o.requester = "college";
    o.profile = {"0130040Y", "Collège Thiers", "13", "public"};
    std::vector<double> parse, check;
    std::size_t good = 0;
    for (int rep = 0; rep < 5; ++rep) {
        auto t = Clock::now();
        const ClassList list = readClassList(csv, o);
        parse.push_back(msSince(t));
        t = Clock::now();
        const auto checked = checkClassList(*rules, list);
        check.push_back(msSince(t));
        good = static_cast<std::size_t>(std::count_if(checked.begin(), checked.end(), [](const CheckedRow& c) { return c.verdicts.has_value(); }));
    }
    std::printf("liste de classe de 1000 lignes : lecture %.1f ms + vérification (%zu élèves × %zu dispositifs) %.1f ms = %.1f ms (médianes sur 5)\n",
                median(parse), good, rules->schemes().size(), median(check), median(parse) + median(check));
    return 0;
}
