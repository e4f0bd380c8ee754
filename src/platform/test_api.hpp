// Test API and telemetry capability: what window.passerelle (web/test_api.js) reads from the app.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle::platform {

struct ScreenRect {
    float x = 0, y = 0, w = 0, h = 0; // CSS pixels, origin at the canvas' top-left corner
};

// The app's state as one JSON object (view, profile, …), built on demand.
void testApiProvideState(std::function<std::string()> provider);
// The rectangle of a named widget as drawn in the last frame.
void testApiProvideRects(std::function<std::optional<ScreenRect>(std::string_view)> provider);
// Counts a rendered frame: the test API waits for idle and the benchmark counts idle frames with it.
void testApiFrameRendered(unsigned long frameNumber);

} // namespace passerelle::platform
