// « Dossier »: one dossier from the store — section editors, attachments, hand-off, signing and the bundle, prefill link, history.
//
// [SECTION] Helpers (French labels, display forms, file names)
// [SECTION] The view: opening, header, role
// [SECTION] Conflicts
// [SECTION] Section editors and fields
// [SECTION] Attachments
// [SECTION] Hand-off
// [SECTION] Signing and the bundle
// [SECTION] Prefill link
// [SECTION] History
#include "ui/dossier_import.hpp"
#include "ui/dossier_service.hpp"
#include "ui/focus_ring.hpp"
#include "ui/french_date.hpp"
#include "ui/key_store.hpp"
#include "ui/navigation.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include "core/bundle.hpp"
#include "core/dossier.hpp"
#include "core/dossier_exchange.hpp"
#include "core/json_strict.hpp"
#include "core/platform_prefill.hpp"
#include "platform/clipboard.hpp"
#include "platform/files.hpp"
#include "platform/open_url.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace passerelle::ui {
namespace {

namespace pd = passerelle::dossiers;

//-----------------------------------------------------------------------------
// [SECTION] Helpers (French labels, display forms, file names)
//-----------------------------------------------------------------------------

void coloured(const ImVec4& colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void bold(AppContext& ctx, const std::string& text) {
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopFont();
}

// Puts the next button on the same line only when it fits (a phone gets them stacked).
void sameLineIfFits(const std::string& label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + style.FramePadding.x * 2.0f;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + w <= right) ImGui::SameLine();
}

std::string capitalised(std::string s) {
    // The role labels start with an ASCII article (« le CFA », « l'élève »).
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// « au CFA », « à l'élève », « aux familles »: French contracts « à » with the article.
std::string toRole(std::string_view role) {
    const std::string label = pd::roleLabel(role);
    if (label.rfind("le ", 0) == 0) return "au " + label.substr(3);
    if (label.rfind("les ", 0) == 0) return "aux " + label.substr(4);
    return "à " + label;
}

// « 23 novembre 2026 à 15:13 (UTC) » from "2026-11-23T15:13:22Z"; anything else as written.
std::string frenchTimestamp(const std::string& iso) {
    if (iso.size() != 20 || iso[10] != 'T' || iso[19] != 'Z') return iso;
    return frenchLongDate(iso.substr(0, 10)) + " à " + iso.substr(11, 5) + " (UTC)";
}

std::string eventLabel(const std::string& event) {
    // A plain table (no map built at start-up): the history has a few lines at a time.
    static constexpr std::pair<std::string_view, const char*> kLabels[] = {
        {"cree", "Dossier créé"}, {"modifie", "Modifié"}, {"complet", "Complet"}, {"incomplet", "Incomplet"},
        {"signe", "Signé"}, {"rouvert", "Section rouverte"}, {"exporte", "Exporté"}, {"depose", "Déposé"},
        {"en_instruction", "En instruction"}, {"accepte", "Accepté"}, {"refuse", "Refusé"},
        {"classe_sans_suite", "Classé sans suite"}, {"handoff_exporte", "Copie transmise"},
        {"fusionne", "Copie reçue et fusionnée"}, {"conflit", "Conflit"}, {"conflit_resolu", "Conflit résolu"},
        {"importe", "Importé"}};
    for (const auto& [id, label] : kLabels)
        if (id == event) return label;
    return event;
}

std::string sizeLabel(std::int64_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " octets";
    if (bytes < 1024 * 1024) return std::to_string((bytes + 512) / 1024) + " Ko";
    const std::int64_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " Mo";
}

// What a stored value looks like in its input: dates jj/mm/aaaa, phones in pairs, booleans oui/non.
std::string displayValue(const pd::FieldSpec& spec, const Json* value) {
    if (!value || value->is_null()) return {};
    if (value->is_boolean()) return value->get<bool>() ? "oui" : "non";
    if (value->is_number_integer()) return std::to_string(value->get<long long>());
    if (!value->is_string()) return value->dump();
    const std::string s = value->get<std::string>();
    switch (spec.type) {
    case pd::FieldType::Date:
        if (auto d = pd::parseIsoDate(s)) return pd::formatFrenchDate(*d);
        return s;
    case pd::FieldType::Phone: {
        if (s.size() != 10 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return s;
        std::string out;
        for (std::size_t i = 0; i < s.size(); i += 2) out += (i ? " " : "") + s.substr(i, 2);
        return out;
    }
    case pd::FieldType::Choice:
        for (const auto& c : spec.choices)
            if (c.id == s) return c.label;
        return s;
    default: return s;
    }
}

const char* hintOf(pd::FieldType t) {
    switch (t) {
    case pd::FieldType::Date: return "jj/mm/aaaa";
    case pd::FieldType::Email: return "nom@exemple.fr";
    case pd::FieldType::Phone: return "06 12 34 56 78";
    case pd::FieldType::Uai: return "7 chiffres et une lettre, ex. 0130040Y";
    case pd::FieldType::Siret: return "14 chiffres";
    case pd::FieldType::PostalCommune: return "code postal et commune, ex. 13001 Marseille";
    default: return "";
    }
}

// "DUPONT Léa — Sécurisation…" → "dupont-lea": ASCII, for file names.
std::string fileSlug(std::string_view text) {
    std::string folded = pd::foldForMatch(text), out;
    for (char c : folded) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) out += c;
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "dossier" : out.substr(0, 60);
}

// « DUPONT Léa »: the section that names the young person (it has a first name); the title otherwise.
std::string pupilOf(const pd::Dossier& d) {
    for (const auto& s : d.sections) {
        const auto last = s.fields.find("nom"), first = s.fields.find("prenom");
        if (last == s.fields.end() || first == s.fields.end() || !last->is_string() || !first->is_string()) continue;
        return last->get<std::string>() + " " + first->get<std::string>();
    }
    const auto dash = d.title.find(" — ");
    return dash == std::string::npos ? d.title : d.title.substr(0, dash);
}

std::string schemeSlug(const std::string& scheme) {
    std::string s = scheme;
    std::replace(s.begin(), s.end(), '/', '_');
    return s;
}

bool signatureHolds(const pd::Section& s) {
    return s.signature.is_object() && s.signature.contains("version") && s.signature["version"].is_number_integer() &&
           s.signature["version"].get<long long>() == s.version;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] The view: opening, header, role
//-----------------------------------------------------------------------------

class DossierView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "dossier"; }
    [[nodiscard]] std::string_view title() const override { return "Dossier"; }
    [[nodiscard]] bool holdsEstablishmentData() const override { return true; }

