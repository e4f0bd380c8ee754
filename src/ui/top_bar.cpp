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
    const bool atHome = ctx.router.atHome();
    float x = ImGui::GetCursorStartPos().x; // where the next item of the first line would start
    if (!atHome) {
        if (FocusRing::barButton("← Accueil", "nav.home")) ctx.router.go("home");
        x = afterLast();
    }

    // Right of the bar: « Affichage » (text size, contrast) and the storage indicator. What does not fit
    // goes on the next line (a phone, or text at 200 %) instead of being drawn over or cut.
    const platform::StorageStatus status = platform::storageStatus();
    const Indicator ind = indicatorFor(status);
    const float r = ImGui::GetFontSize() * 0.28f;
    const float dotW = r * 2 + 6 * ctx.textScale;
    const float indW = dotW + ImGui::CalcTextSize(ind.text).x;
    const auto buttonW = [&](const char* label) { return ImGui::CalcTextSize(label, nullptr, true).x + st.FramePadding.x * 2; };
    constexpr const char* kLong = "Aa Affichage###nav.display";
    constexpr const char* kShort = "Aa###nav.display";

    // The name is decoration beside « Accueil »: on a narrow line it gives way to the controls.
    ImGui::PushFont(ctx.fonts.bold);
    const float brandW = ImGui::CalcTextSize("Passerelle").x;
    const float groupShortW = buttonW(kShort) + spacing + indW;
    const bool brand = atHome || x + brandW + spacing + groupShortW <= right ||
                       (x + groupShortW > right && x + brandW + spacing + buttonW(kShort) <= right);
    if (brand) {
        if (!atHome) ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Passerelle");
        x = afterLast();
    }
    ImGui::PopFont();

    // « Aa Affichage » where it fits with the indicator, else « Aa ».
    const bool groupOnFirstLine = x + buttonW(kShort) + spacing + indW <= right;
    const float lineStart = groupOnFirstLine ? x : ImGui::GetCursorStartPos().x;
    const char* display = lineStart + buttonW(kLong) + spacing + indW <= right ? kLong : kShort;
    const float groupW = buttonW(display) + spacing + indW;

    const std::string_view title = view.title();
    const float titleW = ImGui::CalcTextSize("—").x + spacing + ImGui::CalcTextSize(title.data(), title.data() + title.size()).x + spacing;
    const bool titleInline = !atHome && brand && x + titleW + groupW <= right;
    if (titleInline) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("—");
        ImGui::SameLine();
        ImGui::TextUnformatted(title.data(), title.data() + title.size());
        x = afterLast();
    }
    if (x + groupW <= right) ImGui::SameLine(right - groupW);      // right-aligned on the first line
    else if (x + buttonW(display) <= right) ImGui::SameLine();     // the button fits there, the indicator goes below
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
    if (!atHome && !titleInline) {
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
