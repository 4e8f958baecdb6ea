// The theme editor's colour fields (themes/widgets.py ColourInput) and its contrast warning.
//
// Each colour field has a native colour picker beside its #rrggbb text. An empty text means
// "the preset's colour": the picker and placeholder show the colour of the preset chosen in
// the form, and follow the preset select. Changing the picker writes the text and tells the
// form (so Wagtail's live preview refreshes). When the text colour on the background colour
// falls below WCAG AA (4.5:1), a warning shows under the text colour; the same formula is
// themes/contrast.py, which warns again after saving.
(function () {
  "use strict";

  const HEX = /^#[0-9a-fA-F]{6}$/;
  const AA_NORMAL_TEXT = 4.5;

  function channel(value) {
    const srgb = value / 255;
    return srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
  }

  function luminance(hex) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  }

  function contrastRatio(a, b) {
    const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (lighter + 0.05) / (darker + 0.05);
  }

  function presetSelect(form) {
    return form ? form.querySelector("select[name='preset']") : null;
  }

  class ColourField {
    constructor(root) {
      this.root = root;
      this.role = root.dataset.themeColour;
      this.colours = JSON.parse(root.dataset.presetColours);
      this.hex = root.querySelector("[data-theme-colour-hex]");
      this.picker = root.querySelector("[data-theme-colour-picker]");
      this.clear = root.querySelector("[data-theme-colour-clear]");
      this.note = root.querySelector("[data-theme-colour-note]");
      this.form = root.closest("form");
      this.picker.addEventListener("input", () => this.pick());
      this.hex.addEventListener("input", () => this.refresh());
      this.clear.addEventListener("click", () => this.useThePreset());
    }

    presetColour() {
      const select = presetSelect(this.form);
      const preset = select ? select.value : "";
      return this.colours[preset] || Object.values(this.colours)[0];
    }

    // The colour the storefront would show: the merchant's, or the preset's when empty.
    effective() {
      const value = this.hex.value.trim();
      return HEX.test(value) ? value.toLowerCase() : this.presetColour();
    }

    pick() {
      this.hex.value = this.picker.value;
      this.announce();
    }

    useThePreset() {
      this.hex.value = "";
      this.announce();
      this.hex.focus();
    }

    // Tell the form and Wagtail's preview that the text changed.
    announce() {
      this.hex.dispatchEvent(new Event("input", { bubbles: true }));
      this.hex.dispatchEvent(new Event("change", { bubbles: true }));
    }

    refresh() {
      const preset = this.presetColour();
      const value = this.hex.value.trim();
      this.hex.placeholder = preset;
      this.picker.value = this.effective();
      this.clear.hidden = value === "";
      if (value === "") {
        this.note.textContent = `Using the preset's colour, ${preset}.`;
      } else if (HEX.test(value)) {
        this.note.textContent = `Your colour. The preset's is ${preset}: clear the field to use it.`;
      } else {
        this.note.textContent = "Enter a colour as #RRGGBB, such as #1e3a5f.";
      }
      updateContrast(this.form);
    }
  }

  const fields = new Map();

  function updateContrast(form) {
    const text = fields.get("text_color");
    const background = fields.get("background_color");
    if (!text || !background) return;
    const warning = text.root.querySelector("[data-theme-contrast]");
    const ratio = contrastRatio(text.effective(), background.effective());
    if (ratio >= AA_NORMAL_TEXT) {
      warning.hidden = true;
      warning.textContent = "";
      return;
    }
    const shown = (Math.floor(ratio * 10) / 10).toFixed(1);
    warning.textContent =
      `Low contrast: text ${text.effective()} on background ${background.effective()} is ` +
      `only ${shown}:1. WCAG AA asks for at least 4.5:1, so some shoppers will find ` +
      "the text hard to read.";
    warning.hidden = false;
  }

  function start() {
    document.querySelectorAll("[data-theme-colour]").forEach((root) => {
      if (!fields.has(root.dataset.themeColour)) {
        fields.set(root.dataset.themeColour, new ColourField(root));
      }
    });
    const first = fields.values().next().value;
    if (!first) return;
    const select = presetSelect(first.form);
    if (select) {
      select.addEventListener("change", () => fields.forEach((field) => field.refresh()));
    }
    fields.forEach((field) => field.refresh());
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
