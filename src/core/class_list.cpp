// Reading class lists: encoding detection, CSV dialects, header mapping, the class-name table, one situation per pupil.
//
// [SECTION] Encodings
// [SECTION] CSV
// [SECTION] Column mapping
// [SECTION] Class names → grades
// [SECTION] Profile
// [SECTION] Rows → situations
#include "core/class_list.hpp"

#include <algorithm>
#include <array>
#include <regex>

namespace passerelle::dossiers {

//-----------------------------------------------------------------------------
// [SECTION] Encodings
//-----------------------------------------------------------------------------

bool isValidUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07u;
        } else
            return false;
        if (i + n >= s.size())
            return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc >> 6) != 2)
                return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

std::string windows1252ToUtf8(std::string_view bytes) {
    // 0x80..0x9F differ from Latin-1 (€, ‚, ƒ, „, …, †, ‡, ˆ, ‰, Š, ‹, Œ, Ž, ‘, ’, “, ”, •, –, —, ˜, ™, š, ›, œ, ž, Ÿ).
    static constexpr std::array<unsigned, 32> high{
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (unsigned char c : bytes) {
        unsigned cp = c;
        if (c >= 0x80 && c <= 0x9F)
            cp = high[c - 0x80];
        if (cp < 0x80)
            out += static_cast<char>(cp);
        else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

DecodedText decodeText(std::string_view bytes) {
    DecodedText t;
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        t.error = "fichier en UTF-16 : enregistrez-le en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »";
        return t;
    }
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        t.bom = true;
        bytes.remove_prefix(3);
    }
    if (isValidUtf8(bytes)) {
        t.utf8 = std::string(bytes);
        t.encoding = TextEncoding::Utf8;
    } else {
        t.utf8 = windows1252ToUtf8(bytes);
        t.encoding = TextEncoding::Windows1252;
    }
    if (t.utf8.find('\0') != std::string::npos)
        t.error = "fichier binaire (octets nuls) : ce n'est pas un CSV";
    return t;
}

//-----------------------------------------------------------------------------
// [SECTION] CSV
//-----------------------------------------------------------------------------

namespace {
char guessDelimiter(std::string_view text) {
    std::array<std::size_t, 3> counts{0, 0, 0};
    bool quoted = false;
    for (char c : text) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ';')
            ++counts[0];
        else if (!quoted && c == ',')
            ++counts[1];
        else if (!quoted && c == '\t')
            ++counts[2];
    }
    if (counts[2] > counts[0] && counts[2] > counts[1])
        return '\t';
    if (counts[1] > counts[0])
        return ',';
    return ';';
}
} // namespace

CsvTable parseCsv(std::string_view text, char delimiter) {
    CsvTable t;
    t.delimiter = delimiter ? delimiter : guessDelimiter(text);
    const char d = t.delimiter;
    std::size_t line = 1, i = 0;
    while (i < text.size()) {
        CsvRecord rec;
        rec.line = line;
        std::string cell;
        bool endOfRecord = false;
        while (!endOfRecord) {
            cell.clear();
            bool wasQuoted = false;
            if (i < text.size() && text[i] == '"') {
                wasQuoted = true;
                const std::size_t openLine = line;
                ++i;
                for (;;) {
                    if (i >= text.size()) {
                        t.error = "ligne " + std::to_string(openLine) + " : guillemet ouvert jamais refermé";
                        return t;
                    }
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            cell += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (text[i] == '\n')
                        ++line;
                    cell += text[i++];
                }
            }
            // Unquoted text (or what follows a closing quote, kept as Excel does).
            while (i < text.size() && text[i] != d && text[i] != '\n' && text[i] != '\r')
                cell += text[i++];
            rec.cells.push_back(wasQuoted ? cell : trim(cell));
            if (i >= text.size()) {
                endOfRecord = true;
            } else if (text[i] == d) {
                ++i;
            } else {
                if (text[i] == '\r')
                    ++i;
                if (i < text.size() && text[i] == '\n')
                    ++i;
                ++line;
                endOfRecord = true;
            }
        }
        const bool blank = std::all_of(rec.cells.begin(), rec.cells.end(), [](const std::string& c) { return trim(c).empty(); });
        if (!blank)
            t.records.push_back(std::move(rec));
    }
    return t;
}

//-----------------------------------------------------------------------------
// [SECTION] Column mapping
//-----------------------------------------------------------------------------

