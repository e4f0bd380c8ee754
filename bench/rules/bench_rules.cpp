// Benchmark: N generated situations (default 100,000) against every scheme of assets/rules; prints situations/s
// and scheme-evaluations/s for full verdicts (reasons, filing, windows), status only, and verdicts → JSON.
#include "core/rules.hpp"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

using namespace passerelle;

namespace {

// xorshift64*: the same situations on every machine and in wasm.
struct Random {
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    std::uint64_t next() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 2685821657736338717ull;
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

// A plausible mix: most facts known, some unknown, ages 12–35, a third in PACA, reference dates over 2024–2026.
Situation generate(Random& r) {
    Situation s;
    const std::int64_t on = daysFromCivil({2024, 1, 1}) + r.below(3 * 365);
    s.on = civilFromDays(on);
    if (r.below(4))
        s.requester = static_cast<Role>(r.below(static_cast<int>(kRoleCount)));
    for (const FactSpec& spec : factCatalogue()) {
        FactValue& v = s.fact(spec.id);
        const int roll = r.below(10);
        if (roll == 0)
            continue; // unknown
        if (spec.nullable && roll == 1) {
            v.state = FactValue::State::None;
            continue;
        }
        v.state = FactValue::State::Known;
        switch (spec.type) {
        case FactType::Boolean: v.value = r.below(2); break;
        case FactType::Date:
            v.value = spec.id == FactId::BirthDate ? on - 365 * 12 - r.below(365 * 23) : on - r.below(400);
            break;
        case FactType::Choice:
            v.value = spec.id == FactId::Departement && r.below(3) == 0 ? choiceIndex(FactId::Departement, r.below(2) ? "13" : "06")
                                                                        : r.below(static_cast<int>(spec.choices.size()));
            break;
        case FactType::ChoiceSet: v.value = r.below(1 << spec.choices.size()); break;
        }
    }
    return s;
}

// The machine is shared: processor time is steadier than wall-clock time, so rates use it; wall time
// is printed too. Natively std::clock(); under node, Emscripten's clock() is wall time, so the
// process's CPU time comes from process.cpuUsage() (user + system, every thread of node).
double processSeconds() {
#ifdef __EMSCRIPTEN__
    return EM_ASM_DOUBLE({
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
    });
#else
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
#endif
}
struct Stamp {
    std::chrono::steady_clock::time_point wall;
    double cpu;
};
Stamp now() { return {std::chrono::steady_clock::now(), processSeconds()}; }
double cpuSeconds(const Stamp& a, const Stamp& b) { return b.cpu - a.cpu; }
double wallSeconds(const Stamp& a, const Stamp& b) { return std::chrono::duration<double>(b.wall - a.wall).count(); }

} // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? static_cast<std::size_t>(std::strtoul(argv[1], nullptr, 10)) : 100000;
    const std::string dir = argc > 2 ? argv[2] : PASSERELLE_SOURCE_DIR "/assets/rules";
    std::vector<RuleError> errors;
    const auto t0 = now();
    const auto rules = RuleSet::fromDirectory(dir, &errors);
    const auto t1 = now();
    if (!rules) {
        for (const auto& e : errors)
            std::fprintf(stderr, "%s\n", e.text().c_str());
        return 1;
    }
    const std::size_t schemes = rules->schemes().size();
    Random random;
    std::vector<Situation> situations;
    situations.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        situations.push_back(generate(random));

    // Full verdicts, as the CLI and the app get them.
    std::size_t counts[3] = {0, 0, 0};
    std::size_t reasons = 0;
    const auto t2 = now();
    for (const Situation& s : situations) {
        const Verdicts v = evaluate(*rules, s);
        for (const auto& r : v.results) {
            ++counts[static_cast<int>(r.status)];
            reasons += r.reasons.size();
        }
    }
    const auto t3 = now();

    // Status only (what a wizard recomputes after each answer).
    std::size_t eligible = 0;
    for (const Situation& s : situations)
        for (std::size_t k = 0; k < schemes; ++k)
            eligible += evaluateStatus(*rules, s, k) == Status::Eligible;
    const auto t4 = now();

    // Verdicts to JSON text, on a tenth of the situations.
    std::size_t bytes = 0;
    const std::size_t nJson = n / 10 ? n / 10 : 1;
    for (std::size_t i = 0; i < nJson && i < n; ++i)
        bytes += verdictsToJson(evaluate(*rules, situations[i])).dump().size();
    const auto t5 = now();

    const double full = cpuSeconds(t2, t3), status = cpuSeconds(t3, t4), json = cpuSeconds(t4, t5);
    std::printf("règles : %s (%zu dispositifs), chargées et compilées en %.2f ms\n", rules->label().c_str(), schemes, wallSeconds(t0, t1) * 1e3);
    std::printf("situations : %zu ; verdicts : %zu eligible, %zu not_eligible, %zu incomplete ; %zu raisons\n", n, counts[0], counts[1],
                counts[2], reasons);
    std::printf("verdicts complets : %.0f situations/s, %.0f évaluations de dispositif/s (%.3f s processeur, %.3f s au mur)\n", n / full, n * schemes / full, full, wallSeconds(t2, t3));
    std::printf("statut seul       : %.0f situations/s, %.0f évaluations de dispositif/s (%.3f s processeur, %zu eligible)\n", n / status,
                n * schemes / status, status, eligible);
    std::printf("verdicts + JSON   : %.0f situations/s (%zu situations, %.1f Ko de JSON en moyenne)\n", nJson / json, nJson,
                static_cast<double>(bytes) / nJson / 1024.0);
    return 0;
}
