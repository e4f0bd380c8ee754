// Reads and checks the dossier definitions (assets/dossiers/*.json) and evaluates their conditions.
//
// [SECTION] Roles and lookups
// [SECTION] Conditions
// [SECTION] Loading
#include "core/dossier_def.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace passerelle::dossiers {

//-----------------------------------------------------------------------------
// [SECTION] Roles and lookups
//-----------------------------------------------------------------------------

const std::vector<std::string>& knownRoles() {
    static const std::vector<std::string> roles{"eleve", "famille", "college", "lycee", "cfa", "entreprise",
                                                "organisme_accueil", "cio", "mission_locale", "personnel",
                                                "instructeur"};
    return roles;
}

bool isKnownRole(std::string_view role) {
    const auto& r = knownRoles();
    return std::find(r.begin(), r.end(), role) != r.end();
}

std::string roleLabel(std::string_view role) {
    static const std::map<std::string, std::string, std::less<>> labels{
        {"eleve", "l'élève"}, {"famille", "la famille"}, {"college", "le collège"}, {"lycee", "le lycée"},
        {"cfa", "le CFA"}, {"entreprise", "l'entreprise"}, {"organisme_accueil", "l'organisme d'accueil"},
        {"cio", "le CIO"}, {"mission_locale", "la mission locale"}, {"personnel", "l'agent"},
        {"instructeur", "le service instructeur"}};
    auto it = labels.find(role);
    return it == labels.end() ? std::string(role) : it->second;
}

const FieldDef* SectionDef::field(std::string_view fid) const {
    for (const auto& f : fields)
        if (f.id == fid)
            return &f;
    return nullptr;
}

const SectionDef* DossierDef::section(std::string_view sid) const {
    for (const auto& s : sections)
        if (s.id == sid)
            return &s;
    return nullptr;
}

