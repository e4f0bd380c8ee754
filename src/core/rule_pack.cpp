// Loading, validating and compiling rule packs and facts.json into a RuleSet (errors name pack, scheme and field).
//
// [SECTION] Errors and small readers
// [SECTION] facts.json
// [SECTION] Expressions and templates
// [SECTION] Schemes and packs
// [SECTION] RuleSet entry points
#include "core/rule_pack.hpp"

#include "core/json_strict.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace passerelle {

//-----------------------------------------------------------------------------
// [SECTION] Errors and small readers
//-----------------------------------------------------------------------------

std::string RuleError::text() const {
    std::string out = pack.empty() ? std::string("règles") : pack;
    if (!scheme.empty())
        out += " : dispositif « " + scheme + " »";
    if (!field.empty())
        out += " : " + field;
    out += " : " + message;
    return out;
}

namespace {
constexpr std::string_view kPackFormat = "passerelle.rules/1";
constexpr std::string_view kFactsFormat = "passerelle.facts/1";

std::string guillemets(std::string_view s) { return "« " + std::string(s) + " »"; }

TemplatePart literalPart(const std::string& text) {
    TemplatePart part;
    part.text = text;
    return part;
}

bool isDepartementCode(std::string_view code) { return choiceIndex(FactId::Departement, code) >= 0; }

bool plausibleEmail(const std::string& e) {
    const auto at = e.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= e.size() || e.find('@', at + 1) != std::string::npos)
        return false;
    if (e[at - 1] == '.' || e.front() == '.' || e.find("..") != std::string::npos)
        return false;
    const auto dot = e.find('.', at);
    return dot != std::string::npos && dot + 1 < e.size() && e.find(' ') == std::string::npos;
}
} // namespace

// The loader is a friend of RuleSet: it fills the compiled storage while checking every field.
class RuleLoader {
public:
    RuleLoader(RuleSet& out, std::vector<RuleError>* errors) : m_out(out), m_errors(errors) {}

    void loadFiles(std::vector<RuleFile> files);
    [[nodiscard]] bool failed() const { return m_failed; }

private:
    // [SECTION] Errors and small readers (members)
    void error(const std::string& field, const std::string& message) {
        m_failed = true;
        if (m_errors)
            m_errors->push_back({m_pack, m_scheme, field, message});
    }
    bool checkKeys(const Json& obj, const std::string& field, std::initializer_list<std::string_view> allowed) {
        bool ok = true;
        for (const auto& [key, value] : obj.items()) {
            (void)value;
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                error(join(field, key), "champ inconnu");
                ok = false;
            }
        }
        return ok;
    }
    static std::string join(const std::string& field, std::string_view key) {
        return field.empty() ? std::string(key) : field + "." + std::string(key);
    }
    const Json* member(const Json& obj, std::string_view key) {
        const auto it = obj.find(std::string(key));
        return it == obj.end() ? nullptr : &*it;
    }
    std::optional<std::string> requireString(const Json& obj, const std::string& field, std::string_view key, bool nonEmpty = true) {
        const Json* v = member(obj, key);
        if (!v) {
            error(join(field, key), "champ obligatoire absent");
            return std::nullopt;
        }
        if (!v->is_string() || (nonEmpty && v->get_ref<const std::string&>().empty())) {
            error(join(field, key), "doit être une chaîne non vide");
            return std::nullopt;
        }
        return v->get<std::string>();
    }
    std::optional<CivilDate> readDate(const Json& v, const std::string& field) {
        if (!v.is_string()) {
            error(field, "doit être une date « AAAA-MM-JJ »");
            return std::nullopt;
        }
        const auto d = parseIsoDate(v.get_ref<const std::string&>());
        if (!d)
            error(field, "date impossible ou mal écrite " + guillemets(v.get<std::string>()));
        return d;
    }
    // A nullable date member: absent is an error, null gives {true, nullopt}.
    std::pair<bool, std::optional<CivilDate>> requireNullableDate(const Json& obj, const std::string& field, std::string_view key) {
        const Json* v = member(obj, key);
        if (!v) {
            error(join(field, key), "champ obligatoire absent (null si aucune)");
            return {false, std::nullopt};
        }
        if (v->is_null())
            return {true, std::nullopt};
        const auto d = readDate(*v, join(field, key));
        return {d.has_value(), d};
    }
    std::vector<std::string> readRefs(const Json& obj, const std::string& field, bool required);

    // [SECTION] facts.json
    void loadFacts(const Json& doc);

    // [SECTION] Expressions and templates
    std::int32_t compileExpr(const Json& e, const std::string& field, bool topLevel);
    std::int32_t compileLeaf(const Json& e, const std::string& field);
    std::int32_t compileTemplate(const Json* v, const std::string& field, bool later = false);
    std::int32_t optionalTemplate(const Json& obj, const std::string& field, std::string_view key, bool later = false) {
        const Json* v = member(obj, key);
        return v ? compileTemplate(v, join(field, key), later) : -1;
    }
    void collectFacts(std::uint32_t node, std::vector<FactId>& out) const;

    // [SECTION] Schemes and packs
    void loadPack(const Json& doc);
    void loadScheme(const Json& s, const std::string& field, std::size_t packIndex);
    void loadFiling(const Json& f, const std::string& field, Scheme& scheme);
    void finish();

    RuleSet& m_out;
    std::vector<RuleError>* m_errors;
    bool m_failed = false;
    bool m_haveFacts = false;
    std::string m_pack;   // current file name
    std::string m_scheme; // current scheme id
    std::set<std::string> m_sourceIds; // current pack's sources
};

