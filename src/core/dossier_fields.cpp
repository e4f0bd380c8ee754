// Field validation for dossiers: dates, yes/no, choices, e-mail, French phone, UAI, SIRET, postal code, attachments.
//
// [SECTION] Civil dates
// [SECTION] Text helpers
// [SECTION] Identifiers (UAI, SIRET, e-mail, phone, postal code)
// [SECTION] Field types
// [SECTION] Attachments
#include "core/dossier_fields.hpp"

#include <sodium.h>

#include <array>
#include <cctype>
#include <ctime>

namespace passerelle::dossiers {

//-----------------------------------------------------------------------------
// [SECTION] Civil dates
//-----------------------------------------------------------------------------

namespace {
bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int daysInMonth(int y, int m) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}
std::optional<int> parseDigits(std::string_view s) {
    if (s.empty() || s.size() > 9)
        return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}
std::string pad(int v, int width) {
    const std::string s = std::to_string(v);
    return static_cast<int>(s.size()) >= width ? s : std::string(static_cast<std::size_t>(width) - s.size(), '0') + s;
}
} // namespace

bool isValidYmd(const Ymd& d) {
    return d.year >= 1900 && d.year <= 2200 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= daysInMonth(d.year, d.month);
}

std::optional<Ymd> parseIsoDate(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-')
        return std::nullopt;
    auto y = parseDigits(t.substr(0, 4)), m = parseDigits(t.substr(5, 2)), d = parseDigits(t.substr(8, 2));
    if (!y || !m || !d)
        return std::nullopt;
    Ymd r{*y, *m, *d};
    return isValidYmd(r) ? std::optional<Ymd>(r) : std::nullopt;
}

std::optional<Ymd> parseFrenchDate(std::string_view t) {
    std::array<std::string_view, 3> parts;
    std::size_t n = 0, start = 0;
    for (std::size_t i = 0; i <= t.size(); ++i) {
        if (i == t.size() || t[i] == '/' || t[i] == '-' || t[i] == '.') {
            if (n == 3)
                return std::nullopt;
            parts[n++] = t.substr(start, i - start);
            start = i + 1;
        }
    }
    if (n != 3 || parts[0].size() > 2 || parts[1].size() > 2 || parts[2].size() != 4)
        return std::nullopt;
    auto d = parseDigits(parts[0]), m = parseDigits(parts[1]), y = parseDigits(parts[2]);
    if (!y || !m || !d)
        return std::nullopt;
    Ymd r{*y, *m, *d};
    return isValidYmd(r) ? std::optional<Ymd>(r) : std::nullopt;
}

std::string formatIsoDate(const Ymd& d) { return pad(d.year, 4) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2); }
std::string formatFrenchDate(const Ymd& d) { return pad(d.day, 2) + "/" + pad(d.month, 2) + "/" + pad(d.year, 4); }

long daysFromCivil(const Ymd& d) {
    // Howard Hinnant's days_from_civil: exact for the whole proleptic Gregorian calendar.
    const int y = d.year - (d.month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(d.month > 2 ? d.month - 3 : d.month + 9);
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<long>(era) * 146097 + static_cast<long>(doe) - 719468;
}

int completedYears(const Ymd& birth, const Ymd& on) {
    int years = on.year - birth.year;
    // A 29 February birthday falls on 1 March in common years (spec: "Reading the facts").
    int bm = birth.month, bd = birth.day;
    if (bm == 2 && bd == 29 && !isLeap(on.year)) {
        bm = 3;
        bd = 1;
    }
    if (on.month < bm || (on.month == bm && on.day < bd))
        --years;
    return years;
}

namespace {
std::tm utcTm() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
#if defined(_WIN32)
    gmtime_s(&tm, &now);
#else
    gmtime_r(&now, &tm);
#endif
    return tm;
}
} // namespace

std::string utcNowIso() {
    const std::tm tm = utcTm();
    return pad(tm.tm_year + 1900, 4) + "-" + pad(tm.tm_mon + 1, 2) + "-" + pad(tm.tm_mday, 2) + "T" +
           pad(tm.tm_hour, 2) + ":" + pad(tm.tm_min, 2) + ":" + pad(tm.tm_sec, 2) + "Z";
}