namespace {
struct HeaderAlias {
    std::string_view target;
    std::vector<std::string_view> folded; // foldForMatch forms
};
const std::vector<HeaderAlias>& headerAliases() {
    static const std::vector<HeaderAlias> aliases{
        {"last_name", {"nom", "nom de famille", "nom d usage", "nom eleve", "nom de l eleve", "nom élève", "nom usuel"}},
        {"first_name", {"prenom", "prenom 1", "premier prenom", "prenoms", "prenom eleve", "prenom de l eleve"}},
        {"full_name", {"eleve", "nom prenom", "nom et prenom", "nom et prenoms", "identite", "nom complet"}},
        {"birth_date", {"date de naissance", "date naissance", "ne e le", "ne le", "nee le", "naissance", "date de naiss", "date nais", "ddn"}},
        {"class", {"classe", "division", "classe actuelle", "div", "groupe classe", "classe 2025 2026", "classe 2026 2027"}},
        {"person.wants_apprenticeship", {"apprentissage", "souhaite l apprentissage", "projet apprentissage", "voeu apprentissage", "interesse par l apprentissage"}},
        {"person.has_employer", {"employeur", "a un employeur", "employeur trouve", "entreprise trouvee"}},
        {"person.enrolled_in_cfa", {"inscrit en cfa", "inscrit au cfa", "inscription cfa"}},
        {"person.struggling_to_find", {"difficultes", "en difficulte", "difficulte a trouver", "difficultes de recherche"}},
        {"person.wishes_formalized", {"voeux saisis", "voeux formalises", "voeux affelnet"}},
        {"person.only_apprenticeship_wishes", {"voeux secs", "voeux uniquement apprentissage"}},
    };
    return aliases;
}
} // namespace

const std::vector<std::string>& mappingTargets() {
    static const std::vector<std::string> targets = [] {
        std::vector<std::string> t;
        for (const auto& a : headerAliases())
            t.emplace_back(a.target);
        return t;
    }();
    return targets;
}

ColumnMapping guessMapping(const std::vector<std::string>& headers) {
    ColumnMapping m;
    std::vector<bool> used(headers.size(), false);
    // Exact names first, then headers that start with a long enough alias ("Date de naissance
    // (JJ/MM/AAAA)", "Classe 2026-2027"): short ones like "nom" would catch "Nom de l'établissement".
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t i = 0; i < headers.size(); ++i) {
            if (used[i])
                continue;
            const std::string f = foldForMatch(headers[i]);
            for (const auto& a : headerAliases()) {
                if (m.columns.count(std::string(a.target)))
                    continue;
                const bool hit = std::any_of(a.folded.begin(), a.folded.end(), [&](std::string_view alias) {
                    return pass == 0 ? f == alias
                                     : alias.size() >= 6 && f.size() > alias.size() && f.compare(0, alias.size(), alias) == 0 &&
                                           f[alias.size()] == ' ';
                });
                if (hit) {
                    m.columns[std::string(a.target)] = headers[i];
                    used[i] = true;
                    break;
                }
            }
        }
    return m;
}

Json ColumnMapping::toJson() const {
    Json j = Json::object();
    for (const auto& [k, v] : columns)
        j[k] = v;
    return j;
}

ColumnMapping ColumnMapping::fromJson(const Json& j) {
    ColumnMapping m;
    if (j.is_object())
        for (const auto& [k, v] : j.items())
            if (v.is_string() && std::find(mappingTargets().begin(), mappingTargets().end(), k) != mappingTargets().end())
                m.columns[k] = v.get<std::string>();
    return m;
}

//-----------------------------------------------------------------------------
// [SECTION] Class names → grades
//-----------------------------------------------------------------------------

bool isKnownGrade(std::string_view g) {
    static const std::array<std::string_view, 14> grades{"4e", "3e", "2nde_gt", "1re_gt", "tle_gt", "2nde_pro", "1re_pro",
                                                         "tle_pro", "cap_1", "cap_2", "bts_1", "bts_2", "superieur", "sans_scolarite"};
    return std::find(grades.begin(), grades.end(), g) != grades.end();
}