std::vector<std::string> RuleLoader::readRefs(const Json& obj, const std::string& field, bool required) {
    std::vector<std::string> refs;
    const Json* v = member(obj, "refs");
    if (!v) {
        if (required)
            error(join(field, "refs"), "champ obligatoire absent : chaque règle cite sa source (article ou fichier)");
        return refs;
    }
    if (!v->is_array() || (required && v->empty())) {
        error(join(field, "refs"), "doit être une liste non vide de sources");
        return refs;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
        const Json& r = (*v)[i];
        const std::string f = join(field, "refs") + "[" + std::to_string(i) + "]";
        if (!r.is_string() || r.get_ref<const std::string&>().empty()) {
            error(f, "doit être une chaîne non vide");
            continue;
        }
        const auto& text = r.get_ref<const std::string&>();
        // A seed file cited must be one of the pack's declared sources (typos in file names matter).
        if (text.size() > 4 && text.compare(text.size() - 4, 4, ".txt") == 0 && !m_sourceIds.count(text))
            error(f, "source " + guillemets(text) + " absente de « sources » du paquet");
        refs.push_back(text);
    }
    return refs;
}

//-----------------------------------------------------------------------------
// [SECTION] facts.json
//-----------------------------------------------------------------------------

void RuleLoader::loadFacts(const Json& doc) {
    if (m_haveFacts) {
        error("format", "un seul fichier « passerelle.facts/1 » est permis");
        return;
    }
    m_haveFacts = true;
    checkKeys(doc, "", {"format", "roles", "requester", "facts"});
    m_out.m_roleLabels.assign(kRoleCount, std::string());
    m_out.m_facts.assign(kFactCount, FactInfo{});

    const Json* roles = member(doc, "roles");
    if (!roles || !roles->is_object()) {
        error("roles", "doit être un objet { rôle : libellé }");
    } else {
        for (const auto& [key, value] : roles->items()) {
            const auto role = roleByName(key);
            if (!role)
                error("roles." + key, "rôle inconnu");
            else if (!value.is_string() || value.get_ref<const std::string&>().empty())
                error("roles." + key, "doit être un libellé non vide");
            else
                m_out.m_roleLabels[static_cast<std::size_t>(*role)] = value.get<std::string>();
        }
        for (std::size_t i = 0; i < kRoleCount; ++i)
            if (m_out.m_roleLabels[i].empty())
                error("roles." + std::string(roleName(static_cast<Role>(i))), "libellé manquant");
    }

    const Json* requester = member(doc, "requester");
    if (!requester || !requester->is_object()) {
        error("requester", "doit être un objet {question, help}");
    } else {
        checkKeys(*requester, "requester", {"question", "help"});
        m_out.m_requesterQuestion = requireString(*requester, "requester", "question").value_or("");
        m_out.m_requesterHelp = requireString(*requester, "requester", "help", false).value_or("");
    }

    const Json* facts = member(doc, "facts");
    if (!facts || !facts->is_object()) {
        error("facts", "doit être un objet { chemin : {question, help, choices} }");
        return;
    }
    for (const auto& [path, entry] : facts->items()) {
        const std::string field = "facts." + path;
        const auto id = factByPath(path);
        if (!id) {
            error(field, "fait inconnu du format passerelle.situation/1");
            continue;
        }
        if (!entry.is_object()) {
            error(field, "doit être un objet {question, help, choices}");
            continue;
        }
        checkKeys(entry, field, {"question", "help", "choices"});
        const FactSpec& spec = factSpec(*id);
        FactInfo& info = m_out.m_facts[static_cast<std::size_t>(*id)];
        info.id = *id;
        info.path = path;
        info.question = requireString(entry, field, "question").value_or("");
        info.help = requireString(entry, field, "help", false).value_or("");
        const Json* choices = member(entry, "choices");
        const bool hasChoices = spec.type == FactType::Choice || spec.type == FactType::ChoiceSet;
        if (!hasChoices) {
            if (choices)
                error(field + ".choices", "ce fait n'a pas de valeurs à choisir");
            continue;
        }
        if (!choices || !choices->is_object()) {
            error(field + ".choices", "doit être un objet { valeur : libellé } avec chaque valeur du format");
            continue;
        }
        for (const auto& [value, label] : choices->items())
            if (choiceIndex(*id, value) < 0)
                error(field + ".choices." + value, "valeur inconnue du format passerelle.situation/1");
        for (const auto& value : spec.choices) {
            const auto it = choices->find(std::string(value));
            if (it == choices->end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
                error(field + ".choices." + std::string(value), "libellé manquant");
                continue;
            }
            info.choices.emplace_back(std::string(value), it->get<std::string>());
        }
    }
    for (const auto& spec : factCatalogue())
        if (m_out.m_facts[static_cast<std::size_t>(spec.id)].path.empty())
            error("facts." + std::string(spec.path), "question manquante pour ce fait du format");
}

//-----------------------------------------------------------------------------
// [SECTION] Expressions and templates
//-----------------------------------------------------------------------------

