// Door « Je vérifie mes droits »: the self-check wizard (one question per screen), its summary and the result cards.
//
// [SECTION] State, persistence
// [SECTION] Screens: intro, question, summary, results
// [SECTION] Screen-reader mirror and test state
#include "ui/rights_view.hpp"

#include "app/frame_loop.hpp"
#include "core/json_strict.hpp"
#include "core/wizard.hpp"
#include "platform/files.hpp"
#include "platform/print.hpp"
#include "platform/screen_reader.hpp"
#include "platform/storage.hpp"
#include "ui/embedded_rules.hpp"
#include "ui/focus_ring.hpp"
#include "ui/navigation.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/view.hpp"
#include "ui/verdict_dossier.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

namespace passerelle::ui {
namespace {

// -----------------------------------------------------------------------------
// [SECTION] State, persistence
// -----------------------------------------------------------------------------
constexpr int kRequesterStep = -1; // the first question: who is filling in

struct RequesterChoice {
    Role role;
    const char* label;
};
// Who may use the self-check, in the words of the person answering.
constexpr RequesterChoice kRequesters[] = {
    {Role::Eleve, "Moi, le jeune concerné"},
    {Role::Famille, "Sa famille (représentant légal)"},
    {Role::College, "Un collège"},
    {Role::Lycee, "Un lycée"},
    {Role::Cfa, "Un CFA"},
    {Role::Cio, "Un CIO"},
    {Role::MissionLocale, "Une mission locale"},
};

const char* requesterLabel(Role role) {
    for (const auto& r : kRequesters)
        if (r.role == role) return r.label;
    return "";
}

enum class Screen { Intro, Question, Summary, Results };

const char* screenToken(Screen s) {
    switch (s) {
    case Screen::Intro: return "debut";
    case Screen::Question: return "q";
    case Screen::Summary: return "reponses";
    case Screen::Results: return "resultats";
    }
    return "";
}

class RightsView;
RightsView* g_instance = nullptr;

class RightsView final : public View {
public:
    RightsView() { g_instance = this; }
    [[nodiscard]] std::string_view id() const override { return "droits"; }
    [[nodiscard]] std::string_view title() const override { return "Je vérifie mes droits"; }
    [[nodiscard]] std::optional<Door> door() const override {
        return Door{10, "Je vérifie mes droits", "Élève, famille : quelques questions, une réponse expliquée."};
    }

    void draw(AppContext& ctx) override {
        if (!ensureRules()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
            ImGui::TextWrapped("Les règles n’ont pas pu être lues : %s", m_rulesError.c_str());
            ImGui::PopStyleColor();
            return;
        }
        if (!m_loaded) load(ctx);
        if (auto requested = takeRequestedScreen("droits")) applyToken(*requested);
        syncReferenceDate(ctx);
        // Just opened (from home, back button, reload): keyboard focus goes to the first control.
        if (ImGui::GetFrameCount() != m_lastFrame + 1) m_focus.focusFirst();
        m_lastFrame = ImGui::GetFrameCount();
        m_mirror = {};
        m_focus.beginFrame(&m_mirror); // every ring button is also a button of the screen-reader mirror
        // Tab is handled by the focus ring alone (ImGui would also jump to the next text field).
        ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true);
        const float maxW = std::min(ctx.width, 760.0f * ctx.textScale); // a line length that grows with the text
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + maxW);
        switch (m_screen) {
        case Screen::Intro: drawIntro(ctx, maxW); break;
        case Screen::Question: drawQuestion(ctx, maxW); break;
        case Screen::Summary: drawSummary(ctx, maxW); break;
        case Screen::Results: drawResults(ctx, maxW); break;
        }
        ImGui::PopTextWrapPos();
        ImGui::PopItemFlag();
        m_focus.endFrame();
        std::string token = screenToken(m_screen);
        if (m_screen == Screen::Question) token += std::to_string(m_cursor + 1);
        setScreenToken(token);
        platform::screenReaderPublish(m_mirror);
        if (m_dirty) save(ctx);
    }

    [[nodiscard]] nlohmann::json testState() const {
        nlohmann::json s = {{"screen", screenToken(m_screen)}, {"cursor", m_cursor}, {"steps", m_steps.size()}};
        if (!m_rules) return s;
        if (m_screen == Screen::Question) {
            const int step = m_steps[static_cast<std::size_t>(m_cursor)];
            s["question"] = step == kRequesterStep ? std::string("requester") : std::string(factPath(static_cast<FactId>(step)));
        }
        s["situation"] = situationToJson(m_sit);
        nlohmann::json statuses = nlohmann::json::object();
        const Verdicts v = evaluate(*m_rules, m_sit);
        for (const auto& r : v.results) statuses[r.scheme] = std::string(statusName(r.status));
        s["verdicts"] = statuses;
        s["dateError"] = m_dateError;
        s["referenceError"] = m_refError;
        s["downloads"] = m_downloads;
        s["prints"] = m_prints;
        return s;
    }

