// Retention dates of establishment dossiers (campaign end + the establishment's delay) and the list of those past it.
#include "core/retention.hpp"

#include "core/json_strict.hpp"

#include <algorithm>

namespace passerelle::dossiers {

Retention retentionOf(const Dossier& d, const RuleSet* rules, int delayMonths) {
    Retention r;
    const auto created = passerelle::parseIsoDate(d.createdOn).value_or(CivilDate{});
    bool found = false;
    if (auto it = d.extra.find("campaign_end"); it != d.extra.end() && it->is_string()) {
        if (auto end = passerelle::parseIsoDate(it->get<std::string>())) {
            r.campaignEnd = *end;
            r.basis = "date de fin de campagne du dossier";
            found = true;
        }
    }
    if (!found && rules) {
        if (const Scheme* s = rules->findScheme(d.scheme)) {
            std::optional<CivilDate> holding, next;
            for (const auto& w : s->windows) {
                if (!w.to)
                    continue; // open-ended: says nothing about when the campaign ends
                const bool started = !w.from || *w.from <= created;
                if (started && created <= *w.to && (!holding || *w.to > *holding))
                    holding = w.to;
                else if (*w.to >= created && (!next || *w.to < *next))
                    next = w.to;
            }
            if (auto end = holding ? holding : next) {
                r.campaignEnd = *end;
                r.basis = "fin de la période de dépôt du dispositif";
                found = true;
            }
        }
    }
    if (!found) {
        // The school year a dossier belongs to ends on 31 August (created in September or later: next year's).
        r.campaignEnd = {created.month >= 9 ? created.year + 1 : created.year, 8, 31};
        r.basis = "fin de l’année scolaire";
    }
    r.until = addMonthsClamped(r.campaignEnd, std::clamp(delayMonths, 0, 1200));
    return r;
}

namespace {
// Lists show who the dossier is about; a title made before the name was typed only names the scheme.
std::string personName(const Dossier& d) {
    for (const auto& s : d.sections) {
        const std::string nom = textOr(s.fields, "nom"), prenom = textOr(s.fields, "prenom");
        if (!nom.empty() && !prenom.empty())
            return prenom + " " + nom;
    }
    return d.title.empty() ? d.id.substr(0, 8) : d.title;
}
} // namespace

std::vector<ExpiredDossier> expiredDossiers(const DossierStore& store, const RuleSet* rules, int delayMonths,
                                            CivilDate today) {
    std::vector<ExpiredDossier> out;
    for (const Dossier* d : store.list()) {
        Retention r = retentionOf(*d, rules, delayMonths);
        if (r.until < today)
            out.push_back({d->id, personName(*d), d->title, d->scheme, std::move(r)});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ExpiredDossier& a, const ExpiredDossier& b) { return a.retention.until < b.retention.until; });
    return out;
}

} // namespace passerelle::dossiers
