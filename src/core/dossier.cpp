// Dossiers: JSON form, checking against the definition, creation from a situation, lifecycle, hand-off and merge.
//
// [SECTION] States
// [SECTION] JSON form
// [SECTION] Checking
// [SECTION] Creation
// [SECTION] Editing and lifecycle
// [SECTION] Hand-off and merge
#include "core/dossier.hpp"

#include "core/json_strict.hpp"

#include <sodium.h>

#include <algorithm>
#include <set>

namespace passerelle::dossiers {

//-----------------------------------------------------------------------------
// [SECTION] States
//-----------------------------------------------------------------------------

namespace {
struct StateInfo {
    State state;
    std::string_view name;
    std::string_view label;
};
constexpr StateInfo kStates[] = {
    {State::Brouillon, "brouillon", "brouillon"},
    {State::Complet, "complet", "complet"},
    {State::Signe, "signe", "signé"},
    {State::Exporte, "exporte", "exporté"},
    {State::Depose, "depose", "déposé"},
    {State::EnInstruction, "en_instruction", "en instruction"},
    {State::Accepte, "accepte", "accepté"},
    {State::Refuse, "refuse", "refusé"},
    {State::ClasseSansSuite, "classe_sans_suite", "classé sans suite"},
};
std::string nowOr(const std::string& now) { return now.empty() ? utcNowIso() : now; }
} // namespace

std::string_view stateName(State s) { return kStates[static_cast<int>(s)].name; }
std::string_view stateLabel(State s) { return kStates[static_cast<int>(s)].label; }
std::optional<State> stateByName(std::string_view name) {
    for (const auto& i : kStates)
        if (i.name == name)
            return i.state;
    return std::nullopt;
}

Section* Dossier::section(std::string_view sid) {
    for (auto& s : sections)
        if (s.id == sid)
            return &s;
    return nullptr;
}
const Section* Dossier::section(std::string_view sid) const {
    for (const auto& s : sections)
        if (s.id == sid)
            return &s;
    return nullptr;
}

std::string newDossierId() {
    // sodium_init() also installs the random source under Emscripten (crypto.getRandomValues / node's crypto).
    static const bool ready = sodium_init() >= 0;
    (void)ready;
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

//-----------------------------------------------------------------------------
// [SECTION] JSON form
//-----------------------------------------------------------------------------

Json sectionToJson(const Section& s) {
    Json j = s.extra;
    j["id"] = s.id;
    j["role"] = s.role;
    j["version"] = s.version;
    j["fields"] = s.fields;
    Json atts = Json::array();
    for (const auto& a : s.attachments)
        atts.push_back(attachmentToJson(a));
    j["attachments"] = atts;
    j["signature"] = s.signature;
    return j;
}

Json dossierToJson(const Dossier& d) {
    Json j = d.extra;
    j["format"] = kDossierFormat;
    j["id"] = d.id;
    j["scheme"] = d.scheme;
    j["created_on"] = d.createdOn;
    j["state"] = stateName(d.state);
    j["situation"] = d.situation;
    Json secs = Json::array();
    for (const auto& s : d.sections)
        secs.push_back(sectionToJson(s));
    j["sections"] = secs;
    Json hist = Json::array();
    for (const auto& h : d.history)
        hist.push_back({{"at", h.at}, {"event", h.event}, {"role", h.role}, {"detail", h.detail}});
    j["history"] = hist;
    if (!d.title.empty())
        j["title"] = d.title;
    if (!d.updatedAt.empty())
        j["updated_at"] = d.updatedAt;
    if (!d.className.empty())
        j["class_name"] = d.className;
    if (!d.handoff.is_null())
        j["handoff"] = d.handoff;
    if (!d.conflicts.empty()) {
        Json cs = Json::array();
        for (const auto& c : d.conflicts)
            cs.push_back({{"section", c.section}, {"theirs", c.theirs}, {"from", c.from}, {"at", c.at}});
        j["conflicts"] = cs;
    }
    return j;
}

namespace {
bool isPlainValue(const Json& v) { return v.is_string() || v.is_boolean() || v.is_number_integer(); }

bool validId(const std::string& id) {
    if (id.size() < 8 || id.size() > 64)
        return false;
    for (char c : id)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-'))
            return false;
    return true;
}
} // namespace

std::optional<Section> sectionFromJson(Json j, std::string* error) {
    auto bad = [&](const std::string& m) -> std::optional<Section> {
        if (error)
            *error = m;
        return std::nullopt;
    };
    if (!j.is_object())
        return bad("section : objet attendu");
    Section s;
    if (!j.contains("id") || !j["id"].is_string())
        return bad("section sans « id »");
    s.id = j["id"].get<std::string>();
    const std::string where = "section « " + s.id + " » : ";
    if (!j.contains("role") || !j["role"].is_string() || !isKnownRole(j["role"].get<std::string>()))
        return bad(where + "« role » absent ou inconnu");
    s.role = j["role"].get<std::string>();
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<long long>() < 0)
        return bad(where + "« version » (entier positif) manquant");
    s.version = j["version"].get<int>();
    if (j.contains("fields")) {
        if (!j["fields"].is_object())
            return bad(where + "« fields » doit être un objet");
        for (const auto& [k, v] : j["fields"].items())
            if (!isPlainValue(v))
                return bad(where + "valeur du champ « " + k + " » : texte, oui/non ou entier attendu (jamais décimal)");
        s.fields = std::move(j["fields"]);
    }
    if (j.contains("attachments")) {
        if (!j["attachments"].is_array())
            return bad(where + "« attachments » doit être une liste");
        for (const auto& a : j["attachments"]) {
            std::string e;
            auto att = attachmentFromJson(a, &e);
            if (!att)
                return bad(where + e);
            s.attachments.push_back(std::move(*att));
        }
    }
    if (j.contains("signature")) {
        if (!j["signature"].is_null() && !j["signature"].is_object())
            return bad(where + "« signature » : null ou objet");
        s.signature = std::move(j["signature"]);
    }
    for (auto& [k, v] : j.items())
        if (k != "id" && k != "role" && k != "version" && k != "fields" && k != "attachments" && k != "signature")
            s.extra[k] = std::move(v);
    return s;
}

namespace {
// Older dossier documents are upgraded here in place, one step per version; the first public version
// is 1, so today this only accepts it and refuses newer ones (which an older app cannot understand).
bool migrateDossierDocument(Json& j, std::string* error) {
    if (!j.contains("format")) {
        if (error)
            *error = "« format » manquant : ce n'est pas un dossier Passerelle";
        return false;
    }
    if (!j["format"].is_string()) {
        if (error)
            *error = "« format » doit être du texte";
        return false;
    }
    const auto f = j["format"].get<std::string>();
    if (f == kDossierFormat)
        return true;
    if (f.rfind("passerelle.dossier/", 0) == 0) {
        if (error)
            *error = "dossier au format « " + f + " », plus récent que cette version de Passerelle : mettez-la à jour";
        return false;
    }
    if (error)
        *error = "format « " + f + " » : ce n'est pas un dossier Passerelle";
    return false;
}
} // namespace

std::optional<Dossier> dossierFromJson(Json j, std::string* error) {
    auto bad = [&](const std::string& m) -> std::optional<Dossier> {
        if (error)
            *error = m;
        return std::nullopt;
    };
    if (!j.is_object())
        return bad("un dossier est un objet JSON");
    if (!migrateDossierDocument(j, error))
        return std::nullopt;
    Dossier d;
    for (const char* k : {"id", "scheme", "created_on", "state"})
        if (!j.contains(k) || !j[k].is_string())
            return bad(std::string("« ") + k + " » (texte) manquant");
    d.id = j["id"].get<std::string>();
    if (!validId(d.id))
        return bad("« id » « " + d.id + " » : identifiant hexadécimal attendu");
    d.scheme = j["scheme"].get<std::string>();
    d.createdOn = j["created_on"].get<std::string>();
    if (!parseIsoDate(d.createdOn))
        return bad("« created_on » : date AAAA-MM-JJ attendue");
    auto st = stateByName(j["state"].get<std::string>());
    if (!st)
        return bad("état « " + j["state"].get<std::string>() + " » inconnu");
    d.state = *st;
    if (!j.contains("situation") || !j["situation"].is_object())
        return bad("« situation » (objet) manquante");
    d.situation = std::move(j["situation"]);
    if (!j.contains("sections") || !j["sections"].is_array())
        return bad("« sections » (liste) manquante");
    std::set<std::string> seen;
    for (auto& sj : j["sections"]) {
        auto s = sectionFromJson(std::move(sj), error);
        if (!s)
            return std::nullopt;
        if (!seen.insert(s->id).second)
            return bad("section « " + s->id + " » en double");
        d.sections.push_back(std::move(*s));
    }
    if (!j.contains("history") || !j["history"].is_array())
        return bad("« history » (liste) manquant");
    for (const auto& h : j["history"]) {
        if (!h.is_object() || !h.contains("at") || !h["at"].is_string() || !h.contains("event") || !h["event"].is_string())
            return bad("historique : chaque entrée a « at » et « event »");
        HistoryEntry e{h["at"].get<std::string>(), h["event"].get<std::string>(), "", ""};
        if (h.contains("role") && h["role"].is_string())
            e.role = h["role"].get<std::string>();
        if (h.contains("detail") && h["detail"].is_string())
            e.detail = h["detail"].get<std::string>();
        d.history.push_back(std::move(e));
    }
    if (j.contains("title") && j["title"].is_string())
        d.title = j["title"].get<std::string>();
    if (j.contains("updated_at") && j["updated_at"].is_string())
        d.updatedAt = j["updated_at"].get<std::string>();
    if (j.contains("class_name") && j["class_name"].is_string())
        d.className = j["class_name"].get<std::string>();
    if (j.contains("handoff") && !j["handoff"].is_null()) {
        if (!j["handoff"].is_object())
            return bad("« handoff » : objet attendu");
        d.handoff = std::move(j["handoff"]);
    }
    if (j.contains("conflicts")) {
        if (!j["conflicts"].is_array())
            return bad("« conflicts » : liste attendue");
        for (const auto& c : j["conflicts"]) {
            if (!c.is_object() || !c.contains("section") || !c["section"].is_string() || !c.contains("theirs") ||
                !c["theirs"].is_object())
                return bad("« conflicts » : chaque entrée a « section » et « theirs »");
            Conflict k{c["section"].get<std::string>(), c["theirs"], "", ""};
            if (c.contains("from") && c["from"].is_string())
                k.from = c["from"].get<std::string>();
            if (c.contains("at") && c["at"].is_string())
                k.at = c["at"].get<std::string>();
            d.conflicts.push_back(std::move(k));
        }
    }
    static const std::set<std::string> known{"format", "id", "scheme", "created_on", "state", "situation", "sections",
                                             "history", "title", "updated_at", "class_name", "handoff", "conflicts"};
    for (auto& [k, v] : j.items())
        if (!known.count(k))
            d.extra[k] = std::move(v);
    return d;
}

std::optional<Dossier> parseDossier(std::string_view text, std::string* error) {
    JsonError je;
    auto j = parseStrict(text, &je);
    if (!j) {
        if (error)
            *error = "JSON illisible : " + je.message;
        return std::nullopt;
    }
    return dossierFromJson(std::move(*j), error);
}

//-----------------------------------------------------------------------------
// [SECTION] Checking
//-----------------------------------------------------------------------------

namespace {
Json fieldsBySection(const Dossier& d) {
    Json all = Json::object();
    for (const auto& s : d.sections)
        all[s.id] = s.fields;
    return all;
}

FactContext contextFor(const Dossier& d, const Json& fields) {
    FactContext ctx;
    ctx.situation = &d.situation;
    ctx.sectionsFields = &fields;
    ctx.on = parseIsoDate(d.createdOn);
    return ctx;
}

const Attachment* attachmentFor(const Section& s, std::string_view field) {
    for (const auto& a : s.attachments)
        if (a.field == field)
            return &a;
    return nullptr;
}
} // namespace

bool isFieldRequired(const DossierDef&, const Dossier& d, const FieldDef& f) {
    const Json fields = fieldsBySection(d);
    return evalCondition(f.required, contextFor(d, fields));
}

CheckReport checkDossier(const DossierDef& def, const Dossier& d) {
    CheckReport r;
    const Json fields = fieldsBySection(d);
    const FactContext ctx = contextFor(d, fields);
    if (d.scheme != def.scheme)
        r.general.push_back("le dossier est pour « " + d.scheme + " », la définition pour « " + def.scheme + " »");
    for (const auto& sd : def.sections) {
        SectionReport sr{sd.id, sd.role, {}, {}};
        const Section* s = d.section(sd.id);
        for (const auto& fd : sd.fields) {
            const std::string type(fieldTypeName(fd.spec.type));
            const bool required = evalCondition(fd.required, ctx);
            if (fd.spec.type == FieldType::Attachment) {
                const Attachment* a = s ? attachmentFor(*s, fd.id) : nullptr;
                if (!a) {
                    if (required)
                        sr.missing.push_back({fd.id, type, "pièce à joindre : " + fd.label});
                } else if (auto e = attachmentError(fd.spec, *a); !e.empty())
                    sr.invalid.push_back({fd.id, type, e});
                continue;
            }
            const Json* v = nullptr;
            if (s && s->fields.contains(fd.id) && !s->fields[fd.id].is_null())
                v = &s->fields[fd.id];
            if (!v) {
                if (required)
                    sr.missing.push_back({fd.id, type, "à remplir : " + fd.label});
                continue;
            }
            auto res = checkFieldValue(fd.spec, *v);
            if (!res.ok())
                sr.invalid.push_back({fd.id, type, fd.label + " : " + res.error});
        }
        if (s) {
            for (const auto& [k, v] : s->fields.items())
                if (!sd.field(k))
                    sr.invalid.push_back({k, "", "champ « " + k + " » inconnu dans cette section"});
            for (const auto& a : s->attachments) {
                const FieldDef* fd = sd.field(a.field);
                if (!fd || fd->spec.type != FieldType::Attachment)
                    sr.invalid.push_back({a.field, "piece_jointe", "pièce « " + a.name + " » rattachée à un champ inconnu"});
            }
            if (s->role != sd.role && std::find(sd.roles.begin(), sd.roles.end(), s->role) == sd.roles.end())
                r.general.push_back("section « " + sd.id + " » : rôle « " + s->role + " » au lieu de « " + sd.role + " »");
        }
        r.sections.push_back(std::move(sr));
    }
    for (const auto& s : d.sections)
        if (!def.section(s.id))
            r.general.push_back("section « " + s.id + " » inconnue pour ce dispositif");
    for (const auto& c : d.conflicts)
        r.general.push_back("conflit à résoudre dans la section « " + c.section + " » (modifiée des deux côtés)");
    r.complete = r.general.empty();
    for (const auto& sr : r.sections)
        r.complete = r.complete && sr.missing.empty() && sr.invalid.empty();
    return r;
}

Json checkReportToJson(const CheckReport& r) {
    auto problems = [](const std::vector<Problem>& ps) {
        Json a = Json::array();
        for (const auto& p : ps)
            a.push_back({{"field", p.field}, {"type", p.type}, {"message", p.message}});
        return a;
    };
    Json secs = Json::array();
    for (const auto& s : r.sections)
        secs.push_back({{"id", s.id}, {"role", s.role}, {"missing", problems(s.missing)}, {"invalid", problems(s.invalid)}});
    Json j = {{"complete", r.complete}, {"sections", secs}};
    if (!r.general.empty())
        j["general"] = r.general;
    return j;
}

//-----------------------------------------------------------------------------
// [SECTION] Creation
//-----------------------------------------------------------------------------

namespace {
void addHistory(Dossier& d, std::string at, std::string event, std::string role, std::string detail) {
    d.history.push_back({std::move(at), std::move(event), std::move(role), std::move(detail)});
}
} // namespace

Dossier createDossier(const DossierDef& def, const Json& situation, const Ymd& on, const CreateOptions& opt) {
    Dossier d;
    d.id = opt.id.empty() ? newDossierId() : opt.id;
    d.scheme = def.scheme;
    d.createdOn = formatIsoDate(on);
    d.situation = situation.is_object() ? situation : Json::object();
    const std::string now = nowOr(opt.now);
    FactContext ctx;
    ctx.situation = &d.situation;
    ctx.profile = opt.profile.is_object() ? &opt.profile : nullptr;
    ctx.pupil = opt.pupil.is_object() ? &opt.pupil : nullptr;
    ctx.on = on;
    int prefilled = 0;
    for (const auto& sd : def.sections) {
        Section s{sd.id, sd.role, 0, Json::object(), {}, nullptr, Json::object()};
        if (std::find(sd.roles.begin(), sd.roles.end(), opt.role) != sd.roles.end())
            s.role = opt.role; // "Établissement scolaire": the collège or the lycée, whichever creates it
        for (const auto& fd : sd.fields) {
            if (fd.prefill.is_null())
                continue;
            const std::string from = fd.prefill.is_string() ? fd.prefill.get<std::string>() : fd.prefill["from"].get<std::string>();
            const Json* v = lookupPath(from, ctx);
            if (!v)
                continue;
            Json value = *v;
            if (fd.prefill.is_object() && fd.prefill.contains("map")) {
                const Json& map = fd.prefill["map"];
                const std::string key = value.is_string() ? value.get<std::string>() : value.dump();
                if (!map.contains(key))
                    continue;
                value = map[key];
            }
            if (fd.spec.type == FieldType::Attachment)
                continue;
            // Typed values (profile entries, pupil names) go through the same parsing as typing them.
            FieldResult res = value.is_string() && fd.spec.type != FieldType::Text ? parseFieldInput(fd.spec, value.get<std::string>())
                                                                                   : checkFieldValue(fd.spec, value);
            if (!res.ok())
                continue;
            s.fields[fd.id] = *res.value;
            ++prefilled;
        }
        if (!s.fields.empty())
            s.version = 1;
        d.sections.push_back(std::move(s));
    }
    std::string who;
    if (ctx.pupil && ctx.pupil->contains("last_name") && (*ctx.pupil)["last_name"].is_string()) {
        who = (*ctx.pupil)["last_name"].get<std::string>();
        if (ctx.pupil->contains("first_name") && (*ctx.pupil)["first_name"].is_string())
            who += " " + (*ctx.pupil)["first_name"].get<std::string>();
    }
    d.title = who.empty() ? def.title : who + " — " + def.title;
    d.className = opt.className;
    d.updatedAt = now;
    addHistory(d, now, "cree", opt.role,
               "créé d'après le verdict du " + formatFrenchDate(on) + " (" + std::to_string(prefilled) +
                   " champ(s) prérempli(s) depuis la situation)");
    d.state = State::Brouillon;
    refreshState(def, d, opt.role, now);
    return d;
}

//-----------------------------------------------------------------------------
// [SECTION] Editing and lifecycle
//-----------------------------------------------------------------------------

namespace {
bool signatureHolds(const Section& s) {
    return s.signature.is_object() && s.signature.contains("version") && s.signature["version"].is_number_integer() &&
           s.signature["version"].get<long long>() == s.version;
}

bool isOutcome(State s) { return s >= State::Depose; }

EditResult refused(std::string msg) { return {false, std::move(msg), {}}; }

// Records a change of `s` (version, reopening a signed section, history), then refreshes the state.
EditResult afterChange(const DossierDef& def, Dossier& d, Section& s, std::string_view editor, std::string_view what,
                       const std::string& now) {
    EditResult r{true, {}, {}};
    ++s.version;
    d.updatedAt = now;
    const SectionDef* sd = def.section(s.id);
    const std::string title = sd ? sd->title : s.id;
    if (!s.signature.is_null()) {
        s.signature = nullptr;
        r.notices.push_back("La section « " + title + " » était signée : elle est rouverte et doit être signée à nouveau.");
        addHistory(d, now, "rouvert", std::string(editor), "section « " + title + " » modifiée après signature : signature retirée");
    }
    // A burst of edits in one section by one party is one history line, not one per keystroke.
    const std::string prefix = "section « " + title + " » : ";
    if (!d.history.empty() && d.history.back().event == "modifie" && d.history.back().role == editor &&
        d.history.back().detail.rfind(prefix, 0) == 0) {
        auto& h = d.history.back();
        h.at = now;
        const std::string list = h.detail.substr(prefix.size());
        bool present = false;
        std::size_t start = 0;
        while (start <= list.size()) {
            const auto end = std::min(list.find(", ", start), list.size());
            present = present || list.substr(start, end - start) == what;
            start = end + 2;
        }
        if (!present)
            h.detail += ", " + std::string(what);
    } else
        addHistory(d, now, "modifie", std::string(editor), prefix + std::string(what));
    refreshState(def, d, editor, now);
    return r;
}

struct Target {
    Section* section = nullptr;
    const FieldDef* field = nullptr;
    std::string error;
};

Target locate(const DossierDef& def, Dossier& d, std::string_view editor, std::string_view sectionId, std::string_view fieldId) {
    Target t;
    const SectionDef* sd = def.section(sectionId);
    if (!sd) {
        std::string list;
        for (const auto& s : def.sections)
            list += (list.empty() ? "" : ", ") + s.id;
        t.error = "section « " + std::string(sectionId) + " » inconnue (sections : " + list + ")";
        return t;
    }
    t.field = sd->field(fieldId);
    if (!t.field) {
        std::string list;
        for (const auto& f : sd->fields)
            list += (list.empty() ? "" : ", ") + f.id;
        t.error = "champ « " + std::string(fieldId) + " » inconnu dans la section « " + sd->id + " » (champs : " + list + ")";
        return t;
    }
    t.section = d.section(sectionId);
    const Section blank{sd->id, sd->role, 0, Json::object(), {}, nullptr, Json::object()};
    if (auto e = editRefusal(d, t.section ? *t.section : blank, editor); !e.empty()) {
        t.error = e;
        t.section = nullptr;
        return t;
    }
    if (!t.section) { // a section the file lacks (written by an older definition): added on first edit
        d.sections.push_back(blank);
        t.section = &d.sections.back();
    }
    return t;
}
} // namespace

std::string editRefusal(const Dossier& d, const Section& s, std::string_view editor) {
    if (isOutcome(d.state))
        return "le dossier est " + std::string(stateLabel(d.state)) + " : il ne peut plus être modifié";
    if (d.handoff.is_object() && d.handoff.contains("editable") && d.handoff["editable"].is_array()) {
        bool editable = false;
        for (const auto& e : d.handoff["editable"])
            editable = editable || (e.is_string() && e.get<std::string>() == s.id);
        if (!editable)
            return "la section « " + s.id + " » est en lecture seule ici : elle est remplie par " + roleLabel(s.role);
    }
    if (!editor.empty() && editor != s.role)
        return "la section « " + s.id + " » est remplie par " + roleLabel(s.role) + ", pas par " + roleLabel(editor);
    for (const auto& c : d.conflicts)
        if (c.section == s.id)
            return "la section « " + s.id + " » a un conflit à résoudre d'abord (modifiée des deux côtés)";
    return "";
}

EditResult setFieldValue(const DossierDef& def, Dossier& d, std::string_view editor, std::string_view sectionId,
                         std::string_view fieldId, const Json& value, const std::string& nowIn) {
    Target t = locate(def, d, editor, sectionId, fieldId);
    if (!t.section)
        return refused(t.error);
    auto res = checkFieldValue(t.field->spec, value);
    if (!res.ok())
        return refused(t.field->label + " : " + res.error);
    if (t.section->fields.contains(t.field->id) && t.section->fields[t.field->id] == *res.value)
        return {true, {}, {}}; // same value: nothing changes, no version, no history
    t.section->fields[t.field->id] = *res.value;
    return afterChange(def, d, *t.section, editor, t.field->id, nowOr(nowIn));
}

EditResult setFieldInput(const DossierDef& def, Dossier& d, std::string_view editor, std::string_view sectionId,
                         std::string_view fieldId, std::string_view input, const std::string& now) {
    Target t = locate(def, d, editor, sectionId, fieldId);
    if (!t.section)
        return refused(t.error);
    auto res = parseFieldInput(t.field->spec, input);
    if (!res.ok())
        return refused(t.field->label + " : " + res.error);
    return setFieldValue(def, d, editor, sectionId, fieldId, *res.value, now);
}

EditResult clearField(const DossierDef& def, Dossier& d, std::string_view editor, std::string_view sectionId,
                      std::string_view fieldId, const std::string& now) {
    Target t = locate(def, d, editor, sectionId, fieldId);
    if (!t.section)
        return refused(t.error);
    const auto before = t.section->attachments.size();
    std::erase_if(t.section->attachments, [&](const Attachment& a) { return a.field == t.field->id; });
    const bool had = t.section->fields.erase(t.field->id) > 0 || before != t.section->attachments.size();
    if (!had)
        return {true, {}, {}};
    return afterChange(def, d, *t.section, editor, t.field->id, nowOr(now));
}

EditResult attachFile(const DossierDef& def, Dossier& d, std::string_view editor, std::string_view sectionId,
                      std::string_view fieldId, const std::string& fileName, std::string_view bytes, const std::string& now) {
    Target t = locate(def, d, editor, sectionId, fieldId);
    if (!t.section)
        return refused(t.error);
    if (t.field->spec.type != FieldType::Attachment)
        return refused(t.field->label + " : ce champ n'est pas une pièce jointe");
    std::string err;
    auto a = makeAttachment(t.field->spec, t.field->id, fileName, bytes, &err);
    if (!a)
        return refused(t.field->label + " : " + err);
    for (auto& existing : t.section->attachments)
        if (existing.field == a->field) {
            if (existing.sha256 == a->sha256 && existing.name == a->name)
                return {true, {}, {}};
            existing = std::move(*a);
            return afterChange(def, d, *t.section, editor, t.field->id, nowOr(now));
        }
    t.section->attachments.push_back(std::move(*a));
    return afterChange(def, d, *t.section, editor, t.field->id, nowOr(now));
}

void refreshState(const DossierDef& def, Dossier& d, std::string_view role, const std::string& nowIn) {
    if (isOutcome(d.state))
        return;
    const std::string now = nowOr(nowIn);
    const bool complete = checkDossier(def, d).complete;
    bool allSigned = !d.sections.empty();
    for (const auto& s : d.sections)
        allSigned = allSigned && signatureHolds(s);
    State next = State::Brouillon;
    if (complete)
        next = allSigned ? (d.state == State::Exporte ? State::Exporte : State::Signe) : State::Complet;
    if (next == d.state)
        return;
    const State before = d.state;
    d.state = next;
    if (next == State::Brouillon)
        addHistory(d, now, "incomplet", std::string(role),
                   "retour à l'état brouillon (était " + std::string(stateLabel(before)) + ") : des champs manquent ou sont invalides");
    else if (next == State::Complet)
        addHistory(d, now, "complet", std::string(role),
                   before == State::Brouillon ? "tous les champs requis sont remplis et valides"
                                              : "une signature ne vaut plus : le dossier repasse à « complet »");
    else
        addHistory(d, now, "signe", std::string(role), "toutes les parties ont signé leurs sections");
}

EditResult signSection(const DossierDef& def, Dossier& d, std::string_view role, std::string_view sectionId,
                       Json signature, const std::string& nowIn) {
    const std::string now = nowOr(nowIn);
    Section* s = d.section(sectionId);
    if (!s)
        return refused("section « " + std::string(sectionId) + " » absente du dossier");
    if (role != s->role)
        return refused("seul·e " + roleLabel(s->role) + " signe la section « " + s->id + " »");
    if (isOutcome(d.state))
        return refused("le dossier est " + std::string(stateLabel(d.state)) + " : plus de signature possible");
    const CheckReport report = checkDossier(def, d);
    for (const auto& sr : report.sections)
        if (sr.id == s->id && (!sr.missing.empty() || !sr.invalid.empty()))
            return refused("la section « " + s->id + " » n'est pas complète : impossible de la signer");
    if (!signature.is_object())
        signature = Json::object();
    signature["version"] = s->version;
    if (!signature.contains("at"))
        signature["at"] = now;
    s->signature = std::move(signature);
    d.updatedAt = now;
    const SectionDef* sd = def.section(s->id);
    addHistory(d, now, "signe", std::string(role), "section « " + (sd ? sd->title : s->id) + " » signée (version " +
                                                       std::to_string(s->version) + ")");
    refreshState(def, d, role, now);
    return {true, {}, {}};
}

EditResult markExported(Dossier& d, std::string_view role, const std::string& nowIn) {
    if (d.state != State::Signe && d.state != State::Exporte)
        return refused("seul un dossier signé par toutes les parties s'exporte (il est " + std::string(stateLabel(d.state)) + ")");
    const std::string now = nowOr(nowIn);
    d.state = State::Exporte;
    d.updatedAt = now;
    addHistory(d, now, "exporte", std::string(role), "dossier exporté pour le dépôt");
    return {true, {}, {}};
}

EditResult markDeposited(Dossier& d, std::string_view role, const std::string& nowIn) {
    if (d.state != State::Exporte)
        return refused("exportez le dossier avant de le dire déposé (il est " + std::string(stateLabel(d.state)) + ")");
    const std::string now = nowOr(nowIn);
    d.state = State::Depose;
    d.updatedAt = now;
    addHistory(d, now, "depose", std::string(role), "dossier déposé sur la plateforme");
    return {true, {}, {}};
}

EditResult recordOutcome(Dossier& d, State outcome, std::string_view role, const std::string& detail, const std::string& nowIn) {
    if (outcome < State::EnInstruction)
        return refused("« " + std::string(stateLabel(outcome)) + " » n'est pas une réponse du service instructeur");
    if (outcome == State::EnInstruction && d.state != State::Depose)
        return refused("seul un dossier déposé passe en instruction");
    if (outcome != State::EnInstruction && d.state != State::Depose && d.state != State::EnInstruction)
        return refused("la décision s'enregistre sur un dossier déposé ou en instruction (il est " +
                       std::string(stateLabel(d.state)) + ")");
    const std::string now = nowOr(nowIn);
    d.state = outcome;
    d.updatedAt = now;
    addHistory(d, now, std::string(stateName(outcome)), std::string(role),
               detail.empty() ? "réponse enregistrée : " + std::string(stateLabel(outcome)) : detail);
    return {true, {}, {}};
}

//-----------------------------------------------------------------------------
// [SECTION] Hand-off and merge
//-----------------------------------------------------------------------------

bool sameContent(const Section& a, const Section& b) {
    if (a.fields != b.fields || a.signature != b.signature || a.attachments.size() != b.attachments.size())
        return false;
    for (std::size_t i = 0; i < a.attachments.size(); ++i) {
        const auto &x = a.attachments[i], &y = b.attachments[i];
        if (x.field != y.field || x.name != y.name || x.sha256 != y.sha256 || x.mediaType != y.mediaType)
            return false;
    }
    return true;
}

std::optional<Dossier> exportHandoff(const DossierDef& def, Dossier& d, const HandoffOptions& opt, std::string* error) {
    if (!isKnownRole(opt.to)) {
        if (error)
            *error = "rôle « " + opt.to + " » inconnu";
        return std::nullopt;
    }
    if (!d.conflicts.empty()) {
        if (error)
            *error = "résolvez d'abord les conflits du dossier";
        return std::nullopt;
    }
    const std::string now = nowOr(opt.now);
    Dossier copy = d;
    Json editable = Json::array(), base = Json::object(), withheld = Json::array();
    for (auto& s : copy.sections) {
        base[s.id] = s.version;
        if (s.role == opt.to) {
            editable.push_back(s.id);
            continue;
        }
        if (opt.includeSensitive)
            continue;
        const SectionDef* sd = def.section(s.id);
        if (!sd)
            continue;
        for (const auto& fd : sd->fields) {
            if (!fd.sensitive)
                continue;
            const bool had = s.fields.erase(fd.id) > 0;
            const auto n = s.attachments.size();
            std::erase_if(s.attachments, [&](const Attachment& a) { return a.field == fd.id; });
            if (had || n != s.attachments.size())
                withheld.push_back(s.id + "." + fd.id);
        }
    }
    if (editable.empty()) {
        if (error)
            *error = "aucune section de ce dossier n'est à remplir par " + roleLabel(opt.to);
        return std::nullopt;
    }
    copy.handoff = {{"from", opt.from}, {"to", opt.to}, {"editable", editable}, {"base_versions", base},
                    {"withheld", withheld}, {"at", now}};
    std::string list;
    for (const auto& e : editable)
        list += (list.empty() ? "" : ", ") + e.get<std::string>();
    const std::string detail = "sections confiées à " + roleLabel(opt.to) + " : " + list +
                               (withheld.empty() ? "" : " (" + std::to_string(withheld.size()) + " donnée(s) sensible(s) non transmise(s))");
    addHistory(d, now, "handoff_exporte", opt.from, detail);
    addHistory(copy, now, "handoff_exporte", opt.from, detail);
    d.updatedAt = now;
    copy.updatedAt = now;
    return copy;
}

std::vector<std::string> editableSections(const Dossier& d, std::string_view role) {
    std::vector<std::string> out;
    for (const auto& s : d.sections)
        if (editRefusal(d, s, role).empty())
            out.push_back(s.id);
    return out;
}

MergeReport mergeDossier(const DossierDef& def, Dossier& local, const Dossier& theirs, const std::string& nowIn) {
    MergeReport r;
    if (theirs.id != local.id) {
        r.error = "ce n'est pas le même dossier (identifiants différents)";
        return r;
    }
    if (theirs.scheme != local.scheme) {
        r.error = "ce n'est pas le même dispositif (« " + theirs.scheme + " »)";
        return r;
    }
    if (isOutcome(local.state)) {
        r.error = "le dossier est " + std::string(stateLabel(local.state)) + " : plus de fusion possible";
        return r;
    }
    const std::string now = nowOr(nowIn);
    const Json& h = theirs.handoff;
    const bool hasHandoff = h.is_object();
    const std::string from = textOr(h, "to");
    auto isEditable = [&](const std::string& sid) {
        if (!hasHandoff || !h.contains("editable"))
            return true;
        for (const auto& e : h["editable"])
            if (e.is_string() && e.get<std::string>() == sid)
                return true;
        return false;
    };
    auto baseOf = [&](const std::string& sid) -> std::optional<int> {
        if (hasHandoff && h.contains("base_versions") && h["base_versions"].contains(sid) &&
            h["base_versions"][sid].is_number_integer())
            return h["base_versions"][sid].get<int>();
        return std::nullopt;
    };
    for (const auto& ts : theirs.sections) {
        Section* ls = local.section(ts.id);
        if (!ls) {
            if (def.section(ts.id)) {
                local.sections.push_back(ts);
                r.taken.push_back(ts.id);
            } else
                r.ignored.push_back("section « " + ts.id + " » inconnue : ignorée");
            continue;
        }
        if (sameContent(*ls, ts))
            continue;
        if (ls->extra.contains("resolved_theirs") && ls->extra["resolved_theirs"] == sha256Hex(sectionToJson(ts).dump()))
            continue; // the user already chose ours over exactly this copy
        const auto base = baseOf(ts.id);
        const bool theirsChanged = !base || ts.version != *base;
        const bool localChanged = !base || ls->version != *base;
        if (!isEditable(ts.id)) {
            if (theirsChanged)
                r.ignored.push_back("la section « " + ts.id + " » a été modifiée par " + roleLabel(from) +
                                    " qui ne la remplit pas : modification ignorée");
            continue;
        }
        if (!theirsChanged)
            continue;
        if (!localChanged) {
            ls->fields = ts.fields;
            ls->attachments = ts.attachments;
            ls->signature = ts.signature;
            ls->version = std::max(ts.version, ls->version + 1);
            r.taken.push_back(ts.id);
            continue;
        }
        std::erase_if(local.conflicts, [&](const Conflict& c) { return c.section == ts.id; });
        local.conflicts.push_back({ts.id, sectionToJson(ts), from, now});
        r.conflicts.push_back(ts.id);
    }
    // Their history lines we do not have yet (their edits, their signatures), in time order.
    for (const auto& e : theirs.history)
        if (std::find(local.history.begin(), local.history.end(), e) == local.history.end())
            local.history.push_back(e);
    std::stable_sort(local.history.begin(), local.history.end(),
                     [](const HistoryEntry& a, const HistoryEntry& b) { return a.at < b.at; });
    std::string detail = "retour de " + (from.empty() ? std::string("une autre copie") : roleLabel(from));
    auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v)
            s += (s.empty() ? "" : ", ") + x;
        return s;
    };
    if (!r.taken.empty())
        detail += " ; sections reprises : " + join(r.taken);
    if (!r.conflicts.empty())
        detail += " ; conflits (modifiées des deux côtés) : " + join(r.conflicts);
    if (r.taken.empty() && r.conflicts.empty())
        detail += " ; rien de nouveau";
    local.history.push_back({now, r.conflicts.empty() ? "fusionne" : "conflit", from, detail});
    local.updatedAt = now;
    refreshState(def, local, from, now);
    r.ok = true;
    return r;
}