Ymd todayUtc() {
    const std::tm tm = utcTm();
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

//-----------------------------------------------------------------------------
// [SECTION] Text helpers
//-----------------------------------------------------------------------------

std::string trim(std::string_view s) {
    // Not a lone 0xA0: in UTF-8 it ends « à » (C3 A0) or « Š » (C5 A0), and cutting it left invalid text.
    auto isSpace = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    std::size_t b = 0, e = s.size();
    while (b < e && isSpace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && isSpace(static_cast<unsigned char>(s[e - 1])))
        --e;
    // A UTF-8 no-break space (C2 A0) at either end is a space too (spreadsheets love it).
    std::string out(s.substr(b, e - b));
    while (out.size() >= 2 && static_cast<unsigned char>(out[0]) == 0xC2 && static_cast<unsigned char>(out[1]) == 0xA0)
        out.erase(0, 2);
    while (out.size() >= 2 && static_cast<unsigned char>(out[out.size() - 2]) == 0xC2 &&
           static_cast<unsigned char>(out.back()) == 0xA0)
        out.resize(out.size() - 2);
    return out;
}

std::string foldForMatch(std::string_view s) {
    // Latin-1 supplement letters U+00C0..U+00FF folded to ASCII lower case ('?' = no letter).
    static const char* latin1 = "aaaaaaaceeeeiiiidnooooo?ouuuuyts" "aaaaaaaceeeeiiiidnooooo?ouuuuyty";
    std::string out;
    bool lastSpace = true;
    auto push = [&](char c) {
        if (c == ' ') {
            if (!lastSpace)
                out += ' ';
            lastSpace = true;
        } else {
            out += c;
            lastSpace = false;
        }
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (std::isalnum(c))
                push(static_cast<char>(std::tolower(c)));
            else
                push(' ');
            continue;
        }
        if ((c == 0xC3) && i + 1 < s.size()) {
            const auto c2 = static_cast<unsigned char>(s[i + 1]);
            const unsigned cp = 0xC0u + (c2 & 0x3Fu);
            ++i;
            if (cp >= 0xC0 && cp <= 0xFF) {
                const char f = latin1[cp - 0xC0];
                if (cp == 0xC6 || cp == 0xE6) {
                    push('a');
                    push('e');
                } else if (cp == 0xDF) {
                    push('s');
                    push('s');
                } else if (f != '?')
                    push(f);
                else
                    push(' ');
            }
            continue;
        }
        if (c == 0xC5 && i + 1 < s.size() &&
            (static_cast<unsigned char>(s[i + 1]) == 0x92 || static_cast<unsigned char>(s[i + 1]) == 0x93)) {
            push('o');
            push('e');
            ++i;
            continue;
        }
        if (c == 0xC2 && i + 1 < s.size()) { // ° º ª and no-break space
            const auto c2 = static_cast<unsigned char>(s[i + 1]);
            ++i;
            if (c2 == 0xB0 || c2 == 0xBA)
                push('e'); // "3°2" is how some schools write "3e2"
            else
                push(' ');
            continue;
        }
        // Any other multi-byte sequence: keep it as is (it still compares equal to itself).
        out += static_cast<char>(c);
        lastSpace = false;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Identifiers (UAI, SIRET, e-mail, phone, postal code)
//-----------------------------------------------------------------------------

namespace {
bool allDigits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return !s.empty();
}
std::string withoutSpaces(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '.' || c == '-')
            continue;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
            ++i;
            continue;
        }
        out += static_cast<char>(c);
    }
    return out;
}
} // namespace

char uaiCheckLetter(std::string_view digits) {
    // The 23-letter alphabet without I, O and Q, indexed by the 7-digit number modulo 23.
    static constexpr std::string_view alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ";
    if (digits.size() != 7 || !allDigits(digits))
        return 0;
    long n = 0;
    for (char c : digits)
        n = n * 10 + (c - '0');
    return alphabet[static_cast<std::size_t>(n % 23)];
}

std::string uaiError(std::string_view uai) {
    if (uai.size() != 8)
        return "un UAI compte 8 caractères (7 chiffres et une lettre), « " + std::string(uai) + " » en a " +
               std::to_string(uai.size());
    if (!allDigits(uai.substr(0, 7)))
        return "un UAI commence par 7 chiffres : « " + std::string(uai) + " »";
    const char expected = uaiCheckLetter(uai.substr(0, 7));
    const char got = static_cast<char>(std::toupper(static_cast<unsigned char>(uai[7])));
    if (got != expected)
        return "lettre de contrôle de l'UAI « " + std::string(uai) + " » incorrecte : " + std::string(1, expected) +
               " attendue après " + std::string(uai.substr(0, 7));
    return "";
}