std::int32_t RuleLoader::compileTemplate(const Json* v, const std::string& field, bool later) {
    if (!v || !v->is_string() || v->get_ref<const std::string&>().empty()) {
        error(field, "doit être un texte non vide");
        return -1;
    }
    Template t;
    t.source = v->get<std::string>();
    if (t.source.size() > 2000) { // the engine fills texts in a 4 KB buffer (rule_engine.cpp, TextBuffer)
        error(field, "texte trop long (2000 octets au plus)");
        return -1;
    }
    const std::string& s = t.source;
    std::string literal;
    bool ok = true;
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '}') {
            error(field, "« } » sans « { » dans " + guillemets(s));
            return -1;
        }
        if (s[i] != '{') {
            literal += s[i++];
            continue;
        }
        const auto close = s.find('}', i);
        if (close == std::string::npos) {
            error(field, "« { » sans « } » dans " + guillemets(s));
            return -1;
        }
        const std::string name = s.substr(i + 1, close - i - 1);
        i = close + 1;
        if (!literal.empty()) {
            t.parts.push_back(literalPart(literal));
            literal.clear();
        }
        TemplatePart part;
        using K = TemplatePart::Kind;
        if (name == "age") part.kind = K::Age;
        else if (name == "age_dec31") part.kind = K::AgeDec31;
        else if (name == "on") part.kind = K::On;
        else if (name == "year") part.kind = K::Year;
        else if (later && name == "date") part.kind = K::Date;
        else if (later && name == "occasion") part.kind = K::Occasion;
        else {
            const auto colon = name.find(':');
            const std::string kind = colon == std::string::npos ? name : name.substr(0, colon);
            std::string path = colon == std::string::npos ? std::string() : name.substr(colon + 1);
            if (kind == "date") {
                part.kind = K::DateOf;
                const auto plus = path.find('+');
                if (plus != std::string::npos) {
                    const std::string offset = path.substr(plus + 1);
                    path.resize(plus);
                    int n = 0;
                    std::size_t k = 0;
                    while (k < offset.size() && offset[k] >= '0' && offset[k] <= '9' && n < 10000)
                        n = n * 10 + (offset[k++] - '0');
                    if (k == 0 || k + 1 != offset.size() || (offset[k] != 'm' && offset[k] != 'y')) {
                        error(field, "décalage de date invalide " + guillemets(offset) + " (attendu : +6m ou +16y)");
                        ok = false;
                        continue;
                    }
                    part.months = n;
                    part.years = offset[k] == 'y';
                }
            } else if (kind == "value") {
                part.kind = K::ValueOf;
            } else if (kind == "label") {
                part.kind = K::LabelOf;
            } else {
                error(field, "variable inconnue " + guillemets("{" + name + "}") +
                                 (later ? "" : " ({date} et {occasion} ne vont que dans « later »)"));
                ok = false;
                continue;
            }
            const auto fact = factByPath(path);
            if (!fact) {
                error(field, "fait inconnu " + guillemets(path) + " dans " + guillemets("{" + name + "}"));
                ok = false;
                continue;
            }
            const FactType type = factSpec(*fact).type;
            if (part.kind == K::DateOf && type != FactType::Date) {
                error(field, guillemets("{" + name + "}") + " : " + path + " n'est pas une date");
                ok = false;
                continue;
            }
            if (part.kind != K::DateOf && type != FactType::Choice) {
                error(field, guillemets("{" + name + "}") + " : " + path + " n'est pas un choix");
                ok = false;
                continue;
            }
            part.fact = *fact;
        }
        t.parts.push_back(std::move(part));
    }
    if (!literal.empty())
        t.parts.push_back(literalPart(literal));
    if (!ok)
        return -1;
    m_out.m_templates.push_back(std::move(t));
    return static_cast<std::int32_t>(m_out.m_templates.size() - 1);
}

std::int32_t RuleLoader::compileExpr(const Json& e, const std::string& field, bool topLevel) {
    if (!e.is_object()) {
        error(field, "une condition doit être un objet");
        return -1;
    }
    const bool isAll = e.contains("all"), isAny = e.contains("any"), isNot = e.contains("not");
    const int composite = int(isAll) + int(isAny) + int(isNot);
    if (composite > 1 || (composite == 1 && e.contains("fact"))) {
        error(field, "une condition a un seul opérateur (all, any, not ou fact)");
        return -1;
    }
    if (topLevel) {
        checkKeys(e, field, {"id", "refs", "if_true", "if_false", "if_unknown", "summary", "all", "any", "not", "fact", "is", "in",
                             "contains_any", "age", "age_on_dec31", "within_months"});
    } else {
        checkKeys(e, field, {"if_true", "if_false", "all", "any", "not", "fact", "is", "in", "contains_any", "age",
                             "age_on_dec31", "within_months"});
    }
    std::int32_t index = -1;
    if (composite == 1) {
        CondNode node;
        std::vector<std::uint32_t> kids;
        if (isNot) {
            node.op = CondNode::Op::Not;
            const auto k = compileExpr(e["not"], field + ".not", false);
            if (k < 0)
                return -1;
            kids.push_back(static_cast<std::uint32_t>(k));
        } else {
            node.op = isAll ? CondNode::Op::All : CondNode::Op::Any;
            const std::string key = isAll ? "all" : "any";
            const Json& list = e[key];
            if (!list.is_array() || list.empty()) {
                error(field + "." + key, "doit être une liste non vide de conditions");
                return -1;
            }
            for (std::size_t i = 0; i < list.size(); ++i) {
                const auto k = compileExpr(list[i], field + "." + key + "[" + std::to_string(i) + "]", false);
                if (k < 0)
                    return -1;
                kids.push_back(static_cast<std::uint32_t>(k));
            }
        }
        node.first = static_cast<std::uint32_t>(m_out.m_children.size());
        node.count = static_cast<std::uint32_t>(kids.size());
        m_out.m_children.insert(m_out.m_children.end(), kids.begin(), kids.end());
        m_out.m_nodes.push_back(node);
        index = static_cast<std::int32_t>(m_out.m_nodes.size() - 1);
    } else {
        index = compileLeaf(e, field);
        if (index < 0)
            return -1;
    }
    const auto t = optionalTemplate(e, field, "if_true");
    const auto f = optionalTemplate(e, field, "if_false");
    const auto u = optionalTemplate(e, field, "if_unknown");
    CondNode& node = m_out.m_nodes[static_cast<std::size_t>(index)];
    node.ifTrue = t;
    node.ifFalse = f;
    node.ifUnknown = u;
    return index;
}

