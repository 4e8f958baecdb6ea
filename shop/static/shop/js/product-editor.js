/*
 * The product editor (shop.admin_panels): a new product's handle follows its title until
 * the merchant edits it, typed option values show as chips, and the variant table follows
 * the options as they are typed, by the rules of shop/product_options.py (arrange_rows):
 * a combination keeps its row, a row made for other options moves to the combination it
 * fits, and a new combination gets a row with the first row's price, weight and tracking.
 * Without this file the same happens when the form is saved. A variant's picture may be
 * one just added to the product above.
 */
(() => {
  "use strict";

  const PREFIX = "variant_rows";
  const COPIED = ["price", "compare_at_price", "cost", "weight_grams", "track_inventory"];
  const MAX_VARIANTS = 100;

  const slugify = (text) =>
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 255);

  const tidy = (text) => text.split(/\s+/).filter(Boolean).join(" ");

  const splitValues = (text) => {
    const seen = new Set();
    const values = [];
    for (const part of text.split(",")) {
      const value = tidy(part);
      if (value && !seen.has(value.toLowerCase())) {
        seen.add(value.toLowerCase());
        values.push(value);
      }
    }
    return values;
  };

  const product = (lists) =>
    lists.reduce((combos, values) => combos.flatMap((combo) => values.map((v) => [...combo, v])), [[]]);

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  // Whether a row made for other options becomes the row of `combo` (see _matches).
  const matches = (key, combo, options) => {
    if (key.length <= combo.length) {
      const firsts = options.slice(key.length).map((option) => option.values[0]);
      return same(combo.slice(0, key.length), key) && same(combo.slice(key.length), firsts);
    }
    let at = 0;
    return combo.every((value) => {
      while (at < key.length && key[at] !== value) at += 1;
      at += 1;
      return at <= key.length;
    });
  };

  function followTitle(form) {
    const title = form.querySelector("input[name=title]");
    const handle = form.querySelector("input[name=handle]");
    if (!title || !handle) return;
    // Only a product without a handle yet: a saved product's address stays as it is.
    let following = !handle.value;
    title.addEventListener("input", () => {
      if (following) handle.value = slugify(title.value);
      handle.dispatchEvent(new Event("change", { bubbles: true }));
    });
    handle.addEventListener("input", () => {
      following = !handle.value;
    });
  }

  function setUp(editor) {
    const form = editor.closest("form");
    const body = editor.querySelector("[data-variant-rows]");
    const template = editor.querySelector("[data-variant-row-template]");
    const total = editor.querySelector(`input[name="${PREFIX}-TOTAL_FORMS"]`);
    const count = editor.querySelector("[data-variant-count]");
    const handle = form.querySelector("input[name=handle]");

    const field = (row, name) => row.querySelector(`[name$="-${name}"]`);
    const keyOf = (row) => {
      try {
        return JSON.parse(field(row, "key").value || "[]");
      } catch {
        return null;
      }
    };

    const readOptions = () => {
      const names = new Set();
      const options = [];
      for (const block of editor.querySelectorAll("[data-option]")) {
        const name = tidy(block.querySelector("[data-option-name]").value);
        const values = splitValues(block.querySelector("[data-option-values]").value);
        showChips(block, values);
        if (!name || !values.length || names.has(name.toLowerCase())) continue;
        names.add(name.toLowerCase());
        options.push({ name, values });
      }
      return options;
    };

    const showChips = (block, values) => {
      const chips = block.querySelector("[data-option-chips]");
      chips.replaceChildren(
        ...values.map((value) => {
          const chip = document.createElement("span");
          chip.className = "product-editor__chip";
          chip.textContent = value;
          return chip;
        }),
      );
    };

    const newRow = (first) => {
      const row = template.content.firstElementChild.cloneNode(true);
      for (const name of COPIED) {
        const source = first && field(first, name);
        const target = field(row, name);
        if (!source || !target) continue;
        if (target.type === "checkbox") target.checked = source.checked;
        else target.value = source.value;
      }
      field(row, "on_hand").value = "0";
      field(row, "stock_initial").value = "0";
      return row;
    };

    const label = (key) => (key.length ? key.join(" / ") : "Default");

    const renumber = (rows) => {
      rows.forEach((row, index) => {
        for (const input of row.querySelectorAll("[name]")) {
          input.name = input.name.replace(/^variant_rows-(\d+|__prefix__)-/, `${PREFIX}-${index}-`);
          input.id = `id_${input.name}`;
        }
      });
      total.value = String(rows.length);
      count.textContent = `${rows.length} variant${rows.length === 1 ? "" : "s"}`;
    };

    const describe = (row, key) => {
      row.querySelector("[data-variant-label]").textContent = label(key);
      field(row, "key").value = JSON.stringify(key);
      for (const input of row.querySelectorAll("[data-field]")) {
        const heading = input.getAttribute("aria-label").split(" of ")[0];
        input.setAttribute("aria-label", `${heading} of ${label(key)}`);
      }
      const sku = field(row, "sku");
      sku.placeholder = slugify([handle?.value || "", ...key].join("-")).toUpperCase();
    };

    let applied = JSON.stringify(readOptions());

    const arrange = () => {
      const options = readOptions();
      const now = JSON.stringify(options);
      const combos = product(options.map((option) => option.values));
      if (now === applied || combos.length > MAX_VARIANTS) return;
      applied = now;
      const rows = [...body.querySelectorAll("[data-variant-row]")];
      const byKey = new Map();
      for (const row of rows) {
        const key = keyOf(row);
        if (key && !byKey.has(JSON.stringify(key))) byKey.set(JSON.stringify(key), row);
      }
      const used = new Set(combos.map((combo) => byKey.get(JSON.stringify(combo))).filter(Boolean));
      const arranged = combos.map((combo) => {
        let row = byKey.get(JSON.stringify(combo));
        if (!row) {
          row = rows.find((candidate) => {
            const key = keyOf(candidate);
            return !used.has(candidate) && key && matches(key, combo, options);
          });
          if (row) used.add(row);
          else row = newRow(rows[0]);
        }
        describe(row, combo);
        return row;
      });
      body.replaceChildren(...arranged);
      renumber(arranged);
    };

    let timer = null;
    editor.addEventListener("input", (event) => {
      if (!event.target.matches("[data-option-name], [data-option-values]")) return;
      clearTimeout(timer);
      timer = setTimeout(arrange, 250);
    });
    handle?.addEventListener("change", () => {
      for (const row of body.querySelectorAll("[data-variant-row]")) describe(row, keyOf(row) || []);
    });
    for (const row of body.querySelectorAll("[data-variant-row]")) describe(row, keyOf(row) || []);

    // A variant may show any picture of the product, including ones just added above.
    const productImages = () =>
      [...form.querySelectorAll('input[name^="images-"][name$="-image"]')]
        .filter((input) => input.value && !input.name.includes("__prefix__"))
        .filter((input) => {
          const deleted = form.querySelector(`input[name="${input.name.replace(/-image$/, "-DELETE")}"]`);
          return !deleted || !deleted.value;
        })
        .map((input) => {
          const chooser = document.getElementById(`${input.id}-chooser`);
          const title = chooser?.querySelector("[data-chooser-title]")?.textContent.trim();
          return [input.value, title || `Image ${input.value}`];
        });

    body.addEventListener("focusin", (event) => {
      const select = event.target;
      if (!select.matches("select[data-field=image]")) return;
      const chosen = select.value;
      const images = productImages();
      const known = new Set([...select.options].map((option) => option.value));
      for (const [id, title] of images) {
        if (!known.has(id)) select.add(new Option(title, id));
      }
      select.value = chosen;
    });
  }

  const start = () => {
    for (const editor of document.querySelectorAll("[data-product-editor]")) {
      followTitle(editor.closest("form"));
      setUp(editor);
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
