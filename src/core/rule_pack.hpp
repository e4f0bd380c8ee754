// Rule packs as data: the loaded, validated and compiled form of assets/rules/*.json (see rules.hpp for the format).
#pragma once

#include "core/civil_date.hpp"
#include "core/ref_list.hpp"
#include "core/situation.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

// ---------------------------------------------------------------------------------------------
// Compiled forms (internal to the engine, exposed so the RuleSet can own them by value)
// ---------------------------------------------------------------------------------------------

// One piece of a reason template: literal text or a placeholder filled at evaluation.
struct TemplatePart {
    enum class Kind : std::uint8_t {
        Literal,
        Age,          // {age}: completed years on the reference date
        AgeDec31,     // {age_dec31}: age on 31 December of the reference year
        On,           // {on}: the reference date, in French
        Year,         // {year}: the reference year
        DateOf,       // {date:person.x}, {date:person.x+6m}, {date:person.birth_date+16y}
        ValueOf,      // {value:person.x}: the raw value ("13")
        LabelOf,      // {label:person.x}: the French label of the value (facts.json)
        Date,         // {date}: only in "later" texts: the date things change
        Occasion,     // {occasion}: only in "later" texts: ", jour de tes 16 ans" or ""
    };
    Kind kind = Kind::Literal;
    FactId fact = FactId::BirthDate;
    int months = 0;      // DateOf offset in calendar months (clamped to the end of a shorter month)
    bool years = false;  // DateOf offset given in years: an anniversary (29 February → 1 March)
    std::string text;
};
struct Template {
    std::string source;
    std::vector<TemplatePart> parts;
    [[nodiscard]] bool empty() const { return source.empty(); }
};

// A condition node. Children of All/Any/Not are the nodes [first, first + count) of RuleSet::m_children.
struct CondNode {
    enum class Op : std::uint8_t {
        All, Any, Not,
        BoolIs,        // a: 0/1
        ChoiceIn,      // mask over choice indices; noneOk: null ("none") is accepted
        SetContainsAny,// mask over choice indices
        Age,           // a..b completed years on the reference date (b < 0: no upper bound)
        AgeDec31,      // a..b on 31 December of the reference year
        WithinMonths,  // reference date in [d, d + a months]; null ("never") is false
    };
    Op op = Op::All;
    FactId fact = FactId::BirthDate;
    bool noneOk = false;
    std::int32_t a = 0;
    std::int32_t b = -1;
    std::uint64_t mask[2] = {0, 0};
    std::uint32_t first = 0;
    std::uint32_t count = 0;
    std::int32_t ifTrue = -1;    // template index in RuleSet, -1 none
    std::int32_t ifFalse = -1;
    std::int32_t ifUnknown = -1;
};

// ---------------------------------------------------------------------------------------------
// Schemes and packs
// ---------------------------------------------------------------------------------------------

struct DocumentSpec {
    std::string id;
    std::string label;
};
struct Contact {
    std::string label;
    std::string email;
};
struct DateRange {
    std::optional<CivilDate> from; // inclusive; nullopt: no start
    std::optional<CivilDate> to;   // inclusive; nullopt: no end
};

// A condition of a scheme: all of them must hold for the person to be eligible.
struct SchemeCondition {
    std::string id;
    std::uint32_t node = 0;
    RefList refs;
    std::string summary; // one French line for the generated documentation
};
// Information given to the person when `when` holds (never a condition: its facts are not asked).
struct SchemeNote {
    enum class Show : std::uint8_t { UnlessNotEligible, Always, OnlyNotEligible };
    Show show = Show::UnlessNotEligible; // "show": "always" | "if_not_eligible"; default: eligible or incomplete
    std::int32_t when = -1; // node, -1: always
    std::int32_t text = -1; // template
    RefList refs;
};
struct FilerRule {
    Role role = Role::Eleve;
    std::int32_t when = -1; // node, -1: always allowed; false → not an allowed filer for this situation
    std::int32_t refusal = -1; // template said when the requester is this role but may not file here
    RefList refs;
};
struct Refusal {
    Role role = Role::Eleve;   // a requester who is not an allowed filer
    std::int32_t text = -1;
    RefList refs;
};

struct Scheme {
    std::string id;          // "paca-2026/securisation-entree-15-ans"
    std::string title;
    std::string description; // plain French, for the person
    std::size_t pack = 0;    // index in RuleSet::packs()
    std::vector<SchemeCondition> conditions;
    std::vector<SchemeNote> notes;
    bool hasFiling = false;  // false: nothing to file ("filing": null)
    std::vector<FilerRule> filers;
    std::optional<std::string> instructor;
    std::int32_t filingReason = -1;  // template: who files, said when the person is not refused
    RefList filingRefs;
    std::vector<Refusal> refusals;
    std::int32_t defaultRefusal = -1;
    std::vector<DateRange> windows;  // empty: always open
    std::vector<DocumentSpec> documents;
    std::vector<std::pair<std::string, Contact>> contacts; // by département code
    std::optional<Contact> contact;  // when the département has none of its own
    std::int32_t later = -1;         // template for "what would change a non"
    RefList refs;
};