std::int32_t RuleLoader::compileLeaf(const Json& e, const std::string& field) {
    const Json* factJson = member(e, "fact");
    if (!factJson) {
        error(field, "condition sans opérateur : attendu all, any, not ou fact");
        return -1;
    }
    if (!factJson->is_string()) {
        error(field + ".fact", "doit être un chemin de fait, par ex. « person.birth_date »");
        return -1;
    }
    const std::string& path = factJson->get_ref<const std::string&>();
    const auto fact = factByPath(path);
    if (!fact) {
        error(field + ".fact", "fait inconnu " + guillemets(path) + " : le format passerelle.situation/1 ne l'a pas");
        return -1;
    }
    const FactSpec& spec = factSpec(*fact);
    static constexpr std::array<std::string_view, 6> kOps{"is", "in", "contains_any", "age", "age_on_dec31", "within_months"};
    std::string_view op;
    for (const auto o : kOps)
        if (e.contains(std::string(o))) {
            if (!op.empty()) {
                error(field, "une condition sur un fait a un seul opérateur (" + std::string(op) + " et " + std::string(o) + ")");
                return -1;
            }
            op = o;
        }
    if (op.empty()) {
        error(field, "opérateur manquant pour " + guillemets(path) + " (is, in, contains_any, age, age_on_dec31, within_months)");
        return -1;
    }
    const std::string opField = field + "." + std::string(op);
    const Json& arg = e[std::string(op)];
    CondNode node;
    node.fact = *fact;
    auto setChoice = [&](const Json& v, const std::string& f) -> bool {
        if (v.is_null()) {
            if (!spec.nullable) {
                error(f, path + " ne peut pas valoir null dans une règle (null y veut dire « inconnu »)");
                return false;
            }
            node.noneOk = true;
            return true;
        }
        if (!v.is_string()) {
            error(f, "type incorrect : " + path + " prend une valeur texte");
            return false;
        }
        const int i = choiceIndex(*fact, v.get_ref<const std::string&>());
        if (i < 0) {
            error(f, "valeur " + guillemets(v.get<std::string>()) + " inconnue pour " + path);
            return false;
        }
        node.mask[i / 64] |= std::uint64_t{1} << (i % 64);
        return true;
    };
    auto ageRange = [&](const Json& v) -> bool {
        if (spec.type != FactType::Date || spec.nullable) {
            error(opField, "un âge se calcule sur une date de naissance, pas sur " + path);
            return false;
        }
        if (!v.is_object() || v.empty()) {
            error(opField, "doit être un objet {\"min\": n, \"max\": n}");
            return false;
        }
        checkKeys(v, opField, {"min", "max"});
        node.a = 0;
        node.b = -1;
        for (const char* key : {"min", "max"}) {
            if (!v.contains(key))
                continue;
            const Json& n = v[key];
            if (!n.is_number_integer() || n.get<std::int64_t>() < 0 || n.get<std::int64_t>() > 150) {
                error(opField + "." + key, "doit être un nombre entier d'années entre 0 et 150");
                return false;
            }
            (std::string_view(key) == "min" ? node.a : node.b) = static_cast<std::int32_t>(n.get<std::int64_t>());
        }
        if (node.b >= 0 && node.b < node.a) {
            error(opField, "max est plus petit que min");
            return false;
        }
        return true;
    };
    if (op == "is") {
        if (spec.type == FactType::Boolean) {
            if (!arg.is_boolean()) {
                error(opField, "type incorrect : " + path + " est un booléen (true ou false)");
                return -1;
            }
            node.op = CondNode::Op::BoolIs;
            node.a = arg.get<bool>() ? 1 : 0;
        } else if (spec.type == FactType::Choice) {
            node.op = CondNode::Op::ChoiceIn;
            if (!setChoice(arg, opField))
                return -1;
        } else if (spec.type == FactType::Date && spec.nullable && arg.is_null()) {
            node.op = CondNode::Op::ChoiceIn; // only "none" accepted: a known date is false
            node.noneOk = true;
        } else {
            error(opField, "« is » ne s'applique pas à " + path);
            return -1;
        }
    } else if (op == "in" || op == "contains_any") {
        const bool set = op == "contains_any";
        if (set != (spec.type == FactType::ChoiceSet) || (!set && spec.type != FactType::Choice)) {
            error(opField, set ? path + " n'est pas une liste : utiliser « in »" : "« in » ne s'applique pas à " + path +
                                                                                     (spec.type == FactType::ChoiceSet ? " (utiliser « contains_any »)" : ""));
            return -1;
        }
        if (!arg.is_array() || arg.empty()) {
            error(opField, "doit être une liste non vide de valeurs");
            return -1;
        }
        node.op = set ? CondNode::Op::SetContainsAny : CondNode::Op::ChoiceIn;
        for (std::size_t i = 0; i < arg.size(); ++i)
            if (!setChoice(arg[i], opField + "[" + std::to_string(i) + "]"))
                return -1;
        if (set && node.noneOk) {
            error(opField, "null n'a pas de sens dans une liste");
            return -1;
        }
    } else if (op == "age" || op == "age_on_dec31") {
        node.op = op == "age" ? CondNode::Op::Age : CondNode::Op::AgeDec31;
        if (!ageRange(arg))
            return -1;
    } else { // within_months
        if (spec.type != FactType::Date) {
            error(opField, path + " n'est pas une date");
            return -1;
        }
        if (!arg.is_number_integer() || arg.get<std::int64_t>() < 0 || arg.get<std::int64_t>() > 1200) {
            error(opField, "doit être un nombre entier de mois");
            return -1;
        }
        node.op = CondNode::Op::WithinMonths;
        node.a = static_cast<std::int32_t>(arg.get<std::int64_t>());
    }
    m_out.m_nodes.push_back(node);
    return static_cast<std::int32_t>(m_out.m_nodes.size() - 1);
}

