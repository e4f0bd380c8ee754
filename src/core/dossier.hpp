// The dossier (passerelle.dossier/1): sections owned by roles, checking, lifecycle with history, hand-off and merge.
#pragma once

#include "core/dossier_def.hpp"
#include "core/dossier_fields.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::dossiers {

inline constexpr std::string_view kDossierFormat = "passerelle.dossier/1";

// States in lifecycle order; the four outcomes are recorded by hand after the deposit.
enum class State { Brouillon, Complet, Signe, Exporte, Depose, EnInstruction, Accepte, Refuse, ClasseSansSuite };
[[nodiscard]] std::string_view stateName(State s);   // "classe_sans_suite"
[[nodiscard]] std::string_view stateLabel(State s);  // « classé sans suite »
[[nodiscard]] std::optional<State> stateByName(std::string_view name);

struct Section {
    std::string id;
    std::string role;
    int version = 0;              // +1 on every change of fields or attachments
    Json fields = Json::object(); // field id → string | bool | integer
    std::vector<Attachment> attachments;
    Json signature = nullptr;     // recorded by the bundle layer; valid while signature.version == version
    Json extra = Json::object();  // unknown keys from newer writers, kept
};

struct HistoryEntry {
    std::string at;    // "2026-05-04T10:00:00Z"
    std::string event; // cree modifie complet incomplet signe rouvert exporte depose en_instruction accepte
                       // refuse classe_sans_suite handoff_exporte fusionne conflit conflit_resolu importe
    std::string role;
    std::string detail;
    friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

// A section changed on both sides of a hand-off: the local copy stays, theirs waits for the user.
struct Conflict {
    std::string section;
    Json theirs;       // their section, as JSON
    std::string from;  // role that sent it
    std::string at;
};

struct Dossier {
    std::string id;
    std::string scheme;
    std::string createdOn;   // "YYYY-MM-DD": the reference date of the verdict
    State state = State::Brouillon;
    Json situation = Json::object();
    std::vector<Section> sections;
    std::vector<HistoryEntry> history;
    // Additions to the draft format (docs/dossier-format.md):
    std::string title;       // « DUPONT Léa — Sécurisation 15 ans », shown in lists
    std::string className;   // « 3e B »: the pupil's class in the establishment's list ("class_name"), lists filter on it
    std::string updatedAt;
    Json handoff = nullptr;  // {"from", "to", "editable": [...], "base_versions": {...}, "withheld": [...], "at"}
    std::vector<Conflict> conflicts;
    Json extra = Json::object(); // unknown top-level keys, kept as they were (newer writers)

