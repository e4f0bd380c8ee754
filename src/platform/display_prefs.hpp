// What the browser says about the person's display wishes (prefers-contrast, forced colours).
#pragma once

namespace passerelle::platform {

// True when the system asks for more contrast (`prefers-contrast: more`) or forces its own colours
// (`forced-colors: active`, Windows high-contrast themes): the app then starts in its high-contrast theme.
[[nodiscard]] bool prefersMoreContrast();

} // namespace passerelle::platform
