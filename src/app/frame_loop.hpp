// Frame scheduling: frames run only after input, resize or an explicit wake-up, then the app sleeps.
#pragma once

namespace passerelle::app {

// Asks for `frames` more frames (ImGui settles layout and hover state over a couple of frames).
void requestFrames(int frames = 3);

} // namespace passerelle::app
