// French fonts: explicit glyph ranges (ImGui's default stops at U+00FF, so œ, € and — would be "?").
#include "app/fonts.hpp"

#include "ui/theme.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h> // ImTextCharFromUtf8

#include <algorithm>
#include <cmath>

namespace passerelle::app {
namespace {

// Body text: Latin-1, Latin Extended-A (œ Œ, and the ł ş ğ ı of pupils' names), the punctuation French
// typography uses (‐ – — ‘ ’ “ ” „ • … ‰ ‹ ›, thin and narrow no-break spaces), €, arrows, ✓ ✗, ▲–▼.
// Every glyph costs start-up time (rasterised before the first frame), so the ranges are explicit.
const ImWchar kRanges[] = {0x0020, 0x017F, 0x2009, 0x2009, 0x2010, 0x2027, 0x202F, 0x2030, 0x2039, 0x203A,
                           0x20AC, 0x20AC, 0x2190, 0x2193, 0x2713, 0x2713, 0x2717, 0x2717, 0x25B2, 0x25BC, 0};
// Titles: the same without Latin Extended-A beyond Œ œ Ÿ.
const ImWchar kTitleRanges[] = {0x0020, 0x00FF, 0x0152, 0x0153, 0x0178, 0x0178, 0x2009, 0x2009, 0x2010, 0x2027,
                                0x202F, 0x2030, 0x2039, 0x203A, 0x20AC, 0x20AC, 0x2190, 0x2193, 0};

constexpr const char* kRegular = "/fonts/DejaVuSans-subset.ttf";
constexpr const char* kBold = "/fonts/DejaVuSans-Bold-subset.ttf";

ImFont* load(const char* path, float cssSize, float dpr, const ImWchar* ranges = kRanges) {
    ImFontConfig cfg;
    cfg.OversampleH = 1; // glyphs are rasterised at device resolution already; 2× would double start-up cost
    cfg.OversampleV = 1;
    ImFont* font = ImGui::GetIO().Fonts->AddFontFromFileTTF(path, std::round(cssSize * dpr), &cfg, ranges);
    return font ? font : ImGui::GetIO().Fonts->AddFontDefault();
}

} // namespace

ui::Fonts buildFonts(float dpr, float textScale) {
    const float px = dpr * textScale;
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts->Clear();
    ui::Fonts fonts;
    fonts.body = load(kRegular, 17.0f, px);
    fonts.bold = load(kBold, 17.0f, px);
    fonts.title = load(kBold, 24.0f, px, kTitleRanges);
    io.FontDefault = fonts.body;
    io.FontGlobalScale = 1.0f / dpr;
    ImGui_ImplOpenGL3_CreateFontsTexture();
    return fonts;
}

namespace {
AppliedDisplay g_applied;
} // namespace

bool refreshDisplay(ui::AppContext& ctx, float dpr) {
    // textScale may be set by anyone (the settings screen, a kiosk session): read it every frame, clamped.
    const float scale = std::clamp(ctx.textScale, 1.0f, 2.0f);
    const bool fontsStale = g_applied.dpr != dpr || g_applied.textScale != scale;
    if (!fontsStale && g_applied.highContrast == ctx.highContrast) return false;
    if (fontsStale) ctx.fonts = buildFonts(dpr, scale);
    ui::theme::apply(scale, ctx.highContrast);
    g_applied = {dpr, scale, ctx.highContrast};
    return fontsStale;
}

AppliedDisplay appliedDisplay() { return g_applied; }

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
