// `passerelle dossier new|check|set|handoff|merge`: create from a situation, check, fill from scripts, hand off, merge back.
#include "cli/commands.hpp"
#include "cli/dossier_cli_support.hpp"

#include "core/dossier.hpp"
#include "core/dossier_from_verdict.hpp"

#include <cstdio>

namespace passerelle::cli {
namespace {

using namespace dossier_support;
namespace pd = passerelle::dossiers;

int dossierNew(const std::vector<std::string>& args) {
    Options o(args, {"--from", "--on"}, {});
    if (!o.problem.empty())
        return fail(2, o.problem);
    if (o.positional.size() != 1 || !o.value("--from"))
        return fail(2, "utilisation : passerelle dossier new DISPOSITIF --from SITUATION.json [--on AAAA-MM-JJ]");
    const std::string scheme = o.positional[0];
    std::string err;
    auto on = dateOption(o, &err);
    if (!err.empty())
        return fail(2, err);
    std::string text;
    if (!readFile(*o.value("--from"), text))
        return fail(2, "impossible de lire « " + *o.value("--from") + " »");
    SituationError se;
    std::vector<std::string> warnings;
    auto situation = parseSituation(text, on, &se, &warnings);
    for (const auto& w : warnings)
        std::fprintf(stderr, "passerelle : attention : %s\n", w.c_str());
    if (!situation)
        return fail(2, se.message);
    auto rules = loadRules(&err);
    if (!rules)
        return fail(2, err);
    auto defs = loadDefs(&err);
    if (!defs)
        return fail(2, err);
    const auto index = rules->schemeIndex(scheme);
    if (!index)
        return fail(2, "dispositif « " + scheme + " » inconnu des règles chargées");
    const Verdicts verdicts = evaluate(*rules, *situation);
    const SchemeVerdict* v = verdicts.find(scheme);
    if (!v)
        return fail(2, "dispositif « " + scheme + " » absent des verdicts");
    if (auto refusal = pd::dossierRefusal(*v, situation->requester); !refusal.empty())
        return fail(1, refusal);
    if (!defs->find(scheme))
        return fail(2, "aucune définition de dossier pour « " + scheme + " » dans " + dossiersDir());
    if (!situation->requester)
        std::fprintf(stderr, "passerelle : attention : la situation ne dit pas qui dépose (« requester ») : sections attribuées par défaut\n");
    std::string why;
    auto d = pd::createDossierFromVerdict(*defs, *situation, *v, pd::CreateOptions{}, &why);
    if (!d)
        return fail(1, why);
    std::printf("%s\n", pd::dossierToJson(*d).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
}

std::optional<pd::Dossier> readDossier(const std::string& path, std::string* err) {
    std::string text;
    if (!readFile(path, text)) {
        *err = "impossible de lire « " + path + " »";
        return std::nullopt;
    }
    std::string e;
    auto d = pd::parseDossier(text, &e);
    if (!d)
        *err = path + " : " + e;
    return d;
}

// A dossier file and the definition of its scheme: what check, set, handoff and merge start from.
struct DossierWithDef {
    pd::Dossier dossier;
    pd::DossierDefs defs;
    [[nodiscard]] const pd::DossierDef& def() const { return *defs.find(dossier.scheme); }
};

std::optional<DossierWithDef> readDossierWithDef(const std::string& path, std::string* err) {
    auto d = readDossier(path, err);
    if (!d)
        return std::nullopt;
    auto defs = loadDefs(err);
    if (!defs)
        return std::nullopt;
    if (!defs->find(d->scheme)) {
        *err = "aucune définition de dossier pour « " + d->scheme + " »";
        return std::nullopt;
    }
    return DossierWithDef{std::move(*d), std::move(*defs)};
}

int dossierCheck(const std::vector<std::string>& args) {
    Options o(args, {}, {"--json"});
    if (!o.problem.empty())
        return fail(2, o.problem);
    if (o.positional.size() != 1)
        return fail(2, "utilisation : passerelle dossier check DOSSIER.json [--json]");
    std::string err;
    auto loaded = readDossierWithDef(o.positional[0], &err);
    if (!loaded)
        return fail(2, err);
    pd::Dossier* const d = &loaded->dossier;
    const pd::DossierDef* const def = &loaded->def();
    const pd::CheckReport report = pd::checkDossier(*def, *d);
    if (o.flag("--json")) {
        std::printf("%s\n", pd::checkReportToJson(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        return report.complete ? 0 : 1;
    }
    if (report.complete) {
        std::printf("Dossier complet (%s, état « %s »).\n", d->scheme.c_str(), std::string(pd::stateLabel(d->state)).c_str());
        return 0;
    }
    std::printf("Dossier incomplet (%s) :\n", d->scheme.c_str());
    for (const auto& g : report.general)
        std::printf("  ! %s\n", g.c_str());
    for (const auto& s : report.sections) {
        if (s.missing.empty() && s.invalid.empty())
            continue;
        const pd::SectionDef* sd = def->section(s.id);
        std::printf("  Section « %s » (%s) :\n", sd ? sd->title.c_str() : s.id.c_str(), pd::roleLabel(s.role).c_str());
        for (const auto& p : s.missing)
            std::printf("    - manquant : %s.%s — %s\n", s.id.c_str(), p.field.c_str(), p.message.c_str());
        for (const auto& p : s.invalid)
            std::printf("    - invalide : %s.%s — %s\n", s.id.c_str(), p.field.c_str(), p.message.c_str());
    }
    return 1;
}

int dossierSet(const std::vector<std::string>& args) {
    Options o(args, {"--attach", "--as"}, {});
    if (!o.problem.empty())
        return fail(2, o.problem);
    if (o.positional.empty() || (o.positional.size() < 2 && o.all("--attach").empty()))
        return fail(2, "utilisation : passerelle dossier set DOSSIER.json SECTION.CHAMP=VALEUR… [--attach SECTION.CHAMP=FICHIER…] [--as RÔLE]");
    std::string err;
    auto loaded = readDossierWithDef(o.positional[0], &err);
    if (!loaded)
        return fail(2, err);
    pd::Dossier* const d = &loaded->dossier;
    const pd::DossierDef* const def = &loaded->def();
    const std::string as = o.value("--as").value_or("");
    if (!as.empty() && !pd::isKnownRole(as))
        return fail(2, "--as : rôle « " + as + " » inconnu");
    auto split = [](const std::string& a, std::string& section, std::string& field, std::string& value) {
        const auto eq = a.find('=');
        const auto dot = a.find('.');
        if (eq == std::string::npos || dot == std::string::npos || dot > eq)
            return false;
        section = a.substr(0, dot);
        field = a.substr(dot + 1, eq - dot - 1);
        value = a.substr(eq + 1);
        return !section.empty() && !field.empty();
    };
    const std::string now = pd::utcNowIso();
    std::vector<std::string> notices;
    for (std::size_t i = 1; i < o.positional.size(); ++i) {
        std::string section, field, value;
        if (!split(o.positional[i], section, field, value))
            return fail(2, "« " + o.positional[i] + " » : SECTION.CHAMP=VALEUR attendu");
        pd::EditResult r = value.empty() ? pd::clearField(*def, *d, as, section, field, now)
                                         : pd::setFieldInput(*def, *d, as, section, field, value, now);
        if (!r.ok)
            return fail(1, section + "." + field + " : " + r.error);
        notices.insert(notices.end(), r.notices.begin(), r.notices.end());
    }
    for (const auto& a : o.all("--attach")) {
        std::string section, field, path;
        if (!split(a, section, field, path) || path.empty())
            return fail(2, "--attach « " + a + " » : SECTION.CHAMP=FICHIER attendu");
        std::string bytes;
        if (!readFile(path, bytes))
            return fail(1, "--attach : impossible de lire « " + path + " »");
        const auto slash = path.find_last_of('/');
        const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
        pd::EditResult r = pd::attachFile(*def, *d, as, section, field, name, bytes, now);
        if (!r.ok)
            return fail(1, section + "." + field + " : " + r.error);
        notices.insert(notices.end(), r.notices.begin(), r.notices.end());
    }
    for (const auto& n : notices)
        std::fprintf(stderr, "passerelle : %s\n", n.c_str());
    std::printf("%s\n", pd::dossierToJson(*d).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
}

// A copy for another party: its sections editable, the others read-only, sensitive data left home.
int dossierHandoff(const std::vector<std::string>& args) {
    Options o(args, {"--to", "--from"}, {"--include-sensitive"});
    if (!o.problem.empty())
        return fail(2, o.problem);
    if (o.positional.size() != 1 || !o.value("--to"))
        return fail(2, "utilisation : passerelle dossier handoff DOSSIER.json --to RÔLE [--from RÔLE] [--include-sensitive]");
    std::string err;
    auto loaded = readDossierWithDef(o.positional[0], &err);
    if (!loaded)
        return fail(2, err);
    pd::Dossier* const d = &loaded->dossier;
    const pd::DossierDef* const def = &loaded->def();
    pd::HandoffOptions ho{o.value("--from").value_or(""), *o.value("--to"), o.flag("--include-sensitive"), ""};
    if (!ho.from.empty() && !pd::isKnownRole(ho.from))
        return fail(2, "--from : rôle « " + ho.from + " » inconnu");
    auto copy = pd::exportHandoff(*def, *d, ho, &err);
    if (!copy)
        return fail(1, err);
    std::printf("%s\n", pd::dossierToJson(*copy).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
}

// Merges a copy coming back: exit 0 when merged, 1 when sections conflict (kept in "conflicts").
int dossierMerge(const std::vector<std::string>& args) {
    Options o(args, {}, {});
    if (!o.problem.empty())
        return fail(2, o.problem);
    if (o.positional.size() != 2)
        return fail(2, "utilisation : passerelle dossier merge DOSSIER.json COPIE.json > SORTIE.json");
    std::string err;
    auto loaded = readDossierWithDef(o.positional[0], &err);
    if (!loaded)
        return fail(2, err);
    auto theirs = readDossier(o.positional[1], &err);
    if (!theirs)
        return fail(2, err);
    pd::Dossier* const local = &loaded->dossier;
    const pd::DossierDef* const def = &loaded->def();
    const pd::MergeReport m = pd::mergeDossier(*def, *local, *theirs);
    if (!m.ok)
        return fail(2, m.error);
    for (const auto& n : m.ignored)
        std::fprintf(stderr, "passerelle : %s\n", n.c_str());
    for (const auto& c : m.conflicts)
        std::fprintf(stderr, "passerelle : conflit : la section « %s » a été modifiée des deux côtés ; les deux versions sont gardées, à vous de choisir\n",
                     c.c_str());
    std::printf("%s\n", pd::dossierToJson(*local).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return m.conflicts.empty() ? 0 : 1;
}

int runDossier(const std::vector<std::string>& args) {
    if (args.empty())
        return fail(2, "utilisation : passerelle dossier new|check|set …");
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "new")
        return dossierNew(rest);
    if (args[0] == "check")
        return dossierCheck(rest);
    if (args[0] == "set")
        return dossierSet(rest);
    if (args[0] == "handoff")
        return dossierHandoff(rest);
    if (args[0] == "merge")
        return dossierMerge(rest);
    return fail(2, "sous-commande « dossier " + args[0] + " » inconnue (new, check, set, handoff, merge)");
}

} // namespace

PASSERELLE_COMMAND("dossier",
                   "dossier new DISPOSITIF --from SITUATION.json [--on AAAA-MM-JJ] > DOSSIER.json\n"
                   "dossier check DOSSIER.json [--json]\n"
                   "dossier set DOSSIER.json SECTION.CHAMP=VALEUR… [--attach SECTION.CHAMP=FICHIER…] [--as RÔLE] > SORTIE.json\n"
                   "dossier handoff DOSSIER.json --to RÔLE [--from RÔLE] [--include-sensitive] > COPIE.json\n"
                   "dossier merge DOSSIER.json COPIE.json > SORTIE.json",
                   &runDossier);

} // namespace passerelle::cli