    void reset() {
        m_sit = {};
        m_skipped = {};
        m_steps.clear();
        m_cursor = 0;
        m_screen = Screen::Intro;
        m_referenceChanged = false;
        m_loaded = true; // nothing to read back: the file is gone
        m_dirty = false;
        // What was typed but not yet accepted goes too (a kiosk session's end forgets everything).
        m_dateInput.clear();
        m_dateError.clear();
        m_refInput.clear();
        m_refError.clear();
        m_showWhy = false;
        m_returnToSummary = false;
    }

private:
    bool ensureRules() {
        if (m_rules) return true;
        if (!m_rulesError.empty()) return false;
        std::vector<RuleError> errors;
        m_rules = RuleSet::fromFiles(embeddedRuleFiles(), &errors);
        if (!m_rules) m_rulesError = errors.empty() ? "erreur inconnue" : errors.front().text();
        return m_rules.has_value();
    }

    void syncReferenceDate(AppContext& ctx) {
        auto on = parseIsoDate(ctx.referenceDate);
        m_sit.on = on ? *on : todayInParis();
    }

    void load(AppContext& ctx) {
        m_loaded = true;
        if (ctx.kiosk) return; // a kiosk visitor's answers live in memory only
        const auto text = platform::storageRead(kWizardFile);
        if (!text) return;
        auto doc = parseStrict(*text);
        if (!doc || !doc->is_object()) return; // a damaged file is ignored: the wizard starts afresh
        const Json& d = *doc;
        SituationError err;
        if (!d.contains("situation")) return;
        auto sit = parseSituationJson(d["situation"], std::nullopt, &err, nullptr, todayInParis());
        if (!sit) return;
        m_sit = *sit;
        if (boolOr(d, "reference_changed", false) && m_sit.on) {
            ctx.referenceDate = formatIsoDate(*m_sit.on);
            m_referenceChanged = true;
        }
        if (d.contains("skipped") && d["skipped"].is_array())
            for (const auto& p : d["skipped"])
                if (p.is_string())
                    if (auto f = factByPath(p.get<std::string>())) m_skipped[static_cast<std::size_t>(*f)] = true;
        if (d.contains("steps") && d["steps"].is_array())
            for (const auto& p : d["steps"]) {
                if (!p.is_string()) continue;
                if (p.get<std::string>() == "requester") m_steps.push_back(kRequesterStep);
                else if (auto f = factByPath(p.get<std::string>())) m_steps.push_back(static_cast<int>(*f));
            }
        m_cursor = static_cast<int>(std::clamp<long long>(integerOr(d, "cursor", 0), 0, std::max(0, static_cast<int>(m_steps.size()) - 1)));
        const std::string screen = textOr(d, "screen", "debut");
        m_screen = m_steps.empty() ? Screen::Intro
                   : screen == "resultats" ? Screen::Results
                   : screen == "reponses"  ? Screen::Summary
                   : screen == "q"         ? Screen::Question
                                           : Screen::Intro;
        prepareQuestion();
    }

    void save(AppContext& ctx) {
        m_dirty = false;
        Json d = Json::object();
        d["format"] = "passerelle.wizard/1";
        d["situation"] = Json::parse(situationToJson(m_sit).dump());
        d["reference_changed"] = m_referenceChanged;
        Json skipped = Json::array();
        for (std::size_t f = 0; f < kFactCount; ++f)
            if (m_skipped[f]) skipped.push_back(std::string(factPath(static_cast<FactId>(f))));
        d["skipped"] = skipped;
        Json steps = Json::array();
        for (int s : m_steps) steps.push_back(s == kRequesterStep ? std::string("requester") : std::string(factPath(static_cast<FactId>(s))));
        d["steps"] = steps;
        d["cursor"] = m_cursor;
        d["screen"] = screenToken(m_screen);
        if (ctx.kiosk) return; // never written: deleted IndexedDB records can linger on a shared disk
        (void)platform::storageWrite(kWizardFile, d.dump());
    }

    // Back/forward/reload asked for a screen: show it if it exists.
    void applyToken(const std::string& token) {
        if (token == "debut") m_screen = Screen::Intro;
        else if (token == "reponses" && !m_steps.empty()) m_screen = Screen::Summary;
        else if (token == "resultats" && !m_steps.empty()) m_screen = Screen::Results;
        else if (token.size() > 1 && token[0] == 'q') {
            const int n = std::atoi(token.c_str() + 1);
            if (n >= 1 && n <= static_cast<int>(m_steps.size())) {
                m_cursor = n - 1;
                m_screen = Screen::Question;
            }
        }
        prepareQuestion();
        m_focus.focusFirst();
    }