namespace {
struct GradeRule {
    const char* pattern; // ECMAScript regex over the folded name without spaces
    const char* grade;   // "" : recognised, but no scheme applies (reason in `note`)
    const char* note;
};
// Order matters: BTS and CAP before the bare "1"/"2"/"T" of lycée classes, "pro" before général.
constexpr GradeRule kGradeRules[] = {
    {"^(6|5)(e|eme|ieme)?[a-z0-9]*$|^(sixieme|cinquieme)[a-z0-9]*$", "", "classe de 6e ou de 5e : aucun dispositif avant la 4e"},
    {"^(1|1ere|1re)bts[a-z0-9]*$|^bts[a-z]*1[a-z]?$|^bts1[a-z0-9]*$", "bts_1", nullptr},
    {"^(2|2eme|2e)bts[a-z0-9]*$|^bts[a-z]*2[a-z]?$|^bts2[a-z0-9]*$", "bts_2", nullptr},
    {"^bts[a-z]*$", "", "BTS sans année (1 ou 2) : corrigez la table des classes"},
    {"^(1|1ere|1re)cap[a-z0-9]*$|^cap[a-z]*1[a-z]?$|^cap1[a-z0-9]*$", "cap_1", nullptr},
    {"^(2|2eme|2e|t|tle|term)cap[a-z0-9]*$|^cap[a-z]*2[a-z]?$|^cap2[a-z0-9]*$", "cap_2", nullptr},
    {"^cap[a-z]*$", "", "CAP sans année (1 ou 2) : corrigez la table des classes"},
    {"^(4|4e|4eme|quatrieme)[a-z0-9]*$", "4e", nullptr},
    {"^(3|3e|3eme|troisieme)[a-z0-9]*$", "3e", nullptr},
    {"^(2|2nde|2de|2nd|seconde)(bac)?(pro|bp|mrc|mr)[a-z0-9]*$", "2nde_pro", nullptr},
    {"^(1|1ere|1re|premiere)(bac)?(pro|bp)[a-z0-9]*$", "1re_pro", nullptr},
    {"^(t|tle|term|terminale)(bac)?(pro|bp)[a-z0-9]*$", "tle_pro", nullptr},
    {"^(2nde|2de|2nd|seconde|2gt|2g|2)[a-z0-9]*$", "2nde_gt", nullptr},
    {"^(1ere|1re|1er|premiere|1g|1gt|1t|1st|1)[a-z0-9]*$", "1re_gt", nullptr},
    {"^(tle|term|terminale|tg|tgt|tst|t)[a-z0-9]*$", "tle_gt", nullptr},
};

std::string compact(std::string_view folded) {
    std::string s;
    for (char c : folded)
        if (c != ' ')
            s += c;
    return s;
}
} // namespace

std::optional<std::string> GradeTable::gradeOf(std::string_view className, std::string* why) const {
    const std::string folded = foldForMatch(className);
    if (auto it = corrections.find(folded); it != corrections.end()) {
        if (!it->second.empty())
            return it->second;
        if (why)
            *why = "classe « " + std::string(className) + " » marquée « hors dispositifs » dans la table des classes";
        return std::nullopt;
    }
    const std::string key = compact(folded);
    if (key.empty()) {
        if (why)
            *why = "classe manquante";
        return std::nullopt;
    }
    static const std::vector<std::regex> compiled = [] {
        std::vector<std::regex> v;
        for (const auto& r : kGradeRules)
            v.emplace_back(r.pattern, std::regex::ECMAScript | std::regex::optimize);
        return v;
    }();
    for (std::size_t i = 0; i < compiled.size(); ++i) {
        if (!std::regex_match(key, compiled[i]))
            continue;
        if (*kGradeRules[i].grade)
            return std::string(kGradeRules[i].grade);
        if (why)
            *why = "classe « " + std::string(className) + " » : " + kGradeRules[i].note;
        return std::nullopt;
    }
    if (why)
        *why = "classe « " + std::string(className) + " » non reconnue : indiquez son niveau dans la table des classes";
    return std::nullopt;
}

void GradeTable::correct(std::string_view className, std::string grade) { corrections[foldForMatch(className)] = std::move(grade); }

Json GradeTable::toJson() const {
    Json j = Json::object();
    for (const auto& [k, v] : corrections)
        j[k] = v;
    return j;
}

GradeTable GradeTable::fromJson(const Json& j) {
    GradeTable t;
    if (j.is_object())
        for (const auto& [k, v] : j.items())
            if (v.is_string() && (v.get<std::string>().empty() || isKnownGrade(v.get<std::string>())))
                t.corrections[foldForMatch(k)] = v.get<std::string>();
    return t;
}

//-----------------------------------------------------------------------------
// [SECTION] Profile
//-----------------------------------------------------------------------------

namespace {
bool isDepartementCode(std::string_view c) {
    if (c == "2A" || c == "2B")
        return true;
    if (c.size() == 3 && c.substr(0, 2) == "97" && c[2] >= '1' && c[2] <= '6')
        return true;
    if (c.size() != 2 || !std::isdigit(static_cast<unsigned char>(c[0])) || !std::isdigit(static_cast<unsigned char>(c[1])))
        return false;
    const int n = (c[0] - '0') * 10 + (c[1] - '0');
    return n >= 1 && n <= 95 && n != 20;
}
} // namespace

