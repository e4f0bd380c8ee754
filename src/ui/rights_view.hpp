// What the rights self-check shares with the rest of the app: its test state and its reset after an erase.
#pragma once

#include <nlohmann/json.hpp>

namespace passerelle::ui {

inline constexpr const char* kWizardFile = "droits.json";

// The wizard as end-to-end tests see it: screen, current question, answers, verdict statuses.
[[nodiscard]] nlohmann::json rightsTestState();
// Forgets every answer (after « Supprimer toutes mes données »).
void resetRights();

} // namespace passerelle::ui
