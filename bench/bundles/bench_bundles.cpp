// Benchmark: section JWS sign/verify and whole-bundle sign/verify per CPU second (natively and as wasm under node).
#include "core/bundle.hpp"
#include "core/jcs.hpp"
#include "core/jws.hpp"
#include "core/sodium_util.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

using namespace passerelle;

namespace {

// CPU time of this process in seconds: the machine is shared (load 5–12 on 2 cores while others
// build), so wall-clock rates mostly measure the neighbours; CPU time measures our work.
#ifdef __EMSCRIPTEN__
EM_JS(double, processCpuSeconds, (), {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
});
#else
double processCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
#endif

// Runs `fn` repeatedly for about `seconds` of CPU time and returns calls per CPU second.
double perSecondOnce(const std::function<bool()>& fn, double seconds) {
    const double start = processCpuSeconds();
    long calls = 0;
    bool ok = true;
    double elapsed = 0;
    do {
        for (int i = 0; i < 50; ++i)
            ok = fn() && ok;
        calls += 50;
        elapsed = processCpuSeconds() - start;
    } while (elapsed < seconds);
    if (!ok)
        std::fprintf(stderr, "ÉCHEC : une opération mesurée a échoué\n");
    return calls / elapsed;
}

// Best of three rounds: the machine is shared, and the best round is the one least disturbed.
double perSecond(const std::function<bool()>& fn) {
    double best = 0;
    for (int round = 0; round < 3; ++round)
        best = std::max(best, perSecondOnce(fn, 0.7));
    return best;
}

Json dossier() {
    Json sections = Json::array();
    const char* roles[] = {"college", "college", "cfa", "cfa"};
    const char* ids[] = {"etablissement", "eleve", "cfa", "entreprise"};
    for (int i = 0; i < 4; ++i)
        sections.push_back(Json{{"id", ids[i]}, {"role", roles[i]}, {"version", 1},
                                {"fields", {{"uai", "0131234X"}, {"nom", "Établissement n° " + std::to_string(i)},
                                            {"referent_courriel", "referent@ac-aix-marseille.fr"},
                                            {"referent_telephone", "04 91 00 00 00"}, {"accord", true}, {"heures", 35}}},
                                {"attachments", Json::array()}});
    return Json{{"format", "passerelle.dossier/1"}, {"id", "3f1c9a0e7b2d4c6f8a1b2c3d4e5f6a7b"},
                {"scheme", "paca-2026/securisation-entree-15-ans"}, {"sections", sections}};
}

} // namespace

int main() {
    if (!sodiumReady())
        return 1;
    std::uint8_t s1[32] = {1}, s2[32] = {2};
    const SigningKey college = SigningKey::fromSeed(s1), cfa = SigningKey::fromSeed(s2);
    const Json d = dossier();
    const Json payload{{"format", kSectionFormat}, {"bundle_id", d["id"]}, {"scheme", d["scheme"]},
                       {"section", d["sections"][0]}, {"previous", nullptr}, {"signed_at", "2026-05-06T09:12:00Z"},
                       {"dossier_sections", Json::array()}};
    const Json jws = signFlattened(college, *canonicalize(payload), kSectionTyp);

    const double sectionSign = perSecond([&] {
        const auto canon = canonicalize(payload, nullptr, JcsOptions{true});
        return canon && signFlattened(college, *canon, kSectionTyp).contains("signature");
    });
    const std::string canonText = *canonicalize(payload);
    const double rawSign = perSecond([&] { return college.sign(canonText)[0] != 0 || true; });
    const auto rawSig = college.sign(canonText);
    const double rawVerify = perSecond([&] { return verifyEd25519(college.publicKey(), canonText, rawSig.data()); });
    const double jcsOnly = perSecond([&] { return canonicalize(payload, nullptr, JcsOptions{true}).has_value(); });
    const double sectionVerify = perSecond([&] { return verifyFlattened(jws, kSectionTyp, nullptr).has_value(); });

    Json bundle = *signSections(d, "college", college, nullptr, "2026-05-06T09:12:00Z").bundle;
    bundle = *signSections(d, "cfa", cfa, &bundle, "2026-05-06T09:12:00Z").bundle;
    bundle = *signManifest(bundle, "college", college).bundle;
    bundle = *signManifest(bundle, "cfa", cfa).bundle;
    const std::string text = bundleToText(bundle);
    const double bundleVerify = perSecond([&] { return verifyBundle(text).complete(); });
    const double partySign = perSecond([&] {
        return signSections(d, "cfa", cfa, nullptr, "2026-05-06T09:12:00Z").bundle.has_value();
    });

    // Key file timings are wall-clock (what a user waits), so they vary with the machine's load.
    const auto t0 = std::chrono::steady_clock::now();
    const std::string keyFile = keyFileText(college, "phrase de passe");
    const auto t1 = std::chrono::steady_clock::now();
    const bool unlocked = loadKeyFile(keyFile, std::string_view("phrase de passe"), nullptr).has_value();
    const auto t2 = std::chrono::steady_clock::now();

    std::printf("section JWS signée (JCS + Ed25519) : %.0f /s\n", sectionSign);
    std::printf("section JWS vérifiée (stricte)      : %.0f /s\n", sectionVerify);
    std::printf("  dont Ed25519 seul : signer %.0f /s, vérifier %.0f /s ; JCS seul %.0f /s (%zu octets)\n", rawSign,
                rawVerify, jcsOnly, canonText.size());
    std::printf("paquet de 4 sections + manifeste vérifié : %.0f /s (%zu octets)\n", bundleVerify, text.size());
    std::printf("signature des 2 sections d'une partie    : %.0f /s\n", partySign);
    std::printf("clé chiffrée (Argon2id 2 passes, 64 Mio) : chiffrer %.0f ms, déchiffrer %.0f ms%s\n",
                std::chrono::duration<double, std::milli>(t1 - t0).count(),
                std::chrono::duration<double, std::milli>(t2 - t1).count(), unlocked ? "" : " (ÉCHEC)");
    return 0;
}