std::optional<ClassListProfile> profileFromJson(const Json& j, std::string* error) {
    auto bad = [&](const std::string& m) -> std::optional<ClassListProfile> {
        if (error)
            *error = m;
        return std::nullopt;
    };
    if (!j.is_object())
        return bad("profil d'établissement : objet JSON attendu");
    auto str = [&](std::initializer_list<const char*> keys) -> std::string {
        for (const char* k : keys)
            if (j.contains(k) && j[k].is_string())
                return trim(j[k].get<std::string>());
        return "";
    };
    ClassListProfile p;
    p.uai = str({"uai"});
    p.name = str({"name", "nom"});
    p.departement = str({"departement", "department"});
    std::string sector = foldForMatch(str({"sector", "secteur", "school_sector"}));
    if (!p.uai.empty()) {
        for (auto& c : p.uai)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (auto e = uaiError(p.uai); !e.empty())
            return bad("profil d'établissement : " + e);
    }
    if (p.departement.size() == 1 && std::isdigit(static_cast<unsigned char>(p.departement[0])))
        p.departement = "0" + p.departement;
    for (auto& c : p.departement)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!p.departement.empty() && !isDepartementCode(p.departement))
        return bad("profil d'établissement : département « " + p.departement + " » inconnu (code INSEE attendu : 13, 2A, 974…)");
    if (sector.empty())
        p.sector.clear();
    else if (sector == "public")
        p.sector = "public";
    else if (sector == "prive sous contrat" || sector == "prive_sous_contrat" || sector == "prive sous contrat d association")
        p.sector = "prive_sous_contrat";
    else if (sector == "prive hors contrat" || sector == "prive_hors_contrat")
        p.sector = "prive_hors_contrat";
    else
        return bad("profil d'établissement : secteur « " + sector + " » inconnu (public, privé sous contrat, privé hors contrat)");
    if (p.sector.empty() && (j.contains("sector") || j.contains("secteur")))
        p.sector.clear();
    return p;
}

Json profileToJson(const ClassListProfile& p) {
    return {{"uai", p.uai}, {"nom", p.name}, {"departement", p.departement}, {"secteur", p.sector}};
}

//-----------------------------------------------------------------------------
// [SECTION] Rows → situations
//-----------------------------------------------------------------------------

std::string upperName(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80)
            out += static_cast<char>(std::toupper(c));
        else if (c == 0xC3 && i + 1 < s.size()) {
            auto c2 = static_cast<unsigned char>(s[i + 1]);
            if (c2 >= 0xA0 && c2 <= 0xBE && c2 != 0xB7) // à..þ except ÷
                c2 = static_cast<unsigned char>(c2 - 0x20);
            out += static_cast<char>(c);
            out += static_cast<char>(c2);
            ++i;
        } else if (c == 0xC5 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x93) { // œ → Œ
            out += "\xC5\x92";
            ++i;
        } else
            out += static_cast<char>(c);
    }
    return out;
}