bool luhnValid(std::string_view digits) {
    if (!allDigits(digits))
        return false;
    int sum = 0;
    bool dbl = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int d = *it - '0';
        if (dbl) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        dbl = !dbl;
    }
    return sum % 10 == 0;
}

std::string siretError(std::string_view siret) {
    if (siret.size() != 14 || !allDigits(siret))
        return "un SIRET compte 14 chiffres, « " + std::string(siret) + " » n'en est pas un";
    // La Poste (SIREN 356 000 000) has more establishments than Luhn numbers allow: apart from its head
    // office (35600000000048, Luhn-valid), INSEE checks that the sum of the 14 digits is a multiple of 5.
    if (siret.substr(0, 9) == "356000000") {
        int sum = 0;
        for (char c : siret)
            sum += c - '0';
        if (sum % 5 != 0 && !luhnValid(siret))
            return "SIRET de La Poste « " + std::string(siret) + " » invalide (la somme des chiffres doit être un multiple de 5)";
        return "";
    }
    if (!luhnValid(siret.substr(0, 9)))
        return "SIREN « " + std::string(siret.substr(0, 9)) + " » invalide (clé de contrôle de Luhn)";
    if (!luhnValid(siret))
        return "SIRET « " + std::string(siret) + " » invalide (clé de contrôle de Luhn) : vérifiez les 5 derniers chiffres";
    return "";
}

std::string emailError(std::string_view e) {
    const std::string s(e);
    const auto at = s.find('@');
    if (s.empty())
        return "adresse électronique vide";
    if (at == std::string::npos || s.find('@', at + 1) != std::string::npos)
        return "adresse électronique « " + s + " » invalide : il faut exactement un @";
    const std::string local = s.substr(0, at), domain = s.substr(at + 1);
    if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
        local.find("..") != std::string::npos)
        return "adresse électronique « " + s + " » invalide avant le @";
    for (char c : local) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<' || c == '>' ||
            c == '[' || c == ']' || c == '\\' || c == '"')
            return "adresse électronique « " + s + " » invalide : caractère « " + std::string(1, c) + " » interdit";
    }
    if (domain.size() < 3 || domain.find('.') == std::string::npos)
        return "adresse électronique « " + s + " » invalide : domaine incomplet après le @";
    std::size_t start = 0;
    while (start <= domain.size()) {
        const auto dot = std::min(domain.find('.', start), domain.size());
        const std::string label = domain.substr(start, dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return "adresse électronique « " + s + " » invalide : domaine « " + domain + " » mal formé";
        for (char c : label)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
                return "adresse électronique « " + s + " » invalide : domaine « " + domain + " » mal formé";
        start = dot + 1;
    }
    const std::string tld = domain.substr(domain.rfind('.') + 1);
    if (tld.size() < 2 || allDigits(tld))
        return "adresse électronique « " + s + " » invalide : extension de domaine « " + tld + " »";
    return "";
}

std::optional<std::string> normalizePhone(std::string_view phone) {
    std::string s = withoutSpaces(phone);
    std::string rest;
    // Overseas départements dial their own country codes; their national form is 0 + 9 digits.
    static constexpr std::array<std::string_view, 6> codes{"33", "262", "269", "590", "594", "596"};
    auto strip = [&](std::string_view prefix) -> bool {
        if (s.rfind(prefix, 0) != 0)
            return false;
        std::string after = s.substr(prefix.size());
        for (auto code : codes) {
            if (after.rfind(code, 0) == 0) {
                std::string nat = after.substr(code.size());
                if (!nat.empty() && nat[0] == '0')
                    nat.erase(0, 1); // "+33 (0)6…" written without the parentheses
                if (code == "33")
                    rest = "0" + nat;
                else
                    rest = "0" + nat;
                return true;
            }
        }
        return false;
    };
    if (s.rfind("+33(0)", 0) == 0)
        s = "+33" + s.substr(6);
    if (!strip("+") && !strip("00"))
        rest = s;
    if (rest.size() != 10 || rest[0] != '0' || rest[1] == '0' || !allDigits(rest))
        return std::nullopt;
    return rest;
}

