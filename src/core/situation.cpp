// Strict reading of passerelle.situation/1 and the facts derived from it (situation-v1.md, "Reading the facts").
//
// [SECTION] Fact catalogue and roles
// [SECTION] Parsing
// [SECTION] Writing and derived facts
#include "core/situation.hpp"

#include "core/json_strict.hpp"

namespace passerelle {

//-----------------------------------------------------------------------------
// [SECTION] Fact catalogue and roles
//-----------------------------------------------------------------------------

namespace {

// INSEE département codes: 01..95 without 20, then Corsica, then the overseas départements.
const std::vector<std::string>& departementCodes() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> out;
        for (int i = 1; i <= 95; ++i) {
            if (i == 20)
                continue;
            out.push_back((i < 10 ? "0" : "") + std::to_string(i));
        }
        out.push_back("2A");
        out.push_back("2B");
        for (int i = 971; i <= 976; ++i)
            out.push_back(std::to_string(i));
        return out;
    }();
    return codes;
}

std::vector<std::string_view> departementChoices() {
    std::vector<std::string_view> out;
    for (const auto& c : departementCodes())
        out.emplace_back(c);
    return out;
}

constexpr std::array<std::string_view, kRoleCount> kRoleNames{
    "eleve", "famille", "college", "lycee", "cfa", "entreprise", "organisme_accueil",
    "cio",   "mission_locale", "personnel", "instructeur"};

} // namespace

const std::array<FactSpec, kFactCount>& factCatalogue() {
    using T = FactType;
    static const std::array<FactSpec, kFactCount> catalogue{{
        {FactId::BirthDate, "person.birth_date", T::Date, false, {}},
        {FactId::Grade, "person.grade", T::Choice, false,
         {"4e", "3e", "2nde_gt", "1re_gt", "tle_gt", "2nde_pro", "1re_pro", "tle_pro", "cap_1", "cap_2", "bts_1", "bts_2",
          "superieur", "sans_scolarite"}},
        {FactId::CompletedCollege, "person.completed_college", T::Boolean, false, {}},
        {FactId::SchoolSector, "person.school_sector", T::Choice, false, {"public", "prive_sous_contrat", "prive_hors_contrat"}},
        {FactId::Departement, "person.departement", T::Choice, false, departementChoices()},
        {FactId::WantsApprenticeship, "person.wants_apprenticeship", T::Boolean, false, {}},
        {FactId::HasEmployer, "person.has_employer", T::Boolean, false, {}},
        {FactId::EnrolledInCfa, "person.enrolled_in_cfa", T::Boolean, false, {}},
        {FactId::ContractBrokenOn, "person.contract_broken_on", T::Date, true, {}},
        {FactId::StrugglingToFind, "person.struggling_to_find", T::Boolean, false, {}},
        {FactId::Handicap, "person.handicap", T::Choice, false, {"aucun", "reconnu", "demarche_en_cours"}},
        {FactId::Rqth, "person.rqth", T::Boolean, false, {}},
        {FactId::LiteracyDifficulties, "person.literacy_difficulties", T::Boolean, false, {}},
        {FactId::OnlyApprenticeshipWishes, "person.only_apprenticeship_wishes", T::Boolean, false, {}},
        {FactId::WishesFormalized, "person.wishes_formalized", T::Boolean, false, {}},
        {FactId::LivesInQpv, "person.lives_in_qpv", T::Boolean, false, {}},
        {FactId::LivesInFrr, "person.lives_in_frr", T::Boolean, false, {}},
        {FactId::Exemption, "person.exemption", T::Choice, true, {"sthr", "snu", "mobilite_internationale", "medical"}},
        {FactId::Diplomas, "person.diplomas", T::ChoiceSet, false,
         {"cap_agent_securite", "bac_pro_metiers_securite", "ari_metiers_securite", "bts_mos"}},
        {FactId::Paris2024Volunteer, "person.paris2024_volunteer", T::Boolean, false, {}},
        {FactId::StaffStatus, "person.staff_status", T::Choice, true,
         {"titulaire_second_degre", "contractuel_second_degre", "autre"}},
    }};
    return catalogue;
}

const FactSpec& factSpec(FactId id) { return factCatalogue()[static_cast<std::size_t>(id)]; }

std::optional<FactId> factByPath(std::string_view path) {
    for (const auto& f : factCatalogue())
        if (f.path == path)
            return f.id;
    return std::nullopt;
}

std::string_view factPath(FactId id) { return factSpec(id).path; }

int choiceIndex(FactId id, std::string_view value) {
    const auto& choices = factSpec(id).choices;
    for (std::size_t i = 0; i < choices.size(); ++i)
        if (choices[i] == value)
            return static_cast<int>(i);
    return -1;
}

std::string_view roleName(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }

std::optional<Role> roleByName(std::string_view name) {
    for (std::size_t i = 0; i < kRoleNames.size(); ++i)
        if (kRoleNames[i] == name)
            return static_cast<Role>(i);
    return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] Parsing