ClassList readClassList(std::string_view bytes, const ClassListOptions& opt) {
    ClassList list;
    if (bytes.empty()) {
        list.fatal = "fichier vide";
        return list;
    }
    DecodedText text = decodeText(bytes);
    if (!text.error.empty()) {
        list.fatal = text.error;
        return list;
    }
    list.encoding = text.encoding;
    CsvTable csv = parseCsv(text.utf8);
    if (!csv.error.empty()) {
        list.fatal = csv.error;
        return list;
    }
    list.delimiter = csv.delimiter;
    if (csv.records.empty()) {
        list.fatal = "fichier sans ligne d'en-tête";
        return list;
    }
    list.headers = csv.records.front().cells;
    list.mapping = opt.mapping ? *opt.mapping : guessMapping(list.headers);
    std::map<std::string, std::size_t> column; // target → index
    for (const auto& [target, header] : list.mapping.columns) {
        auto it = std::find(list.headers.begin(), list.headers.end(), header);
        if (it == list.headers.end()) {
            list.fatal = "colonne « " + header + " » introuvable dans l'en-tête (correspondance des colonnes à revoir)";
            return list;
        }
        column[target] = static_cast<std::size_t>(it - list.headers.begin());
    }
    const bool hasName = column.count("last_name") || column.count("full_name");
    if (!hasName || !column.count("birth_date") || !column.count("class")) {
        std::string need;
        if (!hasName)
            need += "Nom";
        if (!column.count("birth_date"))
            need += std::string(need.empty() ? "" : ", ") + "Date de naissance";
        if (!column.count("class"))
            need += std::string(need.empty() ? "" : ", ") + "Classe";
        list.fatal = "colonnes introuvables : " + need + " (en-tête lu : « " + [&] {
            std::string h;
            for (const auto& x : list.headers)
                h += (h.empty() ? "" : " | ") + x;
            return h;
        }() + " ») — indiquez la correspondance des colonnes";
        return list;
    }
    for (std::size_t i = 0; i < list.headers.size(); ++i) {
        bool used = false;
        for (const auto& [t, idx] : column)
            used = used || idx == i;
        if (!used && !list.headers[i].empty())
            list.unusedHeaders.push_back(list.headers[i]);
    }
    const Ymd on = opt.on ? *opt.on : todayUtc();
    for (std::size_t r = 1; r < csv.records.size(); ++r) {
        const CsvRecord& rec = csv.records[r];
        PupilRow row;
        row.line = rec.line;
        auto cell = [&](const char* target) -> std::string {
            auto it = column.find(target);
            if (it == column.end() || it->second >= rec.cells.size())
                return "";
            return trim(rec.cells[it->second]);
        };
        std::vector<std::string> errors;
        if (rec.cells.size() > list.headers.size())
            errors.push_back(std::to_string(rec.cells.size()) + " colonnes au lieu de " + std::to_string(list.headers.size()) +
                             " (séparateur « " + std::string(1, csv.delimiter) + " » dans une valeur sans guillemets ?)");
        std::string last = cell("last_name"), first = cell("first_name");
        if (last.empty() && column.count("full_name"))
            last = cell("full_name");
        row.name = trim(upperName(last) + (first.empty() ? "" : " " + first));
        if (last.empty())
            errors.push_back("nom manquant");
        row.pupil = {{"last_name", upperName(last)}, {"first_name", first}};
        const std::string birthText = cell("birth_date");
        std::optional<Ymd> birth;
        if (birthText.empty())
            errors.push_back("date de naissance manquante");
        else {
            std::string b = birthText;
            if (b.size() > 10 && b[10] == ' ') // "01/10/2011 00:00:00" from spreadsheets
                b.resize(10);
            birth = parseFrenchDate(b);
            if (!birth)
                birth = parseIsoDate(b);
            if (!birth)
                errors.push_back("date de naissance « " + birthText + " » invalide (JJ/MM/AAAA attendu)");
            else if (*birth > on)
                errors.push_back("date de naissance « " + birthText + " » postérieure à la date de référence (" +
                                 formatFrenchDate(on) + ")");
            else if (completedYears(*birth, on) > 80)
                errors.push_back("date de naissance « " + birthText + " » invraisemblable");
        }
        row.className = cell("class");
        std::string why;
        std::optional<std::string> grade;
        if (row.className.empty())
            errors.push_back("classe manquante");
        else if (!(grade = opt.grades.gradeOf(row.className, &why)))
            errors.push_back(why);
        Json person = Json::object();
        if (birth)
            person["birth_date"] = formatIsoDate(*birth);
        if (grade)
            person["grade"] = *grade;
        if (!opt.profile.sector.empty())
            person["school_sector"] = opt.profile.sector;
        if (!opt.profile.departement.empty())
            person["departement"] = opt.profile.departement;
        for (const auto& [target, idx] : column) {
            if (target.rfind("person.", 0) != 0)
                continue;
            const std::string v = cell(target.c_str());
            if (v.empty())
                continue; // unknown, as the situation format says
            FieldSpec yesNo;
            yesNo.type = FieldType::YesNo;
            auto parsed = parseFieldInput(yesNo, v);
            if (!parsed.ok())
                errors.push_back("colonne « " + list.mapping.columns.at(target) + " » : " + parsed.error);
            else
                person[target.substr(7)] = *parsed.value;
        }
        if (errors.empty()) {
            row.situation = {{"format", "passerelle.situation/1"}, {"on", formatIsoDate(on)}};
            if (!opt.requester.empty())
                row.situation["requester"] = opt.requester;
            row.situation["person"] = person;
        } else {
            for (const auto& e : errors)
                row.error += (row.error.empty() ? "" : " ; ") + e;
        }
        list.rows.push_back(std::move(row));
    }
    return list;
}

} // namespace passerelle::dossiers