void RuleLoader::collectFacts(std::uint32_t index, std::vector<FactId>& out) const {
    const CondNode& n = m_out.m_nodes[index];
    if (n.op == CondNode::Op::All || n.op == CondNode::Op::Any || n.op == CondNode::Op::Not) {
        for (std::uint32_t k = 0; k < n.count; ++k)
            collectFacts(m_out.m_children[n.first + k], out);
        return;
    }
    if (std::find(out.begin(), out.end(), n.fact) == out.end())
        out.push_back(n.fact);
}

//-----------------------------------------------------------------------------
// [SECTION] Schemes and packs
//-----------------------------------------------------------------------------

void RuleLoader::loadFiling(const Json& f, const std::string& field, Scheme& scheme) {
    if (f.is_null()) {
        scheme.hasFiling = false;
        return;
    }
    if (!f.is_object()) {
        error(field, "doit être null (rien à déposer) ou un objet");
        return;
    }
    scheme.hasFiling = true;
    checkKeys(f, field, {"instructor", "reason", "refs", "filers", "refusals", "default_refusal"});
    const Json* instructor = member(f, "instructor");
    if (!instructor)
        error(field + ".instructor", "champ obligatoire absent (null si personne n'instruit)");
    else if (instructor->is_string() && !instructor->get_ref<const std::string&>().empty())
        scheme.instructor = instructor->get<std::string>();
    else if (!instructor->is_null())
        error(field + ".instructor", "doit être un texte ou null");
    scheme.filingReason = optionalTemplate(f, field, "reason");
    scheme.filingRefs = readRefs(f, field, false);
    scheme.defaultRefusal = optionalTemplate(f, field, "default_refusal");

    const Json* filers = member(f, "filers");
    if (!filers || !filers->is_array() || filers->empty()) {
        error(field + ".filers", "doit être une liste non vide de rôles");
    } else {
        for (std::size_t i = 0; i < filers->size(); ++i) {
            const Json& entry = (*filers)[i];
            const std::string ef = field + ".filers[" + std::to_string(i) + "]";
            if (!entry.is_object()) {
                error(ef, "doit être un objet {role, when?, refusal?}");
                continue;
            }
            checkKeys(entry, ef, {"role", "when", "refusal", "refs"});
            FilerRule rule;
            const auto name = requireString(entry, ef, "role");
            if (!name)
                continue;
            const auto role = roleByName(*name);
            if (!role) {
                error(ef + ".role", "rôle inconnu " + guillemets(*name));
                continue;
            }
            for (const auto& other : scheme.filers)
                if (other.role == *role)
                    error(ef + ".role", "rôle en double " + guillemets(*name));
            rule.role = *role;
            if (const Json* when = member(entry, "when"))
                rule.when = compileExpr(*when, ef + ".when", false);
            rule.refusal = optionalTemplate(entry, ef, "refusal");
            if (rule.when >= 0 && rule.refusal < 0)
                error(ef + ".refusal", "obligatoire avec « when » : dire pourquoi ce rôle ne peut pas déposer");
            rule.refs = readRefs(entry, ef, false);
            scheme.filers.push_back(std::move(rule));
        }
    }
    if (const Json* refusals = member(f, "refusals")) {
        if (!refusals->is_array()) {
            error(field + ".refusals", "doit être une liste");
            return;
        }
        for (std::size_t i = 0; i < refusals->size(); ++i) {
            const Json& entry = (*refusals)[i];
            const std::string ef = field + ".refusals[" + std::to_string(i) + "]";
            if (!entry.is_object()) {
                error(ef, "doit être un objet {role, text, refs}");
                continue;
            }
            checkKeys(entry, ef, {"role", "text", "refs"});
            const auto name = requireString(entry, ef, "role");
            const auto role = name ? roleByName(*name) : std::nullopt;
            if (name && !role) {
                error(ef + ".role", "rôle inconnu " + guillemets(*name));
                continue;
            }
            if (!role)
                continue;
            for (const auto& filer : scheme.filers)
                if (filer.role == *role && filer.when < 0)
                    error(ef + ".role", guillemets(*name) + " peut toujours déposer : un refus n'a pas de sens");
            for (const auto& other : scheme.refusals)
                if (other.role == *role)
                    error(ef + ".role", "rôle en double " + guillemets(*name));
            Refusal r;
            r.role = *role;
            r.text = compileTemplate(member(entry, "text"), ef + ".text");
            r.refs = readRefs(entry, ef, true);
            scheme.refusals.push_back(std::move(r));
        }
    }
}