EditResult resolveConflict(const DossierDef& def, Dossier& d, std::string_view sectionId, bool takeTheirs,
                           std::string_view role, const std::string& nowIn) {
    auto it = std::find_if(d.conflicts.begin(), d.conflicts.end(), [&](const Conflict& c) { return c.section == sectionId; });
    if (it == d.conflicts.end())
        return refused("pas de conflit dans la section « " + std::string(sectionId) + " »");
    Section* ls = d.section(sectionId);
    if (!ls)
        return refused("section « " + std::string(sectionId) + " » absente");
    const std::string now = nowOr(nowIn);
    std::string err;
    auto theirs = sectionFromJson(it->theirs, &err);
    if (!theirs)
        return refused("version reçue illisible : " + err);
    if (takeTheirs) {
        ls->fields = theirs->fields;
        ls->attachments = theirs->attachments;
        if (theirs->version > ls->version) {
            ls->version = theirs->version;
            ls->signature = theirs->signature;
        } else {
            ls->version += 1;
            ls->signature = nullptr;
        }
    } else {
        // Ours stands; their copy is remembered so that importing the same file again is not a new conflict.
        ls->version = std::max(ls->version, theirs->version) + 1;
        ls->extra["resolved_theirs"] = sha256Hex(sectionToJson(*theirs).dump());
        if (!ls->signature.is_null())
            ls->signature = nullptr;
    }
    d.conflicts.erase(it);
    d.updatedAt = now;
    addHistory(d, now, "conflit_resolu", std::string(role),
               "section « " + std::string(sectionId) + " » : " + (takeTheirs ? "version reçue retenue" : "version locale retenue"));
    refreshState(def, d, role, now);
    return {true, {}, {}};
}

} // namespace passerelle::dossiers
