// Dossier field types: parsing what a person types into the stored value, and checking stored values, in French.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_strict.hpp"

namespace passerelle::dossiers {

// A civil date (proleptic Gregorian), enough for birth dates and deadlines; no time zone.
struct Ymd {
    int year = 0;
    int month = 0;
    int day = 0;
    friend auto operator<=>(const Ymd&, const Ymd&) = default;
};

[[nodiscard]] bool isValidYmd(const Ymd& d);
[[nodiscard]] std::optional<Ymd> parseIsoDate(std::string_view text);      // "2011-10-01" only
[[nodiscard]] std::optional<Ymd> parseFrenchDate(std::string_view text);   // "01/10/2011", "1/10/2011", "01-10-2011", "01.10.2011"
[[nodiscard]] std::string formatIsoDate(const Ymd& d);
[[nodiscard]] std::string formatFrenchDate(const Ymd& d);                  // "01/10/2011"
[[nodiscard]] long daysFromCivil(const Ymd& d);                            // days since 1970-01-01
[[nodiscard]] int completedYears(const Ymd& birth, const Ymd& on);        // 29 Feb birthdays count on 1 Mar
[[nodiscard]] std::string utcNowIso();                                     // "2026-05-04T10:00:00Z"
[[nodiscard]] Ymd todayUtc();

enum class FieldType { Text, Date, YesNo, Choice, Email, Phone, Uai, Siret, PostalCommune, Attachment };

[[nodiscard]] std::optional<FieldType> fieldTypeFromName(std::string_view name); // "texte"/"text", "date", …
[[nodiscard]] std::string_view fieldTypeName(FieldType t);                        // the canonical JSON name

struct Choice {
    std::string id;
    std::string label;
};

// The declared constraints of one field (from assets/dossiers/*.json).
struct FieldSpec {
    FieldType type = FieldType::Text;
    std::vector<Choice> choices;           // Choice only
    std::size_t maxLength = 500;           // Text
    std::vector<std::string> mediaTypes;   // Attachment: accepted media types (empty = pdf, jpeg, png)
    std::int64_t maxBytes = 10 * 1024 * 1024;
};

// Outcome of parsing or checking: the canonical stored value, or one French sentence.
struct FieldResult {
    std::optional<Json> value;
    std::string error;
    [[nodiscard]] bool ok() const { return value.has_value(); }
};

// Turns typed text ("oui", "01/10/2011", "06 71 12 38 24", "0130040y") into the stored value
// (true, "2011-10-01", "0671123824", "0130040Y"); errors name what is wrong, in French.
[[nodiscard]] FieldResult parseFieldInput(const FieldSpec& spec, std::string_view input);
// Checks a value already stored in a dossier (JSON string, boolean or integer — never a float).
[[nodiscard]] FieldResult checkFieldValue(const FieldSpec& spec, const Json& value);

// The single validators, usable on their own (each returns "" when valid, else a French reason).
[[nodiscard]] std::string uaiError(std::string_view uai);        // 7 digits + check letter
[[nodiscard]] char uaiCheckLetter(std::string_view sevenDigits); // 0 when not 7 digits
[[nodiscard]] std::string siretError(std::string_view siret);    // 14 digits, Luhn (La Poste: digit sum % 5)
[[nodiscard]] bool luhnValid(std::string_view digits);
[[nodiscard]] std::string emailError(std::string_view email);
[[nodiscard]] std::optional<std::string> normalizePhone(std::string_view phone); // "0671123824" or nullopt
[[nodiscard]] std::string postalCommuneError(std::string_view value);            // "13001 Marseille"

// An attachment as stored in a section (content_b64 optional: the store keeps contents apart).
struct Attachment {
    std::string field;
    std::string name;
    std::string mediaType;
    std::int64_t size = 0;
    std::string sha256;                    // 64 lowercase hex
    std::optional<std::string> contentB64; // standard base64
};

[[nodiscard]] std::string sha256Hex(std::string_view bytes);
[[nodiscard]] std::string base64Encode(std::string_view bytes);
[[nodiscard]] std::optional<std::string> base64Decode(std::string_view b64);
[[nodiscard]] std::string guessMediaType(std::string_view fileName);
// Builds an attachment from file bytes (hash computed, content kept) and checks it against the spec.
[[nodiscard]] std::optional<Attachment> makeAttachment(const FieldSpec& spec, std::string field, std::string name,
                                                       std::string_view bytes, std::string* error);
// Checks declared size/type/hash, and the content against them when it is present.
[[nodiscard]] std::string attachmentError(const FieldSpec& spec, const Attachment& a);

[[nodiscard]] Json attachmentToJson(const Attachment& a);
[[nodiscard]] std::optional<Attachment> attachmentFromJson(const Json& j, std::string* error);

// Small text helpers shared by the dossier and class-list code.
[[nodiscard]] std::string trim(std::string_view s);
[[nodiscard]] std::string foldForMatch(std::string_view utf8); // lower case, accents removed, spaces collapsed

} // namespace passerelle::dossiers