void RuleLoader::loadScheme(const Json& s, const std::string& field, std::size_t packIndex) {
    if (!s.is_object()) {
        error(field, "un dispositif doit être un objet");
        return;
    }
    Scheme scheme;
    scheme.pack = packIndex;
    const auto id = requireString(s, field, "id");
    if (!id)
        return;
    m_scheme = *id;
    for (const auto& other : m_out.m_schemes)
        if (other.id == *id)
            error("id", "identifiant de dispositif en double (déjà dans " + m_out.m_packs[other.pack].file + ")");
    scheme.id = *id;
    const std::string f; // fields inside a scheme are named from the scheme
    checkKeys(s, f, {"id", "title", "description", "refs", "conditions", "notes", "filing", "windows", "documents", "contacts",
                     "contact", "later"});
    scheme.title = requireString(s, f, "title").value_or("");
    scheme.description = requireString(s, f, "description").value_or("");
    scheme.refs = readRefs(s, f, true);

    const Json* conditions = member(s, "conditions");
    if (!conditions || !conditions->is_array() || conditions->empty()) {
        error("conditions", "doit être une liste non vide");
    } else {
        for (std::size_t i = 0; i < conditions->size(); ++i) {
            const Json& c = (*conditions)[i];
            const std::string cf = "conditions[" + std::to_string(i) + "]";
            if (!c.is_object()) {
                error(cf, "une condition doit être un objet");
                continue;
            }
            SchemeCondition cond;
            const auto cid = requireString(c, cf, "id");
            if (cid) {
                for (const auto& other : scheme.conditions)
                    if (other.id == *cid)
                        error(cf + ".id", "identifiant de condition en double " + guillemets(*cid));
                cond.id = *cid;
            }
            cond.refs = readRefs(c, cf, true);
            if (const Json* summary = member(c, "summary"); summary && summary->is_string())
                cond.summary = summary->get<std::string>();
            const auto node = compileExpr(c, cf, true);
            if (node < 0)
                continue;
            // Every outcome must be explained: by the condition's own text, or by each branch of an
            // "any" (when true) or an "all" (when false), which then speak for it.
            const CondNode& n = m_out.m_nodes[static_cast<std::size_t>(node)];
            auto branchesSay = [&](CondNode::Op op, bool whenTrue) {
                if (n.op != op)
                    return false;
                for (std::uint32_t k = 0; k < n.count; ++k) {
                    const CondNode& child = m_out.m_nodes[m_out.m_children[n.first + k]];
                    if ((whenTrue ? child.ifTrue : child.ifFalse) < 0)
                        return false;
                }
                return true;
            };
            if (n.ifTrue < 0 && !branchesSay(CondNode::Op::Any, true))
                error(cf + ".if_true", "champ obligatoire absent : le texte dit quand la condition est remplie");
            if (n.ifFalse < 0 && !branchesSay(CondNode::Op::All, false))
                error(cf + ".if_false", "champ obligatoire absent : le texte dit quand la condition n'est pas remplie");
            cond.node = static_cast<std::uint32_t>(node);
            scheme.conditions.push_back(std::move(cond));
        }
    }

    if (const Json* notes = member(s, "notes")) {
        if (!notes->is_array()) {
            error("notes", "doit être une liste");
        } else {
            for (std::size_t i = 0; i < notes->size(); ++i) {
                const Json& n = (*notes)[i];
                const std::string nf = "notes[" + std::to_string(i) + "]";
                if (!n.is_object()) {
                    error(nf, "doit être un objet {when?, text, refs}");
                    continue;
                }
                checkKeys(n, nf, {"when", "text", "refs", "show"});
                SchemeNote note;
                if (const Json* show = member(n, "show")) {
                    if (show->is_string() && show->get_ref<const std::string&>() == "always")
                        note.show = SchemeNote::Show::Always;
                    else if (show->is_string() && show->get_ref<const std::string&>() == "if_not_eligible")
                        note.show = SchemeNote::Show::OnlyNotEligible;
                    else
                        error(nf + ".show", "doit valoir « always » ou « if_not_eligible » (par défaut : dispositif possible)");
                }
                if (const Json* when = member(n, "when"))
                    note.when = compileExpr(*when, nf + ".when", false);
                note.text = compileTemplate(member(n, "text"), nf + ".text");
                note.refs = readRefs(n, nf, true);
                scheme.notes.push_back(std::move(note));
            }
        }
    }

    if (const Json* filing = member(s, "filing"))
        loadFiling(*filing, "filing", scheme);
    else
        error("filing", "champ obligatoire absent (null si rien à déposer)");

    if (const Json* windows = member(s, "windows")) {
        if (!windows->is_array()) {
            error("windows", "doit être une liste de périodes {from, to}");
        } else {
            for (std::size_t i = 0; i < windows->size(); ++i) {
                const Json& w = (*windows)[i];
                const std::string wf = "windows[" + std::to_string(i) + "]";
                if (!w.is_object()) {
                    error(wf, "doit être un objet {from, to}");
                    continue;
                }
                checkKeys(w, wf, {"from", "to"});
                const auto [okFrom, from] = requireNullableDate(w, wf, "from");
                const auto [okTo, to] = requireNullableDate(w, wf, "to");
                if (!okFrom || !okTo)
                    continue;
                if (from && to && *to < *from) {
                    error(wf, "la fin est avant le début");
                    continue;
                }
                if (!scheme.windows.empty()) {
                    const DateRange& prev = scheme.windows.back();
                    if (!prev.to || !from || !(*prev.to < *from)) {
                        error(wf, "les périodes doivent être dans l'ordre et sans chevauchement");
                        continue;
                    }
                }
                scheme.windows.push_back({from, to});
            }
        }
    }

    if (const Json* docs = member(s, "documents")) {
        if (!docs->is_array()) {
            error("documents", "doit être une liste {id, label}");
        } else {
            for (std::size_t i = 0; i < docs->size(); ++i) {
                const Json& d = (*docs)[i];
                const std::string df = "documents[" + std::to_string(i) + "]";
                if (!d.is_object()) {
                    error(df, "doit être un objet {id, label}");
                    continue;
                }
                checkKeys(d, df, {"id", "label"});
                DocumentSpec doc;
                doc.id = requireString(d, df, "id").value_or("");
                doc.label = requireString(d, df, "label").value_or("");
                for (const auto& other : scheme.documents)
                    if (!doc.id.empty() && other.id == doc.id)
                        error(df + ".id", "identifiant de pièce en double " + guillemets(doc.id));
                scheme.documents.push_back(std::move(doc));
            }
        }
    }

    auto readContact = [&](const Json& c, const std::string& cf) -> std::optional<Contact> {
        if (!c.is_object()) {
            error(cf, "doit être un objet {label, email}");
            return std::nullopt;
        }
        checkKeys(c, cf, {"label", "email"});
        const auto label = requireString(c, cf, "label");
        const auto email = requireString(c, cf, "email");
        if (!label || !email)
            return std::nullopt;
        if (!plausibleEmail(*email)) {
            error(cf + ".email", "adresse électronique invalide " + guillemets(*email));
            return std::nullopt;
        }
        return Contact{*label, *email};
    };
    if (const Json* contacts = member(s, "contacts")) {
        if (!contacts->is_object()) {
            error("contacts", "doit être un objet { code de département : {label, email} }");
        } else {
            for (const auto& [code, c] : contacts->items()) {
                if (!isDepartementCode(code)) {
                    error("contacts." + code, "département inconnu " + guillemets(code));
                    continue;
                }
                if (auto contact = readContact(c, "contacts." + code))
                    scheme.contacts.emplace_back(code, std::move(*contact));
            }
        }
    }
    if (const Json* contact = member(s, "contact"))
        scheme.contact = readContact(*contact, "contact");
    scheme.later = optionalTemplate(s, f, "later", true);

    m_out.m_schemes.push_back(std::move(scheme));
    m_out.m_packs[packIndex].schemes.push_back(m_out.m_schemes.size() - 1);
    m_scheme.clear();
}

