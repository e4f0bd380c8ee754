// `passerelle retention`: the dossiers of a store whose retention (campaign end + delay) has ended, one per line.
#include "cli/commands.hpp"
#include "cli/dossier_cli_support.hpp"
#include "core/establishment.hpp"
#include "core/retention.hpp"

#include <cstdio>
#include <filesystem>

namespace passerelle::cli {
namespace {

using namespace dossier_support;

int runRetention(const std::vector<std::string>& args) {
    Options o(args, {"--mois", "--on"}, {});
    if (!o.problem.empty())
        return fail(2, o.problem);
    if (o.positional.size() != 1)
        return fail(2, "utilisation : passerelle retention DOSSIER_DU_MAGASIN [--mois N] [--on AAAA-MM-JJ]");
    int months = kRetentionMonthsDefault;
    if (auto m = o.value("--mois")) {
        char* end = nullptr;
        const long v = std::strtol(m->c_str(), &end, 10);
        if (m->empty() || *end != '\0' || v < 0 || v > kRetentionMonthsMax)
            return fail(2, "--mois : nombre entier de 0 à " + std::to_string(kRetentionMonthsMax) + " attendu");
        months = static_cast<int>(v);
    }
    std::string err;
    auto on = dateOption(o, &err);
    if (!err.empty())
        return fail(2, err);
    if (!on) {
        const auto t = dossiers::todayUtc();
        on = CivilDate{t.year, t.month, t.day};
    }
    auto rules = loadRules(&err);
    if (!rules)
        return fail(2, err);
    if (std::error_code ec; !std::filesystem::is_directory(o.positional[0], ec))
        return fail(2, "magasin de dossiers « " + o.positional[0] + " » introuvable (un dossier est attendu)");
    dossiers::DirectoryStore store({o.positional[0]});
    const auto report = store.load();
    if (!report.result.ok)
        return fail(1, report.result.message);
    const auto expired = dossiers::expiredDossiers(store, &*rules, months, *on);
    for (const auto& e : expired)
        std::printf("%s\t%s\t%s\t%s\n", e.id.c_str(), e.scheme.c_str(), formatIsoDate(e.retention.until).c_str(),
                    e.title.c_str());
    std::fprintf(stderr, "%zu dossier(s) sur %zu à supprimer au %s (fin de campagne + %d mois)\n", expired.size(),
                 store.summaries().size(), formatIsoDate(*on).c_str(), months);
    return 0;
}

} // namespace

PASSERELLE_COMMAND("retention", "retention DOSSIER_DU_MAGASIN [--mois N] [--on AAAA-MM-JJ]", &runRetention);

} // namespace passerelle::cli
