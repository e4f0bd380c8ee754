// Screen-reader mirror capability: the canvas is invisible to assistive technology, so each screen's
// heading, question, choices and results are mirrored in hidden DOM (an ordered list, real buttons, a
// labelled field and a live region) through which a screen-reader user can also ANSWER.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::platform {

// One entry of the mirror's ordered list: text read aloud, a button, or a text field.
struct MirrorItem {
    enum class Kind { Text, Button, Field };
    Kind kind = Kind::Text;
    std::string text;   // what is read: the sentence, the button's label or the field's label
    std::string action; // Button: the widget name of the canvas button it presses; Field: the canvas field's name
    std::string value;  // Field: the text in the field
    std::string error;  // Field: the French error under it (read through aria-describedby)
    std::string submit; // Field: the button Enter presses (« Valider »)

    MirrorItem() = default;
    MirrorItem(std::string sentence) : text(std::move(sentence)) {} // NOLINT: plain text converts implicitly
    MirrorItem(const char* sentence) : text(sentence) {}            // NOLINT

    [[nodiscard]] static MirrorItem button(std::string label, std::string name) {
        MirrorItem i;
        i.kind = Kind::Button;
        i.text = std::move(label);
        i.action = std::move(name);
        return i;
    }
    [[nodiscard]] static MirrorItem field(std::string label, std::string name, std::string value, std::string submit) {
        MirrorItem i;
        i.kind = Kind::Field;
        i.text = std::move(label);
        i.action = std::move(name);
        i.value = std::move(value);
        i.submit = std::move(submit);
        return i;
    }
    friend bool operator==(const MirrorItem&, const MirrorItem&) = default;
};

struct ScreenMirror {
    std::string heading;            // the screen's title or question
    std::vector<MirrorItem> items;  // choices, answers or results, in reading order
    std::string announcement;       // said by the live region when it changes (« Question 3 : … »)
    friend bool operator==(const ScreenMirror&, const ScreenMirror&) = default;
};

// Publishes the current screen; the DOM is touched only when it differs from the last one.
void screenReaderPublish(const ScreenMirror& mirror);
// The buttons of every screen (the top bar's « Accueil », « Affichage »): a <nav> after the screen's list.
void screenReaderPublishNav(const std::vector<MirrorItem>& buttons);
// Called by the top bar at each frame's start with the screen's title: a screen that published nothing in
// the frame before gets a mirror of its title alone, never the previous screen's content.
void screenReaderFrameStart(std::string_view screenTitle);

// What the person did in the mirror reaches the app through the input queue, one event per frame:
// the queue calls these at the frame's start, the views ask during the frame.
void screenReaderNewFrame();                                        // forgets last frame's unclaimed event
void screenReaderSetActivated(std::string name);                    // a mirror button was pressed
void screenReaderSetTyped(std::string name, std::string value);     // a mirror field's text changed

// True (once) when the mirror button standing for the canvas widget `name` was pressed this frame.
[[nodiscard]] bool screenReaderActivated(std::string_view name);
// The text typed into the mirror field standing for the canvas field `name` this frame (once).
[[nodiscard]] std::optional<std::string> screenReaderTyped(std::string_view name);

} // namespace passerelle::platform
