// « Liste de classe » (view "classe"): a CSV from the school's software → column mapping → rows checked → dossiers created for one scheme.
//
// [SECTION] Reading the file and checking the rows (core calls only)
// [SECTION] Screens: pick, mapping and preview, rows, creation
#include "app/frame_loop.hpp"
#include "core/class_list.hpp"
#include "core/dossier_from_verdict.hpp"
#include "core/rule_pack.hpp"
#include "platform/files.hpp"
#include "ui/dossier_service.hpp"
#include "ui/embedded_rules.hpp"
#include "ui/dossier_table.hpp"
#include "ui/focus_ring.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/verdict_dossier.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace passerelle::ui {
namespace {

namespace pd = dossiers;

// What each mapping target means, in the words of a school secretary (a plain table: no map built at start-up).
constexpr std::pair<std::string_view, const char*> kTargetLabels[] = {
    {"last_name", "Nom"},
    {"first_name", "Prénom"},
    {"full_name", "Nom et prénom (une seule colonne)"},
    {"birth_date", "Date de naissance"},
    {"class", "Classe"},
    {"person.wants_apprenticeship", "Souhaite l’apprentissage"},
    {"person.has_employer", "A trouvé un employeur"},
    {"person.enrolled_in_cfa", "Inscrit en CFA"},
    {"person.struggling_to_find", "Difficultés à trouver un employeur"},
    {"person.wishes_formalized", "Vœux saisis"},
    {"person.only_apprenticeship_wishes", "Vœux uniquement en apprentissage"},
};
const char* targetLabel(const std::string& t) {
    for (const auto& [id, label] : kTargetLabels)
        if (id == t) return label;
    return t.c_str();
}

struct RoleChoice {
    const char* role;
    const char* label;
};
constexpr RoleChoice kRoles[] = {{"college", "Collège"}, {"lycee", "Lycée"}, {"cfa", "CFA"}, {"cio", "CIO"},
                                 {"mission_locale", "Mission locale"}};

// Guesses the role from the profile's name when the establishment never chose one.
std::string guessRole(const Establishment& p) {
    const std::string n = pd::foldForMatch(p.name);
    if (n.rfind("lycee", 0) == 0) return "lycee";
    if (n.rfind("cfa", 0) == 0 || n.find(" cfa") != std::string::npos) return "cfa";
    if (n.rfind("cio", 0) == 0) return "cio";
    if (n.find("mission locale") != std::string::npos) return "mission_locale";
    return "college";
}

class ClassListView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "classe"; }
    [[nodiscard]] std::string_view title() const override { return "Liste de classe"; }
    [[nodiscard]] bool holdsEstablishmentData() const override { return true; }

    void draw(AppContext& ctx) override {
        // Just opened: keyboard focus goes to the first control (« Choisir le fichier CSV… »).
        if (ImGui::GetFrameCount() != m_lastFrame + 1) m_focus.focusFirst();
        m_lastFrame = ImGui::GetFrameCount();
        m_focus.beginScreen(m_mirror, "Liste de classe"); // every ring button is also a button of the screen-reader mirror
        ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true); // Tab belongs to the focus ring
        drawScreen(ctx);
        ImGui::PopItemFlag();
        m_focus.endFrame();
        // Said when it changes: what the file gave, then what was created.
        m_mirror.announcement = !m_result.empty() ? m_result : !m_fatal.empty() ? m_fatal : m_summary;
        platform::screenReaderPublish(m_mirror);
    }

