// passerelle.verdicts/1 as JSON, in the contract's field order.
#include "core/verdicts.hpp"

namespace passerelle {

std::string_view statusName(Status s) {
    switch (s) {
    case Status::Eligible: return "eligible";
    case Status::NotEligible: return "not_eligible";
    case Status::Incomplete: return "incomplete";
    }
    return "incomplete";
}

std::string_view windowStatusName(WindowStatus s) {
    switch (s) {
    case WindowStatus::Open: return "open";
    case WindowStatus::Closed: return "closed";
    case WindowStatus::NotYetOpen: return "not_yet_open";
    }
    return "closed";
}

const SchemeVerdict* Verdicts::find(std::string_view schemeId) const {
    for (const auto& r : results)
        if (r.scheme == schemeId)
            return &r;
    return nullptr;
}

namespace {
nlohmann::ordered_json dateOrNull(const std::optional<CivilDate>& d) {
    return d ? nlohmann::ordered_json(formatIsoDate(*d)) : nlohmann::ordered_json(nullptr);
}
} // namespace

nlohmann::ordered_json verdictToJson(const SchemeVerdict& v) {
    using OJ = nlohmann::ordered_json;
    OJ out;
    out["scheme"] = v.scheme;
    out["status"] = std::string(statusName(v.status));
    OJ missing = OJ::array();
    for (const FactId f : v.missing)
        missing.push_back(std::string(factPath(f)));
    out["missing"] = std::move(missing);
    OJ reasons = OJ::array();
    for (const Reason& r : v.reasons) {
        OJ reason;
        reason["text"] = r.text;
        reason["refs"] = r.refs.list();
        reasons.push_back(std::move(reason));
    }
    out["reasons"] = std::move(reasons);
    if (v.filing) {
        OJ filing;
        OJ filers = OJ::array();
        for (const Role role : v.filing->allowedFilers)
            filers.push_back(std::string(roleName(role)));
        filing["allowed_filers"] = std::move(filers);
        filing["requester_may_file"] = v.filing->requesterMayFile ? OJ(*v.filing->requesterMayFile) : OJ(nullptr);
        filing["instructor"] = v.filing->instructor ? OJ(*v.filing->instructor) : OJ(nullptr);
        out["filing"] = std::move(filing);
    } else {
        out["filing"] = nullptr;
    }
    OJ window;
    window["status"] = std::string(windowStatusName(v.window.status));
    window["from"] = dateOrNull(v.window.from);
    window["to"] = dateOrNull(v.window.to);
    out["window"] = std::move(window);
    if (!v.documents.empty()) {
        OJ docs = OJ::array();
        for (const DocumentSpec& d : v.documents)
            docs.push_back(OJ{{"id", d.id}, {"label", d.label}});
        out["documents"] = std::move(docs);
    }
    if (v.contact)
        out["contact"] = OJ{{"label", v.contact->label}, {"email", v.contact->email}};
    return out;
}

nlohmann::ordered_json verdictsToJson(const Verdicts& verdicts) {
    nlohmann::ordered_json out;
    out["format"] = "passerelle.verdicts/1";
    out["on"] = formatIsoDate(verdicts.on);
    out["rules"] = verdicts.rules;
    auto results = nlohmann::ordered_json::array();
    for (const auto& r : verdicts.results)
        results.push_back(verdictToJson(r));
    out["results"] = std::move(results);
    return out;
}

} // namespace passerelle