std::string postalCommuneError(std::string_view value) {
    const std::string v = trim(value);
    if (v.size() < 7 || v[5] != ' ' || !allDigits(std::string_view(v).substr(0, 5)))
        return "écrivez le code postal (5 chiffres) puis la commune, par exemple « 13001 Marseille » (reçu « " + v + " »)";
    const std::string cp = v.substr(0, 5);
    const int dep = (cp[0] - '0') * 10 + (cp[1] - '0');
    if (dep == 0 || (dep == 96) || (dep == 97 && (cp[2] < '1' || cp[2] > '6')) || dep == 99)
        return "code postal « " + cp + " » inconnu en France";
    const std::string commune = trim(std::string_view(v).substr(6));
    bool hasLetter = false;
    for (unsigned char c : commune) {
        if (std::isalpha(c) || c >= 0x80)
            hasLetter = true;
        else if (std::isdigit(c) || c == ' ' || c == '-' || c == '\'' || c == '(' || c == ')' || c == '.' ||
                 c == '/')
            continue;
        else
            return "nom de commune « " + commune + " » : caractère « " + std::string(1, static_cast<char>(c)) +
                   " » inattendu";
    }
    if (!hasLetter)
        return "il manque le nom de la commune après le code postal « " + cp + " »";
    return "";
}

//-----------------------------------------------------------------------------
// [SECTION] Field types
//-----------------------------------------------------------------------------

std::optional<FieldType> fieldTypeFromName(std::string_view n) {
    if (n == "texte" || n == "text")
        return FieldType::Text;
    if (n == "date")
        return FieldType::Date;
    if (n == "oui_non" || n == "yes_no" || n == "booleen")
        return FieldType::YesNo;
    if (n == "choix" || n == "choice")
        return FieldType::Choice;
    if (n == "courriel" || n == "email")
        return FieldType::Email;
    if (n == "telephone" || n == "phone")
        return FieldType::Phone;
    if (n == "uai")
        return FieldType::Uai;
    if (n == "siret")
        return FieldType::Siret;
    if (n == "code_postal_commune" || n == "postal_commune")
        return FieldType::PostalCommune;
    if (n == "piece_jointe" || n == "attachment")
        return FieldType::Attachment;
    return std::nullopt;
}

std::string_view fieldTypeName(FieldType t) {
    switch (t) {
    case FieldType::Text: return "texte";
    case FieldType::Date: return "date";
    case FieldType::YesNo: return "oui_non";
    case FieldType::Choice: return "choix";
    case FieldType::Email: return "courriel";
    case FieldType::Phone: return "telephone";
    case FieldType::Uai: return "uai";
    case FieldType::Siret: return "siret";
    case FieldType::PostalCommune: return "code_postal_commune";
    case FieldType::Attachment: return "piece_jointe";
    }
    return "texte";
}

namespace {
FieldResult fail(std::string msg) { return {std::nullopt, std::move(msg)}; }
FieldResult okValue(Json v) { return {std::move(v), {}}; }

bool validUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
        if (n == 9 || (n == 1 && c < 0xC2))
            return false;
        std::uint32_t cp = n == 0 ? c : c & (0x3Fu >> n);
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) >> 6) != 2)
                return false;
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF: nlohmann's dump() throws on them.
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

std::size_t utf8Length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c >> 6) != 2)
            ++n;
    return n;
}
} // namespace

FieldResult parseFieldInput(const FieldSpec& spec, std::string_view input) {
    const std::string t = trim(input);
    switch (spec.type) {
    case FieldType::Text:
        return checkFieldValue(spec, Json(t));
    case FieldType::Date: {
        if (auto d = parseIsoDate(t))
            return okValue(formatIsoDate(*d));
        if (auto d = parseFrenchDate(t))
            return okValue(formatIsoDate(*d));
        return fail("date « " + t + " » invalide : écrivez JJ/MM/AAAA (par exemple 01/10/2011)");
    }
    case FieldType::YesNo: {
        const std::string f = foldForMatch(t);
        if (f == "oui" || f == "o" || f == "true" || f == "vrai" || f == "1" || f == "x")
            return okValue(true);
        if (f == "non" || f == "n" || f == "false" || f == "faux" || f == "0")
            return okValue(false);
        return fail("répondez « oui » ou « non » (reçu « " + t + " »)");
    }
    case FieldType::Choice: {
        for (const auto& c : spec.choices)
            if (c.id == t || foldForMatch(c.label) == foldForMatch(t))
                return okValue(c.id);
        return checkFieldValue(spec, Json(t));
    }
    case FieldType::Email: {
        std::string lower = t;
        const auto at = lower.find('@');
        if (at != std::string::npos) // the domain is case-insensitive, the local part kept as typed
            for (std::size_t i = at; i < lower.size(); ++i)
                lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[i])));
        return checkFieldValue(spec, Json(lower));
    }
    case FieldType::Phone: {
        if (auto p = normalizePhone(t))
            return okValue(*p);
        return fail("numéro de téléphone « " + t + " » invalide : 10 chiffres commençant par 0 (ou +33)");
    }
    case FieldType::Uai: {
        std::string u = withoutSpaces(t);
        for (auto& c : u)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return checkFieldValue(spec, Json(u));
    }
    case FieldType::Siret:
        return checkFieldValue(spec, Json(withoutSpaces(t)));
    case FieldType::PostalCommune: {
        std::string v = t;
        // "13001 - Marseille", "13001, Marseille" → "13001 Marseille"
        if (v.size() > 5) {
            std::size_t k = 5;
            while (k < v.size() && (v[k] == ' ' || v[k] == '-' || v[k] == ','))
                ++k;
            if (k > 5 && k < v.size())
                v = v.substr(0, 5) + " " + v.substr(k);
        }
        return checkFieldValue(spec, Json(v));
    }
    case FieldType::Attachment:
        return fail("une pièce jointe se donne avec --attach (ou le bouton « Joindre »), pas comme texte");
    }
    return fail("type de champ inconnu");
}