void RuleLoader::loadPack(const Json& doc) {
    checkKeys(doc, "", {"format", "id", "version", "title", "valid_from", "valid_to", "up_to_date", "sources", "schemes"});
    RulePack pack;
    pack.file = m_pack;
    pack.id = requireString(doc, "", "id").value_or("");
    for (const auto& other : m_out.m_packs)
        if (!pack.id.empty() && other.id == pack.id)
            error("id", "identifiant de paquet en double (déjà dans " + other.file + ")");
    pack.version = requireString(doc, "", "version").value_or("");
    pack.title = requireString(doc, "", "title").value_or("");
    pack.validFrom = requireNullableDate(doc, "", "valid_from").second;
    pack.validTo = requireNullableDate(doc, "", "valid_to").second;
    if (pack.validFrom && pack.validTo && *pack.validTo < *pack.validFrom)
        error("valid_to", "la fin de validité est avant son début");
    if (const Json* up = member(doc, "up_to_date")) {
        if (auto d = readDate(*up, "up_to_date"))
            pack.upToDate = *d;
    } else {
        error("up_to_date", "champ obligatoire absent (date « à jour au »)");
    }
    m_sourceIds.clear();
    const Json* sources = member(doc, "sources");
    if (!sources || !sources->is_array() || sources->empty()) {
        error("sources", "doit être une liste non vide {id, title, date?, url?}");
    } else {
        for (std::size_t i = 0; i < sources->size(); ++i) {
            const Json& src = (*sources)[i];
            const std::string sf = "sources[" + std::to_string(i) + "]";
            if (!src.is_object()) {
                error(sf, "doit être un objet {id, title, date?, url?}");
                continue;
            }
            checkKeys(src, sf, {"id", "title", "date", "url"});
            PackSource ps;
            ps.id = requireString(src, sf, "id").value_or("");
            ps.title = requireString(src, sf, "title").value_or("");
            if (const Json* d = member(src, "date"))
                ps.date = readDate(*d, sf + ".date");
            if (const Json* u = member(src, "url")) {
                if (u->is_string())
                    ps.url = u->get<std::string>();
                else
                    error(sf + ".url", "doit être un texte");
            }
            if (!ps.id.empty() && !m_sourceIds.insert(ps.id).second)
                error(sf + ".id", "source en double " + guillemets(ps.id));
            pack.sources.push_back(std::move(ps));
        }
    }
    m_out.m_packs.push_back(std::move(pack));
    const std::size_t packIndex = m_out.m_packs.size() - 1;
    const Json* schemes = member(doc, "schemes");
    if (!schemes || !schemes->is_array() || schemes->empty()) {
        error("schemes", "doit être une liste non vide de dispositifs");
        return;
    }
    for (std::size_t i = 0; i < schemes->size(); ++i)
        loadScheme((*schemes)[i], "schemes[" + std::to_string(i) + "]", packIndex);
}

