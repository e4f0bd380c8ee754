// Dossiers from verdicts: the refusal rules of `dossier new`, prefilled creation, class lists checked in bulk.
#include "core/dossier_from_verdict.hpp"

#include <algorithm>

namespace passerelle::dossiers {

std::string dossierRefusal(const SchemeVerdict& v, std::optional<Role> requester) {
    auto reasons = [&] {
        std::string s;
        for (const auto& r : v.reasons)
            s += "\n  - " + r.text;
        return s;
    };
    if (v.status == Status::NotEligible)
        return "pas de dossier : la personne n'est pas éligible à « " + v.scheme + " »" + reasons();
    if (v.status == Status::Incomplete) {
        std::string missing;
        for (auto f : v.missing)
            missing += (missing.empty() ? "" : ", ") + std::string(factPath(f));
        return "pas de dossier : le verdict est incomplet, il manque " + missing + reasons();
    }
    if (!v.filing)
        return "pas de dossier : « " + v.scheme + " » n'a rien à déposer" + reasons();
    if (v.filing->requesterMayFile && !*v.filing->requesterMayFile)
        return "pas de dossier : " + std::string(requester ? roleName(*requester) : "ce demandeur") +
               " ne peut pas déposer ce dossier" + reasons();
    return "";
}

Json situationForDossier(const Situation& situation) {
    Json j = Json::parse(situationToJson(situation).dump());
    if (situation.on)
        j["on"] = formatIsoDate(*situation.on);
    return j;
}

std::optional<Dossier> createDossierFromVerdict(const DossierDefs& defs, const Situation& situation, const SchemeVerdict& verdict,
                                                const CreateOptions& options, std::string* why) {
    if (auto r = dossierRefusal(verdict, situation.requester); !r.empty()) {
        if (why)
            *why = r;
        return std::nullopt;
    }
    const DossierDef* def = defs.find(verdict.scheme);
    if (!def) {
        if (why)
            *why = "aucune définition de dossier pour « " + verdict.scheme + " »";
        return std::nullopt;
    }
    const CivilDate on = situation.on ? *situation.on : todayInParis();
    CreateOptions o = options;
    if (o.role.empty() && situation.requester)
        o.role = std::string(roleName(*situation.requester));
    return createDossier(*def, situationForDossier(situation), Ymd{on.year, on.month, on.day}, o);
}

std::vector<CheckedRow> checkClassList(const RuleSet& rules, const ClassList& list) {
    std::vector<CheckedRow> out;
    out.reserve(list.rows.size());
    for (const auto& row : list.rows) {
        CheckedRow c;
        c.line = row.line;
        c.name = row.name;
        c.row = &row;
        if (!row.error.empty()) {
            c.error = row.error;
            out.push_back(std::move(c));
            continue;
        }
        SituationError se;
        c.situation = parseSituationJson(row.situation, std::nullopt, &se);
        if (!c.situation) {
            c.error = se.message;
            out.push_back(std::move(c));
            continue;
        }
        c.verdicts = evaluate(rules, *c.situation);
        out.push_back(std::move(c));
    }
    return out;
}

nlohmann::ordered_json checkedRowsToJson(const std::vector<CheckedRow>& rows) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& c : rows) {
        nlohmann::ordered_json item;
        item["line"] = c.line;
        if (!c.error.empty())
            item["error"] = c.error;
        else {
            item["name"] = c.name;
            item["verdicts"] = verdictsToJson(*c.verdicts);
        }
        out.push_back(std::move(item));
    }
    return out;
}

std::vector<Dossier> createClassListDossiers(const DossierDefs& defs, const std::vector<CheckedRow>& rows,
                                             const std::vector<std::size_t>& chosenLines, const std::string& scheme,
                                             const ClassListProfile& profile, const std::string& role,
                                             std::vector<std::string>* refused) {
    std::vector<Dossier> out;
    for (const auto& c : rows) {
        if (std::find(chosenLines.begin(), chosenLines.end(), c.line) == chosenLines.end())
            continue;
        std::string why;
        const SchemeVerdict* v = c.verdicts ? c.verdicts->find(scheme) : nullptr;
        if (!c.error.empty())
            why = c.error;
        else if (!v)
            why = "dispositif « " + scheme + " » inconnu";
        else {
            CreateOptions o;
            o.role = role;
            o.profile = profileToJson(profile);
            o.pupil = c.row ? c.row->pupil : Json(nullptr);
            o.className = c.row ? c.row->className : std::string();
            if (auto d = createDossierFromVerdict(defs, *c.situation, *v, o, &why)) {
                out.push_back(std::move(*d));
                continue;
            }
        }
        if (refused)
            refused->push_back("ligne " + std::to_string(c.line) + " (" + c.name + ") : " + why);
    }
    return out;
}

} // namespace passerelle::dossiers
