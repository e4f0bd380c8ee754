// Hostile input: every core entry point that reads outside data, fed systematically broken variants of a valid sample — none may throw.
//
// The browser app is built without C++ exceptions: a nlohmann accessor that throws there aborts the page.
// These tests run where exceptions are on (native and the wasm test build), so a throw fails a CHECK_NOTHROW
// instead of aborting, and names the input kind that caused it.
//
// Index of this file:
// [SECTION] Mutation generator (JSON samples, byte samples)
// [SECTION] Samples (golden files under tests/cases/hostile/, and samples built by the core itself)
// [SECTION] Situations and rule packs
// [SECTION] Dossiers, dossier definitions, fields
// [SECTION] Dossier store (packs, index, store.json, settings, backup import)
// [SECTION] Class lists
// [SECTION] Bundles, JWS, trust lists, key files
// [SECTION] Vault, display settings, establishment, kiosk, platform prefill
// [SECTION] Regressions (each input that threw before its fix)
#include "core/base64url.hpp"
#include "core/bundle.hpp"
#include "core/class_list.hpp"
#include "core/display_settings.hpp"
#include "core/dossier.hpp"
#include "core/dossier_def.hpp"
#include "core/dossier_exchange.hpp"
#include "core/dossier_fields.hpp"
#include "core/dossier_store.hpp"
#include "core/establishment.hpp"
#include "core/json_strict.hpp"
#include "core/jwk.hpp"
#include "core/jws.hpp"
#include "core/kiosk_policy.hpp"
#include "core/platform_prefill.hpp"
#include "core/retention.hpp"
#include "core/rule_engine.hpp"
#include "core/rule_pack.hpp"
#include "core/situation.hpp"
#include "core/sodium_util.hpp"
#include "core/trust_list.hpp"
#include "core/verdicts.hpp"
#include "core/vault.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>

using namespace passerelle;
using namespace passerelle::dossiers;
namespace fs = std::filesystem;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Mutation generator
//-----------------------------------------------------------------------------

