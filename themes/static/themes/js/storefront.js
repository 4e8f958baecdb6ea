/* Small storefront enhancements. Everything works without this file; it only makes
   the product gallery switch images in place, the price follow the chosen variant and the
   sort menu apply itself. The storefront's Content-Security-Policy allows no inline script
   or event-handler attribute: behaviour belongs here. */
(function () {
  "use strict";

  function initGallery(gallery) {
    var main = gallery.querySelector("[data-gallery-main]");
    if (!main) return;
    gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (thumb) {
      thumb.addEventListener("click", function () {
        main.src = thumb.dataset.src;
        gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
          other.removeAttribute("aria-current");
        });
        thumb.setAttribute("aria-current", "true");
      });
    });
  }

  function initVariantPrice(form) {
    var price = document.querySelector("[data-testid=price]");
    if (!price) return;
    var current = price.querySelector("[data-price-current]");
    var compare = price.querySelector("[data-price-compare]");
    var sku = document.querySelector("[data-variant-sku]");
    form.addEventListener("change", function (event) {
      var input = event.target;
      if (input.name !== "variant" || !input.dataset.price) return;
      if (current) current.textContent = input.dataset.price;
      if (sku && input.dataset.sku) sku.textContent = input.dataset.sku;
      if (compare) {
        compare.textContent = input.dataset.compare || "";
        compare.hidden = !input.dataset.compare;
      }
    });
  }

  function initSubmitOnChange(field) {
    field.addEventListener("change", function () {
      if (field.form) field.form.submit();
    });
  }

  function init() {
    document.querySelectorAll("[data-gallery]").forEach(initGallery);
    document.querySelectorAll("[data-variant-form]").forEach(initVariantPrice);
    document.querySelectorAll("[data-submit-on-change]").forEach(initSubmitOnChange);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