struct PackSource {
    std::string id;    // a seed file name or a short id
    std::string title;
    std::optional<std::string> url;
    std::optional<CivilDate> date;
};

struct RulePack {
    std::string file;       // where it was loaded from (file name)
    std::string id;         // "paca-2026"
    std::string version;    // "2026.1"
    std::string title;
    std::optional<CivilDate> validFrom;
    std::optional<CivilDate> validTo;
    CivilDate upToDate;     // « à jour au »
    std::vector<PackSource> sources;
    std::vector<std::size_t> schemes; // indices in RuleSet::schemes()
};

// French wording for one fact, from facts.json, plus why the loaded rules ask it.
struct FactInfo {
    FactId id = FactId::BirthDate;
    std::string path;
    std::string question;  // « Quelle est ta date de naissance ? »
    std::string help;      // short hint shown under the question
    std::vector<std::pair<std::string, std::string>> choices; // value → French label
    std::vector<std::string> usedBy;   // scheme ids whose conditions use it, in result order
    std::vector<std::string> refs;     // refs of those conditions, deduplicated
    std::string why;                   // « pourquoi cette question ? », built from the above
};

// A load error naming the pack file, the scheme (if any) and the field.
struct RuleError {
    std::string pack;
    std::string scheme;
    std::string field;
    std::string message;
    [[nodiscard]] std::string text() const; // one French line
};

// A named text: one JSON file of assets/rules (packs and facts.json).
struct RuleFile {
    std::string name;
    std::string text;
};

class RuleSet {
public:
    // Loads and validates every file (packs in file-name order: that is the results order). Any
    // error → nullopt, every error found appended to `errors`.
    [[nodiscard]] static std::optional<RuleSet> fromFiles(std::vector<RuleFile> files, std::vector<RuleError>* errors);
    [[nodiscard]] static std::optional<RuleSet> fromDirectory(const std::string& dir, std::vector<RuleError>* errors);

    [[nodiscard]] const std::vector<RulePack>& packs() const { return m_packs; }
    [[nodiscard]] const std::vector<Scheme>& schemes() const { return m_schemes; }
    [[nodiscard]] const Scheme* findScheme(std::string_view id) const;
    [[nodiscard]] std::optional<std::size_t> schemeIndex(std::string_view id) const;
    [[nodiscard]] const RulePack& packOf(const Scheme& scheme) const { return m_packs[scheme.pack]; }
    // "apprentissage@2026.1 paca-2026@2026.1 …" — the verdicts' "rules" field.
    [[nodiscard]] const std::string& label() const { return m_label; }

    [[nodiscard]] const std::vector<FactInfo>& facts() const { return m_facts; }
    [[nodiscard]] const FactInfo& fact(FactId id) const { return m_facts[static_cast<std::size_t>(id)]; }
    // French label of a choice value of a fact ("3e" → "Troisième"), or the value itself.
    [[nodiscard]] std::string choiceLabel(FactId id, std::string_view value) const;
    // "le CFA", "ton collège"… (facts.json "roles"), for filers in texts and documentation.
    [[nodiscard]] const std::string& roleLabel(Role role) const { return m_roleLabels[static_cast<std::size_t>(role)]; }
    // The wizard's first question (who is using the app), from facts.json "requester".
    [[nodiscard]] const std::string& requesterQuestion() const { return m_requesterQuestion; }
    [[nodiscard]] const std::string& requesterHelp() const { return m_requesterHelp; }

    // Compiled storage, read by the engine.
    [[nodiscard]] const std::vector<CondNode>& nodes() const { return m_nodes; }
    [[nodiscard]] const std::vector<std::uint32_t>& children() const { return m_children; }
    [[nodiscard]] const std::vector<Template>& templates() const { return m_templates; }

private:
    friend class RuleLoader;
    std::vector<RulePack> m_packs;
    std::vector<Scheme> m_schemes;
    std::vector<CondNode> m_nodes;
    std::vector<std::uint32_t> m_children;
    std::vector<Template> m_templates;
    std::vector<FactInfo> m_facts;
    std::vector<std::string> m_roleLabels;
    std::string m_requesterQuestion;
    std::string m_requesterHelp;
    std::string m_label;
};

} // namespace passerelle