FieldResult checkFieldValue(const FieldSpec& spec, const Json& value) {
    if (value.is_number_float())
        return fail("valeur décimale refusée : les dossiers ne contiennent que du texte, des oui/non et des entiers");
    switch (spec.type) {
    case FieldType::YesNo:
        if (!value.is_boolean())
            return fail("valeur oui/non attendue");
        return okValue(value);
    case FieldType::Attachment:
        return fail("une pièce jointe se range dans « attachments », pas dans « fields »");
    default:
        break;
    }
    if (!value.is_string())
        return fail("texte attendu");
    const auto s = value.get<std::string>();
    if (!validUtf8(s))
        return fail("texte mal encodé (UTF-8 attendu)");
    if (trim(s).empty())
        return fail("champ vide");
    switch (spec.type) {
    case FieldType::Text:
        if (utf8Length(s) > spec.maxLength)
            return fail("texte trop long : " + std::to_string(utf8Length(s)) + " caractères, " +
                        std::to_string(spec.maxLength) + " au plus");
        for (unsigned char c : s)
            if (c < 0x20 && c != '\n' && c != '\t')
                return fail("caractère de contrôle interdit dans le texte");
        return okValue(value);
    case FieldType::Date:
        if (!parseIsoDate(s))
            return fail("date « " + s + " » invalide (AAAA-MM-JJ attendu dans le fichier)");
        return okValue(value);
    case FieldType::Choice: {
        std::string list;
        for (const auto& c : spec.choices) {
            if (c.id == s)
                return okValue(value);
            list += (list.empty() ? "" : ", ") + c.id;
        }
        return fail("choix « " + s + " » inconnu ; possibles : " + list);
    }
    case FieldType::Email:
        if (auto e = emailError(s); !e.empty())
            return fail(e);
        return okValue(value);
    case FieldType::Phone:
        if (normalizePhone(s) != s)
            return fail("numéro de téléphone « " + s + " » invalide : 10 chiffres commençant par 0");
        return okValue(value);
    case FieldType::Uai:
        if (auto e = uaiError(s); !e.empty())
            return fail(e);
        if (s.back() != static_cast<char>(std::toupper(static_cast<unsigned char>(s.back()))))
            return fail("lettre de l'UAI en majuscule attendue");
        return okValue(value);
    case FieldType::Siret:
        if (auto e = siretError(s); !e.empty())
            return fail(e);
        return okValue(value);
    case FieldType::PostalCommune:
        if (auto e = postalCommuneError(s); !e.empty())
            return fail(e);
        return okValue(value);
    default:
        return fail("type de champ inconnu");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Attachments
//-----------------------------------------------------------------------------

std::string sha256Hex(std::string_view bytes) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> h{};
    crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    std::string hex(h.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), h.data(), h.size());
    hex.pop_back();
    return hex;
}

std::string base64Encode(std::string_view bytes) {
    const std::size_t len = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    std::string out(len, '\0');
    sodium_bin2base64(out.data(), len, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(len - 1);
    return out;
}

std::optional<std::string> base64Decode(std::string_view b64) {
    std::string out(b64.size() / 4 * 3 + 3, '\0');
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr,
                          &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != b64.data() + b64.size())
        return std::nullopt;
    out.resize(len);
    return out;
}

