// Dossier definitions: the sections, fields and documents of each scheme's dossier, read from assets/dossiers/*.json.
#pragma once

#include "core/dossier_fields.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::dossiers {

// The section-owner vocabulary of situation-v1 ("Roles").
[[nodiscard]] bool isKnownRole(std::string_view role);
[[nodiscard]] const std::vector<std::string>& knownRoles();
[[nodiscard]] std::string roleLabel(std::string_view role); // « le CFA », « l'établissement scolaire »…

struct FieldDef {
    std::string id;
    std::string label;
    std::string help;
    FieldSpec spec;
    bool sensitive = false;     // handicap, RQTH, santé: left out of hand-offs to other parties unless asked
    Json required = true;       // true, false or a condition (see docs/dossier-format.md)
    Json prefill;               // null, "person.birth_date" / "profile.uai" / "pupil.last_name", or {"from", "map"}
    std::string document;       // attachment fields: the verdict's document id it answers ("convention_stage")
};

struct SectionDef {
    std::string id;
    std::string title;
    std::string role;               // the owner by default
    std::vector<std::string> roles; // other roles that may own it: the creator's role when it is one of them
    std::vector<FieldDef> fields;
    [[nodiscard]] const FieldDef* field(std::string_view id) const;
};

struct DossierDef {
    std::string scheme;
    std::string title;
    std::string file; // where it was read from
    std::vector<SectionDef> sections;
    [[nodiscard]] const SectionDef* section(std::string_view id) const;
};

class DossierDefs {
public:
    // Reads every *.json of `dir` ({"format": "passerelle.dossier-defs/1", "dossiers": [...]}); every
    // problem found goes to `errors` (French, naming file, scheme and field) and gives nullopt.
    [[nodiscard]] static std::optional<DossierDefs> fromDirectory(const std::string& dir, std::vector<std::string>* errors);
    [[nodiscard]] static std::optional<DossierDefs> fromTexts(const std::vector<std::pair<std::string, std::string>>& files,
                                                              std::vector<std::string>* errors);
    [[nodiscard]] const DossierDef* find(std::string_view scheme) const;
    [[nodiscard]] const std::vector<DossierDef>& all() const { return m_defs; }

private:
    std::vector<DossierDef> m_defs;
};

// What conditions and prefills can read: the situation document, the establishment profile
// ({"uai", "nom", "departement", "secteur"}), the pupil from a class list ({"last_name", "first_name"}),
// the dossier's fields ("section.field") and its reference date (for ages).
struct FactContext {
    const Json* situation = nullptr;
    const Json* profile = nullptr;
    const Json* pupil = nullptr;
    const Json* sectionsFields = nullptr; // {"section": {"field": value}}
    std::optional<Ymd> on;
};

// Checks a condition's shape; "" when fine.
[[nodiscard]] std::string conditionError(const Json& condition);
// Evaluates a condition; an unknown fact makes its comparison false (required only when known to apply).
[[nodiscard]] bool evalCondition(const Json& condition, const FactContext& ctx);
// Looks a dotted path up in the context: "person.x" (situation), "profile.x", "pupil.x", "section.field".
[[nodiscard]] const Json* lookupPath(std::string_view path, const FactContext& ctx);

} // namespace passerelle::dossiers
