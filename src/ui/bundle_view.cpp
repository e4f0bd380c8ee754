// « Vérifier un dossier signé »: import a bundle (and a trust list), show each section's signer, date, validity, what is missing.
//
// [SECTION] Import
// [SECTION] Verdict
// [SECTION] Sections, missing parts, manifest, attachments
#include "ui/french_date.hpp"
#include "ui/key_store.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include "core/bundle.hpp"
#include "core/dossier_def.hpp"
#include "platform/files.hpp"

#include <imgui.h>

#include <optional>
#include <string>

namespace passerelle::ui {
namespace {

void coloured(const ImVec4& colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// « 23 novembre 2026 à 15:13 (UTC) » from "2026-11-23T15:13:22Z"; anything else is shown as written.
std::string frenchTimestamp(const std::string& iso) {
    if (iso.size() != 20 || iso[10] != 'T' || iso[19] != 'Z') return iso;
    return frenchLongDate(iso.substr(0, 10)) + " à " + iso.substr(11, 5) + " (UTC)";
}

std::string capitalised(std::string s) {
    // The role labels start with an ASCII article (« le CFA », « l'élève »).
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// Puts the next button on the same line only when it fits (a phone gets them stacked).
void sameLineIfFits(const char* label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2.0f;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + w <= right) ImGui::SameLine();
}

class BundleView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "dossier-signe"; }
    [[nodiscard]] std::string_view title() const override { return "Dossier signé"; }
    [[nodiscard]] std::optional<Door> door() const override {
        return Door{40, "Dossiers signés", "Vérifier un dossier signé, section par section ; créer ma clé."};
    }

    void draw(AppContext& ctx) override {
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextWrapped("Vérifier un dossier signé");
        ImGui::PopFont();
        coloured(theme::kMuted, kWhatSignaturesProve);
        nameItem("bundle.what_it_proves");
        ImGui::Spacing();
        drawImport();
        ImGui::Spacing();
        if (m_report) {
            ImGui::Separator();
            ImGui::Spacing();
            drawVerdict(ctx);
            drawSections(ctx);
            drawMissing(ctx);
            drawAttachments(ctx);
        }
        ImGui::Spacing();
        if (wrapButton("Mes clés")) ctx.router.go("cles");
        nameItem("bundle.to_keys");
        sameLineIfFits("Retour à l’accueil");
        if (wrapButton("Retour à l’accueil")) ctx.router.go("home");
        nameItem("bundle.home");
    }

private:
    // -------------------------------------------------------------------------
    // [SECTION] Import
    // -------------------------------------------------------------------------
    void drawImport() {
        if (wrapButton("Ouvrir un dossier signé (JSON)…")) {
            platform::filesPick(".json,application/json", [this](std::string name, std::string bytes) {
                m_bundleName = std::move(name);
                m_bundleText = std::move(bytes);
                verify();
            });
        }
        nameItem("bundle.open");
        sameLineIfFits("Utiliser une liste de clés (JWKS)…");
        if (wrapButton("Utiliser une liste de clés (JWKS)…")) {
            platform::filesPick(".json,.jwks,application/json", [this](std::string name, std::string bytes) {
                std::string error;
                auto list = TrustList::parse(bytes, &error);
                if (list) {
                    m_trust = std::move(list);
                    m_trustName = std::move(name);
                    m_trustError.clear();
                } else {
                    m_trustError = "« " + name + " » n’a pas été retenue : " + error;
                }
                if (!m_bundleText.empty()) verify();
            });
        }
        nameItem("bundle.trust");
        if (m_trust) {
            coloured(theme::kMuted, "Clés reconnues : « " + m_trustName + " » (" + std::to_string(m_trust->keys().size()) +
                                        " clé" + (m_trust->keys().size() > 1 ? "s" : "") + ").");
        } else {
            coloured(theme::kMuted, "Clés reconnues : vos clés de confiance (« Mes clés »).");
        }
        if (!m_trustError.empty()) {
            coloured(theme::kError, m_trustError);
            nameItem("bundle.trust.error");
        }
    }

    void verify() {
        // Without a list given here, the keys the person trusts on this device are used.
        std::string storedError;
        const TrustList stored = storedTrustList(&storedError);
        m_report = verifyBundle(m_bundleText, m_trust ? &*m_trust : &stored);
    }

