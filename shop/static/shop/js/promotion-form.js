/* The promotion editor shows the fields that matter for the discount chosen: buy and get
   quantities for "Buy X, get Y" only, no amount for free shipping, and the products,
   variants and categories only when the promotion applies to chosen items. Hidden fields
   keep their values; the server checks them all the same. */
(function () {
  "use strict";

  function wrapper(name) {
    var field = document.getElementById("id_" + name);
    return field ? field.closest("[data-field-wrapper]") || field.parentElement : null;
  }

  function show(names, visible) {
    names.forEach(function (name) {
      var element = wrapper(name);
      if (element) element.hidden = !visible;
      // In a row of fields the label sits outside the field's wrapper.
      var label = document.getElementById("id_" + name + "-label");
      if (label) label.hidden = !visible;
    });
  }

  function checked(name) {
    var chosen = document.querySelector('input[name="' + name + '"]:checked');
    if (chosen) return chosen.value;
    var select = document.getElementById("id_" + name);
    return select ? select.value : "";
  }

  function update() {
    var kind = checked("kind");
    var target = checked("target");
    var deal = kind === "buy_x_get_y";
    show(["buy_quantity", "get_quantity"], deal);
    document.querySelectorAll("[data-promotion-deal-help]").forEach(function (help) {
      help.hidden = !deal;
    });
    show(["value"], kind !== "free_shipping");
    var chosenItems = deal || (kind !== "free_shipping" && target === "items");
    show(["categories", "product_choices", "variant_choices"], chosenItems);
    show(["target"], !deal && kind !== "free_shipping");
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.getElementById("id_kind")) return;
    document.addEventListener("change", function (event) {
      if (event.target.name === "kind" || event.target.name === "target") update();
    });
    update();
  });
})();
