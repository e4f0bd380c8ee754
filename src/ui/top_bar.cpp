// The top bar and its storage indicator (« Enregistré / Enregistrement… / Erreur d'enregistrement »).
#include "ui/top_bar.hpp"

#include "platform/storage.hpp"
#include "ui/dossier_service.hpp"
#include "ui/theme.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace passerelle::ui {
namespace {

struct Indicator {
    const char* text;
    ImVec4 colour;
};

Indicator indicatorFor(platform::StorageStatus status) {
    switch (status) {
    case platform::StorageStatus::Saved: return {"Enregistré", theme::kOk};
    case platform::StorageStatus::Saving: return {"Enregistrement…", theme::kWarning};
    case platform::StorageStatus::Error: return {"Erreur d’enregistrement", theme::kError};
    case platform::StorageStatus::Unavailable: return {"Stockage indisponible", theme::kError};
    case platform::StorageStatus::ReadOnly: return {"Lecture seule", theme::kWarning};
    }
    return {"", theme::kMuted};
}

} // namespace

void drawTopBar(AppContext& ctx, const View& view) {
    if (!ctx.router.atHome()) {
        if (ImGui::Button("← Accueil")) ctx.router.go("home");
        nameItem("nav.home");
        ImGui::SameLine();
    }
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Passerelle");
    ImGui::PopFont();
    const platform::StorageStatus status = platform::storageStatus();
    const Indicator ind = indicatorFor(status);
    const float textW = ImGui::CalcTextSize(ind.text).x + ImGui::GetFontSize() * 1.2f;

    // On a phone the view title and the indicator do not both fit beside the name: the title then goes
    // on its own line under the bar rather than being drawn over the indicator.
    const std::string_view title = view.title();
    bool titleOnOwnLine = false;
    if (!ctx.router.atHome()) {
        ImGui::SameLine();
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const float need = ImGui::CalcTextSize("—").x + spacing +
                           ImGui::CalcTextSize(title.data(), title.data() + title.size()).x + spacing;
        const float avail = ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX() - textW;
        titleOnOwnLine = need > avail;
        if (!titleOnOwnLine) {
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted("—");
            ImGui::SameLine();
            ImGui::TextUnformatted(title.data(), title.data() + title.size());
        }
    }

    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - textW));
    ImGui::AlignTextToFramePadding();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float r = ImGui::GetFontSize() * 0.28f;
    ImGui::GetWindowDrawList()->AddCircleFilled({p.x + r, p.y + ImGui::GetFrameHeight() * 0.5f}, r,
                                                ImGui::GetColorU32(ind.colour));
    ImGui::SetCursorScreenPos({p.x + r * 2 + 6, p.y});
    ImGui::PushStyleColor(ImGuiCol_Text, ind.colour);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ind.text);
    ImGui::PopStyleColor();
    nameItem("storage.status");
    if (titleOnOwnLine) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(title.data(), title.data() + title.size());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }

    // Not ok: say it in a sentence under the bar, where it cannot be missed.
    if (status == platform::StorageStatus::Error || status == platform::StorageStatus::Unavailable ||
        status == platform::StorageStatus::ReadOnly) {
        const std::string detail = platform::storageDetail();
        if (!detail.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, status == platform::StorageStatus::ReadOnly ? theme::kWarning : theme::kError);
            ImGui::TextWrapped("%s", detail.c_str());
            ImGui::PopStyleColor();
            nameItem("storage.detail");
        }
    }
    // The dossier store's own problems (a file set aside, a write refused): said, never hidden.
    const std::string storeProblem = dossierStoreProblem();
    if (!storeProblem.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
        ImGui::TextWrapped("%s", storeProblem.c_str());
        ImGui::PopStyleColor();
        nameItem("storage.dossiers");
    }
    if (status == platform::StorageStatus::Error || dossierStoreNeedsRetry()) {
        if (ImGui::Button("Réessayer")) (void)retryDossierStore();
        nameItem("storage.retry");
    }
    ImGui::Separator();
}

} // namespace passerelle::ui