    // Fills the typed fields of the current question from what is already known.
    void prepareQuestion() {
        m_dateError.clear();
        m_dateInput.clear();
        m_showWhy = false;
        if (m_screen != Screen::Question || m_steps.empty()) return;
        const int step = m_steps[static_cast<std::size_t>(m_cursor)];
        if (step == kRequesterStep) return;
        const FactId f = static_cast<FactId>(step);
        const FactValue& v = m_sit.fact(f);
        if (v.state == FactValue::State::Known) {
            if (factSpec(f).type == FactType::Date) m_dateInput = formatFrenchDateInput(civilFromDays(v.value));
            if (f == FactId::Departement) m_dateInput = std::string(factSpec(f).choices[static_cast<std::size_t>(v.value)]);
        }
    }

    void goTo(Screen s) {
        m_screen = s;
        m_dirty = true;
        prepareQuestion();
        m_focus.focusFirst();
    }

    void start() {
        if (m_steps.empty()) m_steps.push_back(kRequesterStep);
        m_cursor = 0;
        goTo(Screen::Question);
    }

    // After an answer (or « Suivant »): the next step already asked, else the engine's next question,
    // else the results.
    void advance() {
        m_dirty = true;
        if (m_returnToSummary) {
            m_returnToSummary = false;
            goTo(Screen::Summary);
            return;
        }
        if (m_cursor + 1 < static_cast<int>(m_steps.size())) {
            ++m_cursor;
            goTo(Screen::Question);
            return;
        }
        if (auto next = nextQuestion(*m_rules, m_sit, m_skipped)) {
            // A question answered earlier and no longer on the path is asked again here, not twice.
            const auto again = std::find(m_steps.begin(), m_steps.end(), static_cast<int>(*next));
            if (again != m_steps.end()) m_steps.erase(again);
            m_steps.push_back(static_cast<int>(*next));
            m_cursor = static_cast<int>(m_steps.size()) - 1;
            goTo(Screen::Question);
            return;
        }
        goTo(Screen::Results);
    }

    void answer(FactId f, FactValue value) {
        m_sit.fact(f) = value;
        m_skipped[static_cast<std::size_t>(f)] = false;
        advance();
    }

    void dontKnow(FactId f) {
        m_sit.fact(f) = {};
        m_skipped[static_cast<std::size_t>(f)] = true;
        advance();
    }

    [[nodiscard]] int remainingQuestions() const {
        return static_cast<int>(rankedQuestions(evaluate(*m_rules, m_sit), m_skipped).size());
    }

    // -----------------------------------------------------------------------------
    // [SECTION] Screens
    // -----------------------------------------------------------------------------
    void heading(AppContext& ctx, const std::string& text, std::string_view name) {
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopFont();
        nameItem(name);
        m_mirror.heading = text;
    }

