// `passerelle classlist FILE.csv`: every pupil of a class list checked against every scheme, one JSON object per row.
#include "cli/commands.hpp"
#include "cli/dossier_cli_support.hpp"

#include "core/class_list.hpp"
#include "core/dossier_from_verdict.hpp"

#include <cstdio>

namespace passerelle::cli {
namespace {

using namespace dossier_support;
namespace pd = passerelle::dossiers;

std::optional<Json> readJsonFile(const std::string& path, std::string* err) {
    std::string text;
    if (!readFile(path, text)) {
        *err = "impossible de lire « " + path + " »";
        return std::nullopt;
    }
    JsonError je;
    auto j = parseStrict(text, &je);
    if (!j)
        *err = path + " : " + je.message;
    return j;
}

int runClasslist(const std::vector<std::string>& args) {
    Options o(args, {"--on", "--requester", "--profile", "--mapping", "--grades"}, {});
    if (!o.problem.empty())
        return fail(2, o.problem);
    if (o.positional.size() != 1)
        return fail(2, "utilisation : passerelle classlist FICHIER.csv [--on AAAA-MM-JJ] [--requester RÔLE] [--profile PROFIL.json]");
    std::string err;
    auto on = dateOption(o, &err);
    if (!err.empty())
        return fail(2, err);
    pd::ClassListOptions opt;
    opt.on = pd::Ymd{};
    const CivilDate ref = on ? *on : todayInParis();
    opt.on = pd::Ymd{ref.year, ref.month, ref.day};
    if (auto r = o.value("--requester")) {
        if (!pd::isKnownRole(*r))
            return fail(2, "--requester : rôle « " + *r + " » inconnu");
        opt.requester = *r;
    }
    if (auto p = o.value("--profile")) {
        auto j = readJsonFile(*p, &err);
        if (!j)
            return fail(2, err);
        auto profile = pd::profileFromJson(*j, &err);
        if (!profile)
            return fail(2, *p + " : " + err);
        opt.profile = *profile;
    }
    if (auto m = o.value("--mapping")) {
        auto j = readJsonFile(*m, &err);
        if (!j)
            return fail(2, err);
        opt.mapping = pd::ColumnMapping::fromJson(*j);
    }
    if (auto g = o.value("--grades")) {
        auto j = readJsonFile(*g, &err);
        if (!j)
            return fail(2, err);
        opt.grades = pd::GradeTable::fromJson(*j);
    }
    std::string bytes;
    if (!readFile(o.positional[0], bytes))
        return fail(2, "impossible de lire « " + o.positional[0] + " »");
    const pd::ClassList list = pd::readClassList(bytes, opt);
    if (!list.fatal.empty())
        return fail(2, o.positional[0] + " : " + list.fatal);
    auto rules = loadRules(&err);
    if (!rules)
        return fail(2, err);
    const auto out = pd::checkedRowsToJson(pd::checkClassList(*rules, list));
    std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
}

} // namespace

PASSERELLE_COMMAND("classlist",
                   "classlist FICHIER.csv [--on AAAA-MM-JJ] [--requester RÔLE] [--profile PROFIL.json] [--mapping COLONNES.json] [--grades CLASSES.json]",
                   &runClasslist);

} // namespace passerelle::cli