struct Mutant {
    std::string what; // the input kind and where, for the failure message
    std::string text;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "fichier introuvable : " << path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
std::string caseFile(const std::string& rel) { return slurp(std::string(PASSERELLE_SOURCE_DIR) + "/" + rel); }

// Every value a field may be replaced by: each JSON type, and the numbers that break narrowing casts.
const std::vector<std::pair<std::string, Json>>& otherTypes() {
    static const std::vector<std::pair<std::string, Json>> v = {
        {"null", nullptr},
        {"true", true},
        {"0", 0},
        {"-1", -1},
        {"1e308", 1e308},
        {"2^53+1", Json(std::uint64_t{9007199254740993ULL})},
        {"\"\"", ""},
        {"\"x\"", "x"},
        {"[]", Json::array()},
        {"{}", Json::object()},
    };
    return v;
}

const std::string kMark = "@@hostile-splice@@";

// Puts `raw` (any bytes, not necessarily valid JSON) where the marker string sits in `doc`'s dump.
std::string splice(const Json& doc, const std::string& raw) {
    std::string text = doc.dump();
    const std::string quoted = "\"" + kMark + "\"";
    const auto at = text.find(quoted);
    REQUIRE(at != std::string::npos);
    text.replace(at, quoted.size(), raw);
    return text;
}

void collectPointers(const Json& j, const Json::json_pointer& at, std::vector<Json::json_pointer>& out) {
    out.push_back(at);
    if (j.is_object())
        for (const auto& [k, v] : j.items())
            collectPointers(v, at / k, out);
    else if (j.is_array())
        for (std::size_t i = 0; i < j.size(); ++i)
            collectPointers(j[i], at / i, out);
}

struct MutationPlan {
    std::size_t maxPointers = 120; // values and containers mutated (evenly sampled beyond that)
    std::size_t maxCuts = 400;     // truncation points (every byte when the text is shorter)
    std::size_t hugeStrings = 2;   // string values replaced by 1 MB
    std::size_t deepPlaces = 2;    // values replaced by 10,000 levels of nesting
};

std::string deepArray(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }
std::string deepObject(std::size_t levels) {
    std::string s;
    for (std::size_t i = 0; i < levels; ++i) s += "{\"a\":";
    s += "0";
    s += std::string(levels, '}');
    return s;
}

// The systematic hostile variants of one valid JSON sample.
std::vector<Mutant> jsonMutants(const std::string& name, const std::string& sampleText, const MutationPlan& plan = {}) {
    std::vector<Mutant> out;
    const auto parsed = parseStrict(sampleText);
    REQUIRE_MESSAGE(parsed, name << " : l'échantillon n'est pas du JSON valide");
    const Json& sample = *parsed;
    out.push_back({name + " (intact)", sampleText});

    std::vector<Json::json_pointer> all;
    collectPointers(sample, Json::json_pointer(), all);
    std::vector<Json::json_pointer> ptrs;
    const std::size_t step = all.size() > plan.maxPointers ? (all.size() + plan.maxPointers - 1) / plan.maxPointers : 1;
    for (std::size_t i = 0; i < all.size(); i += step) ptrs.push_back(all[i]);

    std::size_t huge = 0, deep = 0;
    for (const auto& p : ptrs) {
        const std::string where = name + " " + (p.empty() ? std::string("/") : p.to_string());
        const Json& here = sample[p];
        for (const auto& [label, value] : otherTypes()) {
            Json copy = sample;
            copy[p] = value;
            out.push_back({where + " = " + label, copy.dump()});
        }
        if (here.is_object() && !here.empty()) {
            for (const auto& [k, v] : here.items()) {
                Json copy = sample;
                copy[p].erase(k);
                out.push_back({where + " sans « " + k + " »", copy.dump()});
            }
            // The same key twice; then keys that are not valid text.
            const std::string firstKey = here.begin().key();
            const std::string body = here.dump();
            Json copy = sample;
            copy[p] = kMark;
            out.push_back({where + " clé en double « " + firstKey + " »",
                           splice(copy, "{" + Json(firstKey).dump() + ":" + here.begin().value().dump() + "," + body.substr(1))});
            const std::string rest = here.size() > 1 ? "," + body.substr(body.find(',', 0) + 1) : "}";
            for (const auto& [label, key] : std::vector<std::pair<std::string, std::string>>{
                     {"octets invalides", "\"\xff\xfe\xc3\""}, {"\\ud800 seul", "\"\\ud800\""}, {"NUL", "\"a\\u0000b\""},
                     {"vide", "\"\""}}) {
                // Rename the first key: re-dump without it and put the hostile key in front.
                Json without = here;
                without.erase(firstKey);
                const std::string wbody = without.dump();
                copy[p] = kMark;
                out.push_back({where + " clé " + label,
                               splice(copy, "{" + key + ":" + here.begin().value().dump() + (without.empty() ? "}" : "," + wbody.substr(1)))});
            }
            (void)rest;
        }
        if (here.is_string()) {
            for (const auto& [label, raw] : std::vector<std::pair<std::string, std::string>>{
                     {"octets invalides", "\"a\xff\xfe\xc3(\""},
                     {"\\ud800 seul", "\"\\ud800\""},
                     {"\\udc00 seul", "\"x\\udc00\""},
                     {"NUL échappé", "\"a\\u0000b\""},
                     {"NUL brut", std::string("\"a\0b\"", 5)},
                     {"surrogates UTF-8", "\"\xed\xa0\x80\""}}) {
                Json copy = sample;
                copy[p] = kMark;
                out.push_back({where + " texte " + label, splice(copy, raw)});
            }
            if (huge < plan.hugeStrings) {
                ++huge;
                Json copy = sample;
                copy[p] = std::string(1 << 20, 'x');
                out.push_back({where + " texte de 1 Mo", copy.dump()});
                copy[p] = here.get<std::string>() + std::string(1 << 20, ' ');
                out.push_back({where + " texte + 1 Mo d'espaces", copy.dump()});
            }
        }
        if (!p.empty() && deep < plan.deepPlaces) {
            ++deep;
            Json copy = sample;
            copy[p] = kMark;
            out.push_back({where + " 10 000 tableaux imbriqués", splice(copy, deepArray(10000))});
            out.push_back({where + " 10 000 objets imbriqués", splice(copy, deepObject(10000))});
        }
    }
    // The whole document.
    for (const auto& [label, value] : otherTypes()) out.push_back({name + " document = " + label, value.dump()});
    out.push_back({name + " texte vide", ""});
    out.push_back({name + " 10 000 tableaux", deepArray(10000)});
    out.push_back({name + " 10 000 objets", deepObject(10000)});
    out.push_back({name + " octets invalides en tête", "\xff\xfe" + sampleText});
    out.push_back({name + " BOM UTF-8", "\xEF\xBB\xBF" + sampleText});
    out.push_back({name + " NUL au milieu", sampleText.substr(0, sampleText.size() / 2) + std::string(1, '\0') +
                                                sampleText.substr(sampleText.size() / 2)});
    out.push_back({name + " suivi de texte", sampleText + "{}"});
    // Truncated: every byte of small samples, evenly spaced cuts of larger ones.
    const std::size_t cutStep = sampleText.size() > plan.maxCuts ? sampleText.size() / plan.maxCuts : 1;
    for (std::size_t n = 0; n < sampleText.size(); n += cutStep)
        out.push_back({name + " coupé à l'octet " + std::to_string(n), sampleText.substr(0, n)});
    return out;
}

// Parsed forms of the mutants that are still JSON (for entry points that take a Json).
std::vector<std::pair<std::string, Json>> jsonValues(const std::vector<Mutant>& mutants) {
    std::vector<std::pair<std::string, Json>> out;
    for (const auto& m : mutants)
        if (auto j = parseStrict(m.text))
            out.emplace_back(m.what, std::move(*j));
    return out;
}

// Byte-level hostile variants of a non-JSON text (CSV, query strings, field input).
std::vector<Mutant> byteMutants(const std::string& name, const std::string& sample, std::size_t maxCuts = 300) {
    std::vector<Mutant> out{{name + " (intact)", sample}};
    const std::size_t cutStep = sample.size() > maxCuts ? sample.size() / maxCuts : 1;
    for (std::size_t n = 0; n < sample.size(); n += cutStep) {
        out.push_back({name + " coupé à l'octet " + std::to_string(n), sample.substr(0, n)});
        std::string flipped = sample;
        flipped[n] = static_cast<char>(flipped[n] ^ 0x80);
        out.push_back({name + " octet " + std::to_string(n) + " ^ 0x80", flipped});
    }
    const std::size_t mid = sample.size() / 2;
    for (const auto& [label, raw] : std::vector<std::pair<std::string, std::string>>{
             {"octets invalides", "\xff\xfe\xc3"}, {"NUL", std::string(1, '\0')}, {"surrogate UTF-8", "\xed\xa0\x80"},
             {"guillemet ouvert", "\""}, {"CR seul", "\r"}, {"BOM UTF-16", "\xff\xfe"}, {"%", "%"}, {"%ZZ", "%ZZ"},
             {"%FF", "%FF"}, {"%00", "%00"}, {"1 Mo", std::string(1 << 20, 'x')}, {"1 Mo de ;", std::string(1 << 20, ';')},
             {"100 000 lignes vides", std::string(100000, '\n')}})
        out.push_back({name + " + " + label + " au milieu", sample.substr(0, mid) + raw + sample.substr(mid)});
    out.push_back({name + " vide", ""});
    out.push_back({name + " BOM UTF-16 seul", "\xff\xfe"});
    out.push_back({name + " BOM UTF-8 seul", "\xEF\xBB\xBF"});
    return out;
}

// Runs `fn` on every mutant under CHECK_NOTHROW; counts them for the report.
std::size_t g_inputs = 0;
void feed(const std::vector<Mutant>& mutants, const std::function<void(const std::string&)>& fn) {
    for (const auto& m : mutants) {
        INFO(m.what);
        CHECK_NOTHROW(fn(m.text));
        ++g_inputs;
    }
}
void feedJson(const std::vector<std::pair<std::string, Json>>& values, const std::function<void(const Json&)>& fn) {
    for (const auto& item : values) {
        INFO(item.first);
        CHECK_NOTHROW(fn(item.second));
        ++g_inputs;
    }
}

// A refused input must say why, in one non-empty line.
void checkMessage(bool ok, const std::string& message) {
    if (!ok) {
        CHECK_FALSE(message.empty());
        CHECK(message.find('\n') == std::string::npos);
    }
}

// dump() as the core's writers do it: throws on invalid UTF-8, which is the point of calling it here.
void dumps(const Json& j) { (void)j.dump(); }

//-----------------------------------------------------------------------------
// [SECTION] Samples
//-----------------------------------------------------------------------------

SigningKey keyFrom(std::uint8_t tag) {
    std::uint8_t seed[32];
    for (int i = 0; i < 32; ++i) seed[i] = static_cast<std::uint8_t>(tag + i * 7);
    return SigningKey::fromSeed(seed);
}
const SigningKey& collegeKey() { static const SigningKey k = keyFrom(11); return k; }
const SigningKey& cfaKey() { static const SigningKey k = keyFrom(12); return k; }
constexpr const char* kAt = "2026-05-06T09:12:00Z";
const std::string kPdf = "%PDF-1.4 convention";

Json bundleDossier() {
    return Json{{"format", "passerelle.dossier/1"},
                {"id", "3f1c9a0e7b2d4c6f8a1b2c3d4e5f6a7b"},
                {"scheme", "paca-2026/securisation-entree-15-ans"},
                {"created_on", "2026-05-04"},
                {"state", "complet"},
                {"sections",
                 Json::array({Json{{"id", "etablissement"}, {"role", "college"}, {"version", 1},
                                   {"fields", {{"uai", "0131234X"}, {"nom", "Collège Anatole France"}}},
                                   {"attachments", Json::array()}, {"signature", nullptr}},
                              Json{{"id", "cfa"}, {"role", "cfa"}, {"version", 1},
                                   {"fields", {{"uai", "0133333Z"}, {"heures", 35}}},
                                   {"attachments", Json::array({Json{{"field", "convention_stage"}, {"name", "convention.pdf"},
                                                                     {"media_type", "application/pdf"}, {"size", kPdf.size()},
                                                                     {"sha256", dossiers::sha256Hex(kPdf)},
                                                                     {"content_b64", base64StdEncode(kPdf)}}})},
                                   {"signature", nullptr}}})},
                {"history", Json::array()}};
}

// A complete bundle: both parties signed their sections and co-signed the manifest.
const Json& sampleBundle() {
    static const Json b = [] {
        const Json d = bundleDossier();
        auto one = signSections(d, "college", collegeKey(), nullptr, kAt);
        REQUIRE_MESSAGE(one.bundle, one.error);
        auto two = signSections(d, "cfa", cfaKey(), &*one.bundle, kAt);
        REQUIRE_MESSAGE(two.bundle, two.error);
        auto three = signManifest(*two.bundle, "college", collegeKey());
        REQUIRE_MESSAGE(three.bundle, three.error);
        auto four = signManifest(*three.bundle, "cfa", cfaKey());
        REQUIRE_MESSAGE(four.bundle, four.error);
        return *four.bundle;
    }();
    return b;
}

std::string trustListText() {
    Json a = publicJwk(collegeKey().publicKey());
    a["name"] = "Collège Anatole France";
    a["roles"] = Json::array({"college"});
    Json b = publicJwk(cfaKey().publicKey());
    b["roles"] = Json::array({"cfa", "entreprise"});
    return Json{{"keys", Json::array({a, b})}}.dump(1);
}
const TrustList& trust() {
    static const TrustList t = [] {
        std::string err;
        auto t = TrustList::parse(trustListText(), &err);
        REQUIRE_MESSAGE(t, err);
        return *t;
    }();
    return t;
}

const DossierDefs& defs() {
    static const DossierDefs d = [] {
        std::vector<std::string> errors;
        auto d = DossierDefs::fromDirectory(std::string(PASSERELLE_SOURCE_DIR) + "/assets/dossiers", &errors);
        REQUIRE(d);
        return *d;
    }();
    return d;
}
const RuleSet& rules() {
    static const RuleSet r = [] {
        std::vector<RuleError> errors;
        auto r = RuleSet::fromDirectory(std::string(PASSERELLE_SOURCE_DIR) + "/assets/rules", &errors);
        REQUIRE(r);
        return *r;
    }();
    return r;
}

std::string tempRoot(const std::string& name) {
    const fs::path p = fs::temp_directory_path() / ("passerelle-hostile-" + name + "-" + newDossierId().substr(0, 8));
    fs::remove_all(p);
    fs::create_directories(p);
    return p.string();
}
void spit(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// Everything a view may ask of a dossier the store or an import handed over.
void useDossier(const Dossier& d) {
    dumps(dossierToJson(d));
    (void)summaryOf(d);
    (void)editableSections(d, "college");
    (void)editableSections(d, "cfa");
    (void)retentionOf(d, &rules(), 12);
    if (const DossierDef* def = defs().find(d.scheme)) {
        dumps(checkReportToJson(checkDossier(*def, d)));
        Dossier local = d;
        (void)mergeDossier(*def, local, d, kAt);
        Dossier mine = d;
        HandoffOptions ho;
        ho.from = "college";
        ho.to = "cfa";
        std::string err;
        if (auto copy = exportHandoff(*def, mine, ho, &err)) dumps(dossierToJson(*copy));
    }
    for (const auto& s : d.sections) dumps(sectionToJson(s));
}

} // namespace

TEST_SUITE("hostile_input") {

//-----------------------------------------------------------------------------
// [SECTION] Situations and rule packs
//-----------------------------------------------------------------------------

TEST_CASE("situations: parseSituation and the check path never throw") {
    const auto mutants = jsonMutants("situation", caseFile("tests/cases/hostile/situation.json"));
    feed(mutants, [](const std::string& text) {
        SituationError err;
        std::vector<std::string> warnings;
        const auto s = parseSituation(text, std::nullopt, &err, &warnings, CivilDate{2026, 5, 4});
        checkMessage(s.has_value(), err.message);
        if (s) {
            dumps(situationToJson(*s));
            (void)verdictsToJson(evaluate(rules(), *s)).dump();
        }
    });
    feedJson(jsonValues(mutants), [](const Json& j) {
        SituationError err;
        (void)parseSituationJson(j, std::nullopt, &err);
    });
}

TEST_CASE("rule packs: RuleSet::fromFiles with one file broken") {
    const std::string dir = std::string(PASSERELLE_SOURCE_DIR) + "/assets/rules/";
    std::vector<RuleFile> base;
    for (const char* f : {"facts.json", "10-apprentissage.json", "30-stage-seconde.json", "50-aix-marseille-2026.json"})
        base.push_back({f, slurp(dir + f)});
    for (std::size_t target : {std::size_t{0}, std::size_t{2}, std::size_t{3}}) {
        MutationPlan plan;
        plan.maxPointers = 60;
        plan.maxCuts = 80;
        plan.hugeStrings = 1;
        plan.deepPlaces = 1;
        feed(jsonMutants(base[target].name, base[target].text, plan), [&](const std::string& text) {
            auto files = base;
            files[target].text = text;
            std::vector<RuleError> errors;
            const auto set = RuleSet::fromFiles(files, &errors);
            if (!set) {
                REQUIRE_FALSE(errors.empty());
                CHECK_FALSE(errors.front().text().empty());
            }
        });
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Dossiers, dossier definitions, fields
//-----------------------------------------------------------------------------

TEST_CASE("dossiers: parseDossier / dossierFromJson, then everything a view does with the result") {
    const auto mutants = jsonMutants("dossier", caseFile("tests/cases/hostile/dossier.json"));
    feed(mutants, [](const std::string& text) {
        std::string err;
        const auto d = parseDossier(text, &err);
        checkMessage(d.has_value(), err);
        if (d) useDossier(*d);
    });
    feedJson(jsonValues(mutants), [](const Json& j) {
        std::string err;
        (void)dossierFromJson(j, &err);
        if (j.is_object() && j.contains("sections") && j["sections"].is_array())
            for (const auto& s : j["sections"]) (void)sectionFromJson(s, &err);
    });
}

TEST_CASE("dossier definitions: DossierDefs::fromTexts with one file broken") {
    const std::string dir = std::string(PASSERELLE_SOURCE_DIR) + "/assets/dossiers/";
    for (const char* f : {"aix-marseille-2026.json", "apprentissage.json"}) {
        MutationPlan plan;
        plan.maxPointers = 90;
        plan.maxCuts = 150;
        feed(jsonMutants(f, slurp(dir + f), plan), [&](const std::string& text) {
            std::vector<std::string> errors;
            const auto d = DossierDefs::fromTexts({{f, text}}, &errors);
            if (!d) {
                REQUIRE_FALSE(errors.empty());
                CHECK_FALSE(errors.front().empty());
            } else {
                // A definition that loaded must build and check a dossier.
                for (const auto& def : d->all()) {
                    const Json situation = parseStrict(caseFile("tests/cases/hostile/situation.json")).value();
                    CreateOptions opt;
                    opt.role = "college";
                    opt.now = kAt;
                    opt.profile = {{"uai", "0130040Y"}, {"nom", "Collège"}};
                    opt.pupil = {{"last_name", "DUPONT"}, {"first_name", "Léa"}};
                    const Dossier made = createDossier(def, situation, Ymd{2026, 5, 4}, opt);
                    dumps(checkReportToJson(checkDossier(def, made)));
                }
            }
        });
    }
}

TEST_CASE("dossier creation: a hostile situation, profile or pupil as prefill sources") {
    const auto situations = jsonValues(jsonMutants("situation", caseFile("tests/cases/hostile/situation.json")));
    const auto profiles = jsonValues(jsonMutants("profil", caseFile("tests/cases/classlists/profil_college.json")));
    for (const auto& def : defs().all()) {
        feedJson(situations, [&](const Json& j) {
            CreateOptions opt;
            opt.now = kAt;
            const Dossier d = createDossier(def, j, Ymd{2026, 5, 4}, opt);
            useDossier(d);
        });
        if (&def != &defs().all().front()) continue;
        feedJson(profiles, [&](const Json& j) {
            CreateOptions opt;
            opt.now = kAt;
            opt.profile = j;
            opt.pupil = j;
            useDossier(createDossier(def, Json::object(), Ymd{2026, 5, 4}, opt));
        });
    }
}

TEST_CASE("fields: typed input (UI and CLI --value) and attachments with hostile text, then dump") {
    const std::vector<std::string> inputs = {
        "", " ", "x", "oui", "non", "01/10/2011", "2011-02-30", "99/99/9999", "0130040y", "06 71 12 38 24",
        "+33 6 71 12 38 24", "a@b", "@", "13001 Marseille", "73282932000074", std::string(1 << 20, '9'),
        "\xff\xfe", "L\xc3", "\xed\xa0\x80", std::string("a\0b", 3), "é\xe9", "\xc3\xa9\xff", "%00", "\"}{",
        std::string(100000, '/'), "-", "1e308", "9007199254740993", "\xef\xbb\xbf" "oui"};
    std::vector<Mutant> mutants;
    for (const auto& s : inputs) mutants.push_back({"saisie « " + s.substr(0, 20) + " »", s});
    for (FieldType t : {FieldType::Text, FieldType::Date, FieldType::YesNo, FieldType::Choice, FieldType::Email,
                        FieldType::Phone, FieldType::Uai, FieldType::Siret, FieldType::PostalCommune, FieldType::Attachment}) {
        FieldSpec spec;
        spec.type = t;
        spec.choices = {{"a", "A"}, {"b", "B"}};
        feed(mutants, [&](const std::string& text) {
            const auto r = parseFieldInput(spec, text);
            checkMessage(r.ok(), r.error);
            if (r.value) {
                dumps(*r.value);
                (void)checkFieldValue(spec, *r.value);
            }
            (void)checkFieldValue(spec, Json(text.size() < 64 ? text : text.substr(0, 64)));
        });
    }
    FieldSpec file;
    file.type = FieldType::Attachment;
    feed(mutants, [&](const std::string& text) {
        std::string err;
        // The file name comes from the user's disk: any bytes.
        if (auto a = makeAttachment(file, "piece", text, kPdf, &err)) {
            dumps(attachmentToJson(*a));
            (void)attachmentError(file, *a);
        }
        (void)guessMediaType(text);
        (void)upperName(text);
        (void)foldForMatch(text);
        (void)trim(text);
        (void)percentEncode(text);
        (void)roleByName(text);
        (void)stateByName(text);
        (void)passerelle::parseIsoDate(text);
        (void)dossiers::parseIsoDate(text);
        (void)parseFrenchDate(text);
        (void)checkUai(text);
        (void)normalizePhone(text);
        (void)emailError(text);
        (void)siretError(text);
        (void)postalCommuneError(text);
        (void)base64Decode(text);
        (void)base64UrlDecode(text);
        (void)passphraseFromFile(text);
    });
    const auto attachments = jsonValues(jsonMutants(
        "pièce jointe", Json{{"field", "convention_stage"}, {"name", "convention.pdf"}, {"media_type", "application/pdf"},
                             {"size", kPdf.size()}, {"sha256", dossiers::sha256Hex(kPdf)}, {"content_b64", base64StdEncode(kPdf)}}
                            .dump()));
    feedJson(attachments, [&](const Json& j) {
        std::string err;
        const auto a = attachmentFromJson(j, &err);
        checkMessage(a.has_value(), err);
        if (a) (void)attachmentError(file, *a);
    });
}

//-----------------------------------------------------------------------------
// [SECTION] Dossier store
//-----------------------------------------------------------------------------

TEST_CASE("dossier store: hostile pack, index, store.json and settings files are quarantined or read, never thrown on") {
    const std::string seedRoot = tempRoot("seed");
    const auto sample = parseDossier(caseFile("tests/cases/hostile/dossier.json"), nullptr);
    REQUIRE(sample);
    {
        DirectoryStore s({seedRoot});
        s.load();
        REQUIRE(s.save(*sample));
        REQUIRE(s.putSetting("classlist-mapping", Json{{"last_name", "Nom"}, {"class", "Classe"}}));
        REQUIRE(s.putSetting("classlist-grades", Json{{"3e b", "3e"}}));
        REQUIRE(s.checkpoint());
    }
    const std::string shard = sample->id.substr(0, 2);
    const std::map<std::string, std::string> files = {
        {"dossiers/" + shard + ".json", slurp(seedRoot + "/dossiers/" + shard + ".json")},
        {"index.json", slurp(seedRoot + "/index.json")},
        {"store.json", slurp(seedRoot + "/store.json")},
        {"settings/classlist-mapping.json", slurp(seedRoot + "/settings/classlist-mapping.json")},
        {"settings/classlist-grades.json", slurp(seedRoot + "/settings/classlist-grades.json")},
    };
    const std::string root = tempRoot("store");
    for (const auto& targetAndText : files) {
        const std::string target = targetAndText.first; // (clang 14 lambdas cannot capture structured bindings)
        const std::string& text = targetAndText.second;
        MutationPlan plan;
        plan.maxPointers = target.rfind("dossiers/", 0) == 0 ? 60 : 30;
        plan.maxCuts = 40;
        plan.hugeStrings = 1;
        plan.deepPlaces = 1;
        for (const bool lazy : {false, true}) {
            if (lazy && target != "index.json") continue;
            feed(jsonMutants(target, text, plan), [&](const std::string& mutated) {
                fs::remove_all(root);
                for (const auto& [name, original] : files) spit(root + "/" + name, name == target ? mutated : original);
                DirectoryStoreOptions o{root};
                o.lazy = lazy;
                o.writeThrough = false;
                DirectoryStore s(o);
                const auto report = s.load();
                for (const auto& q : report.quarantined) CHECK_FALSE(q.reason.empty());
                for (const auto& summary : s.summaries()) (void)summary;
                if (const Dossier* d = s.find(sample->id)) useDossier(*d);
                for (const Dossier* d : s.list()) useDossier(*d);
                (void)s.takeLateReport();
                if (auto m = s.setting("classlist-mapping")) (void)ColumnMapping::fromJson(*m);
                if (auto g = s.setting("classlist-grades")) (void)GradeTable::fromJson(*g);
                dumps(exportBackup(s, kAt));
                (void)expiredDossiers(s, &rules(), 12, CivilDate{2030, 1, 1});
                (void)s.flush();
                (void)s.checkpoint();
            });
        }
    }
    fs::remove_all(root);
    fs::remove_all(seedRoot);
}

TEST_CASE("dossier store: importBackup of a hostile backup") {
    const std::string root = tempRoot("backup");
    const auto sample = parseDossier(caseFile("tests/cases/hostile/dossier.json"), nullptr);
    REQUIRE(sample);
    std::string backupText;
    {
        DirectoryStore s({root});
        s.load();
        REQUIRE(s.save(*sample));
        backupText = exportBackup(s, kAt).dump();
    }
    MutationPlan plan;
    plan.maxPointers = 80;
    plan.maxCuts = 60;
    feedJson(jsonValues(jsonMutants("sauvegarde", backupText, plan)), [&](const Json& j) {
        // A fresh store holding the sample each time: what one import wrote must not slow the next one.
        fs::remove_all(root);
        {
            DirectoryStore seed({root});
            seed.load();
            REQUIRE(seed.save(*sample));
        }
        DirectoryStoreOptions o{root};
        o.writeThrough = false;
        DirectoryStore s(o);
        s.load();
        const auto r = importBackup(s, j, kAt);
        for (const Dossier* d : s.list()) useDossier(*d);
        (void)r;
    });
    fs::remove_all(root);
}

//-----------------------------------------------------------------------------
// [SECTION] Class lists
//-----------------------------------------------------------------------------

TEST_CASE("class lists: every sample CSV (UTF-8, BOM, Windows-1252, UTF-16, broken quoting) byte-mutated") {
    const std::string dir = "tests/cases/classlists/";
    const auto profileJson = parseStrict(caseFile(dir + "profil_college.json")).value();
    ClassListOptions base;
    base.profile = profileFromJson(profileJson, nullptr).value();
    base.on = Ymd{2026, 5, 4};
    base.requester = "college";
    for (const char* f : {"siecle_pointvirgule_windows1252.csv", "tableur_virgule_utf8_bom.csv", "utf16.csv",
                          "guillemet_non_ferme.csv", "lignes_en_erreur.csv", "sans_colonne_classe.csv"}) {
        feed(byteMutants(f, caseFile(dir + f), 150), [&](const std::string& bytes) {
            const ClassList list = readClassList(bytes, base);
            for (const auto& row : list.rows) {
                dumps(row.situation);
                dumps(row.pupil);
                if (!row.situation.is_null()) {
                    SituationError err;
                    (void)parseSituationJson(row.situation, std::nullopt, &err);
                }
            }
            dumps(list.mapping.toJson());
            const auto decoded = decodeText(bytes);
            (void)parseCsv(decoded.utf8);
            (void)parseCsv(bytes, ';'); // parseCsv is public: raw bytes too
        });
    }
    // The saved column mapping, grade corrections and profile come back from the store's settings.
    const std::string csv = caseFile(dir + "siecle_pointvirgule_windows1252.csv");
    const auto mappings = jsonValues(jsonMutants(
        "correspondance", Json{{"last_name", "Nom"}, {"first_name", "Prénom"}, {"birth_date", "Né(e) le"},
                               {"class", "Classe"}, {"person.wants_apprenticeship", "Apprentissage"}}.dump()));
    feedJson(mappings, [&](const Json& j) {
        ClassListOptions o = base;
        o.mapping = ColumnMapping::fromJson(j);
        o.grades = GradeTable::fromJson(j);
        for (const auto& row : readClassList(csv, o).rows) dumps(row.situation);
    });
    feedJson(jsonValues(jsonMutants("profil", caseFile(dir + "profil_college.json"))), [&](const Json& j) {
        std::string err;
        const auto p = profileFromJson(j, &err);
        checkMessage(p.has_value(), err);
        if (p) {
            dumps(profileToJson(*p));
            ClassListOptions o = base;
            o.profile = *p;
            for (const auto& row : readClassList(csv, o).rows) dumps(row.situation);
        }
    });
}

//-----------------------------------------------------------------------------
// [SECTION] Bundles, JWS, trust lists, key files
//-----------------------------------------------------------------------------

TEST_CASE("bundles: verifyBundle, signedSectionsOf, hand-off readback and signing into a received bundle") {
    const std::string text = bundleToText(sampleBundle());
    {
        const auto r = verifyBundle(text, &trust());
        REQUIRE_MESSAGE(r.complete(), r.error);
    }
    MutationPlan plan;
    plan.maxPointers = 150;
    plan.maxCuts = 200;
    const auto mutants = jsonMutants("paquet", text, plan);
    const DossierDef* def = defs().find("paca-2026/securisation-entree-15-ans");
    REQUIRE(def);
    feed(mutants, [&](const std::string& t) {
        for (const TrustList* tl : {&trust(), static_cast<const TrustList*>(nullptr)}) {
            const auto r = verifyBundle(t, tl);
            checkMessage(r.valid, r.error);
            for (const auto& s : r.sections) (void)describeSignature(s);
            if (auto j = parseStrict(t)) {
                for (const auto& s : r.sections) (void)signatureRecord(r, s.id);
                std::string err;
                if (auto sections = signedSectionsOf(*j, r, &err)) {
                    const Dossier d = dossierFromSignedSections(*def, r.bundleId, *sections, Ymd{2026, 5, 6});
                    useDossier(d);
                }
            }
        }
    });
    const Json dossier = bundleDossier();
    feedJson(jsonValues(mutants), [&](const Json& j) {
        (void)verifyBundleJson(j, &trust());
        // A hand-off copy carries the bundle it came with.
        Json doc = dossier;
        doc["bundle"] = j;
        if (auto b = takeEmbeddedBundle(doc)) (void)verifyBundleJson(*b, &trust());
        // Signing our sections into a bundle we received, and co-signing its manifest.
        auto one = signSections(dossier, "cfa", cfaKey(), &j, kAt);
        checkMessage(one.bundle.has_value(), one.error);
        if (one.bundle) (void)bundleToText(*one.bundle);
        auto two = signManifest(j, "cfa", cfaKey());
        checkMessage(two.bundle.has_value(), two.error);
        if (j.is_object() && j.contains("manifest")) (void)verifyFlattened(j["manifest"], "passerelle-manifest+jws", nullptr);
    });
    // Our own dossier document, hostile, signed: the store or an import may have handed it over.
    MutationPlan small;
    small.maxPointers = 60;
    small.maxCuts = 40;
    feedJson(jsonValues(jsonMutants("dossier à signer", dossier.dump(), small)), [&](const Json& j) {
        auto out = signSections(j, "college", collegeKey(), nullptr, kAt);
        checkMessage(out.bundle.has_value(), out.error);
        if (out.bundle) (void)verifyBundleJson(*out.bundle, &trust());
    });
}

// Anyone can sign: a signature only proves which key wrote the payload, so the signed contents of a
// section or of the manifest are outside input as much as the envelope is. Each mutant is signed again
// with the party's own key, so the verifier reads it past the signature check.
TEST_CASE("bundles: hostile contents under a valid signature (section and manifest payloads)") {
    const Json& bundle = sampleBundle();
    const DossierDef* def = defs().find("paca-2026/securisation-entree-15-ans");
    REQUIRE(def);
    auto payloadOf = [](const std::string& b64) {
        const auto bytes = base64UrlDecode(b64);
        REQUIRE(bytes);
        return std::string(bytes->begin(), bytes->end());
    };
    auto check = [&](const Json& b) {
        const auto r = verifyBundleJson(b, &trust());
        checkMessage(r.valid, r.error);
        for (const auto& s : r.sections) (void)describeSignature(s);
        std::string err;
        if (auto sections = signedSectionsOf(b, r, &err)) useDossier(dossierFromSignedSections(*def, r.bundleId, *sections, Ymd{2026, 5, 6}));
    };
    MutationPlan plan;
    plan.maxPointers = 80;
    plan.maxCuts = 60;
    plan.hugeStrings = 1;
    plan.deepPlaces = 1;
    for (std::size_t i = 0; i < bundle["sections"].size(); ++i) {
        const std::string payload = payloadOf(bundle["sections"][i]["jws"]["payload"].get<std::string>());
        const SigningKey& key = bundle["sections"][i]["role"] == "college" ? collegeKey() : cfaKey();
        feed(jsonMutants("contenu signé de la section " + std::to_string(i + 1), payload, plan), [&](const std::string& t) {
            Json b = bundle;
            b["sections"][i]["jws"] = signFlattened(key, t, kSectionTyp);
            check(b);
            b.erase("manifest");
            check(b);
        });
    }
    const std::string manifest = payloadOf(bundle["manifest"]["payload"].get<std::string>());
    feed(jsonMutants("contenu signé du manifeste", manifest, plan), [&](const std::string& t) {
        Json b = bundle;
        const std::string b64 = base64UrlEncode(t);
        b["manifest"] = Json{{"payload", b64},
                             {"signatures", Json::array({signGeneralEntry(collegeKey(), b64, kManifestTyp),
                                                         signGeneralEntry(cfaKey(), b64, kManifestTyp)})}};
        check(b);
    });
}

TEST_CASE("JWS: verifyFlattened and verifyJwsParts with hostile members") {
    const Json jws = signFlattened(collegeKey(), "{\"a\":1}", "passerelle-test+jws");
    feedJson(jsonValues(jsonMutants("JWS", jws.dump())), [&](const Json& j) {
        std::string err;
        const auto v = verifyFlattened(j, "passerelle-test+jws", &err);
        checkMessage(v.has_value(), err);
        for (const auto& [label, value] : otherTypes()) {
            (void)verifyJwsParts(value, j.is_object() ? j.value("payload", Json()) : j, value, "x", &err);
        }
    });
    // Protected headers that decode to hostile JSON.
    const Json header = Json{{"alg", "EdDSA"}, {"typ", "passerelle-test+jws"}, {"kid", collegeKey().kid()},
                             {"jwk", publicJwk(collegeKey().publicKey())}};
    feed(jsonMutants("en-tête protégé", header.dump()), [&](const std::string& h) {
        std::string err;
        const Json sig = base64UrlEncode(std::string(64, 'x'));
        const auto v = verifyJwsParts(Json(base64UrlEncode(h)), Json(base64UrlEncode(std::string("{}"))), sig,
                                      "passerelle-test+jws", &err);
        checkMessage(v.has_value(), err);
    });
}

TEST_CASE("trust lists and JWK import: TrustList::parse, parsePublicJwk, loadKeyFile (plain and encrypted)") {
    feed(jsonMutants("liste de confiance", trustListText()), [](const std::string& t) {
        std::string err;
        const auto tl = TrustList::parse(t, &err);
        checkMessage(tl.has_value(), err);
    });
    feedJson(jsonValues(jsonMutants("JWK public", publicJwk(collegeKey().publicKey()).dump())), [](const Json& j) {
        std::string err;
        for (const bool strict : {false, true}) {
            const auto k = parsePublicJwk(j, &err, PublicKeyOptions{strict, strict});
            checkMessage(k.has_value(), err);
        }
    });
    feed(jsonMutants("clé privée", keyFileText(collegeKey())), [](const std::string& t) {
        std::string err;
        const auto k = loadKeyFile(t, std::nullopt, &err);
        checkMessage(k.has_value(), err);
    });
    // The encrypted key's header (kdf, costs, salt, nonce): minimal Argon2id costs keep each try fast.
    const std::string encrypted = keyFileText(cfaKey(), "phrase secrète", KdfParams{1, 8192});
    MutationPlan plan;
    plan.maxCuts = 120;
    feed(jsonMutants("clé chiffrée", encrypted, plan), [](const std::string& t) {
        std::string err;
        for (const auto& pass : {std::optional<std::string_view>("phrase secrète"), std::optional<std::string_view>("faux")}) {
            const auto k = loadKeyFile(t, pass, &err);
            checkMessage(k.has_value(), err);
        }
    });
}

//-----------------------------------------------------------------------------
// [SECTION] Vault, display settings, establishment, kiosk, platform prefill
//-----------------------------------------------------------------------------

TEST_CASE("vault: parseMeta and decryptFile of hostile files") {
    vault::DataKey key;
    std::string err;
    const auto meta = vault::wrapKey(key, "phrase secrète", KdfParams{1, 8192}, vault::VaultState::On, &err);
    REQUIRE_MESSAGE(meta, err);
    feed(jsonMutants("vault.json", vault::metaToText(*meta)), [](const std::string& t) {
        std::string e;
        const auto m = vault::parseMeta(t, &e);
        checkMessage(m.has_value(), e);
        if (m) (void)vault::metaToText(*m);
    });
    const std::string stored = vault::encryptFile(key, "dossiers/3f.json", "{\"format\":\"passerelle.store-pack/1\"}");
    feed(byteMutants("fichier chiffré", stored), [&](const std::string& t) {
        std::string e;
        (void)vault::isEncrypted(t);
        const auto plain = vault::decryptFile(key, "dossiers/3f.json", t, &e);
        checkMessage(plain.has_value(), e);
    });
}

TEST_CASE("display settings, establishment profile (retention months), kiosk options") {
    feed(jsonMutants("affichage", displaySettingsToJson(DisplaySettings{1.5f, true})), [](const std::string& t) {
        std::string e;
        const auto s = parseDisplaySettings(t, &e);
        checkMessage(s.has_value(), e);
        if (s) (void)displaySettingsToJson(*s);
    });
    Establishment p;
    p.name = "Lycée Saint-Exupéry";
    p.uai = "0750655E";
    p.commune = "Marseille";
    p.department = "13";
    p.sector = "public";
    p.retentionMonths = 24;
    feed(jsonMutants("établissement", establishmentToJson(p)), [](const std::string& t) {
        std::string e;
        const auto s = parseEstablishment(t, &e);
        checkMessage(s.has_value(), e);
        if (s) {
            (void)establishmentToJson(*s);
            (void)establishmentProblems(*s);
        }
    });
    feed(byteMutants("kiosque", "?borne=1&inactivite=120&decompte=30"), [](const std::string& t) { (void)parseKioskOptions(t); });
    for (const char* q : {"?borne=1&inactivite=99999999999999999999999", "?inactivite=-1&decompte=-99999999999",
                          "?inactivite=1e308", "?inactivite=&decompte=", "&&&&", "?borne", "?=", "?borne=%FF%FE",
                          "?inactivite=0x10", "?inactivite= 12", "?decompte=2147483648"}) {
        INFO(q);
        CHECK_NOTHROW((void)parseKioskOptions(q));
        ++g_inputs;
    }
}

TEST_CASE("platform prefill: mapping files, dossier documents and definitions") {
    const std::string dir = std::string(PASSERELLE_SOURCE_DIR) + "/assets/platform/";
    const std::string mappingText = slurp(dir + "paca-2026_securisation-entree-15-ans.json");
    MutationPlan plan;
    plan.maxPointers = 90;
    plan.maxCuts = 150;
    feed(jsonMutants("correspondance démarche", mappingText, plan), [](const std::string& t) {
        std::string e;
        const auto m = parsePrefillMapping(t, &e);
        checkMessage(m.has_value(), e);
        if (m) {
            const auto link = buildPrefillLink(*m, bundleDossier(), {}, &e);
            checkMessage(link.has_value(), e);
        }
    });
    const auto mapping = parsePrefillMapping(mappingText, nullptr);
    REQUIRE(mapping);
    feedJson(jsonValues(jsonMutants("dossier prérempli", caseFile("tests/cases/hostile/dossier.json"))), [&](const Json& j) {
        std::string e;
        const auto link = buildPrefillLink(*mapping, j, {{"eleve", "nom"}}, &e);
        checkMessage(link.has_value(), e);
    });
    MutationPlan defsPlan;
    defsPlan.maxPointers = 60;
    defsPlan.maxCuts = 30;
    feedJson(jsonValues(jsonMutants("définitions", caseFile("assets/dossiers/aix-marseille-2026.json"), defsPlan)),
             [](const Json& j) {
                 for (const auto& d : defs().all()) (void)sensitiveFieldsOf(j, d.scheme);
             });
}

//-----------------------------------------------------------------------------
// [SECTION] Regressions (each input that threw or crashed before its fix)
//-----------------------------------------------------------------------------

// 10,000 nested objects parsed fine, then dossierFromJson's copy of the document overflowed the stack
// (natively at -O0; the browser's stack is smaller still): parseStrict now refuses such depth.
TEST_CASE("regression: 10,000 levels of nesting are refused by parseStrict, in French") {
    for (const std::string& text : {deepObject(10000), deepArray(10000), "{\"sections\":" + deepArray(300) + "}"}) {
        JsonError err;
        CHECK_FALSE(parseStrict(text, &err));
        CHECK(err.message.find("niveaux d'imbrication") != std::string::npos);
        std::string why;
        CHECK_NOTHROW(CHECK_FALSE(parseDossier(text, &why)));
        CHECK_FALSE(why.empty());
    }
    CHECK(parseStrict(deepArray(200)));
}

// Json::value(key, "") throws type_error 302 when the member is there with another type.
TEST_CASE("regression: a format or text member of another type in store.json, index.json, a backup, vault.json, display settings") {
    const std::string root = tempRoot("regression");
    spit(root + "/store.json", "{\"format\": 2, \"shard_chars\": 2}");
    spit(root + "/index.json",
         "{\"format\": \"passerelle.store-index/1\", \"shards\": {\"3f\": {\"gen\": 1, \"dossiers\": [{\"id\": \"3f\", \"title\": 5}]}}}");
    {
        DirectoryStoreOptions o{root};
        o.lazy = true;
        DirectoryStore s(o);
        CHECK_NOTHROW((void)s.load());
        std::string err;
        ImportReport r;
        CHECK_NOTHROW(r = importBackup(s, Json{{"format", 1}, {"dossiers", Json::array()}}, kAt));
        CHECK_FALSE(r.result.ok);
        CHECK_FALSE(r.result.message.empty());
    }
    fs::remove_all(root);
    vault::DataKey key;
    std::string err;
    const auto meta = vault::wrapKey(key, "x", KdfParams{1, 8192}, vault::VaultState::On, &err);
    REQUIRE(meta);
    for (const char* path : {"/state", "/kdf/alg", "/key/aead"}) {
        Json j = parseStrict(vault::metaToText(*meta)).value();
        j[Json::json_pointer(path)] = 7;
        std::string why;
        CHECK_NOTHROW(CHECK_FALSE(vault::parseMeta(j.dump(), &why)));
        CHECK_FALSE(why.empty());
    }
    std::string why;
    CHECK_NOTHROW(CHECK_FALSE(parseDisplaySettings("{\"format\": 1}", &why)));
    CHECK_FALSE(why.empty());
}

// trim() dropped a trailing 0xA0 byte as a Latin-1 no-break space: « Voilà » (…C3 A0) became invalid
// UTF-8 and the dossier's dump() threw when it was saved.
TEST_CASE("regression: text ending in « à » or « Š » keeps its last letter (trim), and dumps") {
    CHECK(trim("Voilà") == "Voilà");
    CHECK(trim("\xc2\xa0Š\xc2\xa0") == "Š");
    FieldSpec text;
    const auto r = parseFieldInput(text, "Voilà ");
    REQUIRE(r.ok());
    CHECK(*r.value == "Voilà");
    CHECK_NOTHROW(dumps(*r.value));
    // A cp1252 list whose class cell ends in « Š » (0x8A).
    const auto list = readClassList(std::string("Nom;Pr\xe9nom;N\xe9(e) le;Classe\nDUPONT;L\xe9" "a;01/10/2011;3E \x8a\n"), {});
    REQUIRE(list.rows.size() == 1);
    CHECK(list.rows[0].className == "3E Š");
    CHECK_NOTHROW(dumps(list.rows[0].situation));
    CHECK_NOTHROW(dumps(list.rows[0].pupil));
}

// validUtf8 let UTF-16 surrogates, overlong forms and code points past U+10FFFF through: stored as typed,
// they made dump() throw.
TEST_CASE("regression: surrogates and overlong UTF-8 in typed text are refused, in French") {
    FieldSpec text;
    for (const std::string bad : {"\xed\xa0\x80", "a\xed\xbf\xbf", "\xe0\x80\x80", "\xf4\x90\x80\x80", "\xc0\xaf"}) {
        const auto r = parseFieldInput(text, bad);
        CHECK_FALSE(r.ok());
        CHECK_FALSE(r.error.empty());
    }
}

TEST_CASE("how many hostile inputs were fed (for the report)") {
    MESSAGE("entrées hostiles : " << g_inputs);
    CHECK(g_inputs > 0);
}

} // TEST_SUITE