    [[nodiscard]] Section* section(std::string_view sid);
    [[nodiscard]] const Section* section(std::string_view sid) const;
};

[[nodiscard]] Json dossierToJson(const Dossier& d);
// Reads a dossier document strictly (known keys typed, values never floats); migrates older formats.
// Takes the document by value: pass an rvalue (std::move) to have its subtrees moved, not copied.
[[nodiscard]] std::optional<Dossier> dossierFromJson(Json j, std::string* error);
[[nodiscard]] std::optional<Dossier> parseDossier(std::string_view text, std::string* error);
[[nodiscard]] std::string newDossierId(); // 32 lowercase hex (128 random bits from libsodium)

//---- Checking -------------------------------------------------------------------------------

struct Problem {
    std::string field;
    std::string type;    // field type name ("date", "piece_jointe"…)
    std::string message; // French
};
struct SectionReport {
    std::string id;
    std::string role;
    std::vector<Problem> missing;
    std::vector<Problem> invalid;
};
struct CheckReport {
    bool complete = false;
    std::vector<SectionReport> sections;
    std::vector<std::string> general; // dossier-level problems (unknown section, pending conflict…)
};
[[nodiscard]] CheckReport checkDossier(const DossierDef& def, const Dossier& d);
[[nodiscard]] Json checkReportToJson(const CheckReport& r);
[[nodiscard]] bool isFieldRequired(const DossierDef& def, const Dossier& d, const FieldDef& f);

//---- Creation -------------------------------------------------------------------------------

struct CreateOptions {
    std::string id;           // empty: newDossierId()
    std::string role;         // who creates it (history)
    std::string now;          // empty: utcNowIso()
    Json profile = nullptr;   // establishment profile for "profile.*" prefills
    Json pupil = nullptr;     // {"last_name", "first_name"} for "pupil.*" prefills
    std::string className;    // the class as the school's list writes it (« 3e B »), kept for the workspace table
};
// Builds the sections of `def`, prefilled from the situation (and profile/pupil); state follows the check.
[[nodiscard]] Dossier createDossier(const DossierDef& def, const Json& situation, const Ymd& on, const CreateOptions& opt);

//---- Editing and lifecycle ------------------------------------------------------------------

struct EditResult {
    bool ok = false;
    std::string error;                // French, when !ok
    std::vector<std::string> notices; // French, e.g. « la section CFA était signée : elle est rouverte »
};

// Who may edit: `editor` empty = any role (scripts); otherwise the section's owner only. A hand-off
// copy (handoff.to set) allows only its "editable" sections whoever edits. A deposited dossier is frozen.
[[nodiscard]] std::string editRefusal(const Dossier& d, const Section& s, std::string_view editor);

EditResult setFieldInput(const DossierDef& def, Dossier& d, std::string_view editor, std::string_view sectionId,
                         std::string_view fieldId, std::string_view input, const std::string& now = {});
EditResult setFieldValue(const DossierDef& def, Dossier& d, std::string_view editor, std::string_view sectionId,
                         std::string_view fieldId, const Json& value, const std::string& now = {});
EditResult clearField(const DossierDef& def, Dossier& d, std::string_view editor, std::string_view sectionId,
                      std::string_view fieldId, const std::string& now = {});
EditResult attachFile(const DossierDef& def, Dossier& d, std::string_view editor, std::string_view sectionId,
                      std::string_view fieldId, const std::string& fileName, std::string_view bytes,
                      const std::string& now = {});

// Records a party's signature of one section (the bundle layer supplies `signature`; its "version" is
// set to the section's). All sections signed and the dossier complete → state « signé ».
EditResult signSection(const DossierDef& def, Dossier& d, std::string_view role, std::string_view sectionId,
                       Json signature, const std::string& now = {});
EditResult markExported(Dossier& d, std::string_view role, const std::string& now = {});
EditResult markDeposited(Dossier& d, std::string_view role, const std::string& now = {});
// en_instruction, accepte, refuse, classe_sans_suite — recorded by hand from the platform's answer.
EditResult recordOutcome(Dossier& d, State outcome, std::string_view role, const std::string& detail,
                         const std::string& now = {});
// brouillon ⇄ complet after edits, dropping back from signé when a signature no longer holds.
void refreshState(const DossierDef& def, Dossier& d, std::string_view role, const std::string& now);

//---- Hand-off and merge ---------------------------------------------------------------------

struct HandoffOptions {
    std::string from;              // the exporting party's role
    std::string to;                // the party that fills next
    bool includeSensitive = false; // sensitive fields of sections `to` does not own stay home unless asked
    std::string now;
};
// A copy for `to`: its own sections editable, the others read-only; base versions recorded for merge.
// The local dossier gets a "handoff_exporte" history entry.
[[nodiscard]] std::optional<Dossier> exportHandoff(const DossierDef& def, Dossier& d, const HandoffOptions& opt,
                                                   std::string* error);
// The sections `role` may fill in this copy.
[[nodiscard]] std::vector<std::string> editableSections(const Dossier& d, std::string_view role);

struct MergeReport {
    bool ok = false;
    std::string error;
    std::vector<std::string> taken;      // sections updated from theirs
    std::vector<std::string> conflicts;  // sections edited on both sides (kept local, theirs in d.conflicts)
    std::vector<std::string> ignored;    // French notes: changes to sections they may not edit
};
// Merges a copy coming back (or any copy of the same dossier) into `local`.
MergeReport mergeDossier(const DossierDef& def, Dossier& local, const Dossier& theirs, const std::string& now = {});
// The user's choice for a conflict: keep theirs (true) or ours (false).
EditResult resolveConflict(const DossierDef& def, Dossier& d, std::string_view sectionId, bool takeTheirs,
                           std::string_view role, const std::string& now = {});

[[nodiscard]] Json sectionToJson(const Section& s);
[[nodiscard]] std::optional<Section> sectionFromJson(Json j, std::string* error);
// Same content (fields, attachments by hash, signature), versions aside.
[[nodiscard]] bool sameContent(const Section& a, const Section& b);

} // namespace passerelle::dossiers