    void draw(AppContext& ctx) override {
        // Back, forward and reload name the dossier in the address (#dossier/<id>).
        if (auto requested = takeRequestedScreen("dossier")) ctx.openDossierId = *requested;
        if (ctx.openDossierId != m_openId) reset(ctx.openDossierId);
        if (!ctx.openDossierId.empty()) setScreenToken(ctx.openDossierId);
        // Just opened (from the table, back, reload) or another dossier: keyboard focus to the first control.
        if (ImGui::GetFrameCount() != m_lastFrame + 1 || m_openId != m_focusedFor) m_focus.focusFirst();
        m_focusedFor = m_openId;
        m_lastFrame = ImGui::GetFrameCount();
        m_focus.beginScreen(m_mirror, "Dossier"); // every ring button is also a button of the screen-reader mirror
        ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true); // Tab belongs to the focus ring
        drawScreen(ctx);
        ImGui::PopItemFlag();
        m_focus.endFrame();
        m_mirror.announcement = m_message.empty() ? m_mirror.heading : m_message;
        platform::screenReaderPublish(m_mirror);
    }

private:
    void drawScreen(AppContext& ctx) {

        auto* store = dossierStore();
        const pd::DossierDefs* defs = dossierDefs();
        const pd::Dossier* d = store && !ctx.openDossierId.empty() ? store->find(ctx.openDossierId) : nullptr;
        const pd::DossierDef* def = d && defs ? defs->find(d->scheme) : nullptr;
        // The store opens a few frames after a reload: the dossier appearing is a new screen for the ring.
        if ((d && def) != m_wasPresent) m_focus.focusFirst();
        m_wasPresent = d && def;
        if (!d || !def) {
            drawMissing(ctx, store != nullptr, d != nullptr);
            return;
        }
        // A copy: the store may replace the dossier while we draw (a save), and callbacks outlive the frame.
        const pd::Dossier dossier = *d;
        m_role = establishmentRole();
        drawHeader(ctx, *def, dossier);
        if (m_role.empty() || m_choosingRole) {
            drawRoleChoice(ctx, *def, dossier);
            drawBack(ctx);
            return;
        }
        drawMessage();
        coloured(theme::kMuted, "Les champs marqués * sont obligatoires. Chaque valeur est enregistrée quand vous quittez le champ.");
        drawConflicts(ctx, *def, dossier);
        const pd::CheckReport report = pd::checkDossier(*def, dossier);
        for (const auto& sd : def->sections) drawSection(ctx, *def, dossier, sd, report);
        separator();
        drawHandoff(ctx, *def, dossier);
        separator();
        drawSigning(ctx, *def, dossier, report);
        separator();
        drawPrefill(ctx, *def, dossier);
        separator();
        drawHistory(ctx, dossier);
        separator();
        drawBack(ctx);
    }

    // What is drawn is also read: these draw a text and put it in the mirror, in the same order.
    void coloured(const ImVec4& colour, const std::string& text) {
        ::passerelle::ui::coloured(colour, text);
        mirrorSay(m_mirror, text);
    }
    void bold(AppContext& ctx, const std::string& text) {
        ::passerelle::ui::bold(ctx, text);
        mirrorSay(m_mirror, text);
    }
    void wrapped(const std::string& text) { sayWrapped(m_mirror, text); }
    // printf-style: drawn as ImGui formats it, said from the same format.
    void wrappedf(const char* format, const char* a, const char* b = "", const char* c = "") {
        ImGui::TextWrapped(format, a, b, c);
        mirrorSayf(m_mirror, format, a, b, c);
    }

    // A ring button (Tab, Enter, the mirror); a disabled one stays on the canvas, out of the ring and mirror.
    bool button(const char* label, std::string_view name, bool enabled = true, std::string_view spoken = {}) {
        if (enabled) return m_focus.button(label, {0, 0}, name, spoken);
        ImGui::BeginDisabled();
        (void)wrapButton(label);
        ImGui::EndDisabled();
        nameItem(name);
        return false;
    }

    void reset(const std::string& id) {
        m_openId = id;
        m_pending.clear();
        m_mirrorTyped.clear();
        m_mirrorChoice.clear();
        m_errors.clear();
        m_message.clear();
        m_signError.clear();
        m_signed.clear();
        m_signNeedsKey = false;
        wipePassphrase();
        m_choosingRole = false;
        m_handoffTo.clear();
        m_prefillNote.clear();
    }

    void wipePassphrase() {
        for (auto& c : m_passphrase) c = '\0';
        m_passphrase.clear();
    }

    void separator() {
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
    }

    void setMessage(std::string text, bool ok) {
        m_message = std::move(text);
        m_messageOk = ok;
    }

    void drawMessage() {
        if (m_message.empty()) return;
        coloured(m_messageOk ? theme::kOk : theme::kError, m_message);
        nameItem(m_messageOk ? "dossier.message.ok" : "dossier.message.error");
        ImGui::Spacing();
    }

    void drawMissing(AppContext& ctx, bool storeOpen, bool found) {
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextWrapped("Dossier");
        ImGui::PopFont();
        m_mirror.heading = "Dossier";
        std::string why;
        if (!storeOpen) why = "Les dossiers de ce navigateur ne sont pas encore ouverts.";
        else if (ctx.openDossierId.empty()) why = "Aucun dossier n’est ouvert : choisissez-en un dans l’espace établissement, ou importez un dossier reçu.";
        else if (!found) why = "Ce dossier n’existe pas dans ce navigateur (identifiant " + ctx.openDossierId + ").";
        else why = "Ce dossier relève d’un dispositif que cette version de Passerelle ne connaît pas.";
        coloured(theme::kWarning, why);
        nameItem("dossier.missing");
        ImGui::Spacing();
        drawMessage();
        drawImportButton(ctx);
        drawBack(ctx);
    }

    void drawImportButton(AppContext& ctx) {
        if (dossierStoreReadOnly()) return;
        if (button("Importer un dossier reçu…", "dossier.import")) {
            platform::filesPick(".json,application/json", [this, &ctx](std::string name, std::string bytes) {
                std::string message;
                const bool ok = importReceivedDossier(ctx, name, bytes, &message);
                if (ok) reset(ctx.openDossierId);
                setMessage(message, ok);
            });
        }
    }

    void drawBack(AppContext& ctx) {
        ImGui::Spacing();
        if (button("← Retour aux dossiers", "dossier.back", true, "Retour aux dossiers"))
            ctx.router.go(findView("etablissement") ? "etablissement" : "home");
    }

    void drawHeader(AppContext& ctx, const pd::DossierDef& def, const pd::Dossier& d) {
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextWrapped("%s", pupilOf(d).c_str());
        ImGui::PopFont();
        nameItem("dossier.title");
        m_mirror.heading = "Dossier de " + pupilOf(d);
        wrappedf("Dispositif : %s", def.title.c_str());
        wrappedf("État : %s", std::string(pd::stateLabel(d.state)).c_str());
        nameItem("dossier.state");
        nameItem("dossier.state." + std::string(pd::stateName(d.state)));
        coloured(theme::kText, "Qui a la main : " + whoHasTheHand(def, d));
        nameItem("dossier.hand");
        if (!m_role.empty()) {
            coloured(theme::kMuted, "Vous êtes " + pd::roleLabel(m_role) + " : vous remplissez et signez les sections qui vous reviennent.");
            nameItem("dossier.role");
            nameItem("dossier.role." + m_role);
            if (!m_choosingRole && !dossierStoreReadOnly()) {
                sameLineIfFits("Changer de rôle");
                if (button("Changer de rôle", "dossier.role.change")) m_choosingRole = true;
            }
        }
        if (dossierStoreReadOnly())
            coloured(theme::kWarning, "Cet onglet est en lecture seule : Passerelle est ouvert dans un autre onglet.");
        ImGui::Spacing();
    }

    // Who acts next: a received copy is ours to fill; a copy sent away waits for its return; otherwise the
    // first party whose section still lacks something, then whoever has not signed.
    [[nodiscard]] std::string whoHasTheHand(const pd::DossierDef& def, const pd::Dossier& d) const {
        if (d.handoff.is_object() && d.handoff.contains("to") && d.handoff["to"].is_string()) {
            const std::string to = d.handoff["to"].get<std::string>();
            const std::string from = textOr(d.handoff, "from");
            return pd::roleLabel(to) + " (copie reçue" + (from.empty() ? std::string() : " de " + pd::roleLabel(from)) +
                   ", à renvoyer une fois ses sections remplies)";
        }
        for (auto it = d.history.rbegin(); it != d.history.rend(); ++it) {
            if (it->event == "fusionne" || it->event == "conflit" || it->event == "importe") break;
            if (it->event == "handoff_exporte")
                return "l’autre partie : copie transmise le " + frenchTimestamp(it->at) + ", en attente de son retour";
        }
        const pd::CheckReport r = pd::checkDossier(def, d);
        auto titleOf = [&](const std::string& id) {
            const pd::SectionDef* sd = def.section(id);
            return sd ? sd->title : id;
        };
        for (const auto& s : r.sections)
            if (!s.missing.empty() || !s.invalid.empty())
                return pd::roleLabel(s.role) + " (section « " + titleOf(s.id) + " » à compléter)";
        for (const auto& s : d.sections)
            if (!signatureHolds(s)) return pd::roleLabel(s.role) + " (section « " + titleOf(s.id) + " » à signer)";
        return "vous : le dossier est complet et signé, prêt à déposer";
    }

    void drawRoleChoice(AppContext& ctx, const pd::DossierDef& def, const pd::Dossier& d) {
        bold(ctx, "Qui êtes-vous pour ce dossier ?");
        wrapped("Passerelle retient le rôle de votre établissement sur cet appareil : chacun ne remplit et "
                "ne signe que ses propres sections.");
        std::vector<std::string> roles;
        if (d.handoff.is_object() && d.handoff.contains("to") && d.handoff["to"].is_string())
            roles.push_back(d.handoff["to"].get<std::string>());
        for (const auto& s : def.sections)
            if (std::find(roles.begin(), roles.end(), s.role) == roles.end()) roles.push_back(s.role);
        for (const auto& r : pd::knownRoles())
            if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(r);
        bool first = true;
        for (const auto& r : roles) {
            const std::string label = capitalised(pd::roleLabel(r));
            if (!first) sameLineIfFits(label);
            first = false;
            if (button(label.c_str(), "dossier.role.choose." + r)) {
                std::string error;
                if (setEstablishmentRole(r, &error)) {
                    m_choosingRole = false;
                    m_pending.clear();
                    m_errors.clear();
                } else {
                    setMessage(error, false);
                }
            }
        }
        if (m_choosingRole && !m_role.empty()) {
            if (button("Annuler", "dossier.role.cancel")) m_choosingRole = false;
        }
        drawMessage();
    }

    //-----------------------------------------------------------------------------
    // [SECTION] Conflicts
    //-----------------------------------------------------------------------------
    void drawConflicts(AppContext& ctx, const pd::DossierDef& def, const pd::Dossier& d) {
        if (d.conflicts.empty()) return;
        bold(ctx, "Conflits à résoudre");
        coloured(theme::kWarning, "Ces sections ont été modifiées ici et dans la copie reçue. Choisissez la version à garder.");
        for (const auto& c : d.conflicts) {
            ImGui::PushID(c.section.c_str());
            const pd::SectionDef* sd = def.section(c.section);
            const pd::Section* mine = d.section(c.section);
            wrappedf("Section « %s » — reçue de %s le %s", sd ? sd->title.c_str() : c.section.c_str(), pd::roleLabel(c.from).c_str(),
                     frenchTimestamp(c.at).c_str());
            nameItem("dossier.conflict." + c.section);
            // The fields that differ, side by side in words: a person decides on content, not versions.
            if (sd && mine && c.theirs.is_object() && c.theirs.contains("fields") && c.theirs["fields"].is_object()) {
                const Json& theirs = c.theirs["fields"];
                for (const auto& f : sd->fields) {
                    const Json* a = mine->fields.contains(f.id) ? &mine->fields[f.id] : nullptr;
                    const Json* b = theirs.contains(f.id) ? &theirs[f.id] : nullptr;
                    if ((a ? *a : Json()) == (b ? *b : Json())) continue;
                    const std::string va = displayValue(f.spec, a), vb = displayValue(f.spec, b);
                    coloured(theme::kText, "• " + f.label + " : ici « " + (va.empty() ? "vide" : va) + " », reçue « " +
                                               (vb.empty() ? "vide" : vb) + " »");
                }
            }
            const bool writable = !dossierStoreReadOnly();
            if (button("Garder la mienne", "dossier.conflict." + c.section + ".mine", writable,
                       "Garder ma version de la section « " + c.section + " »"))
                resolve(def, d, c.section, false);
            sameLineIfFits("Prendre la leur");
            if (button("Prendre la leur", "dossier.conflict." + c.section + ".theirs", writable,
                       "Prendre la version reçue de la section « " + c.section + " »"))
                resolve(def, d, c.section, true);
            ImGui::PopID();
            ImGui::Spacing();
        }
        separator();
    }

    void resolve(const pd::DossierDef& def, const pd::Dossier& d, const std::string& section, bool theirs) {
        pd::Dossier copy = d;
        const auto r = pd::resolveConflict(def, copy, section, theirs, m_role);
        std::string error = r.error;
        if (r.ok && saveStoredDossier(copy, &error)) {
            setMessage(std::string("Conflit résolu : ") + (theirs ? "version reçue retenue" : "votre version est gardée") +
                           " pour la section « " + section + " ».", true);
        } else {
            setMessage("Conflit non résolu : " + error + ".", false);
        }
    }

    //-----------------------------------------------------------------------------
    // [SECTION] Section editors and fields
    //-----------------------------------------------------------------------------
    void drawSection(AppContext& ctx, const pd::DossierDef& def, const pd::Dossier& d, const pd::SectionDef& sd,
                     const pd::CheckReport& report) {
        const pd::Section* s = d.section(sd.id);
        const std::string owner = s ? s->role : sd.role;
        const std::string refusal = pd::editRefusal(d, s ? *s : pd::Section{sd.id, owner, 0, Json::object(), {}, nullptr, Json::object()}, m_role);
        const bool editable = refusal.empty() && !dossierStoreReadOnly();
        ImGui::PushID(sd.id.c_str());
        separator();
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextWrapped("%s", sd.title.c_str());
        ImGui::PopFont();
        nameItem("dossier.section." + sd.id);
        mirrorSay(m_mirror, "Section : " + sd.title);
        nameItem(std::string("dossier.section.") + sd.id + (editable ? ".editable" : ".readonly"));
        std::string status;
        for (const auto& sr : report.sections) {
            if (sr.id != sd.id) continue;
            const std::size_t missing = sr.missing.size(), invalid = sr.invalid.size();
            if (missing == 0 && invalid == 0) status = "complète";
            else {
                if (missing) status = std::to_string(missing) + " champ" + (missing > 1 ? "s" : "") + " à remplir";
                if (invalid) status += (status.empty() ? "" : ", ") + std::to_string(invalid) + " à corriger";
            }
        }
        std::string line = editable ? "À remplir par vous (" + pd::roleLabel(owner) + ")" : "Remplie par " + pd::roleLabel(owner) + " — lecture seule";
        if (!status.empty()) line += " — " + status;
        if (s && signatureHolds(*s)) {
            line += " — signée";
            const std::string at = textOr(s->signature, "at");
            if (!at.empty()) line += " le " + frenchTimestamp(at);
        }
        coloured(editable ? theme::kText : theme::kMuted, line);
        if (s && signatureHolds(*s)) nameItem("dossier.section." + sd.id + ".signed");
        if (!editable && !dossierStoreReadOnly() && refusal.find("conflit") != std::string::npos) coloured(theme::kWarning, capitalised(refusal) + ".");
        ImGui::Indent();
        for (const auto& f : sd.fields) {
            ImGui::PushID(f.id.c_str());
            drawField(ctx, def, d, sd, s, f, editable);
            ImGui::PopID();
        }
        ImGui::Unindent();
        ImGui::PopID();
    }

    void drawField(AppContext& ctx, const pd::DossierDef& def, const pd::Dossier& d, const pd::SectionDef& sd,
                   const pd::Section* s, const pd::FieldDef& f, bool editable) {
        const std::string key = sd.id + "." + f.id;
        const std::string name = "dossier.field." + key;
        const bool required = pd::isFieldRequired(def, d, f);
        ImGui::Spacing();
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextWrapped("%s%s", f.label.c_str(), required ? " *" : "");
        ImGui::PopFont();
        nameItem(name + ".label");
        // The mirror says the label with the control (a field's label, a button's words), not alone.
        m_spokenLabel = f.label + (required ? " (obligatoire)" : "");
        if (!f.help.empty()) coloured(theme::kMuted, f.help);
        if (f.sensitive) coloured(theme::kMuted, "Donnée sensible : jamais dans un lien, transmise seulement si vous le demandez.");
        m_fieldItem = std::string::npos;
        const Json* stored = s && s->fields.contains(f.id) ? &s->fields[f.id] : nullptr;
        if (f.spec.type == pd::FieldType::Attachment) {
            drawAttachments(d, sd, s, f, editable);
        } else if (!editable) {
            const std::string v = displayValue(f.spec, stored);
            ::passerelle::ui::coloured(v.empty() ? theme::kMuted : theme::kText, v.empty() ? "— (pas encore rempli)" : v);
            nameItem(name + ".readonly");
            mirrorSayf(m_mirror, "%s : %s", m_spokenLabel.c_str(), v.empty() ? "pas encore rempli" : v.c_str());
        } else if (f.spec.type == pd::FieldType::YesNo) {
            drawYesNo(d, sd, f, stored, name);
        } else if (f.spec.type == pd::FieldType::Choice) {
            drawChoice(d, sd, f, stored, name);
        } else {
            drawTextInput(d, sd, f, stored, key, name);
        }
        if (auto e = m_errors.find(key); e != m_errors.end()) {
            // A text field's error is read with the field (aria-describedby); any other is said where it is.
            if (m_fieldItem != std::string::npos) ::passerelle::ui::coloured(theme::kError, e->second);
            else coloured(theme::kError, e->second);
            nameItem(name + ".error");
        }
        if (m_fieldItem != std::string::npos) {
            auto e = m_errors.find(key);
            m_mirror.items[m_fieldItem].error = e == m_errors.end() ? std::string() : e->second;
        }
    }

    [[nodiscard]] float inputWidth() const { return std::min(ImGui::GetContentRegionAvail().x, 420.0f); }

    // Saves one typed value through the store, as our role: the core parses it (dates, phones, UAI…) and
    // refuses it in French; a refused value stays in the field for the person to correct.
    bool commit(const pd::Dossier& d, const pd::SectionDef& sd, const pd::FieldDef& f, const std::string& input) {
        const std::string key = sd.id + "." + f.id;
        std::string error;
        std::vector<std::string> notices;
        if (!editStoredDossierAs(d.id, m_role, sd.id, f.id, input, &error, &notices)) {
            m_errors[key] = capitalised(error);
            return false;
        }
        m_errors.erase(key);
        if (!notices.empty()) setMessage(join(notices), true);
        return true;
    }

    void drawTextInput(const pd::Dossier& d, const pd::SectionDef& sd, const pd::FieldDef& f, const Json* stored,
                       const std::string& key, const std::string& name) {
        auto pending = m_pending.find(key);
        std::string buffer = pending != m_pending.end() ? pending->second : displayValue(f.spec, stored);
        const ImGuiID id = ImGui::GetID("##v");
        // Typed in the mirror: held until the person leaves the field there (or presses Enter), as on the canvas.
        const bool typed = takeMirrorText(name, id, buffer);
        if (typed) m_mirrorTyped.insert(key);
        const std::string hint = hintOf(f.spec.type);
        m_fieldItem = mirrorField(m_mirror, m_spokenLabel + (hint.empty() ? "" : ", par exemple " + hint), name, buffer, name + ".commit");
        m_focus.fieldBefore(id);
        ImGui::SetNextItemWidth(inputWidth());
        const bool changed = ImGui::InputTextWithHint("##v", hint.c_str(), &buffer) || typed;
        nameItem(name);
        if (changed) {
            m_pending[key] = buffer;
            // Once an error is shown, it follows the typing: it goes away as soon as the value is right.
            if (m_errors.count(key)) {
                const std::string t = pd::trim(buffer);
                if (t.empty()) m_errors.erase(key);
                else if (auto r = pd::parseFieldInput(f.spec, t); r.ok()) m_errors.erase(key);
                else m_errors[key] = f.label + " : " + r.error;
            }
        }
        const bool mirrorCommit = platform::screenReaderActivated(name + ".commit");
        if (ImGui::IsItemDeactivatedAfterEdit() || (mirrorCommit && m_mirrorTyped.count(key))) {
            m_mirrorTyped.erase(key);
            const std::string current = displayValue(f.spec, stored);
            if (buffer == current || (pd::trim(buffer).empty() && !stored)) {
                m_pending.erase(key);
                m_errors.erase(key);
            } else if (commit(d, sd, f, pd::trim(buffer))) {
                m_pending.erase(key);
            } else {
                m_pending[key] = buffer; // nothing lost: the wrong value stays to be corrected
            }
        } else if (!ImGui::IsItemActive() && pending != m_pending.end() && !m_errors.count(key) && !changed &&
                   !m_mirrorTyped.count(key)) {
            m_pending.erase(key); // saved elsewhere (another path) or abandoned: show the stored value
        }
    }

    void drawYesNo(const pd::Dossier& d, const pd::SectionDef& sd, const pd::FieldDef& f, const Json* stored,
                   const std::string& name) {
        const int current = stored && stored->is_boolean() ? (stored->get<bool>() ? 1 : 0) : -1;
        bool yes = ImGui::RadioButton("Oui", current == 1);
        nameItem(name + ".oui");
        yes = m_focus.item(name + ".oui") || yes;
        mirrorButtonf(m_mirror, name + ".oui", "%s : oui%s", m_spokenLabel.c_str(), current == 1 ? " (choisi)" : "");
        if (yes && current != 1) commit(d, sd, f, "oui");
        ImGui::SameLine();
        bool no = ImGui::RadioButton("Non", current == 0);
        nameItem(name + ".non");
        no = m_focus.item(name + ".non") || no;
        mirrorButtonf(m_mirror, name + ".non", "%s : non%s", m_spokenLabel.c_str(), current == 0 ? " (choisi)" : "");
        if (no && current != 0) commit(d, sd, f, "non");
    }

    void drawChoice(const pd::Dossier& d, const pd::SectionDef& sd, const pd::FieldDef& f, const Json* stored,
                    const std::string& name) {
        const std::string current = displayValue(f.spec, stored);
        ImGui::SetNextItemWidth(inputWidth());
        if (ImGui::BeginCombo("##c", current.empty() ? "— choisir —" : current.c_str())) {
            for (const auto& c : f.spec.choices) {
                const bool selected = stored && stored->is_string() && stored->get<std::string>() == c.id;
                if (ImGui::Selectable(c.label.c_str(), selected) && !selected) commit(d, sd, f, c.id);
                nameItem(name + ".opt." + c.id);
            }
            ImGui::EndCombo();
        }
        nameItem(name);
        // In the mirror: a button that shows or hides the choices, each a button.
        if (m_focus.combo(name, ImGui::GetID("##c"))) m_mirrorChoice = m_mirrorChoice == name ? std::string() : name;
        const bool open = m_mirrorChoice == name;
        mirrorButtonf(m_mirror, name, "%s : %s%s", m_spokenLabel.c_str(), current.empty() ? "pas encore choisi" : current.c_str(),
                      open ? " (fermer la liste)" : " (changer)");
        if (!open) return;
        for (const auto& c : f.spec.choices) {
            const bool selected = stored && stored->is_string() && stored->get<std::string>() == c.id;
            const std::string option = name + ".opt." + c.id;
            mirrorButtonf(m_mirror, option, "%s%s", c.label.c_str(), selected ? " (choisi)" : "");
            if (platform::screenReaderActivated(option)) {
                m_mirrorChoice.clear();
                if (!selected) commit(d, sd, f, c.id);
            }
        }
    }

    //-----------------------------------------------------------------------------
    // [SECTION] Attachments
    //-----------------------------------------------------------------------------
    void drawAttachments(const pd::Dossier& d, const pd::SectionDef& sd, const pd::Section* s, const pd::FieldDef& f,
                         bool editable) {
        const std::string key = sd.id + "." + f.id;
        const std::string base = "dossier.attachment." + key;
        int index = 0;
        if (s) {
            for (const auto& a : s->attachments) {
                if (a.field != f.id) continue;
                ImGui::PushID(index);
                const std::string n = base + "." + std::to_string(index);
                coloured(theme::kText, a.name + " — " + sizeLabel(a.size) + " (" + a.mediaType + ")");
                nameItem(n);
                coloured(theme::kMuted, "SHA-256 : " + a.sha256);
                nameItem(n + ".sha256");
                nameItem(n + ".sha256." + a.sha256);
                if (button("Télécharger", n + ".download", true, "Télécharger « " + a.name + " »")) {
                    auto* store = dossierStore();
                    auto bytes = store ? store->attachmentBytes(a.sha256) : std::nullopt;
                    if (!bytes && a.contentB64) bytes = pd::base64Decode(*a.contentB64);
                    if (bytes) platform::filesDownload(a.name, a.mediaType, *bytes);
                    else m_errors[key] = "Le contenu de « " + a.name + " » n’est pas dans ce navigateur (seule son empreinte a été reçue).";
                }
                ImGui::PopID();
                ++index;
            }
        }
        if (index == 0) {
            coloured(theme::kMuted, "Aucun fichier joint.");
            nameItem(base + ".none");
        }
        if (!editable) return;
        std::string accept;
        for (const auto& m : f.spec.mediaTypes) accept += (accept.empty() ? "" : ",") + m;
        if (accept.empty()) accept = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";
        const std::string attachLabel = index == 0 ? "Joindre un fichier…" : "Remplacer le fichier…";
        if (button(attachLabel.c_str(), "dossier.attach." + key, true, attachLabel + " (" + f.label + ")")) {
            const std::string id = d.id, section = sd.id, field = f.id, role = m_role;
            platform::filesPick(accept, [this, id, section, field, role, key](std::string name, std::string bytes) {
                attach(id, section, field, role, key, name, bytes);
            });
        }
    }

    void attach(const std::string& id, const std::string& section, const std::string& field, const std::string& role,
                const std::string& key, const std::string& name, const std::string& bytes) {
        auto* store = dossierStore();
        const pd::DossierDefs* defs = dossierDefs();
        const pd::Dossier* found = store ? store->find(id) : nullptr;
        const pd::DossierDef* def = found && defs ? defs->find(found->scheme) : nullptr;
        if (!def) {
            m_errors[key] = "Le dossier n’est plus disponible.";
            return;
        }
        pd::Dossier copy = *found;
        // One file per field: a new one replaces the previous (the core appends otherwise).
        if (pd::Section* s = copy.section(section))
            std::erase_if(s->attachments, [&](const pd::Attachment& a) { return a.field == field; });
        const auto r = pd::attachFile(*def, copy, role, section, field, name, bytes);
        std::string error = r.error;
        if (!r.ok || !saveStoredDossier(copy, &error)) {
            m_errors[key] = "« " + name + " » n’a pas été joint : " + error + ".";
            return;
        }
        m_errors.erase(key);
        setMessage("« " + name + " » est joint (" + sizeLabel(static_cast<std::int64_t>(bytes.size())) + ").", true);
    }

    //-----------------------------------------------------------------------------
    // [SECTION] Hand-off
    //-----------------------------------------------------------------------------
    void drawHandoff(AppContext& ctx, const pd::DossierDef& def, const pd::Dossier& d) {
        bold(ctx, "Transmettre le dossier");
        const bool readOnly = dossierStoreReadOnly();
        const bool receivedCopy = d.handoff.is_object() && textOr(d.handoff, "to") == m_role;
        if (receivedCopy) {
            const std::string from = textOr(d.handoff, "from");
            wrappedf("Cette copie vous a été confiée%s%s pour remplir vos sections. Renvoyez-la une fois remplie (et signée) : le "
                     "fichier téléchargé s’importe de l’autre côté.",
                     from.empty() ? "" : " par ", from.empty() ? "" : pd::roleLabel(from).c_str());
            const std::string label = from.empty() ? std::string("Renvoyer la copie") : "Renvoyer la copie " + toRole(from);
            if (button(label.c_str(), "dossier.handoff.return", !readOnly)) sendBack(def, d, from);
        } else {
            std::vector<std::string> roles;
            for (const auto& s : d.sections)
                if (s.role != m_role && std::find(roles.begin(), roles.end(), s.role) == roles.end()) roles.push_back(s.role);
            if (roles.empty()) {
                coloured(theme::kMuted, "Toutes les sections de ce dossier sont les vôtres : rien à transmettre.");
                return;
            }
            if (m_handoffTo.empty() || std::find(roles.begin(), roles.end(), m_handoffTo) == roles.end()) m_handoffTo = nextParty(def, d, roles);
            wrapped("Une copie part pour la partie suivante : elle ne pourra remplir que ses sections ; les "
                    "vôtres restent en lecture seule chez elle. Elle vous la renvoie ensuite.");
            ImGui::TextUnformatted("Destinataire :");
            // A few parties at most: radio buttons show them all at once (and a tap is enough on a phone).
            bool first = true;
            for (const auto& r : roles) {
                const std::string label = capitalised(pd::roleLabel(r));
                if (!first) sameLineIfFits(label + "     ");
                first = false;
                const std::string to = "dossier.handoff.to." + r;
                bool chosen = ImGui::RadioButton(label.c_str(), r == m_handoffTo);
                nameItem(to);
                chosen = m_focus.item(to) || chosen;
                mirrorButtonf(m_mirror, to, "Destinataire : %s%s", label.c_str(), r == m_handoffTo ? " (choisi)" : "");
                if (chosen) m_handoffTo = r;
            }
            const char* sensitive = "Joindre aussi les données sensibles (handicap, RQTH…)";
            bool toggled = ImGui::Checkbox(sensitive, &m_includeSensitive);
            nameItem("dossier.handoff.sensitive");
            if (m_focus.item("dossier.handoff.sensitive") && !toggled) m_includeSensitive = !m_includeSensitive;
            mirrorButtonf(m_mirror, "dossier.handoff.sensitive", "%s : %s", sensitive, m_includeSensitive ? "oui" : "non");
            const std::string label = "Transmettre " + toRole(m_handoffTo);
            if (button(label.c_str(), "dossier.handoff.export", !readOnly)) handOff(def, d);
        }
        sameLineIfFits("Importer un dossier reçu…");
        drawImportButton(ctx);
    }

    // The party that should receive the copy: the owner of the first incomplete section that is not ours.
    [[nodiscard]] std::string nextParty(const pd::DossierDef& def, const pd::Dossier& d, const std::vector<std::string>& roles) const {
        for (const auto& s : pd::checkDossier(def, d).sections)
            if (s.role != m_role && (!s.missing.empty() || !s.invalid.empty())) return s.role;
        return roles.front();
    }

    // The file that travels: the dossier with its attachments' contents and the signatures made so far.
    [[nodiscard]] std::string travellingText(const pd::Dossier& d) const {
        Json j = dossierJsonWithContents(d);
        if (auto bundle = storedBundle(d.id)) j[pd::kEmbeddedBundleKey] = std::move(*bundle);
        return j.dump(1);
    }

    void handOff(const pd::DossierDef& def, const pd::Dossier& d) {
        pd::Dossier local = d;
        pd::HandoffOptions opt;
        opt.from = m_role;
        opt.to = m_handoffTo;
        opt.includeSensitive = m_includeSensitive;
        std::string error;
        auto copy = pd::exportHandoff(def, local, opt, &error);
        if (!copy || !saveStoredDossier(local, &error)) {
            setMessage("Copie non transmise : " + error + ".", false);
            return;
        }
        const std::string file = schemeSlug(d.scheme) + "-" + fileSlug(pupilOf(d)) + "-pour-" + m_handoffTo + ".json";
        platform::filesDownload(file, "application/json", travellingText(*copy));
        const Json withheld = copy->handoff.is_object() ? copy->handoff.value("withheld", Json::array()) : Json::array();
        setMessage("Copie prête : « " + file + " » est téléchargé. Envoyez-le " + toRole(m_handoffTo) +
                       (withheld.empty() ? std::string(".") : " (" + std::to_string(withheld.size()) + " donnée(s) sensible(s) gardée(s) ici)."),
                   true);
    }

    void sendBack(const pd::DossierDef& def, const pd::Dossier& d, const std::string& from) {
        (void)def;
        pd::Dossier local = d;
        const std::string now = pd::utcNowIso();
        local.history.push_back({now, "handoff_exporte", m_role,
                                 "copie renvoyée " + (from.empty() ? std::string("à l’expéditeur") : toRole(from)) +
                                     " : sections " + join(pd::editableSections(d, m_role))});
        local.updatedAt = now;
        std::string error;
        if (!saveStoredDossier(local, &error)) {
            setMessage("Copie non renvoyée : " + error + ".", false);
            return;
        }
        const std::string file = schemeSlug(d.scheme) + "-" + fileSlug(pupilOf(d)) + "-retour-" + m_role + ".json";
        platform::filesDownload(file, "application/json", travellingText(local));
        setMessage("Copie prête : « " + file + " » est téléchargé. Envoyez-le " + (from.empty() ? "à l’expéditeur" : toRole(from)) + ".", true);
    }

    //-----------------------------------------------------------------------------
    // [SECTION] Signing and the bundle
    //-----------------------------------------------------------------------------
    void drawSigning(AppContext& ctx, const pd::DossierDef& def, const pd::Dossier& d, const pd::CheckReport& report) {
        bold(ctx, "Signer et exporter le paquet signé");
        coloured(theme::kMuted, kWhatSignaturesProve);
        std::vector<std::string> mine, incomplete;
        for (const auto& s : d.sections) {
            if (s.role != m_role) continue;
            mine.push_back(s.id);
            for (const auto& sr : report.sections)
                if (sr.id == s.id && (!sr.missing.empty() || !sr.invalid.empty())) incomplete.push_back(s.id);
        }
        if (mine.empty()) {
            coloured(theme::kMuted, "Aucune section de ce dossier n’est à signer par " + pd::roleLabel(m_role) + ".");
        } else if (!incomplete.empty()) {
            coloured(theme::kWarning, "À compléter avant de signer : section" + std::string(incomplete.size() > 1 ? "s " : " ") + join(incomplete) + ".");
            nameItem("dossier.sign.incomplete");
        } else {
            drawSignForm(ctx, def, d, mine);
        }
        if (auto bundle = storedBundle(d.id)) {
            const BundleReport r = verifyBundleJson(*bundle);
            ImGui::Spacing();
            if (r.valid) {
                std::vector<std::string> done;
                for (const auto& s : r.sections) done.push_back(s.id + " (" + pd::roleLabel(s.role) + ")");
                coloured(theme::kText, "Paquet signé de ce dossier : sections signées : " + join(done) + ".");
                if (!r.missing.empty()) {
                    std::vector<std::string> missing;
                    for (const auto& [id, role] : r.missing) missing.push_back(id + " (" + pd::roleLabel(role) + ")");
                    coloured(theme::kWarning, "Pas encore signées : " + join(missing) + ".");
                }
                if (r.manifestPresent) {
                    std::vector<std::string> by;
                    for (const auto& s : r.manifestSigners) by.push_back(pd::roleLabel(s));
                    coloured(theme::kText, "Manifeste co-signé par : " + join(by) + (r.complete() ? " — paquet complet." : "."));
                }
                nameItem("dossier.bundle.summary");
            } else {
                coloured(theme::kError, "Le paquet signé gardé pour ce dossier ne se vérifie plus : " + r.error);
                nameItem("dossier.bundle.invalid");
            }
            if (button("Télécharger le paquet signé", "dossier.bundle.download")) downloadBundle(d, *bundle);
        }
        if (!m_signed.empty()) {
            ImGui::Spacing();
            for (std::size_t i = 0; i < m_signed.size(); ++i) {
                coloured(theme::kOk, m_signed[i]);
                nameItem("dossier.sign.done." + std::to_string(i));
            }
            nameItem("dossier.sign.done");
        }
    }

    void drawSignForm(AppContext& ctx, const pd::DossierDef& def, const pd::Dossier& d, const std::vector<std::string>& mine) {
        (void)ctx;
        std::string keyError;
        const auto key = readStoredKey(&keyError);
        if (!key) {
            coloured(theme::kWarning, keyError.empty() ? "Aucune clé de signature sur cet appareil : créez-la d’abord dans « Mes clés »."
                                                       : keyError);
            nameItem("dossier.sign.no_key");
            if (button("Mes clés", "dossier.sign.to_keys")) ctx.router.go("cles");
            return;
        }
        wrapped("Vos sections (" + join(mine) + ") seront signées avec la clé de cet appareil (kid " + key->kid.substr(0, 12) + "…).");
        ImGui::TextUnformatted("Phrase de passe de votre clé");
        const ImGuiID passId = ImGui::GetID("##pass");
        (void)takeMirrorText("dossier.sign.pass", passId, m_passphrase);
        // Never sent back to the mirror: the secret stays in the field it was typed in (a password input there).
        (void)mirrorField(m_mirror, "Phrase de passe de votre clé", "dossier.sign.pass", "", "dossier.sign.button");
        m_focus.fieldBefore(passId);
        ImGui::SetNextItemWidth(inputWidth());
        const bool enter = ImGui::InputText("##pass", &m_passphrase, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
        nameItem("dossier.sign.pass");
        const bool readOnly = dossierStoreReadOnly();
        const bool clicked = button("Signer mes sections et télécharger le paquet", "dossier.sign.button", !readOnly);
        if ((clicked || (enter && !m_passphrase.empty())) && !readOnly) sign(def, d, mine);
        if (!m_signError.empty()) {
            coloured(theme::kError, m_signError);
            nameItem("dossier.sign.error");
            if (m_signNeedsKey) {
                if (button("Mes clés", "dossier.sign.to_keys")) ctx.router.go("cles");
            }
        }
    }

    void sign(const pd::DossierDef& def, const pd::Dossier& d, const std::vector<std::string>& mine) {
        m_signError.clear();
        m_signed.clear();
        m_signNeedsKey = false;
        if (m_passphrase.empty()) {
            m_signError = "Saisissez la phrase de passe de votre clé.";
            return;
        }
        std::string error;
        // Argon2id takes about a second here: the frame waits, once per signature.
        auto key = unlockStoredKey(m_passphrase, &error);
        wipePassphrase();
        if (!key) {
            m_signError = capitalised(error.empty() ? "la clé n’a pas pu être ouverte" : error) + ".";
            m_signNeedsKey = true;
            return;
        }
        const std::string now = pd::utcNowIso();
        const Json dossierJson = dossierJsonWithContents(d);
        std::optional<Json> into = storedBundle(d.id);
        SignOutcome out = signSections(dossierJson, m_role, *key, into ? &*into : nullptr, now);
        if (!out.bundle && into) {
            // The kept bundle no longer fits (another key for our role, a damaged file): start a new one.
            SignOutcome fresh = signSections(dossierJson, m_role, *key, nullptr, now);
            if (fresh.bundle) {
                fresh.notes.push_back("l’ancien paquet de ce dossier n’a pas pu être complété (" + out.error + ") : un nouveau paquet est commencé");
                out = std::move(fresh);
            }
        }
        if (!out.bundle) {
            m_signError = "Signature impossible : " + out.error + ".";
            return;
        }
        Json bundle = std::move(*out.bundle);
        BundleReport report = verifyBundleJson(bundle);
        // Every declared section signed: we co-sign the manifest (the last co-signer submits).
        bool manifest = false;
        if (report.valid && report.missing.empty()) {
            SignOutcome m = signManifest(bundle, m_role, *key);
            if (m.bundle) {
                bundle = std::move(*m.bundle);
                manifest = true;
                report = verifyBundleJson(bundle);
            } else {
                out.notes.push_back("manifeste non co-signé : " + m.error);
            }
        }
        pd::Dossier local = d;
        std::vector<std::string> lines;
        for (const auto& sid : mine) {
            auto record = signatureRecord(report, sid);
            if (!record) continue;
            const auto r = pd::signSection(def, local, m_role, sid, *record, now);
            if (!r.ok) {
                m_signError = "Signature non enregistrée : " + r.error + ".";
                return;
            }
            for (const auto& s : report.sections)
                if (s.id == sid)
                    lines.push_back("Section « " + sid + " » signée (version " + std::to_string(s.version) + ", clé " +
                                    s.kid.substr(0, 12) + "…).");
        }
        if (manifest) lines.push_back("Manifeste co-signé : toutes les sections du dossier sont signées.");
        if (local.state == pd::State::Signe) (void)pd::markExported(local, m_role, now);
        if (!saveStoredDossier(local, &error) || !saveStoredBundle(d.id, bundle, &error)) {
            m_signError = "Signature faite mais non enregistrée : " + error + ".";
            return;
        }
        for (const auto& n : out.notes) lines.push_back("Note : " + n + ".");
        lines.push_back("Paquet téléchargé : « " + downloadBundle(local, bundle) + " ».");
        m_signed = std::move(lines);
    }

    std::string downloadBundle(const pd::Dossier& d, const Json& bundle) {
        const std::string file = schemeSlug(d.scheme) + "-" + fileSlug(pupilOf(d)) + "-" + pd::formatIsoDate(pd::todayUtc()) + ".json";
        platform::filesDownload(file, "application/json", bundleToText(bundle));
        return file;
    }

    //-----------------------------------------------------------------------------
    // [SECTION] Prefill link
    //-----------------------------------------------------------------------------
    void drawPrefill(AppContext& ctx, const pd::DossierDef& def, const pd::Dossier& d) {
        bold(ctx, "Préremplir la démarche en ligne");
        const std::string file = schemeSlug(d.scheme) + ".json";
        std::optional<PrefillMapping> mapping;
        std::string error;
        for (const auto& [name, text] : embeddedPlatformMappingFiles())
            if (name == file) mapping = parsePrefillMapping(text, &error);
        if (!mapping) {
            coloured(theme::kMuted, error.empty() ? "Ce dispositif n’a pas de démarche en ligne connue de Passerelle : "
                                                    "le paquet signé se transmet tel quel."
                                                  : "La correspondance avec la démarche est illisible : " + error + ".");
            nameItem("dossier.prefill.unavailable");
            return;
        }
        if (!mapping->procedurePath) {
            coloured(theme::kWarning,
                     "Aucun lien proposé : l’académie qui publie la démarche n’a pas encore donné l’adresse du formulaire ni "
                     "les identifiants de ses champs (ils sont encore « A_RENSEIGNER » dans la correspondance " + file +
                         "). Déposez le dossier sur la plateforme et joignez-y le paquet signé : il porte tout le dossier.");
            nameItem("dossier.prefill.unavailable");
            return;
        }
        std::set<std::pair<std::string, std::string>> sensitive;
        for (const auto& sd : def.sections)
            for (const auto& f : sd.fields)
                if (f.sensitive) sensitive.emplace(sd.id, f.id);
        const auto link = buildPrefillLink(*mapping, pd::dossierToJson(d), sensitive, &error);
        if (!link) {
            coloured(theme::kWarning, "Aucun lien proposé : " + error + ".");
            nameItem("dossier.prefill.unavailable");
            return;
        }
        wrapped("Le lien ouvre le formulaire de la démarche avec " + std::to_string(link->included.size()) +
                " champ(s) déjà remplis. Les données sensibles et les pièces jointes n’y figurent jamais : joignez le paquet signé.");
        if (mapping->hasPlaceholders())
            coloured(theme::kMuted, "Certains champs n’ont pas encore d’identifiant sur la plateforme : ils restent à saisir en ligne.");
        for (const auto& [field, why] : link->left) coloured(theme::kMuted, "• " + field + " : " + why);
        if (button("Copier le lien", "dossier.prefill.copy")) {
            platform::clipboardSetText(link->url);
            m_prefillNote = "Lien copié.";
        }
        sameLineIfFits("Ouvrir la démarche");
        if (button("Ouvrir la démarche", "dossier.prefill.open")) platform::openUrl(link->url);
        if (!m_prefillNote.empty()) coloured(theme::kOk, m_prefillNote);
    }

    //-----------------------------------------------------------------------------
    // [SECTION] History
    //-----------------------------------------------------------------------------
    void drawHistory(AppContext& ctx, const pd::Dossier& d) {
        bold(ctx, "Historique");
        if (d.history.empty()) coloured(theme::kMuted, "Rien n’est encore arrivé à ce dossier.");
        // Newest first; equal timestamps keep their recorded order reversed too.
        std::size_t shown = 0;
        for (auto it = d.history.rbegin(); it != d.history.rend(); ++it, ++shown) {
            std::string line = frenchTimestamp(it->at) + " — " + eventLabel(it->event);
            if (!it->role.empty()) line += " (" + pd::roleLabel(it->role) + ")";
            if (!it->detail.empty()) line += " : " + it->detail;
            wrapped(line);
            nameItem("dossier.history." + std::to_string(shown));
            nameItem("dossier.history." + std::to_string(shown) + "." + it->event);
        }
    }

    FocusRing m_focus;
    platform::ScreenMirror m_mirror;
    int m_lastFrame = -10;
    bool m_wasPresent = false;               // the dossier was drawn last frame (not « missing »)
    std::string m_focusedFor;                // the dossier the ring last gave its first focus in
    std::string m_spokenLabel;               // the field being drawn, as the mirror says it
    std::size_t m_fieldItem = std::string::npos; // its mirror field, which carries its error
    std::set<std::string> m_mirrorTyped;     // "section.field" typed in the mirror, not yet saved
    std::string m_mirrorChoice;              // the choice field whose options the mirror lists
    std::string m_openId;
    std::string m_role;
    bool m_choosingRole = false;
    std::map<std::string, std::string> m_pending; // "section.field" → text being typed or refused
    std::map<std::string, std::string> m_errors;  // "section.field" → French error under the field
    std::string m_message;
    bool m_messageOk = true;
    std::string m_handoffTo;
    bool m_includeSensitive = false;
    std::string m_passphrase;
    std::string m_signError;
    bool m_signNeedsKey = false;
    std::vector<std::string> m_signed;
    std::string m_prefillNote;
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::DossierView);
