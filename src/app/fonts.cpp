// French fonts: explicit glyph ranges (ImGui's default stops at U+00FF, so œ, € and — would be "?").
#include "app/fonts.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h> // ImTextCharFromUtf8

#include <cmath>

namespace passerelle::app {
namespace {

// Latin-1, Latin Extended-A (œ Œ), general punctuation (— ’ « » … are in Latin-1 or here), €, arrows,
// ✓ ✗ and ▲–▼: what setup.sh keeps in the subset.
const ImWchar kRanges[] = {0x0020, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0x2190, 0x2193,
                           0x2713, 0x2713, 0x2717, 0x2717, 0x25B2, 0x25BC, 0};

constexpr const char* kRegular = "/fonts/DejaVuSans-subset.ttf";
constexpr const char* kBold = "/fonts/DejaVuSans-Bold-subset.ttf";

ImFont* load(const char* path, float cssSize, float dpr) {
    ImFontConfig cfg;
    cfg.OversampleH = dpr >= 2.0f ? 1 : 2; // at 2× the device pixels are fine enough on their own
    cfg.OversampleV = 1;
    ImFont* font = ImGui::GetIO().Fonts->AddFontFromFileTTF(path, std::round(cssSize * dpr), &cfg, kRanges);
    return font ? font : ImGui::GetIO().Fonts->AddFontDefault();
}

} // namespace

ui::Fonts buildFonts(float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts->Clear();
    ui::Fonts fonts;
    fonts.body = load(kRegular, 17.0f, dpr);
    fonts.bold = load(kBold, 17.0f, dpr);
    fonts.title = load(kBold, 24.0f, dpr);
    io.FontDefault = fonts.body;
    io.FontGlobalScale = 1.0f / dpr;
    ImGui_ImplOpenGL3_CreateFontsTexture();
    return fonts;
}

std::vector<std::string> missingFrenchGlyphs() {
    static const char* const kNeeded[] = {"é", "è", "ê", "à", "ç", "ù", "ô", "î", "É", "œ", "Œ",
                                          "€", "—", "–", "«", "»", "’", "…", "←"};
    std::vector<std::string> missing;
    const ImFont* font = ImGui::GetIO().FontDefault;
    for (const char* c : kNeeded) {
        unsigned int cp = 0;
        ImTextCharFromUtf8(&cp, c, nullptr);
        if (!font || !font->FindGlyphNoFallback(static_cast<ImWchar>(cp))) missing.emplace_back(c);
    }
    return missing;
}

} // namespace passerelle::app