    // -------------------------------------------------------------------------
    // [SECTION] Verdict
    // -------------------------------------------------------------------------
    void drawVerdict(AppContext& ctx) {
        const BundleReport& r = *m_report;
        ImGui::TextWrapped("Fichier : %s", m_bundleName.c_str());
        ImGui::PushFont(ctx.fonts.bold);
        if (!r.readable) {
            coloured(theme::kError, "Ce fichier n’est pas un dossier signé lisible.");
            nameItem("bundle.unreadable");
        } else if (!r.valid) {
            coloured(theme::kError, "Dossier refusé : une signature ne tient pas.");
            nameItem("bundle.invalid");
        } else if (r.complete()) {
            coloured(theme::kOk, "Signatures valides, dossier complet.");
            nameItem("bundle.valid");
            nameItem("bundle.complete");
        } else {
            coloured(theme::kOk, "Signatures valides, mais le dossier n’est pas encore complet.");
            nameItem("bundle.valid");
            nameItem("bundle.incomplete");
        }
        ImGui::PopFont();
        if (!r.error.empty()) {
            coloured(theme::kError, "Raison : " + r.error);
            nameItem("bundle.error");
            // The core names the faulty section as « id »: tests (and screen readers) find it by name.
            const auto open = r.error.find("section « ");
            if (open != std::string::npos) {
                const auto from = open + std::string("section « ").size();
                const auto close = r.error.find(" »", from);
                if (close != std::string::npos) nameItem("bundle.error.section." + r.error.substr(from, close - from));
            }
        }
        if (r.readable && !r.bundleId.empty())
            coloured(theme::kMuted, "Dossier " + r.bundleId + " — dispositif " + r.scheme);
        ImGui::Spacing();
    }

    // -------------------------------------------------------------------------
    // [SECTION] Sections, missing parts, manifest, attachments
    // -------------------------------------------------------------------------
    void drawSections(AppContext& ctx) {
        const BundleReport& r = *m_report;
        if (!r.valid) return; // an invalid bundle proves nothing about its other sections: none is shown as signed
        for (const auto& s : r.sections) {
            ImGui::PushID(s.id.c_str());
            ImGui::PushFont(ctx.fonts.bold);
            ImGui::TextWrapped("Section « %s » — %s, version %lld", s.id.c_str(),
                               capitalised(dossiers::roleLabel(s.role)).c_str(), static_cast<long long>(s.version));
            ImGui::PopFont();
            nameItem("bundle.section." + s.id);
            ImGui::Indent();
            coloured(theme::kOk, "Signature valide, contenu intact depuis le " + frenchTimestamp(s.signedAt) + ".");
            nameItem("bundle.section." + s.id + ".valid");
            if (s.knownKey) {
                coloured(theme::kText, "Signée par " + s.signer + " (clé connue)");
                nameItem("bundle.section." + s.id + ".known");
            } else {
                coloured(theme::kWarning, "Signée par une clé inconnue (kid " + s.kid +
                                              ") : vérifiez auprès de la partie qui vous l’a envoyée.");
                nameItem("bundle.section." + s.id + ".unknown");
            }
            if (!s.previous.empty()) coloured(theme::kMuted, "Remplace une version précédente, reliée par son empreinte.");
            ImGui::Unindent();
            ImGui::PopID();
            ImGui::Spacing();
        }
    }

    void drawMissing(AppContext& ctx) {
        const BundleReport& r = *m_report;
        if (!r.valid) return;
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextWrapped("Ce qui manque");
        ImGui::PopFont();
        bool any = false;
        for (const auto& [id, role] : r.missing) {
            coloured(theme::kWarning, "• Section « " + id + " » : pas encore signée par " + dossiers::roleLabel(role) + ".");
            nameItem("bundle.missing." + id);
            any = true;
        }
        if (!r.manifestPresent) {
            coloured(theme::kWarning, "• Le manifeste, que chaque partie co-signe une fois toutes les sections signées.");
            nameItem("bundle.manifest.missing");
            any = true;
        } else {
            std::string signers;
            for (std::size_t i = 0; i < r.manifestSigners.size(); ++i)
                signers += (i ? ", " : "") + dossiers::roleLabel(r.manifestSigners[i]);
            coloured(theme::kText, "Manifeste co-signé par : " + signers + ".");
            nameItem("bundle.manifest.present");
            for (const auto& role : r.manifestPending) {
                coloured(theme::kWarning, "• La co-signature du manifeste par " + dossiers::roleLabel(role) + ".");
                any = true;
            }
        }
        if (!any) {
            coloured(theme::kOk, "Rien : toutes les sections sont signées et le manifeste est co-signé.");
            nameItem("bundle.nothing_missing");
        }
        ImGui::Spacing();
    }

    void drawAttachments(AppContext& ctx) {
        const BundleReport& r = *m_report;
        if (!r.valid || r.attachments.empty()) return;
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextWrapped("Pièces jointes");
        ImGui::PopFont();
        for (const auto& a : r.attachments) {
            coloured(theme::kText, "• " + a.name + " (section « " + a.section + " ») : " +
                                       (a.embedded ? "incluse et intacte" : "référencée par son empreinte SHA-256, à joindre à part"));
        }
        ImGui::Spacing();
    }

    std::string m_bundleName, m_bundleText;
    std::optional<BundleReport> m_report;
    std::optional<TrustList> m_trust;
    std::string m_trustName, m_trustError;
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::BundleView);
