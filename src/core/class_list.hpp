// Class lists: CSV from school software or spreadsheets (encodings, dialects), column mapping, class names → grades, rows → situations.
#pragma once

#include "core/dossier_fields.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::dossiers {

enum class TextEncoding { Utf8, Windows1252 };

struct DecodedText {
    std::string utf8;
    TextEncoding encoding = TextEncoding::Utf8;
    bool bom = false;
    std::string error; // UTF-16 and other encodings we do not read (French)
};
[[nodiscard]] bool isValidUtf8(std::string_view s);
[[nodiscard]] std::string windows1252ToUtf8(std::string_view bytes);
// UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1252 (Excel's "CSV" in France).
[[nodiscard]] DecodedText decodeText(std::string_view bytes);

struct CsvRecord {
    std::size_t line = 0; // line in the file where the record starts (1-based)
    std::vector<std::string> cells;
};
struct CsvTable {
    char delimiter = ';';
    std::vector<CsvRecord> records; // blank records (only empty cells) dropped
    std::string error;              // e.g. an unterminated quote (French, with its line)
};
// RFC 4180 quoting ("" inside quotes, line breaks inside quotes); delimiter 0 = guess from the header (; , or tab).
[[nodiscard]] CsvTable parseCsv(std::string_view utf8, char delimiter = 0);

// Which header feeds which target: "last_name", "first_name", "full_name", "birth_date", "class", or a
// situation fact path ("person.wants_apprenticeship"). Remembered by the app (store setting "classlist-mapping").
struct ColumnMapping {
    std::map<std::string, std::string> columns; // target → header as written in the file
    [[nodiscard]] Json toJson() const;
    [[nodiscard]] static ColumnMapping fromJson(const Json& j);
};
[[nodiscard]] ColumnMapping guessMapping(const std::vector<std::string>& headers);
[[nodiscard]] const std::vector<std::string>& mappingTargets();

// Class names as schools write them → grade of the situation format. Built-in rules, then the user's
// corrections (exact names, folded; remembered as store setting "classlist-grades").
struct GradeTable {
    std::map<std::string, std::string> corrections; // folded class name → grade ("" = not a pupil class)
    // The grade, or nullopt with a French reason in *why.
    [[nodiscard]] std::optional<std::string> gradeOf(std::string_view className, std::string* why) const;
    void correct(std::string_view className, std::string grade);
    [[nodiscard]] Json toJson() const;
    [[nodiscard]] static GradeTable fromJson(const Json& j);
};
[[nodiscard]] bool isKnownGrade(std::string_view grade);

// The establishment's profile, applied to every row.
struct ClassListProfile {
    std::string uai;
    std::string name;
    std::string departement; // INSEE code "13", "2A", "974"
    std::string sector;      // public | prive_sous_contrat | prive_hors_contrat
};
// Accepts codes or the way people type them (« Bouches-du-Rhône » is not known: codes only; « privé sous contrat »).
[[nodiscard]] std::optional<ClassListProfile> profileFromJson(const Json& j, std::string* error);
[[nodiscard]] Json profileToJson(const ClassListProfile& p);

struct ClassListOptions {
    ClassListProfile profile;
    std::optional<Ymd> on;         // reference date; also written in each situation
    std::string requester;         // role written in each situation (empty: none)
    std::optional<ColumnMapping> mapping; // nullopt: guessed from the headers
    GradeTable grades;
};

struct PupilRow {
    std::size_t line = 0;
    std::string name;      // "DUPONT Léa"
    std::string className;
    std::string error;     // French reason; empty when the row gave a situation
    Json situation;        // passerelle.situation/1 when no error
    Json pupil;            // {"last_name", "first_name"} for dossier prefills
};

struct ClassList {
    std::string fatal;     // the file itself is unreadable (then rows is empty)
    TextEncoding encoding = TextEncoding::Utf8;
    char delimiter = ';';
    std::vector<std::string> headers;
    ColumnMapping mapping;
    std::vector<std::string> unusedHeaders;
    std::vector<PupilRow> rows; // one per data record, file order
};
[[nodiscard]] ClassList readClassList(std::string_view bytes, const ClassListOptions& options);

// Upper-cases a UTF-8 family name (ASCII and Latin-1 letters): « Dupont-Lefèvre » → « DUPONT-LEFÈVRE ».
[[nodiscard]] std::string upperName(std::string_view utf8);

} // namespace passerelle::dossiers