const DossierDef* DossierDefs::find(std::string_view scheme) const {
    for (const auto& d : m_defs)
        if (d.scheme == scheme)
            return &d;
    return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Conditions
//-----------------------------------------------------------------------------

const Json* lookupPath(std::string_view path, const FactContext& ctx) {
    const auto dot = path.find('.');
    if (dot == std::string_view::npos)
        return nullptr;
    const std::string head(path.substr(0, dot)), rest(path.substr(dot + 1));
    const Json* base = nullptr;
    std::string key = rest;
    if (head == "person") {
        if (!ctx.situation || !ctx.situation->is_object() || !ctx.situation->contains("person"))
            return nullptr;
        base = &(*ctx.situation)["person"];
    } else if (head == "profile")
        base = ctx.profile;
    else if (head == "pupil")
        base = ctx.pupil;
    else if (ctx.sectionsFields && ctx.sectionsFields->contains(head))
        base = &(*ctx.sectionsFields)[head];
    if (!base || !base->is_object())
        return nullptr;
    auto it = base->find(key);
    if (it == base->end() || it->is_null())
        return nullptr;
    return &*it;
}

std::string conditionError(const Json& c) {
    if (c.is_boolean())
        return "";
    if (!c.is_object() || c.size() == 0)
        return "condition : true, false ou un objet attendu";
    if (c.contains("all") || c.contains("any")) {
        const Json& list = c.contains("all") ? c["all"] : c["any"];
        if (c.size() != 1 || !list.is_array() || list.empty())
            return "condition « all »/« any » : une liste non vide, seule clé de l'objet";
        for (const auto& sub : list)
            if (auto e = conditionError(sub); !e.empty())
                return e;
        return "";
    }
    if (c.contains("not")) {
        if (c.size() != 1)
            return "condition « not » : seule clé de l'objet";
        return conditionError(c["not"]);
    }
    if (c.contains("age_below")) {
        if (c.size() != 1 || !c["age_below"].is_number_integer())
            return "condition « age_below » : un entier, seule clé de l'objet";
        return "";
    }
    if (c.contains("fact")) {
        if (!c["fact"].is_string() || c["fact"].get<std::string>().find('.') == std::string::npos)
            return "condition : « fact » doit être un chemin comme « person.rqth »";
        if (c.size() != 2)
            return "condition sur « " + c["fact"].get<std::string>() + " » : une seule comparaison (equals, in, known)";
        if (c.contains("equals"))
            return c["equals"].is_number_float() ? "condition : pas de nombre décimal" : "";
        if (c.contains("in"))
            return c["in"].is_array() ? "" : "condition : « in » attend une liste";
        if (c.contains("known"))
            return c["known"].is_boolean() ? "" : "condition : « known » attend true ou false";
        return "condition sur « " + c["fact"].get<std::string>() + " » : comparaison inconnue (equals, in, known)";
    }
    return "condition : clé inconnue (all, any, not, fact, age_below)";
}

bool evalCondition(const Json& c, const FactContext& ctx) {
    if (c.is_boolean())
        return c.get<bool>();
    if (!c.is_object())
        return false;
    if (c.contains("all")) {
        for (const auto& sub : c["all"])
            if (!evalCondition(sub, ctx))
                return false;
        return true;
    }
    if (c.contains("any")) {
        for (const auto& sub : c["any"])
            if (evalCondition(sub, ctx))
                return true;
        return false;
    }
    if (c.contains("not"))
        return !evalCondition(c["not"], ctx);
    if (c.contains("age_below")) {
        const Json* b = lookupPath("person.birth_date", ctx);
        if (!b || !b->is_string() || !ctx.on)
            return false;
        const auto birth = parseIsoDate(b->get<std::string>());
        return birth && completedYears(*birth, *ctx.on) < c["age_below"].get<int>();
    }
    if (c.contains("fact")) {
        const Json* v = lookupPath(c["fact"].get<std::string>(), ctx);
        if (c.contains("known"))
            return (v != nullptr) == c["known"].get<bool>();
        if (!v)
            return false;
        if (c.contains("equals"))
            return *v == c["equals"];
        if (c.contains("in")) {
            for (const auto& x : c["in"])
                if (*v == x)
                    return true;
            return false;
        }
    }
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Loading
//-----------------------------------------------------------------------------

namespace {

class Loader {
public:
    std::vector<std::string>* errors;
    std::string file, scheme, where;
    bool failed = false;

    void error(const std::string& msg) {
        failed = true;
        if (errors)
            errors->push_back(file + (scheme.empty() ? "" : " [" + scheme + "]") + (where.empty() ? "" : " " + where) +
                              " : " + msg);
    }

    std::string str(const Json& o, const char* key, bool required) {
        if (!o.contains(key)) {
            if (required)
                error(std::string("« ") + key + " » manquant");
            return "";
        }
        if (!o[key].is_string()) {
            error(std::string("« ") + key + " » doit être du texte");
            return "";
        }
        return o[key].get<std::string>();
    }

    void unknownKeys(const Json& o, std::initializer_list<const char*> allowed) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool ok = false;
            for (const char* a : allowed)
                ok = ok || it.key() == a;
            if (!ok)
                error("clé inconnue « " + it.key() + " »");
        }
    }

    std::optional<FieldDef> field(const Json& j, const std::set<std::string>& sectionIds) {
        if (!j.is_object()) {
            error("champ : objet attendu");
            return std::nullopt;
        }
        unknownKeys(j, {"id", "label", "help", "type", "choices", "max_length", "media_types", "max_bytes",
                        "sensitive", "required", "prefill", "document"});
        FieldDef f;
        f.id = str(j, "id", true);
        where = "champ « " + f.id + " »";
        f.label = str(j, "label", true);
        f.help = str(j, "help", false);
        const std::string type = str(j, "type", true);
        if (auto t = fieldTypeFromName(type))
            f.spec.type = *t;
        else if (!type.empty())
            error("type « " + type + " » inconnu");
        if (j.contains("choices")) {
            if (!j["choices"].is_array() || j["choices"].empty())
                error("« choices » : liste non vide attendue");
            else
                for (const auto& c : j["choices"]) {
                    if (!c.is_object() || !c.contains("id") || !c["id"].is_string() || !c.contains("label") ||
                        !c["label"].is_string())
                        error("« choices » : objets {\"id\", \"label\"} attendus");
                    else
                        f.spec.choices.push_back({c["id"].get<std::string>(), c["label"].get<std::string>()});
                }
        }
        if (f.spec.type == FieldType::Choice && f.spec.choices.empty())
            error("un champ « choix » a besoin de « choices »");
        if (j.contains("max_length")) {
            if (!j["max_length"].is_number_unsigned())
                error("« max_length » : entier positif attendu");
            else
                f.spec.maxLength = j["max_length"].get<std::size_t>();
        }
        if (j.contains("media_types")) {
            if (!j["media_types"].is_array())
                error("« media_types » : liste attendue");
            else
                for (const auto& m : j["media_types"])
                    if (m.is_string())
                        f.spec.mediaTypes.push_back(m.get<std::string>());
        }
        if (j.contains("max_bytes")) {
            if (!j["max_bytes"].is_number_unsigned())
                error("« max_bytes » : entier positif attendu");
            else
                f.spec.maxBytes = j["max_bytes"].get<std::int64_t>();
        }
        if (j.contains("sensitive")) {
            if (!j["sensitive"].is_boolean())
                error("« sensitive » : true ou false");
            else
                f.sensitive = j["sensitive"].get<bool>();
        }
        if (j.contains("required")) {
            if (auto e = conditionError(j["required"]); !e.empty())
                error("« required » : " + e);
            else
                f.required = j["required"];
            checkFieldRefs(j["required"], sectionIds);
        }
        if (j.contains("prefill")) {
            const Json& p = j["prefill"];
            if (!(p.is_string() || (p.is_object() && p.contains("from") && p["from"].is_string() &&
                                    (!p.contains("map") || p["map"].is_object()))))
                error("« prefill » : un chemin (\"person.birth_date\") ou {\"from\", \"map\"}");
            else
                f.prefill = p;
        }
        f.document = str(j, "document", false);
        if (!f.document.empty() && f.spec.type != FieldType::Attachment)
            error("« document » ne va qu'avec une pièce jointe");
        where.clear();
        return f;
    }

    void checkFieldRefs(const Json& c, const std::set<std::string>& sectionIds) {
        if (c.is_object()) {
            if (c.contains("fact") && c["fact"].is_string()) {
                const auto path = c["fact"].get<std::string>();
                const auto head = path.substr(0, path.find('.'));
                if (head != "person" && head != "profile" && head != "pupil" && !sectionIds.count(head))
                    error("condition : « " + path + " » ne nomme ni un fait (person.…) ni une section");
            }
            for (const auto& [k, v] : c.items())
                if (k == "all" || k == "any" || k == "not")
                    checkFieldRefs(v, sectionIds);
        } else if (c.is_array())
            for (const auto& v : c)
                checkFieldRefs(v, sectionIds);
    }

    std::optional<DossierDef> dossier(const Json& j) {
        scheme.clear();
        if (!j.is_object()) {
            error("définition de dossier : objet attendu");
            return std::nullopt;
        }
        DossierDef d;
        d.scheme = str(j, "scheme", true);
        scheme = d.scheme;
        unknownKeys(j, {"scheme", "title", "sections"});
        d.title = str(j, "title", true);
        d.file = file;
        if (!j.contains("sections") || !j["sections"].is_array() || j["sections"].empty()) {
            error("« sections » : liste non vide attendue");
            return std::nullopt;
        }
        std::set<std::string> sectionIds;
        for (const auto& s : j["sections"])
            if (s.is_object() && s.contains("id") && s["id"].is_string())
                sectionIds.insert(s["id"].get<std::string>());
        std::set<std::string> seenSections;
        for (const auto& s : j["sections"]) {
            if (!s.is_object()) {
                error("section : objet attendu");
                continue;
            }
            SectionDef sd;
            sd.id = str(s, "id", true);
            where = "section « " + sd.id + " »";
            unknownKeys(s, {"id", "title", "role", "roles", "fields"});
            sd.title = str(s, "title", true);
            sd.role = str(s, "role", true);
            if (!sd.role.empty() && !isKnownRole(sd.role))
                error("rôle « " + sd.role + " » inconnu");
            if (s.contains("roles")) {
                if (!s["roles"].is_array())
                    error("« roles » : liste de rôles attendue");
                else
                    for (const auto& r : s["roles"]) {
                        if (!r.is_string() || !isKnownRole(r.get<std::string>()))
                            error("« roles » : rôle inconnu " + r.dump());
                        else
                            sd.roles.push_back(r.get<std::string>());
                    }
            }
            if (!seenSections.insert(sd.id).second)
                error("section en double");
            if (!s.contains("fields") || !s["fields"].is_array() || s["fields"].empty())
                error("« fields » : liste non vide attendue");
            else {
                std::set<std::string> seenFields;
                for (const auto& fj : s["fields"]) {
                    auto f = field(fj, sectionIds);
                    if (!f)
                        continue;
                    if (!seenFields.insert(f->id).second) {
                        where = "section « " + sd.id + " »";
                        error("champ « " + f->id + " » en double");
                    }
                    sd.fields.push_back(std::move(*f));
                }
            }
            where.clear();
            d.sections.push_back(std::move(sd));
        }
        return d;
    }
};

} // namespace

