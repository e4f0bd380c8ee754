// Screen-reader mirror capability: the canvas is invisible to assistive technology, so each screen's
// heading, question, choices and results are mirrored in hidden DOM (an ordered list and a live region).
#pragma once

#include <string>
#include <vector>

namespace passerelle::platform {

struct ScreenMirror {
    std::string heading;            // the screen's title or question
    std::vector<std::string> items; // choices, answers or results, in reading order
    std::string announcement;       // said by the live region when it changes (« Question 3 : … »)
    friend bool operator==(const ScreenMirror&, const ScreenMirror&) = default;
};

// Publishes the current screen; the DOM is touched only when it differs from the last one.
void screenReaderPublish(const ScreenMirror& mirror);

} // namespace passerelle::platform
