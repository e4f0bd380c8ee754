// Loading and saving the establishment profile (/data/profile.json) through the storage capability.
#pragma once

#include "ui/view.hpp"

namespace passerelle::ui {

inline constexpr const char* kProfileFile = "profile.json";

// Reads the saved profile if there is one; an unreadable file is left untouched and reported.
void loadProfile(ProfileState& state);
// Writes the profile now (the storage capability batches the IndexedDB save).
void saveProfile(ProfileState& state);
// Replaces the profile with a file the person picked; explains in French what was wrong if it is bad.
void importProfile(ProfileState& state, std::string_view fileName, std::string_view bytes);

} // namespace passerelle::ui
