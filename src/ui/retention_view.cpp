// « Conservation » (view "conservation"): dossiers kept past their retention date, deleted for good on confirmation.
#include "app/frame_loop.hpp"
#include "core/retention.hpp"
#include "platform/storage.hpp"
#include "ui/dossier_service.hpp"
#include "ui/embedded_rules.hpp"
#include "ui/profile_store.hpp"
#include "ui/theme.hpp"
#include "ui/vault_service.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>

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
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextWrapped("Dossiers à supprimer");
        ImGui::PopFont();
        ImGui::TextWrapped("Un dossier d’établissement est gardé jusqu’à la fin de sa campagne (la fin de la période de "
                           "dépôt du dispositif, sinon la fin de l’année scolaire), plus le délai de conservation choisi "
                           "ci-dessous. Passé ce délai, il n’a plus à être gardé : supprimez-le.");
        if (vaultUnlocked()) {
            if (ImGui::Button("Verrouiller")) {
                vaultLock();
                app::requestFrames();
                return; // the store is gone: the gate shows from the next frame
            }
            nameItem("retention.lock");
        }
        drawDelay(ctx);
        const dossiers::DirectoryStore* store = dossierStore();
        if (!store) {
            ImGui::TextWrapped("Les dossiers ne sont pas ouverts.");
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
            ImGui::PushStyleColor(ImGuiCol_Text, m_messageOk ? theme::kOk : theme::kError);
            ImGui::TextWrapped("%s", m_message.c_str());
            ImGui::PopStyleColor();
            nameItem(m_messageOk ? "retention.message.ok" : "retention.message.error");
        }
    }

private:
    void drawDelay(AppContext& ctx) {
        int months = ctx.profile.profile.retentionMonths;
        ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 200.0f));
        if (ImGui::InputInt("mois de conservation après la fin de la campagne", &months)) {
            ctx.profile.profile.retentionMonths = std::clamp(months, 0, kRetentionMonthsMax);
            saveProfile(ctx.profile);
        }
        nameItem("retention.delay");
        if (!ctx.profile.saveError.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
            ImGui::TextWrapped("%s", ctx.profile.saveError.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::Spacing();
    }

    void drawList() {
        ImGui::TextWrapped("Dossiers dont la conservation est terminée : %zu", m_list.size());
        nameItem("retention.count");
        if (m_list.empty()) return;
        if (ImGui::Button(m_selected.size() == m_list.size() ? "Tout désélectionner" : "Tout sélectionner")) {
            if (m_selected.size() == m_list.size()) m_selected.clear();
            else
                for (const auto& e : m_list) m_selected.insert(e.id);
        }
        nameItem("retention.select_all");
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
                ImGui::PushID(e.id.c_str());
                if (ImGui::Checkbox("##choisi", &on)) {
                    if (on) m_selected.insert(e.id);
                    else m_selected.erase(e.id);
                }
                nameItem("retention.row." + std::to_string(row));
                ImGui::PopID();
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", e.name.c_str());
                ImGui::TableNextColumn();
                const Scheme* s = rules() ? rules()->findScheme(e.scheme) : nullptr;
                ImGui::TextWrapped("%s", s ? s->title.c_str() : e.scheme.c_str());
                ImGui::TableNextColumn();
                const std::string until = formatFrenchDate(e.retention.until);
                ImGui::TextWrapped("%s", until.c_str());
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("Fin de campagne : %s (%s)", formatFrenchDate(e.retention.campaignEnd).c_str(),
                                      e.retention.basis.c_str());
                ++row;
            }
            ImGui::EndTable();
        }
        if (m_selected.empty()) m_confirming = false;
        ImGui::BeginDisabled(m_selected.empty() || dossierStoreReadOnly() || m_confirming);
        const std::string label = "Supprimer définitivement (" + std::to_string(m_selected.size()) + ")";
        if (ImGui::Button(label.c_str())) m_confirming = true;
        nameItem("retention.delete");
        ImGui::EndDisabled();
        if (m_confirming) drawConfirm();
    }

    // Inline rather than a modal: the question stays in the page's flow, where a screen reader and the
    // keyboard find it, and no extra frame is needed for a popup to size itself.
    void drawConfirm() {
        const std::size_t n = m_selected.size();
        const std::string question = n == 1 ? std::string("Supprimer définitivement 1 dossier ?")
                                            : "Supprimer définitivement " + std::to_string(n) + " dossiers ?";
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
        ImGui::TextWrapped("%s", question.c_str());
        ImGui::PopStyleColor();
        nameItem("retention.confirm.question");
        ImGui::TextWrapped("Ils seront effacés de ce navigateur, pièces jointes comprises. Rien ne pourra les rendre.");
        if (ImGui::Button("Supprimer")) {
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
        nameItem("retention.confirm.yes");
        ImGui::SameLine();
        if (ImGui::Button("Annuler")) m_confirming = false;
        nameItem("retention.confirm.no");
    }

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
