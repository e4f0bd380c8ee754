// Browser glue of the vault (src/app/vault_glue.cpp): activity listeners, the auto-lock timer, test API calls.
#pragma once

#include "ui/view.hpp"

namespace passerelle::app {

// Once, in main(): the profile emptied on lock, input listeners, the « verrou=<secondes> » URL parameter.
void startVaultGlue(ui::ProfileState& profile);

} // namespace passerelle::app
