// Loading and saving the establishment profile.
#include "ui/profile_store.hpp"

#include "platform/storage.hpp"
#include "ui/vault_service.hpp"

namespace passerelle::ui {

void loadProfile(ProfileState& state) {
    std::string readError;
    const auto text = readEstablishmentFile(kProfileFile, &readError); // decrypted when the vault is unlocked
    if (!text) {
        // First visit, or locked (the profile comes back on unlock); an undecryptable file is reported.
        if (!readError.empty() && establishmentDataAvailable())
            state.loadError = "Le profil enregistré n’a pas pu être relu (" + readError + ").";
        return;
    }
    std::string error;
    if (auto profile = parseEstablishment(*text, &error)) {
        state.profile = std::move(*profile);
        state.loadError.clear();
    } else {
        state.loadError = "Le profil enregistré n’a pas pu être relu (" + error + ").";
    }
}

void saveProfile(ProfileState& state) {
    std::string error;
    if (writeEstablishmentFile(kProfileFile, establishmentToJson(state.profile), &error)) {
        state.saveError.clear();
        state.loadError.clear(); // the file now holds what is on screen
    } else {
        state.saveError = "Le profil n’a pas été enregistré : " + error + ".";
    }
}

void importProfile(ProfileState& state, std::string_view fileName, std::string_view bytes) {
    std::string error;
    auto profile = parseEstablishment(bytes, &error);
    if (!profile) {
        state.importMessage = "« " + std::string(fileName) + " » n’a pas été importé : " + error + ".";
        return;
    }
    state.profile = std::move(*profile);
    state.importMessage = "Profil importé depuis « " + std::string(fileName) + " ».";
    saveProfile(state);
}

} // namespace passerelle::ui