private:
    void drawScreen(AppContext& ctx) {
        if (m_role.empty()) m_role = establishmentRole().empty() ? guessRole(ctx.profile.profile) : establishmentRole();
        if (m_pending) { // a file arrived (picked after an earlier frame): read it with this frame's context
            m_pending = false;
            load(ctx);
        }
        drawPick(ctx);
        if (m_bytes.empty()) return;
        if (!m_fatal.empty()) {
            const std::string why = "« " + m_fileName + " » ne peut pas être lu : " + m_fatal;
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
            ImGui::TextWrapped("%s", why.c_str());
            ImGui::PopStyleColor();
            nameItem("classe.fatal");
            mirrorSay(m_mirror, why);
            // A column missing from the mapping is fixed here: the mapping stays on screen.
            if (m_list && m_mapping && !headers().empty()) drawMapping(ctx);
            return;
        }
        drawMapping(ctx);
        drawRows(ctx);
        drawCreate(ctx);
    }

    void say(const std::string& text, const ImVec4* colour = nullptr) { sayWrapped(m_mirror, text, colour); }

    // A combo in the ring and, in the mirror, a button « <what> : <current> » that shows or hides its
    // choices (each then a mirror button: `choices` pushes them). Call after EndCombo.
    bool comboInMirror(const char* id, const std::string& name, const std::string& what, const std::string& current) {
        if (m_focus.combo(name, ImGui::GetID(id))) m_mirrorOpen = m_mirrorOpen == name ? std::string() : name;
        const bool open = m_mirrorOpen == name;
        mirrorButtonf(m_mirror, name, "%s : %s%s", what.c_str(), current.c_str(), open ? " (fermer la liste)" : " (changer)");
        return open;
    }
    // One of the choices a mirror combo lists: true when pressed there (the list then closes).
    bool choiceInMirror(const std::string& label, bool chosen, const std::string& name) {
        mirrorButtonf(m_mirror, name, "%s%s", label.c_str(), chosen ? " (choisi)" : "");
        if (!platform::screenReaderActivated(name)) return false;
        m_mirrorOpen.clear();
        return true;
    }

    // -----------------------------------------------------------------------------
    // [SECTION] Reading the file and checking the rows (core calls only)
    // -----------------------------------------------------------------------------
    const RuleSet* rules() {
        if (!m_rulesTried) {
            m_rulesTried = true;
            std::vector<RuleError> errors;
            m_rules = RuleSet::fromFiles(embeddedRuleFiles(), &errors);
        }
        return m_rules ? &*m_rules : nullptr;
    }

    void load(AppContext& ctx) {
        m_fatal.clear();
        m_preview = {};
        m_result.clear();
        m_refused.clear();
        m_created = 0;
        const pd::DecodedText text = pd::decodeText(m_bytes);
        if (!text.error.empty()) {
            m_fatal = text.error;
            return;
        }
        m_preview = pd::parseCsv(text.utf8);
        m_mapping.reset(); // guessed from this file's headers, then what the person chooses
        // The mapping chosen for the last file, when this file has the same columns (same school software).
        if (const auto* store = dossierStore()) {
            if (auto saved = store->setting("classlist-mapping"); saved && saved->is_object() && !m_preview.records.empty()) {
                auto m = pd::ColumnMapping::fromJson(*saved);
                const auto& headers = m_preview.records.front().cells;
                const bool fits = !m.columns.empty() && std::all_of(m.columns.begin(), m.columns.end(), [&](const auto& kv) {
                    return std::find(headers.begin(), headers.end(), kv.second) != headers.end();
                });
                if (fits) m_mapping = m;
            }
        }
        m_scheme.clear();
        recheck(ctx);
    }

    void recheck(AppContext& ctx) {
        app::requestFrames(); // what is on screen changes with it (and a combo closes) even if no input follows
        pd::ClassListOptions opt;
        m_profileNote.clear();
        opt.profile = dossierProfile(ctx.profile.profile, &m_profileNote);
        const auto on = m_on ? m_on : parseIsoDate(ctx.referenceDate);
        const CivilDate ref = on ? *on : todayInParis();
        opt.on = pd::Ymd{ref.year, ref.month, ref.day};
        opt.requester = m_role;
        opt.mapping = m_mapping;
        if (const auto* store = dossierStore())
            if (auto g = store->setting("classlist-grades"); g && g->is_object()) opt.grades = pd::GradeTable::fromJson(*g);
        m_profile = opt.profile;
        m_checked.clear();
        m_eligible.clear();
        m_fatal.clear();
        m_list = std::make_unique<pd::ClassList>(pd::readClassList(m_bytes, opt));
        if (!m_mapping) m_mapping = m_list->mapping;
        if (!m_list->fatal.empty()) {
            m_fatal = m_list->fatal;
            return;
        }
        if (const RuleSet* r = rules()) m_checked = pd::checkClassList(*r, *m_list);
        if (const RuleSet* r = rules())
            for (const auto& s : r->schemes()) {
                const auto* defs = dossierDefs();
                if (!defs || !defs->find(s.id)) continue; // nothing to prepare for it
                int n = 0;
                for (const auto& c : m_checked) {
                    const SchemeVerdict* v = c.verdicts ? c.verdicts->find(s.id) : nullptr;
                    if (v && pd::dossierRefusal(*v, c.situation->requester).empty()) ++n;
                }
                m_eligible.push_back({s.id, s.title, n});
            }
        chooseBestScheme();
    }

    void chooseBestScheme() {
        if (!m_scheme.empty() || m_eligible.empty()) return;
        const auto best = std::max_element(m_eligible.begin(), m_eligible.end(),
                                           [](const SchemeCount& a, const SchemeCount& b) { return a.eligible < b.eligible; });
        m_scheme = best->id;
    }

    // Rows of the chosen scheme that get a dossier; the others with the reason, first line only.
    void split(std::vector<const pd::CheckedRow*>& ok, std::vector<std::pair<const pd::CheckedRow*, std::string>>& refused) const {
        for (const auto& c : m_checked) {
            if (!c.error.empty()) continue;
            const SchemeVerdict* v = c.verdicts ? c.verdicts->find(m_scheme) : nullptr;
            std::string why = v ? pd::dossierRefusal(*v, c.situation->requester) : "dispositif inconnu";
            if (why.empty()) ok.push_back(&c);
            else refused.emplace_back(&c, why.substr(0, why.find('\n')));
        }
    }

    // -----------------------------------------------------------------------------
    // [SECTION] Screens: pick, mapping and preview, rows, creation
    // -----------------------------------------------------------------------------
    void drawPick(AppContext& ctx) {
        say("Choisissez la liste exportée de votre logiciel de scolarité (SIECLE, Pronote…) ou d’un "
            "tableur, au format CSV. Passerelle reconnaît les colonnes, vérifie chaque élève et "
            "prépare un dossier pour ceux qui peuvent en avoir un. Rien ne quitte ce navigateur.");
        nameItem("classe.intro");
        if (m_focus.button(m_bytes.empty() ? "Choisir le fichier CSV…" : "Choisir un autre fichier…", {0, 0}, "classe.pick")) {
            platform::filesPick(".csv,text/csv,text/plain", [this](std::string name, std::string bytes) {
                m_fileName = std::move(name);
                m_bytes = std::move(bytes);
                m_pending = true;
                app::requestFrames();
            });
        }
        ImGui::SameLine();
        if (m_focus.button("Retour aux dossiers", {0, 0}, "classe.back")) ctx.router.go("etablissement");
        // The role decides who may file which dossier: asked here when the establishment never said.
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Vous préparez ces dossiers en tant que");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(std::min(220.0f * ctx.textScale, ctx.width - 24));
        const char* current = m_role.c_str();
        for (const auto& r : kRoles)
            if (m_role == r.role) current = r.label;
        if (ImGui::BeginCombo("##role", current)) {
            for (const auto& r : kRoles)
                if (ImGui::Selectable(r.label, m_role == r.role) && m_role != r.role) {
                    m_role = r.role;
                    if (m_list) recheck(ctx);
                }
            ImGui::EndCombo();
        }
        nameItem("classe.role");
        if (comboInMirror("##role", "classe.role", "Vous préparez ces dossiers en tant que", current))
            for (const auto& r : kRoles)
                if (choiceInMirror(r.label, m_role == r.role, std::string("classe.role.") + r.role) && m_role != r.role) {
                    m_role = r.role;
                    if (m_list) recheck(ctx);
                }
        // Dossiers are often prepared ahead of a campaign: the rules as they will apply on that day.
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Vérifier comme au");
        ImGui::SameLine();
        if (m_onInput.empty() && m_onError.empty()) {
            const auto d = m_on ? m_on : parseIsoDate(ctx.referenceDate);
            if (d) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d->day, d->month, d->year);
                m_onInput = buf;
            }
        }
        const ImGuiID onId = ImGui::GetID("##on");
        if (takeMirrorText("classe.on", onId, m_onInput)) m_onTyped = true;
        const std::size_t field = mirrorField(m_mirror, "Vérifier comme au (date jj/mm/aaaa)", "classe.on", m_onInput, "classe.on.commit");
        m_focus.fieldBefore(onId);
        ImGui::SetNextItemWidth(140.0f * ctx.textScale);
        const bool entered = ImGui::InputTextWithHint("##on", "jj/mm/aaaa", &m_onInput, ImGuiInputTextFlags_EnterReturnsTrue);
        nameItem("classe.on");
        const bool mirrorCommit = platform::screenReaderActivated("classe.on.commit") && m_onTyped;
        if (entered || ImGui::IsItemDeactivatedAfterEdit() || mirrorCommit) {
            m_onTyped = false;
            const std::string& t = m_onInput;
            std::optional<CivilDate> d;
            if (t.size() == 10 && t[2] == '/' && t[5] == '/') d = parseIsoDate(t.substr(6, 4) + "-" + t.substr(3, 2) + "-" + t.substr(0, 2));
            if (d) {
                m_onError.clear();
                if (d != m_on) {
                    m_on = d;
                    if (m_list) recheck(ctx);
                }
            } else {
                m_onError = "Date « " + t + " » non comprise : écrivez-la jj/mm/aaaa, par exemple 04/05/2026.";
            }
        }
        if (!m_onError.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
            ImGui::TextWrapped("%s", m_onError.c_str());
            ImGui::PopStyleColor();
        }
        m_mirror.items[field].error = m_onError; // read with the field (aria-describedby)
        if (!m_profileNote.empty()) say(m_profileNote, &theme::kWarning);
    }

    void drawMapping(AppContext& ctx) {
        ImGui::Separator();
        ImGui::PushFont(ctx.fonts.bold);
        say("Colonnes de « " + m_fileName + " »");
        ImGui::PopFont();
        nameItem("classe.mapping");
        say("Pour chaque information, la colonne du fichier qui la donne (devinée ; corrigez si besoin).");
        const std::vector<std::string> headers = this->headers(); // a copy: recheck() below replaces the list
        bool changed = false;
        const bool narrow = ctx.width < 600;
        if (ImGui::BeginTable("classe.mapping.table", narrow ? 1 : 2, ImGuiTableFlags_SizingStretchProp)) {
            for (const auto& target : pd::mappingTargets()) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(targetLabel(target));
                if (!narrow) ImGui::TableNextColumn();
                // Copied: choosing « aucune » erases the entry while the combo is still being drawn.
                const auto it = m_mapping->columns.find(target);
                const bool mapped = it != m_mapping->columns.end();
                const std::string current = mapped ? it->second : std::string();
                const std::string shown = mapped ? current : "(aucune colonne)";
                ImGui::PushID(target.c_str());
                ImGui::SetNextItemWidth(std::min(280.0f * ctx.textScale, ctx.width - 32));
                if (ImGui::BeginCombo("##col", shown.c_str())) {
                    if (ImGui::Selectable("(aucune colonne)", !mapped)) {
                        m_mapping->columns.erase(target);
                        changed = true;
                    }
                    nameItem("classe.map." + target + ".none");
                    for (std::size_t k = 0; k < headers.size(); ++k) {
                        const std::string& h = headers[k];
                        ImGui::PushID(static_cast<int>(k));
                        if (ImGui::Selectable(h.c_str(), mapped && current == h)) {
                            m_mapping->columns[target] = h;
                            changed = true;
                        }
                        nameItem("classe.map." + target + "." + std::to_string(k));
                        ImGui::PopID();
                    }
                    ImGui::EndCombo();
                }
                const std::string name = "classe.map." + target;
                nameItem(name);
                if (comboInMirror("##col", name, std::string("Colonne pour « ") + targetLabel(target) + " »",
                                  mapped ? "« " + current + " »" : shown)) {
                    if (choiceInMirror("(aucune colonne)", !mapped, name + ".none")) {
                        m_mapping->columns.erase(target);
                        changed = true;
                    }
                    for (std::size_t k = 0; k < headers.size(); ++k)
                        if (choiceInMirror("« " + headers[k] + " »", mapped && current == headers[k], name + "." + std::to_string(k))) {
                            m_mapping->columns[target] = headers[k];
                            changed = true;
                        }
                }
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        if (changed) recheck(ctx);
        if (m_fatal.empty() && !m_list->unusedHeaders.empty()) {
            std::string unused;
            for (const auto& h : m_list->unusedHeaders) unused += (unused.empty() ? "« " : ", « ") + h + " »";
            say("Colonnes non utilisées : " + unused + ".", &theme::kMuted);
        }
        // The file as it is, to check the columns against: the first rows.
        const auto& recs = m_preview.records;
        if (recs.size() > 1 && !headers.empty()) {
            ImGui::TextUnformatted("Aperçu des premières lignes :");
            const int cols = static_cast<int>(std::min<std::size_t>(headers.size(), 8));
            if (ImGui::BeginTable("classe.preview", cols, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
                for (int c = 0; c < cols; ++c) ImGui::TableSetupColumn(headers[static_cast<std::size_t>(c)].c_str());
                ImGui::TableHeadersRow();
                for (std::size_t r = 1; r < recs.size() && r <= 5; ++r) {
                    ImGui::TableNextRow();
                    for (int c = 0; c < cols; ++c) {
                        ImGui::TableNextColumn();
                        const auto& cells = recs[r].cells;
                        if (static_cast<std::size_t>(c) < cells.size()) ImGui::TextWrapped("%s", cells[static_cast<std::size_t>(c)].c_str());
                    }
                }
                ImGui::EndTable();
            }
            nameItem("classe.preview");
        }
    }

    // The file's column names (from the core's reading, or the CSV's first record when the reading failed).
    [[nodiscard]] const std::vector<std::string>& headers() const {
        static const std::vector<std::string> none;
        if (m_list && !m_list->headers.empty()) return m_list->headers;
        return m_preview.records.empty() ? none : m_preview.records.front().cells;
    }

    // A bounded list (a class list may have a thousand rows): a child window with a clipper.
    template <typename Fn>
    static void boundedList(const char* id, int count, Fn drawRow) {
        const float line = ImGui::GetTextLineHeightWithSpacing();
        const float h = line * static_cast<float>(std::min(count, 8)) + ImGui::GetStyle().WindowPadding.y * 2;
        ImGui::BeginChild(id, {0, h}, true);
        ImGuiListClipper clipper;
        clipper.Begin(count);
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) drawRow(i);
        ImGui::EndChild();
    }

    void drawRows(AppContext& ctx) {
        ImGui::Separator();
        std::vector<const pd::CheckedRow*> errors;
        for (const auto& c : m_checked)
            if (!c.error.empty()) errors.push_back(&c);
        m_summary = std::to_string(m_checked.size() - errors.size()) + " élève(s) lu(s), " + std::to_string(errors.size()) +
                    " ligne(s) en erreur";
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextUnformatted(m_summary.c_str());
        ImGui::PopFont();
        nameItem("classe.summary");
        mirrorSay(m_mirror, m_summary);
        if (!errors.empty()) {
            say("Lignes en erreur (corrigez le fichier ou la correspondance des colonnes, puis rechoisissez-le) :");
            for (std::size_t i = 0; i < errors.size() && i < kMirrorRows; ++i)
                mirrorSayf(m_mirror, "Ligne %zu%s%s%s : %s", errors[i]->line, errors[i]->name.empty() ? "" : " (", errors[i]->name.c_str(),
                           errors[i]->name.empty() ? "" : ")", errors[i]->error.c_str());
            mirrorMore(m_mirror, errors.size(), kMirrorRows);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
            boundedList("classe.errors", static_cast<int>(errors.size()), [&](int i) {
                const auto* c = errors[static_cast<std::size_t>(i)];
                const std::string who = c->name.empty() ? "" : " (" + c->name + ")";
                ImGui::TextWrapped("Ligne %zu%s : %s", c->line, who.c_str(), c->error.c_str());
            });
            ImGui::PopStyleColor();
            nameItem("classe.errors");
        }
        if (m_eligible.empty()) {
            say("Aucun dispositif n’a de dossier à préparer (règles ou définitions illisibles).");
            return;
        }
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Dispositif :");
        ImGui::SameLine();
        std::string current = m_scheme;
        for (const auto& s : m_eligible)
            if (s.id == m_scheme) current = s.title + " (" + std::to_string(s.eligible) + ")";
        ImGui::SetNextItemWidth(std::min(520.0f * ctx.textScale, ctx.width - 32));
        if (ImGui::BeginCombo("##dispositif", current.c_str())) {
            for (const auto& s : m_eligible) {
                const std::string label = s.title + " (" + std::to_string(s.eligible) + " élève(s) éligible(s))";
                ImGui::PushID(s.id.c_str());
                const bool chosen = ImGui::Selectable(label.c_str(), s.id == m_scheme);
                nameItem("classe.scheme." + s.id);
                if (chosen) {
                    app::requestFrames();
                    m_scheme = s.id;
                    m_result.clear();
                    m_created = 0;
                }
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        nameItem("classe.scheme");
        if (comboInMirror("##dispositif", "classe.scheme", "Dispositif", current))
            for (const auto& s : m_eligible)
                if (choiceInMirror(s.title + " (" + std::to_string(s.eligible) + " élève(s) éligible(s))", s.id == m_scheme, "classe.scheme." + s.id)) {
                    app::requestFrames();
                    m_scheme = s.id;
                    m_result.clear();
                    m_created = 0;
                }
        std::vector<const pd::CheckedRow*> ok;
        std::vector<std::pair<const pd::CheckedRow*, std::string>> refused;
        split(ok, refused);
        ImGui::Text("Dossier possible pour %zu élève(s) :", ok.size());
        nameItem("classe.valid.count");
        mirrorSayf(m_mirror, "Dossier possible pour %zu élève(s) :", ok.size());
        if (!ok.empty()) {
            boundedList("classe.valid", static_cast<int>(ok.size()), [&](int i) {
                const auto* c = ok[static_cast<std::size_t>(i)];
                const std::string cls = c->row ? c->row->className : std::string();
                ImGui::Text("Ligne %zu : %s%s%s", c->line, c->name.c_str(), cls.empty() ? "" : " — ", cls.c_str());
            });
            nameItem("classe.valid");
        }
        if (!refused.empty()) {
            ImGui::Text("Pas de dossier pour ce dispositif (%zu) :", refused.size());
            mirrorSayf(m_mirror, "Pas de dossier pour ce dispositif (%zu) :", refused.size());
            for (std::size_t i = 0; i < refused.size() && i < kMirrorRows; ++i)
                mirrorSayf(m_mirror, "Ligne %zu (%s) : %s", refused[i].first->line, refused[i].first->name.c_str(), refused[i].second.c_str());
            mirrorMore(m_mirror, refused.size(), kMirrorRows);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
            boundedList("classe.refused", static_cast<int>(refused.size()), [&](int i) {
                const auto& [c, why] = refused[static_cast<std::size_t>(i)];
                ImGui::TextWrapped("Ligne %zu (%s) : %s", c->line, c->name.c_str(), why.c_str());
            });
            ImGui::PopStyleColor();
            nameItem("classe.refused");
        }
    }

    void drawCreate(AppContext& ctx) {
        std::vector<const pd::CheckedRow*> ok;
        std::vector<std::pair<const pd::CheckedRow*, std::string>> refused;
        split(ok, refused);
        const bool readOnly = dossierStoreReadOnly();
        const bool disabled = ok.empty() || readOnly || m_created > 0 || !dossierDefs();
        ImGui::Spacing();
        const std::string label = ok.size() == 1 ? std::string("Créer 1 dossier") : "Créer " + std::to_string(ok.size()) + " dossiers";
        if (disabled) { // on the canvas, greyed; neither in the ring nor in the mirror (nothing it could do)
            ImGui::BeginDisabled();
            (void)wrapButton(label.c_str());
            nameItem("classe.create");
            ImGui::EndDisabled();
        } else if (m_focus.button(label, {0, 0}, "classe.create")) {
            create(ctx, ok);
        }
        if (readOnly) say("Cet onglet est en lecture seule : les dossiers se créent dans l’autre onglet.");
        if (!m_result.empty()) {
            say(m_result, m_refused.empty() ? &theme::kOk : &theme::kWarning);
            nameItem("classe.result");
            for (const auto& r : m_refused) {
                ImGui::BulletText("%s", r.c_str());
                mirrorSay(m_mirror, r);
            }
            if (m_focus.button("Voir les dossiers", {0, 0}, "classe.to_table")) ctx.router.go("etablissement");
        }
    }

    void create(AppContext& ctx, const std::vector<const pd::CheckedRow*>& ok) {
        std::vector<std::size_t> lines;
        for (const auto* c : ok) lines.push_back(c->line);
        m_refused.clear();
        // The core makes the dossiers (prefilled with the pupil, the class and the profile), as the CLI's
        // checks do; the service saves each one through the store.
        auto made = pd::createClassListDossiers(*dossierDefs(), m_checked, lines, m_scheme, m_profile, m_role, &m_refused);
        std::string error;
        std::size_t saved = 0;
        for (const auto& d : made) {
            if (saveStoredDossier(d, &error)) ++saved;
            else m_refused.push_back(d.title + " : " + error);
        }
        m_created = static_cast<int>(saved);
        app::requestFrames();
        if (auto* store = dossierStore(); store && m_mapping) (void)store->putSetting("classlist-mapping", m_mapping->toJson());
        if (establishmentRole().empty()) (void)setEstablishmentRole(m_role, nullptr);
        m_result = saved == 1 ? std::string("1 dossier créé.") : std::to_string(saved) + " dossiers créés.";
        (void)ctx;
    }

    struct SchemeCount {
        std::string id;
        std::string title;
        int eligible = 0;
    };

    static constexpr std::size_t kMirrorRows = 30; // rows of each list read in the mirror (the canvas scrolls the rest)
    FocusRing m_focus;
    platform::ScreenMirror m_mirror;
    int m_lastFrame = -10;
    std::string m_mirrorOpen; // the combo whose choices the mirror lists
    std::string m_summary;    // « n élève(s) lu(s), … »
    bool m_onTyped = false;   // the date was typed in the mirror and not yet read
    std::optional<RuleSet> m_rules;
    bool m_rulesTried = false;
    std::string m_fileName;
    std::string m_bytes;
    bool m_pending = false;
    std::string m_fatal;
    pd::CsvTable m_preview;
    std::optional<pd::ColumnMapping> m_mapping;
    std::unique_ptr<pd::ClassList> m_list; // m_checked points into it: it never moves while they live
    std::vector<pd::CheckedRow> m_checked;
    std::vector<SchemeCount> m_eligible;
    pd::ClassListProfile m_profile;
    std::string m_profileNote;
    std::string m_role;
    std::optional<CivilDate> m_on; // the person's « vérifier comme au »; else the app's reference date
    std::string m_onInput, m_onError;
    std::string m_scheme;
    std::string m_result;
    std::vector<std::string> m_refused;
    int m_created = 0;

public:
    // What the end-to-end tests read (see dossier_glue.cpp).
    [[nodiscard]] Json testState() const {
        Json errors = Json::array();
        for (const auto& c : m_checked)
            if (!c.error.empty()) errors.push_back({{"line", c.line}, {"error", c.error}});
        std::vector<const pd::CheckedRow*> ok;
        std::vector<std::pair<const pd::CheckedRow*, std::string>> refused;
        if (!m_scheme.empty()) split(ok, refused);
        Json mapping = m_mapping ? m_mapping->toJson() : Json::object();
        return {{"file", m_fileName}, {"fatal", m_fatal}, {"rows", m_checked.size()}, {"errors", errors},
                {"valid", ok.size()}, {"refused", refused.size()}, {"scheme", m_scheme}, {"role", m_role},
                {"mapping", mapping}, {"created", m_created}, {"result", m_result},
                {"on", m_on ? formatIsoDate(*m_on) : std::string()}};
    }
};

ClassListView* g_view = nullptr;

struct Registrar {
    Registrar() {
        auto v = std::make_unique<ClassListView>();
        g_view = v.get();
        registerView(std::move(v));
    }
};
const Registrar g_registrar;

} // namespace

Json classListTestState() { return g_view ? g_view->testState() : Json::object(); }

} // namespace passerelle::ui