std::optional<DossierDefs> DossierDefs::fromTexts(const std::vector<std::pair<std::string, std::string>>& files,
                                                  std::vector<std::string>* errors) {
    DossierDefs defs;
    Loader loader{errors, "", "", "", false};
    for (const auto& [name, text] : files) {
        loader.file = name;
        loader.scheme.clear();
        JsonError je;
        auto doc = parseStrict(text, &je);
        if (!doc) {
            loader.error(je.message);
            continue;
        }
        if (!doc->is_object() || !doc->contains("format") || (*doc)["format"] != "passerelle.dossier-defs/1") {
            loader.error("« format » doit valoir « passerelle.dossier-defs/1 »");
            continue;
        }
        if (!doc->contains("dossiers") || !(*doc)["dossiers"].is_array()) {
            loader.error("« dossiers » : liste attendue");
            continue;
        }
        for (const auto& dj : (*doc)["dossiers"]) {
            auto d = loader.dossier(dj);
            if (!d)
                continue;
            if (defs.find(d->scheme)) {
                loader.error("dossier défini deux fois");
                continue;
            }
            defs.m_defs.push_back(std::move(*d));
        }
    }
    if (loader.failed)
        return std::nullopt;
    return defs;
}

std::optional<DossierDefs> DossierDefs::fromDirectory(const std::string& dir, std::vector<std::string>* errors) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".json")
            names.push_back(it->path().string());
    if (ec) {
        if (errors)
            errors->push_back(dir + " : dossier de définitions illisible (" + ec.message() + ")");
        return std::nullopt;
    }
    std::sort(names.begin(), names.end());
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& n : names) {
        std::ifstream in(n, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        files.emplace_back(fs::path(n).filename().string(), ss.str());
    }
    return fromTexts(files, errors);
}

} // namespace passerelle::dossiers