    void muted(const std::string& text) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopStyleColor();
    }

    void drawReferenceDate(AppContext& ctx) {
        const std::string shown = "Vérifier comme au " + formatFrenchDate(*m_sit.on);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
        ImGui::TextWrapped("%s", shown.c_str());
        ImGui::PopStyleColor();
        nameItem("droits.reference");
        m_mirror.items.push_back(shown);
        static const DateField kReference{"Autre date (JJ/MM/AAAA) :", "##refdate", "droits.reference.input",
                                          "Autre date de vérification (JJ/MM/AAAA)", "Changer la date",
                                          "droits.reference.set", true};
        const std::size_t field = drawDateInput(kReference, ImGui::GetFontSize() * 8, m_refInput);
        if (m_dateTaken) {
            if (auto d = parseFrenchDateInput(m_refInput, &m_refError)) {
                ctx.referenceDate = formatIsoDate(*d);
                m_sit.on = *d;
                m_referenceChanged = true;
                m_refError.clear();
                m_refInput.clear();
                m_dirty = true;
            }
        }
        drawFieldError("droits.reference.error", m_refError, field);
    }

    // The two « JJ/MM/AAAA » fields of the wizard (reference date, a date question) are laid out alike;
    // only what a valid date does differs.
    struct DateField {
        const char* label;
        const char* id;   // ImGui id of the text field
        const char* name; // nameItem of the field, and of its screen-reader mirror
        const char* mirrorLabel;
        const char* button;
        const char* buttonName;
        bool labelInline; // the label sits on the field's line when it fits
    };

    // Label, field, button and screen-reader mirror; m_dateTaken tells whether the button was pressed or
    // Enter typed. Returns the mirror item's index, for drawFieldError().
    std::size_t drawDateInput(const DateField& f, float width, std::string& input) {
        if (f.labelInline) ImGui::AlignTextToFramePadding();
        wrappedText(f.label);
        if (f.labelInline) sameLineIfFits("JJ/MM/AAAA____");
        ImGui::SetNextItemWidth(width);
        typedInMirror(f.name, ImGui::GetID(f.id), input);
        const std::size_t field = m_mirror.items.size();
        m_mirror.items.push_back(platform::MirrorItem::field(f.mirrorLabel, f.name, input, f.buttonName));
        m_focus.fieldBefore(ImGui::GetID(f.id));
        const bool enter = ImGui::InputTextWithHint(f.id, "JJ/MM/AAAA", &input, ImGuiInputTextFlags_EnterReturnsTrue);
        nameItem(f.name);
        sameLineIfFits(f.button);
        m_dateTaken = m_focus.button(f.button, {0, 0}, f.buttonName) || enter;
        return field;
    }

    // A typed field's error line, also given to its screen-reader mirror (item `field`).
    void drawFieldError(const char* name, const std::string& error, std::size_t field) {
        if (!error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
            ImGui::TextWrapped("%s", error.c_str());
            ImGui::PopStyleColor();
            nameItem(name);
        }
        m_mirror.items[field].error = error;
    }

    void drawExpiredBanner() {
        for (std::size_t i : expiredPacks(*m_rules, *m_sit.on)) {
            const RulePack& p = m_rules->packs()[i];
            const std::string text = "Attention : les règles « " + p.title + " » ne sont plus valables depuis le " +
                                     formatFrenchDate(*p.validTo) + ". Les réponses qui en dépendent peuvent être fausses.";
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
            ImGui::TextWrapped("%s", text.c_str());
            ImGui::PopStyleColor();
            nameItem("droits.expired");
            m_mirror.items.push_back(text);
        }
    }

    void drawIntro(AppContext& ctx, float maxW) {
        heading(ctx, "Je vérifie mes droits", "droits.title");
        ImGui::TextWrapped("Quelques questions, une à la fois. À la fin, tu sais à quels dispositifs tu as droit, "
                           "qui dépose la demande, quand, et quels papiers préparer — avec les textes qui le disent.");
        muted(ctx.kiosk ? "Tu peux répondre « Je ne sais pas », revenir en arrière et tout modifier à la fin. Sur cette "
                          "borne, tes réponses ne sont gardées qu’en mémoire : « Terminer ma session » les efface."
                        : "Tu peux répondre « Je ne sais pas », revenir en arrière et tout modifier à la fin. Tes réponses "
                          "restent dans ce navigateur, sur cet appareil.");
        ImGui::Spacing();
        drawReferenceDate(ctx);
        drawExpiredBanner();
        ImGui::Spacing();
        ImGui::PushFont(ctx.fonts.bold);
        const bool resume = !m_steps.empty();
        if (m_focus.button(resume ? "Reprendre mes réponses" : "Commencer", {std::min(maxW, 320.0f * ctx.textScale), 0}, "droits.start")) {
            if (resume) goTo(Screen::Summary);
            else start();
        }
        ImGui::PopFont();
        if (resume) {
            if (m_focus.button("Tout recommencer", {0, 0}, "droits.restart")) {
                const std::string keepDate = m_referenceChanged ? formatIsoDate(*m_sit.on) : std::string();
                reset();
                m_referenceChanged = !keepDate.empty();
                start();
            }
        }
        ImGui::Spacing();
        // Not at a kiosk: nothing of the visitor is stored, and « tout supprimer » would reach the CIO's files.
        if (!ctx.kiosk && m_focus.button("Mes données : ce qui est enregistré, tout supprimer", {0, 0}, "droits.privacy"))
            ctx.router.go("donnees");
        m_mirror.announcement = "Je vérifie mes droits";
    }

    // A full-width choice button, marked when it is the current answer.
    bool choiceButton(const std::string& label, bool selected, float w, std::string_view name) {
        if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        const bool pressed = m_focus.button((selected ? "✓ " : "") + label, {w, 0}, name,
                                            selected ? label + " (réponse actuelle)" : label);
        if (selected) ImGui::PopStyleColor();
        return pressed;
    }

    void drawQuestion(AppContext& ctx, float maxW) {
        if (m_steps.empty()) {
            start();
            return;
        }
        const int step = m_steps[static_cast<std::size_t>(m_cursor)];
        const int remaining = remainingQuestions();
        std::string progress = "Question " + std::to_string(m_cursor + 1);
        if (m_cursor + 1 == static_cast<int>(m_steps.size()) && remaining > 0)
            progress += remaining == 1 ? " — encore une question au plus" : " — encore " + std::to_string(remaining) + " questions au plus";
        muted(progress);
        nameItem("droits.progress");
        m_mirror.items.push_back(progress);
        const float w = std::min(maxW, 480.0f * ctx.textScale);

        if (step == kRequesterStep) {
            heading(ctx, m_rules->requesterQuestion(), "droits.question");
            muted(m_rules->requesterHelp());
            m_mirror.items.push_back(m_rules->requesterHelp());
            ImGui::Spacing();
            for (const auto& r : kRequesters) {
                const bool selected = m_sit.requester == r.role;
                if (choiceButton(r.label, selected, w, "droits.choice." + std::string(roleName(r.role)))) {
                    m_sit.requester = r.role;
                    advance();
                }
            }
        } else {
            drawFactQuestion(ctx, static_cast<FactId>(step), w);
        }

        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        if (m_cursor > 0) {
            if (m_focus.button("← Précédent", {0, 0}, "droits.previous", "Question précédente")) {
                --m_cursor;
                goTo(Screen::Question);
            }
        } else {
            if (m_focus.button("← Début", {0, 0}, "droits.previous", "Retour au début")) goTo(Screen::Intro);
        }
        const bool answered = step == kRequesterStep ? m_sit.requester.has_value()
                                                     : (m_sit.fact(static_cast<FactId>(step)).known() ||
                                                        m_skipped[static_cast<std::size_t>(step)]);
        if (answered) {
            sameLineIfFits("Suivant →");
            if (m_focus.button("Suivant →", {0, 0}, "droits.next", "Question suivante")) advance();
        }
        sameLineIfFits("Mes réponses");
        if (m_focus.button("Mes réponses", {0, 0}, "droits.to_summary")) goTo(Screen::Summary);
        if (m_cursor > 0) {
            sameLineIfFits("Voir les résultats");
            if (m_focus.button("Voir les résultats", {0, 0}, "droits.to_results")) goTo(Screen::Results);
        }
        m_mirror.announcement = progress + " : " + m_mirror.heading;
    }

    void drawFactQuestion(AppContext& ctx, FactId f, float w) {
        const FactInfo& info = m_rules->fact(f);
        const FactSpec& spec = factSpec(f);
        const FactValue& v = m_sit.fact(f);
        heading(ctx, info.question, "droits.question");
        if (!info.help.empty()) {
            muted(info.help);
            m_mirror.items.push_back(info.help);
        }
        if (!info.why.empty()) {
            if (m_focus.button(m_showWhy ? "▾ Pourquoi cette question ?" : "▸ Pourquoi cette question ?", {0, 0}, "droits.why"))
                m_showWhy = !m_showWhy;
            if (m_showWhy) {
                ImGui::Indent();
                ImGui::TextWrapped("%s", info.why.c_str());
                nameItem("droits.why.text");
                m_mirror.items.push_back(info.why);
                ImGui::Unindent();
            }
        }
        ImGui::Spacing();

        if (spec.type == FactType::Boolean) {
            if (choiceButton("Oui", v.known() && v.value == 1, w, "droits.choice.oui")) answer(f, {FactValue::State::Known, 1});
            if (choiceButton("Non", v.known() && v.value == 0, w, "droits.choice.non")) answer(f, {FactValue::State::Known, 0});
        } else if (f == FactId::Departement) {
            drawDepartement(f, w);
        } else if (spec.type == FactType::Choice) {
            for (std::size_t i = 0; i < spec.choices.size(); ++i) {
                const bool selected = v.state == FactValue::State::Known && v.value == static_cast<std::int64_t>(i);
                if (choiceButton(m_rules->choiceLabel(f, spec.choices[i]), selected, w, "droits.choice." + std::string(spec.choices[i])))
                    answer(f, {FactValue::State::Known, static_cast<std::int64_t>(i)});
            }
            if (spec.nullable && choiceButton("Non, aucun", v.state == FactValue::State::None, w, "droits.choice.aucun"))
                answer(f, {FactValue::State::None, 0});
        } else if (spec.type == FactType::ChoiceSet) {
            if (m_setDraftFact != static_cast<int>(f)) {
                m_setDraftFact = static_cast<int>(f);
                m_setDraft = v.known() ? v.value : 0;
            }
            for (std::size_t i = 0; i < spec.choices.size(); ++i) {
                const std::int64_t bit = std::int64_t{1} << i;
                const bool on = (m_setDraft & bit) != 0;
                if (choiceButton((on ? "[x] " : "[ ] ") + m_rules->choiceLabel(f, spec.choices[i]), false, w,
                                 "droits.choice." + std::string(spec.choices[i])))
                    m_setDraft ^= bit;
            }
            if (m_focus.button(m_setDraft ? "Valider ces choix" : "Aucun de ceux-là", {w, 0}, "droits.validate"))
                answer(f, {FactValue::State::Known, m_setDraft});
        } else if (spec.type == FactType::Date) {
            drawDate(f, w);
        }
        if (choiceButton("Je ne sais pas", m_skipped[static_cast<std::size_t>(f)], w, "droits.dont_know")) dontKnow(f);
    }

    void drawDate(FactId f, float w) {
        static const DateField kAnswer{"Date (JJ/MM/AAAA) :", "##date", "droits.date",
                                       "Date, au format jour/mois/année (JJ/MM/AAAA)", "Valider", "droits.validate", false};
        const std::size_t field = drawDateInput(kAnswer, std::min(w, ImGui::GetFontSize() * 10), m_dateInput);
        if (m_dateTaken) {
            if (auto d = parseFrenchDateInput(m_dateInput, &m_dateError)) {
                if (f == FactId::BirthDate && *d > *m_sit.on) {
                    m_dateError = "Cette date de naissance est après la date de vérification (" + formatFrenchDate(*m_sit.on) + ").";
                } else {
                    m_dateError.clear();
                    answer(f, {FactValue::State::Known, daysFromCivil(*d)});
                    return;
                }
            }
        }
        drawFieldError("droits.date.error", m_dateError, field);
        if (factSpec(f).nullable &&
            choiceButton("Non, jamais", m_sit.fact(f).state == FactValue::State::None, w, "droits.choice.jamais"))
            answer(f, {FactValue::State::None, 0});
    }

    void drawDepartement(FactId f, float w) {
        wrappedText("Numéro du département :");
        ImGui::SetNextItemWidth(std::min(w, ImGui::GetFontSize() * 6));
        typedInMirror("droits.departement", ImGui::GetID("##dep"), m_dateInput);
        const std::size_t field = m_mirror.items.size();
        m_mirror.items.push_back(platform::MirrorItem::field("Numéro du département (par exemple 13, 2A ou 971)",
                                                             "droits.departement", m_dateInput, "droits.validate"));
        m_focus.fieldBefore(ImGui::GetID("##dep"));
        const bool enter = ImGui::InputTextWithHint("##dep", "13", &m_dateInput, ImGuiInputTextFlags_EnterReturnsTrue);
        nameItem("droits.departement");
        const auto match = matchDepartement(m_dateInput);
        sameLineIfFits("Valider");
        if (m_focus.button("Valider", {0, 0}, "droits.validate") || enter) {
            if (match) {
                m_dateError.clear();
                answer(f, {FactValue::State::Known, choiceIndex(f, *match)});
                return;
            }
            m_dateError = "Ce numéro de département n’existe pas : écris par exemple 13, 06, 2A ou 971.";
        }
        if (match) {
            const std::string label = m_rules->choiceLabel(f, *match);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kOk);
            ImGui::TextWrapped("%s", label.c_str());
            ImGui::PopStyleColor();
            m_mirror.items.push_back("Département reconnu : " + label);
        }
        drawFieldError("droits.date.error", m_dateError, field);
    }

    // The mirror's field standing for canvas field `name` was typed into: its text becomes the canvas field's.
    static void typedInMirror(std::string_view name, ImGuiID id, std::string& text) {
        auto typed = platform::screenReaderTyped(name);
        if (!typed) return;
        if (ImGui::GetActiveID() == id) ImGui::ClearActiveID(); // an active ImGui field keeps its own copy
        text = std::move(*typed);
    }

    void drawSummary(AppContext& ctx, float maxW) {
        heading(ctx, "Mes réponses", "droits.summary");
        muted("Vérifie tes réponses ; « Modifier » te ramène à la question.");
        ImGui::Spacing();
        for (std::size_t i = 0; i < m_steps.size(); ++i) {
            const int step = m_steps[i];
            std::string q, a;
            if (step == kRequesterStep) {
                q = m_rules->requesterQuestion();
                a = m_sit.requester ? requesterLabel(*m_sit.requester) : "Pas encore répondu";
            } else {
                const FactId f = static_cast<FactId>(step);
                q = m_rules->fact(f).question;
                a = answerText(*m_rules, m_sit, f, m_skipped[static_cast<std::size_t>(step)]);
            }
            ImGui::PushID(static_cast<int>(i));
            ImGui::TextWrapped("%s", q.c_str());
            ImGui::PushFont(ctx.fonts.bold);
            ImGui::TextWrapped("%s", a.c_str());
            ImGui::PopFont();
            nameItem("droits.answer." + std::to_string(i + 1));
            m_mirror.items.push_back(q + " " + a);
            if (m_focus.button("Modifier", {0, 0}, "droits.edit." + std::to_string(i + 1), "Modifier : " + q)) {
                m_cursor = static_cast<int>(i);
                m_returnToSummary = true;
                goTo(Screen::Question);
            }
            ImGui::PopID();
            ImGui::Spacing();
        }
        ImGui::Separator();
        const int remaining = remainingQuestions();
        if (remaining > 0 && m_focus.button("Continuer les questions", {0, 0}, "droits.continue")) {
            m_cursor = static_cast<int>(m_steps.size()) - 1;
            m_returnToSummary = false;
            advance();
        }
        if (remaining > 0) sameLineIfFits("Voir mes résultats");
        ImGui::PushFont(ctx.fonts.bold);
        if (m_focus.button("Voir mes résultats", {std::min(maxW, 260.0f * ctx.textScale), 0}, "droits.to_results")) goTo(Screen::Results);
        ImGui::PopFont();
        m_mirror.announcement = "Mes réponses";
    }

    void drawResults(AppContext& ctx, float maxW) {
        const Verdicts verdicts = evaluate(*m_rules, m_sit);
        heading(ctx, "Mes résultats", "droits.results");
        drawReferenceDate(ctx);
        drawExpiredBanner();
        ImGui::Spacing();
        // At a kiosk the summary is printed: a downloaded file would stay in the shared Downloads folder.
        if (m_focus.button(ctx.kiosk ? "Imprimer le résumé" : "Télécharger le résumé", {0, 0},
                           ctx.kiosk ? "droits.print" : "droits.download")) {
            std::vector<FactId> asked;
            for (int s : m_steps)
                if (s != kRequesterStep) asked.push_back(static_cast<FactId>(s));
            const std::string text = summaryText(*m_rules, m_sit, m_skipped, asked, verdicts);
            if (ctx.kiosk) {
                platform::printText("Passerelle — mes droits au " + formatFrenchDate(verdicts.on), text);
                ++m_prints;
            } else {
                platform::filesDownload("passerelle-mes-droits-" + formatIsoDate(verdicts.on) + ".txt", "text/plain;charset=utf-8", text);
                ++m_downloads;
            }
        }
        sameLineIfFits("Modifier mes réponses");
        if (m_focus.button("Modifier mes réponses", {0, 0}, "droits.to_summary")) goTo(Screen::Summary);
        sameLineIfFits("Recommencer");
        if (m_focus.button("Recommencer", {0, 0}, "droits.restart")) {
            reset();
            start();
            return;
        }
        ImGui::Spacing();
        int eligible = 0;
        std::string yes;
        for (std::size_t i = 0; i < verdicts.results.size(); ++i)
            if (verdicts.results[i].status == Status::Eligible) {
                ++eligible;
                yes += (yes.empty() ? "" : " ; ") + m_rules->schemes()[i].title;
            }
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::PushStyleColor(ImGuiCol_Text, eligible ? theme::kOk : theme::kText);
        const std::string brief = eligible ? "En bref, « Oui » pour : " + yes + "."
                                           : std::string("En bref : aucun « Oui » pour l’instant ; les cartes disent pourquoi.");
        ImGui::TextWrapped("%s", brief.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        nameItem("droits.brief");
        m_mirror.items.push_back(brief);
        m_mirror.announcement = "Résultats : " + std::to_string(eligible) + " dispositif(s) avec la réponse oui, sur " +
                                std::to_string(verdicts.results.size());
        for (std::size_t i : resultOrder(verdicts)) drawCard(ctx, verdicts.results[i], m_rules->schemes()[i], maxW);
    }

    static ImVec4 statusColour(Status s) {
        switch (s) {
        case Status::Eligible: return theme::kOk;
        case Status::NotEligible: return theme::kError;
        case Status::Incomplete: return theme::kWarning;
        }
        return theme::kText;
    }

    std::string windowSentence(const WindowVerdict& w) const {
        auto range = [&] {
            if (w.from && w.to) return "du " + formatFrenchDate(*w.from) + " au " + formatFrenchDate(*w.to);
            if (w.from) return "à partir du " + formatFrenchDate(*w.from);
            if (w.to) return "jusqu’au " + formatFrenchDate(*w.to);
            return std::string("toute l’année");
        }();
        switch (w.status) {
        case WindowStatus::Open: return "Dépôt ouvert " + range + ".";
        case WindowStatus::NotYetOpen: return "Dépôt pas encore ouvert : " + range + ".";
        case WindowStatus::Closed: return "Dépôt fermé (c’était " + range + ").";
        }
        return range;
    }

    void drawCard(AppContext& ctx, const SchemeVerdict& v, const Scheme& scheme, float maxW) {
        const std::string cardName = "droits.card." + scheme.id;
        ImGui::PushID(scheme.id.c_str());
        ImGui::Separator();
        ImGui::Spacing();
        ImGui::BeginGroup();
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextWrapped("%s", scheme.title.c_str());
        ImGui::PopFont();
        nameItem(cardName + ".title");
        ImGui::PushFont(ctx.fonts.title);
        ImGui::PushStyleColor(ImGuiCol_Text, statusColour(v.status));
        const std::string words(verdictWords(v.status));
        ImGui::TextWrapped("%s", words.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        nameItem(cardName + ".verdict");
        std::string mirror = scheme.title + " : " + words + ".";
        if (!scheme.description.empty()) muted(scheme.description);

        ImGui::PushFont(ctx.fonts.bold);
        wrappedText("Pourquoi");
        ImGui::PopFont();
        for (const auto& r : v.reasons) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", r.text.c_str());
            mirror += " " + r.text;
            if (!r.refs.empty()) {
                std::string refs;
                for (const auto& ref : r.refs) refs += (refs.empty() ? "" : " ; ") + ref;
                ImGui::Indent();
                muted("Sources : " + refs);
                ImGui::Unindent();
            }
        }
        if (v.status == Status::Incomplete && !v.missing.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
            ImGui::TextWrapped("Il manque : %s", m_rules->fact(v.missing.front()).question.c_str());
            ImGui::PopStyleColor();
        }
        if (v.filing) {
            ImGui::PushFont(ctx.fonts.bold);
            wrappedText("Qui dépose, à qui, quand");
            ImGui::PopFont();
            std::string filers;
            for (Role r : v.filing->allowedFilers) filers += (filers.empty() ? "" : ", ") + m_rules->roleLabel(r);
            if (!filers.empty()) {
                ImGui::TextWrapped("Qui dépose la demande : %s.", filers.c_str());
                nameItem(cardName + ".filers");
                mirror += " Qui dépose : " + filers + ".";
            }
            if (v.filing->requesterMayFile) {
                ImGui::TextWrapped("%s", *v.filing->requesterMayFile ? "Tu peux la déposer (toi ou qui remplit)."
                                                                     : "Ce n’est pas à toi (ni à qui remplit) de la déposer.");
            }
            if (v.filing->instructor) ImGui::TextWrapped("À qui : %s.", v.filing->instructor->c_str());
            const std::string when = windowSentence(v.window);
            ImGui::TextWrapped("%s", when.c_str());
            nameItem(cardName + ".window");
        }
        if (!v.documents.empty()) {
            ImGui::PushFont(ctx.fonts.bold);
            wrappedText("Documents à préparer");
            ImGui::PopFont();
            for (const auto& d : v.documents) {
                ImGui::Bullet();
                ImGui::TextWrapped("%s", d.label.c_str());
            }
        }
        if (v.contact) {
            ImGui::TextWrapped("Contact : %s — %s", v.contact->label.c_str(), v.contact->email.c_str());
            nameItem(cardName + ".contact");
            if (v.status == Status::Eligible)
                muted("Prochaine étape : parles-en à qui dépose la demande ; en cas de question, écris à cette adresse.");
        }
        m_mirror.items.push_back(mirror); // the card is read before its button
        // Establishments only, eligible cards only; in the Tab ring and the mirror like the screen's other buttons.
        drawPrepareDossierButton(ctx, m_sit, v, cardName, m_focus, m_mirror);
        const RulePack& pack = m_rules->packOf(scheme);
        muted("Règles « " + pack.title + " », à jour au " + formatFrenchDate(pack.upToDate) + ".");
        ImGui::EndGroup();
        (void)maxW;
        ImGui::PopID();
        ImGui::Spacing();
    }

    std::optional<RuleSet> m_rules;
    std::string m_rulesError;
    Situation m_sit;
    FactMask m_skipped{};
    std::vector<int> m_steps; // kRequesterStep or a FactId, in the order asked
    int m_cursor = 0;
    Screen m_screen = Screen::Intro;
    bool m_returnToSummary = false;
    bool m_referenceChanged = false;
    bool m_loaded = false;
    bool m_dirty = false;
    bool m_showWhy = false;
    std::string m_dateInput, m_dateError; // the typed field of the current question
    std::string m_refInput, m_refError;
    bool m_dateTaken = false; // drawDateInput(): its button was pressed (or Enter typed) this frame
    int m_setDraftFact = -1;
    std::int64_t m_setDraft = 0;
    int m_downloads = 0;
    int m_prints = 0;
    int m_lastFrame = -10;
    FocusRing m_focus;
    platform::ScreenMirror m_mirror;
};

} // namespace

nlohmann::json rightsTestState() { return g_instance ? g_instance->testState() : nlohmann::json::object(); }

void resetRights() {
    if (g_instance) g_instance->reset();
}

} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::RightsView);