std::string guessMediaType(std::string_view name) {
    const std::string f = foldForMatch(name);
    auto ends = [&](std::string_view ext) { return f.size() >= ext.size() && f.compare(f.size() - ext.size(), ext.size(), ext) == 0; };
    if (ends(" pdf"))
        return "application/pdf";
    if (ends(" jpg") || ends(" jpeg"))
        return "image/jpeg";
    if (ends(" png"))
        return "image/png";
    if (ends(" odt"))
        return "application/vnd.oasis.opendocument.text";
    if (ends(" docx"))
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    return "application/octet-stream";
}

namespace {
const std::vector<std::string>& defaultMediaTypes() {
    static const std::vector<std::string> types{"application/pdf", "image/jpeg", "image/png"};
    return types;
}
bool isLowerHex64(std::string_view s) {
    if (s.size() != 64)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}
} // namespace

std::string attachmentError(const FieldSpec& spec, const Attachment& a) {
    if (trim(a.name).empty())
        return "pièce jointe sans nom de fichier";
    const auto& types = spec.mediaTypes.empty() ? defaultMediaTypes() : spec.mediaTypes;
    bool typeOk = false;
    std::string list;
    for (const auto& t : types) {
        typeOk = typeOk || t == a.mediaType;
        list += (list.empty() ? "" : ", ") + t;
    }
    if (!typeOk)
        return "« " + a.name + " » : type " + a.mediaType + " refusé (acceptés : " + list + ")";
    if (a.size <= 0)
        return "« " + a.name + " » est vide";
    if (a.size > spec.maxBytes)
        return "« " + a.name + " » est trop gros : " + std::to_string(a.size / 1024) + " Ko, " +
               std::to_string(spec.maxBytes / 1024) + " Ko au plus";
    if (!isLowerHex64(a.sha256))
        return "« " + a.name + " » : empreinte SHA-256 mal formée";
    if (a.contentB64) {
        const auto bytes = base64Decode(*a.contentB64);
        if (!bytes)
            return "« " + a.name + " » : contenu base64 illisible";
        if (static_cast<std::int64_t>(bytes->size()) != a.size)
            return "« " + a.name + " » : la taille annoncée ne correspond pas au contenu";
        if (sha256Hex(*bytes) != a.sha256)
            return "« " + a.name + " » : le contenu ne correspond pas à son empreinte SHA-256 (fichier altéré)";
    }
    return "";
}

std::optional<Attachment> makeAttachment(const FieldSpec& spec, std::string field, std::string name,
                                         std::string_view bytes, std::string* error) {
    Attachment a;
    a.field = std::move(field);
    a.mediaType = guessMediaType(name);
    // File names come from the file system, in any encoding: keep them printable UTF-8.
    if (!validUtf8(name))
        for (auto& c : name)
            if (static_cast<unsigned char>(c) >= 0x80)
                c = '_';
    a.name = std::move(name);
    a.size = static_cast<std::int64_t>(bytes.size());
    a.sha256 = sha256Hex(bytes);
    a.contentB64 = base64Encode(bytes);
    if (auto e = attachmentError(spec, a); !e.empty()) {
        if (error)
            *error = e;
        return std::nullopt;
    }
    return a;
}

Json attachmentToJson(const Attachment& a) {
    Json j = {{"field", a.field}, {"name", a.name}, {"media_type", a.mediaType}, {"size", a.size}, {"sha256", a.sha256}};
    if (a.contentB64)
        j["content_b64"] = *a.contentB64;
    return j;
}

std::optional<Attachment> attachmentFromJson(const Json& j, std::string* error) {
    auto bad = [&](const std::string& m) -> std::optional<Attachment> {
        if (error)
            *error = m;
        return std::nullopt;
    };
    if (!j.is_object())
        return bad("pièce jointe : objet attendu");
    Attachment a;
    for (const char* k : {"field", "name", "media_type", "sha256"})
        if (!j.contains(k) || !j[k].is_string())
            return bad(std::string("pièce jointe : « ") + k + " » (texte) manquant");
    if (!j.contains("size") || !j["size"].is_number_integer())
        return bad("pièce jointe : « size » (entier) manquant");
    a.field = j["field"].get<std::string>();
    a.name = j["name"].get<std::string>();
    a.mediaType = j["media_type"].get<std::string>();
    a.sha256 = j["sha256"].get<std::string>();
    a.size = j["size"].get<std::int64_t>();
    if (j.contains("content_b64") && !j["content_b64"].is_null()) {
        if (!j["content_b64"].is_string())
            return bad("pièce jointe : « content_b64 » doit être du texte base64");
        a.contentB64 = j["content_b64"].get<std::string>();
    }
    return a;
}

} // namespace passerelle::dossiers