//-----------------------------------------------------------------------------

namespace {

constexpr std::string_view kFormat = "passerelle.situation/1";

std::string guillemets(std::string_view s) { return "« " + std::string(s) + " »"; }

bool fail(SituationError* error, std::string field, const std::string& what) {
    if (error) {
        error->message = field + " : " + what;
        error->field = std::move(field);
    }
    return false;
}

std::string choiceList(const FactSpec& spec) {
    std::string out;
    for (const auto& c : spec.choices) {
        if (!out.empty())
            out += ", ";
        out += c;
    }
    return out;
}

std::string badChoice(const FactSpec& spec, const std::string& value) {
    if (spec.id == FactId::Departement)
        return "département inconnu " + guillemets(value) + " (attendu : un code INSEE de département, par ex. « 13 », « 2A », « 974 »)";
    return "valeur inconnue " + guillemets(value) + " (attendu : " + choiceList(spec) + ")";
}

bool readFact(const FactSpec& spec, const Json& v, FactValue& out, SituationError* error) {
    const std::string field(spec.path);
    if (v.is_null()) {
        out.state = spec.nullable ? FactValue::State::None : FactValue::State::Unknown;
        return true;
    }
    switch (spec.type) {
    case FactType::Boolean:
        if (!v.is_boolean())
            return fail(error, field, "doit valoir true, false ou null");
        out = {FactValue::State::Known, v.get<bool>() ? 1 : 0};
        return true;
    case FactType::Date: {
        if (!v.is_string())
            return fail(error, field, "doit être une date « AAAA-MM-JJ »" + std::string(spec.nullable ? " ou null" : ""));
        const auto& s = v.get_ref<const std::string&>();
        const auto d = parseIsoDate(s);
        if (!d)
            return fail(error, field, "date impossible ou mal écrite " + guillemets(s) + " (attendu : AAAA-MM-JJ)");
        out = {FactValue::State::Known, daysFromCivil(*d)};
        return true;
    }
    case FactType::Choice: {
        if (!v.is_string())
            return fail(error, field, spec.id == FactId::Departement ? "doit être une chaîne, par ex. « 13 » ou « 2A »"
                                                                   : "doit être une chaîne parmi : " + choiceList(spec));
        const auto& s = v.get_ref<const std::string&>();
        const int i = choiceIndex(spec.id, s);
        if (i < 0)
            return fail(error, field, badChoice(spec, s));
        out = {FactValue::State::Known, i};
        return true;
    }
    case FactType::ChoiceSet: {
        if (!v.is_array())
            return fail(error, field, "doit être une liste parmi : " + choiceList(spec));
        std::int64_t mask = 0;
        for (std::size_t k = 0; k < v.size(); ++k) {
            const Json& item = v[k];
            const std::string itemField = field + "[" + std::to_string(k) + "]";
            if (!item.is_string())
                return fail(error, itemField, "doit être une chaîne parmi : " + choiceList(spec));
            const int i = choiceIndex(spec.id, item.get_ref<const std::string&>());
            if (i < 0)
                return fail(error, itemField, badChoice(spec, item.get<std::string>()));
            mask |= std::int64_t{1} << i;
        }
        out = {FactValue::State::Known, mask};
        return true;
    }
    }
    return false;
}

} // namespace

