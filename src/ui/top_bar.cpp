// The top bar: home, the « Affichage » settings (text size, contrast) and the storage indicator (« Enregistré… »).
#include "ui/top_bar.hpp"

#include "core/display_settings.hpp"
#include "platform/screen_reader.hpp"
#include "platform/storage.hpp"
#include "ui/dossier_service.hpp"
#include "ui/focus_ring.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

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
    FocusRing::barBeginFrame();
    platform::screenReaderFrameStart(view.title());
    std::vector<platform::MirrorItem> nav;
    if (!ctx.router.atHome()) nav.push_back(platform::MirrorItem::button("Accueil", "nav.home"));
    nav.push_back(platform::MirrorItem::button("Affichage : taille du texte (" + textScaleLabel(ctx.textScale) + ") et contraste",
                                               "nav.display"));
    platform::screenReaderPublishNav(nav);
    const ImGuiStyle& st = ImGui::GetStyle();
    const float spacing = st.ItemSpacing.x;
    const float right = ImGui::GetWindowContentRegionMax().x; // window-local x of the content's right edge
    const auto afterLast = [&] { return ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + spacing; };
    if (!ctx.router.atHome()) {
        if (FocusRing::barButton("← Accueil", "nav.home")) ctx.router.go("home");
        ImGui::SameLine();
    }
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Passerelle");
    ImGui::PopFont();

    // Right of the bar: « Affichage » (text size, contrast) and the storage indicator. What does not fit
    // beside the name goes on the next line (a phone, or text at 200 %) instead of being drawn over.
    const platform::StorageStatus status = platform::storageStatus();
    const Indicator ind = indicatorFor(status);
    const float r = ImGui::GetFontSize() * 0.28f;
    const float dotW = r * 2 + 6 * ctx.textScale;
    const float indW = dotW + ImGui::CalcTextSize(ind.text).x;
    // « Aa Affichage », or just « Aa » where even the indicator's line is too short for both (phone, 200 %).
    const char* display = "Aa Affichage###nav.display";
    float displayW = ImGui::CalcTextSize(display, nullptr, true).x + st.FramePadding.x * 2;
    if (displayW + spacing + indW > right - ImGui::GetCursorStartPos().x) {
        display = "Aa###nav.display";
        displayW = ImGui::CalcTextSize(display, nullptr, true).x + st.FramePadding.x * 2;
    }
    const float groupW = displayW + spacing + indW;

    const std::string_view title = view.title();
    const bool withTitle = !ctx.router.atHome();
    float x = afterLast();
    const float titleW = ImGui::CalcTextSize("—").x + spacing + ImGui::CalcTextSize(title.data(), title.data() + title.size()).x + spacing;
    const bool titleInline = withTitle && x + titleW + groupW <= right;
    if (titleInline) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("—");
        ImGui::SameLine();
        ImGui::TextUnformatted(title.data(), title.data() + title.size());
        x = afterLast();
    }
    if (x + groupW <= right) ImGui::SameLine(right - groupW);
    if (FocusRing::barButton(display, "nav.display")) ctx.router.go("affichage");
    if (ImGui::GetItemRectMax().x + spacing + indW <= ImGui::GetWindowPos().x + right) ImGui::SameLine();

    ImGui::AlignTextToFramePadding();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled({p.x + r, p.y + ImGui::GetFrameHeight() * 0.5f}, r,
                                                ImGui::GetColorU32(ind.colour));
    ImGui::SetCursorScreenPos({p.x + dotW, p.y});
    ImGui::PushStyleColor(ImGuiCol_Text, ind.colour);
    ImGui::AlignTextToFramePadding();
    wrappedText(ind.text);
    ImGui::PopStyleColor();
    nameItem("storage.status");
    if (withTitle && !titleInline) {
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
        if (wrapButton("Réessayer")) (void)retryDossierStore();
        nameItem("storage.retry");
    }
    ImGui::Separator();
}

} // namespace passerelle::ui