void RuleLoader::finish() {
    m_pack.clear();
    if (!m_haveFacts) {
        error("facts.json", "fichier « passerelle.facts/1 » absent : les questions du questionnaire en viennent");
        return;
    }
    if (m_out.m_schemes.empty())
        error("", "aucun dispositif chargé");
    // Why each question is asked: the schemes and refs of the conditions that use it.
    for (const Scheme& scheme : m_out.m_schemes) {
        for (const auto& cond : scheme.conditions) {
            std::vector<FactId> facts;
            collectFacts(cond.node, facts);
            for (const FactId fact : facts) {
                FactInfo& info = m_out.m_facts[static_cast<std::size_t>(fact)];
                if (std::find(info.usedBy.begin(), info.usedBy.end(), scheme.id) == info.usedBy.end())
                    info.usedBy.push_back(scheme.id);
                for (const auto& ref : cond.refs)
                    if (std::find(info.refs.begin(), info.refs.end(), ref) == info.refs.end())
                        info.refs.push_back(ref);
            }
        }
    }
    for (FactInfo& info : m_out.m_facts) {
        if (info.usedBy.empty()) {
            info.why = "Aucun dispositif chargé n'utilise cette réponse pour décider.";
            continue;
        }
        std::string titles;
        for (const auto& id : info.usedBy) {
            const Scheme* s = m_out.findScheme(id);
            titles += (titles.empty() ? "" : " ; ") + (s ? s->title : id);
        }
        std::string refs;
        for (const auto& r : info.refs)
            refs += (refs.empty() ? "" : " ; ") + r;
        info.why = "Ta réponse sert à vérifier si tu as droit à : " + titles + ". Sources : " + refs + ".";
    }
    for (const RulePack& pack : m_out.m_packs)
        m_out.m_label += (m_out.m_label.empty() ? "" : " ") + pack.id + "@" + pack.version;
}

void RuleLoader::loadFiles(std::vector<RuleFile> files) {
    std::sort(files.begin(), files.end(), [](const RuleFile& a, const RuleFile& b) { return a.name < b.name; });
    std::vector<std::pair<std::string, Json>> packs;
    for (const RuleFile& file : files) {
        m_pack = file.name;
        JsonError jsonError;
        auto doc = parseStrict(file.text, &jsonError);
        if (!doc) {
            error("", jsonError.message);
            continue;
        }
        if (!doc->is_object() || !doc->contains("format") || !(*doc)["format"].is_string()) {
            error("format", "absent : attendu « passerelle.rules/1 » ou « passerelle.facts/1 »");
            continue;
        }
        const auto& format = (*doc)["format"].get_ref<const std::string&>();
        if (format == kFactsFormat)
            loadFacts(*doc);
        else if (format == kPackFormat)
            packs.emplace_back(file.name, std::move(*doc));
        else
            error("format", "format inconnu " + guillemets(format));
    }
    if (!m_haveFacts) {
        // Placeholder labels so packs can still be checked and every error reported in one run.
        m_out.m_roleLabels.assign(kRoleCount, std::string());
        m_out.m_facts.assign(kFactCount, FactInfo{});
    }
    for (auto& [name, doc] : packs) {
        m_pack = name;
        loadPack(doc);
    }
    finish();
}

//-----------------------------------------------------------------------------
// [SECTION] RuleSet entry points
//-----------------------------------------------------------------------------

std::optional<RuleSet> RuleSet::fromFiles(std::vector<RuleFile> files, std::vector<RuleError>* errors) {
    RuleSet set;
    RuleLoader loader(set, errors);
    loader.loadFiles(std::move(files));
    if (loader.failed())
        return std::nullopt;
    return set;
}

std::optional<RuleSet> RuleSet::fromDirectory(const std::string& dir, std::vector<RuleError>* errors) {
    namespace fs = std::filesystem;
    std::vector<RuleFile> files;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        if (errors)
            errors->push_back({dir, "", "", "dossier de règles introuvable"});
        return std::nullopt;
    }
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".json")
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in && !in.eof()) {
            if (errors)
                errors->push_back({entry.path().filename().string(), "", "", "lecture impossible"});
            return std::nullopt;
        }
        files.push_back({entry.path().filename().string(), text.str()});
    }
    if (ec) {
        if (errors)
            errors->push_back({dir, "", "", "lecture du dossier impossible : " + ec.message()});
        return std::nullopt;
    }
    return fromFiles(std::move(files), errors);
}

const Scheme* RuleSet::findScheme(std::string_view id) const {
    const auto i = schemeIndex(id);
    return i ? &m_schemes[*i] : nullptr;
}

std::optional<std::size_t> RuleSet::schemeIndex(std::string_view id) const {
    for (std::size_t i = 0; i < m_schemes.size(); ++i)
        if (m_schemes[i].id == id)
            return i;
    return std::nullopt;
}

std::string RuleSet::choiceLabel(FactId id, std::string_view value) const {
    for (const auto& [v, label] : m_facts[static_cast<std::size_t>(id)].choices)
        if (v == value)
            return label;
    return std::string(value);
}

} // namespace passerelle