std::optional<Situation> parseSituationJson(const Json& doc, std::optional<CivilDate> onOverride, SituationError* error,
                                            std::vector<std::string>* warnings, std::optional<CivilDate> today) {
    auto warn = [&](std::string text) {
        if (warnings)
            warnings->push_back(std::move(text));
    };
    if (!doc.is_object()) {
        fail(error, "situation", "doit être un objet JSON { … }");
        return std::nullopt;
    }
    Situation s;
    for (const auto& [key, value] : doc.items()) {
        if (key == "format") {
            if (value.is_null())
                continue;
            if (!value.is_string() || value.get_ref<const std::string&>() != kFormat) {
                fail(error, "format", "format inconnu " + guillemets(value.is_string() ? value.get<std::string>() : value.dump()) +
                                          " (attendu : « passerelle.situation/1 »)");
                return std::nullopt;
            }
        } else if (key == "on") {
            if (value.is_null())
                continue;
            if (!value.is_string()) {
                fail(error, "on", "doit être une date « AAAA-MM-JJ »");
                return std::nullopt;
            }
            const auto d = parseIsoDate(value.get_ref<const std::string&>());
            if (!d) {
                fail(error, "on", "date impossible ou mal écrite " + guillemets(value.get<std::string>()) + " (attendu : AAAA-MM-JJ)");
                return std::nullopt;
            }
            s.on = d;
        } else if (key == "requester") {
            if (value.is_null())
                continue;
            if (!value.is_string()) {
                fail(error, "requester", "doit être une chaîne (rôle), par ex. « eleve »");
                return std::nullopt;
            }
            const auto role = roleByName(value.get_ref<const std::string&>());
            if (!role) {
                fail(error, "requester", "rôle inconnu " + guillemets(value.get<std::string>()) +
                                             " (attendu : eleve, famille, college, lycee, cfa, entreprise, organisme_accueil, "
                                             "cio, mission_locale, personnel, instructeur)");
                return std::nullopt;
            }
            s.requester = role;
        } else if (key == "person") {
            if (value.is_null())
                continue;
            if (!value.is_object()) {
                fail(error, "person", "doit être un objet JSON { … }");
                return std::nullopt;
            }
        } else {
            warn("situation : clé inconnue " + guillemets(key) + " ignorée");
        }
    }
    if (!doc.contains("format") || doc["format"].is_null())
        warn("situation : « format » absent, lu comme « passerelle.situation/1 »");

    if (doc.contains("person") && doc["person"].is_object()) {
        const Json& person = doc["person"];
        // Catalogue order, so the first error reported is the first field of the spec.
        for (const auto& spec : factCatalogue()) {
            const std::string_view name = spec.path.substr(7); // after "person."
            const auto it = person.find(std::string(name));
            if (it == person.end())
                continue;
            if (!readFact(spec, *it, s.fact(spec.id), error))
                return std::nullopt;
        }
        for (const auto& [key, value] : person.items()) {
            (void)value;
            if (!factByPath("person." + key))
                warn("person : clé inconnue " + guillemets(key) + " ignorée");
        }
    }

    if (onOverride)
        s.on = onOverride;
    else if (!s.on)
        s.on = today ? *today : todayInParis();

    const FactValue& birth = s.fact(FactId::BirthDate);
    if (birth.state == FactValue::State::Known && birth.value > daysFromCivil(*s.on)) {
        fail(error, "person.birth_date",
             "la date de naissance " + guillemets(formatIsoDate(civilFromDays(birth.value))) +
                 " est après la date de référence " + guillemets(formatIsoDate(*s.on)));
        return std::nullopt;
    }
    return s;
}

std::optional<Situation> parseSituation(std::string_view text, std::optional<CivilDate> onOverride, SituationError* error,
                                        std::vector<std::string>* warnings, std::optional<CivilDate> today) {
    JsonError jsonError;
    const auto doc = parseStrict(text, &jsonError);
    if (!doc) {
        fail(error, "situation", jsonError.message);
        return std::nullopt;
    }
    return parseSituationJson(*doc, onOverride, error, warnings, today);
}

//-----------------------------------------------------------------------------
// [SECTION] Writing and derived facts
//-----------------------------------------------------------------------------

nlohmann::ordered_json situationToJson(const Situation& situation) {
    nlohmann::ordered_json out;
    out["format"] = kFormat;
    if (situation.on)
        out["on"] = formatIsoDate(*situation.on);
    if (situation.requester)
        out["requester"] = roleName(*situation.requester);
    nlohmann::ordered_json person = nlohmann::ordered_json::object();
    for (const auto& spec : factCatalogue()) {
        const FactValue& v = situation.fact(spec.id);
        const std::string name(spec.path.substr(7));
        if (v.state == FactValue::State::Unknown)
            continue;
        if (v.state == FactValue::State::None) {
            person[name] = nullptr;
            continue;
        }
        switch (spec.type) {
        case FactType::Boolean: person[name] = v.value != 0; break;
        case FactType::Date: person[name] = formatIsoDate(civilFromDays(v.value)); break;
        case FactType::Choice: person[name] = std::string(spec.choices[static_cast<std::size_t>(v.value)]); break;
        case FactType::ChoiceSet: {
            auto list = nlohmann::ordered_json::array();
            for (std::size_t i = 0; i < spec.choices.size(); ++i)
                if (v.value & (std::int64_t{1} << i))
                    list.push_back(std::string(spec.choices[i]));
            person[name] = std::move(list);
            break;
        }
        }
    }
    out["person"] = std::move(person);
    return out;
}

std::array<FactValue, kFactCount> resolvedFacts(const Situation& situation) {
    auto facts = situation.facts;
    static const int kUnschooled = choiceIndex(FactId::Grade, "sans_scolarite");
    static const int kQuatrieme = choiceIndex(FactId::Grade, "4e");
    const FactValue& grade = situation.fact(FactId::Grade);
    const bool schooled = grade.known() && grade.value != kUnschooled;
    auto& completed = facts[static_cast<std::size_t>(FactId::CompletedCollege)];
    if (!completed.known() && schooled)
        completed = {FactValue::State::Known, grade.value == kQuatrieme ? 0 : 1};
    auto& staff = facts[static_cast<std::size_t>(FactId::StaffStatus)];
    if (!staff.known() && schooled)
        staff = {FactValue::State::None, 0};
    return facts;
}

} // namespace passerelle
