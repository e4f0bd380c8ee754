// Vault benchmark: Argon2id (2 passes, 64 MiB) per unlock, and opening 1,000 dossiers encrypted vs plain (eager and lazy).
#include "core/dossier_store.hpp"
#include "core/vault.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace passerelle;
using namespace passerelle::dossiers;
using namespace passerelle::vault;
namespace fs = std::filesystem;

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// A dossier of a realistic size (~1.5 KB of JSON): four sections of filled fields and a history.
Dossier makeDossier(int i) {
    Dossier d;
    d.id = newDossierId();
    d.scheme = "paca-2026/securisation-entree-15-ans";
    d.createdOn = "2026-05-04";
    d.title = "DUPONT Élève " + std::to_string(i) + " — Sécurisation 15 ans";
    d.situation = {{"format", "passerelle.situation/1"}, {"person", {{"birth_date", "2011-10-01"}, {"grade", "3e"}}}};
    for (const char* s : {"etablissement", "eleve", "famille", "cfa"})
        d.sections.push_back({s, "college", 2,
                              {{"nom", "Nom " + std::to_string(i)}, {"commune", "13001 Marseille"}, {"referent_nom", "M. Martin"},
                               {"courriel", "ce.0130040y@ac-aix-marseille.fr"}, {"telephone", "0671123824"}, {"accord", true}},
                              {}, nullptr, Json::object()});
    d.history.push_back({"2026-05-04T10:00:00Z", "cree", "college", "créé depuis le résultat"});
    d.updatedAt = "2026-05-04T10:05:00Z";
    return d;
}

double openMs(const std::string& root, std::shared_ptr<const FileCodec> codec, bool lazy, std::size_t* count) {
    std::vector<double> runs;
    for (int r = 0; r < 5; ++r) {
        const auto t = Clock::now();
        DirectoryStoreOptions opt{root};
        opt.codec = codec;
        opt.lazy = lazy;
        DirectoryStore s(opt);
        (void)s.load();
        *count = lazy ? s.summaries().size() : s.list().size();
        runs.push_back(msSince(t));
    }
    return median(runs);
}
} // namespace

int main() {
    const KdfParams app{2, 64u * 1024u * 1024u};
    const DataKey key;
    std::vector<double> kdf;
    for (int r = 0; r < 3; ++r) {
        std::string err;
        const auto meta = wrapKey(key, "phrase de passe du CIO", app, vault::VaultState::On, &err);
        const auto t = Clock::now();
        if (!meta || !unwrapKey(*meta, "phrase de passe du CIO", &err)) {
            std::printf("Argon2id impossible : %s\n", err.c_str());
            return 1;
        }
        kdf.push_back(msSince(t));
    }
    std::printf("Argon2id (opslimit 2, memlimit 64 MiB), one unlock: median %.0f ms of 3\n", median(kdf));

    const fs::path root = fs::temp_directory_path() / ("passerelle-bench-vault-" + newDossierId().substr(0, 8));
    {
        DirectoryStoreOptions opt{root.string()};
        opt.writeThrough = false;
        DirectoryStore s(opt);
        (void)s.load();
        for (int i = 0; i < 1000; ++i) (void)s.save(makeDossier(i));
        (void)s.flush();
        (void)s.checkpoint();
    }
    std::uintmax_t plainBytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) plainBytes += e.file_size();
    std::size_t n = 0;
    const double plainEager = openMs(root.string(), nullptr, false, &n);
    const double plainLazy = openMs(root.string(), nullptr, true, &n);
    vault::VaultDirectory dir({root.string()});
    std::string err;
    const auto t = Clock::now();
    auto dk = dir.protect("phrase de passe du CIO", KdfParams{1, 8192}, &err);
    const double protectMs = msSince(t);
    if (!dk) {
        std::printf("protection impossible : %s\n", err.c_str());
        return 1;
    }
    auto codec = std::make_shared<vault::VaultCodec>(dk);
    const double encEager = openMs(root.string(), codec, false, &n);
    const std::size_t eagerCount = n;
    const double encLazy = openMs(root.string(), codec, true, &n);
    std::printf("1,000 dossiers (%.1f MB plain, %zu pack files + index)\n", plainBytes / 1e6, fs::exists(root / "dossiers")
                    ? static_cast<std::size_t>(std::distance(fs::directory_iterator(root / "dossiers"), fs::directory_iterator{}))
                    : 0);
    std::printf("  open all (list):          plain %.0f ms, encrypted %.0f ms (%zu dossiers)\n", plainEager, encEager, eagerCount);
    std::printf("  open lazy (index + packs' generation): plain %.0f ms, encrypted %.0f ms (%zu summaries)\n", plainLazy,
                encLazy, n);
    std::printf("  turning protection on (encrypt every file in place, Argon2id at minimum cost): %.0f ms\n", protectMs);
    fs::remove_all(root);
    return 0;
}
