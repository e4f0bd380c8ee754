// « Conservation » (view "conservation"): dossiers kept past their retention date, deleted for good on confirmation.
#include "app/frame_loop.hpp"
#include "core/retention.hpp"
#include "platform/storage.hpp"
#include "ui/dossier_service.hpp"
#include "ui/embedded_rules.hpp"
#include "ui/focus_ring.hpp"
#include "ui/profile_store.hpp"
#include "ui/theme.hpp"
#include "ui/vault_service.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <set>
#include <string>

namespace passerelle::ui {
namespace {

const RuleSet* rules() {
    // The window end of each scheme comes from the rule packs compiled into the app.
    static const std::optional<RuleSet> set = [] {
        std::vector<RuleError> errors;
        return RuleSet::fromFiles(embeddedRuleFiles(), &errors);
    }();
    return set ? &*set : nullptr;
}

CivilDate today() {
    const dossiers::Ymd t = dossiers::todayUtc();
    return {t.year, t.month, t.day};
}

class RetentionView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "conservation"; }
    [[nodiscard]] std::string_view title() const override { return "Conservation des dossiers"; }
    [[nodiscard]] bool holdsEstablishmentData() const override { return true; }

    void draw(AppContext& ctx) override {
        // Just opened: keyboard focus goes to the first control.
        if (ImGui::GetFrameCount() != m_lastFrame + 1) m_focus.focusFirst();
        m_lastFrame = ImGui::GetFrameCount();
        m_focus.beginScreen(m_mirror, "Dossiers à supprimer"); // every ring button is also a button of the screen-reader mirror
        ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true); // Tab belongs to the focus ring
        drawScreen(ctx);
        ImGui::PopItemFlag();
        m_focus.endFrame();
        m_mirror.announcement = m_message.empty() ? m_mirror.heading : m_message;
        platform::screenReaderPublish(m_mirror);
    }

