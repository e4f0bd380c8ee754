// Plays the wizard (src/core/wizard: the UI's own question order) against every golden situation and counts questions.
//
// Each golden case is a person whose facts are the case's situation: the wizard starts knowing only
// the reference date and who fills in, asks its questions in the engine's `missing` order, gets the
// case's value (or « Je ne sais pas » when the case leaves the fact out) and stops when no scheme is
// incomplete. Golden cases leave most facts out, so the wizard goes on asking about the other schemes:
// the first figure is how many questions it took until the schemes the case is about (its "expect")
// had their final verdict; the second, how many it asked in all. Compared with asking every fact
// the rules use; screens add the requester question and the results screen.
#include "core/json_strict.hpp"
#include "core/rules.hpp"
#include "core/wizard.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace passerelle;

int main(int argc, char** argv) {
    const std::string root = argc > 1 ? argv[1] : PASSERELLE_SOURCE_DIR;
    std::vector<RuleError> errors;
    const auto rules = RuleSet::fromDirectory(root + "/assets/rules", &errors);
    if (!rules) {
        std::fprintf(stderr, "règles illisibles : %s\n", errors.empty() ? "?" : errors.front().text().c_str());
        return 1;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(root + "/tests/cases"))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());

    // Facts any condition of the loaded rules uses: what a form without ordering would ask.
    std::size_t usedFacts = 0;
    for (const auto& f : rules->facts()) usedFacts += !f.usedBy.empty();

    std::vector<std::size_t> counts, toVerdict;
    std::size_t stillIncomplete = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        JsonError jerr;
        const auto doc = parseStrict(text.str(), &jerr);
        if (!doc) {
            std::fprintf(stderr, "%s : %s\n", path.c_str(), jerr.message.c_str());
            return 1;
        }
        for (const auto& c : (*doc)["cases"]) {
            if (!c.contains("situation")) continue;
            std::optional<CivilDate> on;
            if (c.contains("on")) on = parseIsoDate(c["on"].template get<std::string>());
            SituationError serr;
            const auto truth = parseSituationJson(c["situation"], on, &serr, nullptr, CivilDate{2026, 5, 4});
            if (!truth) continue; // the error cases
            const WizardRun run = simulateWizard(*rules, *truth);
            counts.push_back(run.asked.size());
            // Replays the answers one by one until the expected schemes have their final status.
            const Verdicts final = evaluate(*rules, *truth);
            Situation partial;
            partial.on = truth->on;
            partial.requester = truth->requester;
            std::size_t k = 0;
            for (;; ++k) {
                const Verdicts now = evaluate(*rules, partial);
                bool done = true;
                for (const auto& [scheme, expect] : c["expect"].items()) {
                    const auto i = rules->schemeIndex(scheme);
                    if (i && now.results[*i].status != final.results[*i].status) done = false;
                }
                if (done || k == run.asked.size()) break;
                partial.fact(run.asked[k]) = truth->fact(run.asked[k]);
            }
            toVerdict.push_back(k);
            const Verdicts v = evaluate(*rules, run.reached);
            stillIncomplete += std::any_of(v.results.begin(), v.results.end(),
                                           [](const SchemeVerdict& r) { return r.status == Status::Incomplete; });
        }
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (counts.empty()) {
        std::fprintf(stderr, "aucun cas\n");
        return 1;
    }
    auto stats = [](std::vector<std::size_t> v, const char* label) {
        std::sort(v.begin(), v.end());
        double total = 0;
        for (auto n : v) total += static_cast<double>(n);
        std::printf("%s : moyenne %.2f, médiane %zu, min %zu, max %zu\n", label, total / static_cast<double>(v.size()),
                    v[v.size() / 2], v.front(), v.back());
    };
    stats(toVerdict, "questions jusqu'au verdict du cas ");
    std::vector<std::size_t> sorted = counts;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (auto n : counts) sum += static_cast<double>(n);
    const double avg = sum / static_cast<double>(counts.size());
    std::printf("cas de référence joués      : %zu\n", counts.size());
    std::printf("questions (faits) par cas   : moyenne %.2f, médiane %zu, min %zu, max %zu\n", avg,
                sorted[sorted.size() / 2], sorted.front(), sorted.back());
    std::printf("écrans par cas (+ « qui remplit ? » + résultats) : moyenne %.2f\n", avg + 2);
    std::printf("faits utilisés par les règles (formulaire complet) : %zu\n", usedFacts);
    std::printf("cas restés incomplets (faits inconnus du cas)      : %zu\n", stillIncomplete);
    std::printf("temps total (évaluations comprises)               : %.1f ms\n", ms);
    return 0;
}