private:
    void say(const std::string& text, const ImVec4* colour = nullptr) { sayWrapped(m_mirror, text, colour); }

    void drawScreen(AppContext& ctx) {
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextWrapped("Dossiers à supprimer");
        ImGui::PopFont();
        say("Un dossier d’établissement est gardé jusqu’à la fin de sa campagne (la fin de la période de "
            "dépôt du dispositif, sinon la fin de l’année scolaire), plus le délai de conservation choisi "
            "ci-dessous. Passé ce délai, il n’a plus à être gardé : supprimez-le.");
        if (vaultUnlocked()) {
            if (m_focus.button("Verrouiller", {0, 0}, "retention.lock")) {
                vaultLock();
                app::requestFrames();
                return; // the store is gone: the gate shows from the next frame
            }
        }
        drawDelay(ctx);
        const dossiers::DirectoryStore* store = dossierStore();
        if (!store) {
            say("Les dossiers ne sont pas ouverts.");
            return;
        }
        const int delay = ctx.profile.profile.retentionMonths;
        const std::size_t count = store->summaries().size();
        if (m_stale || delay != m_delay || count != m_count || store != m_store) {
            m_store = store;
            m_list = dossiers::expiredDossiers(*store, rules(), delay, today());
            m_delay = delay;
            m_count = count;
            m_stale = false;
            std::set<std::string> still;
            for (const auto& e : m_list)
                if (m_selected.count(e.id)) still.insert(e.id);
            m_selected = std::move(still);
        }
        drawList();
        if (!m_message.empty()) {
            say(m_message, m_messageOk ? &theme::kOk : &theme::kError);
            nameItem(m_messageOk ? "retention.message.ok" : "retention.message.error");
        }
    }

    // The delay in months, typed (canvas or mirror) and read when the field is left or Enter pressed: a
    // plain field, in the ring (ImGui's InputInt step buttons could not be reached by Tab).
    void drawDelay(AppContext& ctx) {
        int& months = ctx.profile.profile.retentionMonths;
        auto set = [&](int value) {
            value = std::clamp(value, 0, kRetentionMonthsMax);
            if (value == months) return;
            months = value;
            saveProfile(ctx.profile);
        };
        const ImGuiID id = ImGui::GetID("##delai");
        // The field shows the saved delay, except while it is being typed or holds a refused value.
        if (ImGui::GetActiveID() != id && !m_delayTyped && m_delayError.empty()) m_delayInput = std::to_string(months);
        if (takeMirrorText("retention.delay", id, m_delayInput)) m_delayTyped = true;
        const std::size_t field = mirrorField(m_mirror, "Mois de conservation après la fin de la campagne (0 à 120)", "retention.delay",
                                              m_delayInput, "retention.delay.commit");
        static_assert(kRetentionMonthsMax == 120, "the field's label says the bounds");
        m_focus.fieldBefore(id);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
        const bool entered = ImGui::InputText("##delai", &m_delayInput, ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
        nameItem("retention.delay");
        const bool mirrorCommit = platform::screenReaderActivated("retention.delay.commit") && m_delayTyped;
        if (entered || ImGui::IsItemDeactivatedAfterEdit() || mirrorCommit) {
            m_delayTyped = false;
            const std::string& t = m_delayInput;
            int value = t.empty() || t.size() > 3 ? -1 : 0;
            for (char c : t) value = value < 0 || c < '0' || c > '9' ? -1 : value * 10 + (c - '0');
            if (value < 0 || value > kRetentionMonthsMax) {
                m_delayError = "« " + t + " » n’est pas un nombre de mois entre 0 et " + std::to_string(kRetentionMonthsMax) + ".";
            } else {
                m_delayError.clear();
                set(value);
            }
        }
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextWrapped("mois de conservation après la fin de la campagne");
        if (!m_delayError.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
            ImGui::TextWrapped("%s", m_delayError.c_str());
            ImGui::PopStyleColor();
            nameItem("retention.delay.error");
        }
        m_mirror.items[field].error = m_delayError; // read with the field (aria-describedby)
        if (!ctx.profile.saveError.empty()) say(ctx.profile.saveError, &theme::kError);
        ImGui::Spacing();
    }

    void drawList() {
        say("Dossiers dont la conservation est terminée : " + std::to_string(m_list.size()));
        nameItem("retention.count");
        if (m_list.empty()) return;
        if (m_focus.button(m_selected.size() == m_list.size() ? "Tout désélectionner" : "Tout sélectionner", {0, 0}, "retention.select_all")) {
            if (m_selected.size() == m_list.size()) m_selected.clear();
            else
                for (const auto& e : m_list) m_selected.insert(e.id);
        }
        constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("retention.table", 4, kFlags)) {
            ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn("Dossier");
            ImGui::TableSetupColumn("Dispositif");
            ImGui::TableSetupColumn("Conservé jusqu’au");
            ImGui::TableHeadersRow();
            int row = 0;
            for (const auto& e : m_list) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                bool on = m_selected.count(e.id) > 0;
                const Scheme* s = rules() ? rules()->findScheme(e.scheme) : nullptr;
                const std::string until = formatFrenchDate(e.retention.until);
                const std::string name = "retention.row." + std::to_string(row);
                ImGui::PushID(e.id.c_str());
                bool toggled = ImGui::Checkbox("##choisi", &on);
                nameItem(name);
                // Enter on the focused box, or the mirror's button, toggles it as Space and a click do.
                if (m_focus.item(name) && !toggled) {
                    on = !on;
                    toggled = true;
                }
                if (toggled) {
                    if (on) m_selected.insert(e.id);
                    else m_selected.erase(e.id);
                }
                mirrorButtonf(m_mirror, name, "%s — %s, conservé jusqu’au %s : %s", e.name.c_str(), s ? s->title.c_str() : e.scheme.c_str(),
                              until.c_str(), on ? "sélectionné" : "non sélectionné");
                ImGui::PopID();
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", e.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", s ? s->title.c_str() : e.scheme.c_str());
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", until.c_str());
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("Fin de campagne : %s (%s)", formatFrenchDate(e.retention.campaignEnd).c_str(),
                                      e.retention.basis.c_str());
                ++row;
            }
            ImGui::EndTable();
        }
        if (m_selected.empty()) m_confirming = false;
        const bool disabled = m_selected.empty() || dossierStoreReadOnly() || m_confirming;
        const std::string label = "Supprimer définitivement (" + std::to_string(m_selected.size()) + ")";
        if (disabled) { // greyed on the canvas; neither in the ring nor in the mirror
            ImGui::BeginDisabled();
            (void)ImGui::Button(label.c_str());
            nameItem("retention.delete");
            ImGui::EndDisabled();
        } else if (m_focus.button(label, {0, 0}, "retention.delete")) {
            m_confirming = true;
        }
        if (m_confirming) drawConfirm();
    }

    // Inline rather than a modal: the question stays in the page's flow, where a screen reader and the
    // keyboard find it, and no extra frame is needed for a popup to size itself.
    void drawConfirm() {
        const std::size_t n = m_selected.size();
        const std::string question = n == 1 ? std::string("Supprimer définitivement 1 dossier ?")
                                            : "Supprimer définitivement " + std::to_string(n) + " dossiers ?";
        ImGui::Spacing();
        say(question, &theme::kWarning);
        nameItem("retention.confirm.question");
        say("Ils seront effacés de ce navigateur, pièces jointes comprises. Rien ne pourra les rendre.");
        if (m_focus.button("Supprimer", {0, 0}, "retention.confirm.yes")) {
            std::string error;
            const std::vector<std::string> ids(m_selected.begin(), m_selected.end());
            const std::size_t removed = removeStoredDossiers(ids, &error);
            m_messageOk = error.empty();
            m_message = m_messageOk ? (removed == 1 ? std::string("1 dossier supprimé.")
                                                    : std::to_string(removed) + " dossiers supprimés.")
                                    : "Suppression interrompue : " + error + ".";
            m_selected.clear();
            m_stale = true;
            m_confirming = false;
            platform::storageFlush(); // deletions are worth saving at once
            app::requestFrames(); // the shorter list is drawn even if no input follows
        }
        ImGui::SameLine();
        if (m_focus.button("Annuler", {0, 0}, "retention.confirm.no")) m_confirming = false;
    }

    FocusRing m_focus;
    platform::ScreenMirror m_mirror;
    int m_lastFrame = -10;
    std::string m_delayInput, m_delayError;
    bool m_delayTyped = false; // typed in the mirror, not yet read
    std::vector<dossiers::ExpiredDossier> m_list;
    std::set<std::string> m_selected;
    bool m_stale = true;
    bool m_confirming = false;
    int m_delay = -1;
    std::size_t m_count = 0;
    const void* m_store = nullptr; // reopened on unlock: the list is made again
    std::string m_message;
    bool m_messageOk = true;
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::RetentionView);
