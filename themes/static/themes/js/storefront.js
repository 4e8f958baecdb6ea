/* Small storefront enhancements. Everything works without this file: the navigation is a
   plain list of links, a variant is shown with ?variant=<id>, sorting has its own button.
   With it, the header's menu opens behind a button, the chosen variant's picture, price,
   stock and SKU show in place, and the sort menu applies itself. The storefront's
   Content-Security-Policy allows no inline script or event-handler attribute: behaviour
   belongs here. */
(function () {
  "use strict";

  /* Header menu: a disclosure button that opens the navigation (keyboard usable, Escape
     closes and gives focus back to the button, leaving the menu closes it). */
  function initMenu(header) {
    var button = header.querySelector("[data-menu-toggle]");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    button.hidden = false;
    header.classList.add("js-menu");

    function setOpen(open, returnFocus) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("is-open", open);
      if (open) {
        var first = menu.querySelector("a");
        if (first) first.focus();
      } else if (returnFocus) {
        button.focus();
      }
    }

    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true", false);
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("is-open")) {
        event.preventDefault();
        setOpen(false, true);
      }
    });
    header.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !header.contains(event.relatedTarget)) setOpen(false, false);
    });
    document.addEventListener("click", function (event) {
      if (header.classList.contains("is-open") && !header.contains(event.target)) {
        setOpen(false, false);
      }
    });
    // A phone turned sideways can reach the width where the menu shows without the button.
    window.addEventListener("resize", function () {
      if (header.classList.contains("is-open") && button.offsetParent === null) {
        setOpen(false, false);
      }
    });
  }

  /* Gallery: thumbnails switch the main picture; showImage(id) is used by the variants. */
  function initGallery(gallery) {
    var main = gallery.querySelector("[data-gallery-main]");
    var thumbs = gallery.querySelectorAll("[data-gallery-thumb]");

    function select(thumb) {
      if (!main) return;
      main.src = thumb.dataset.src;
      main.alt = thumb.dataset.alt || main.alt;
      main.removeAttribute("srcset");
      thumbs.forEach(function (other) {
        if (other.tagName === "BUTTON") other.setAttribute("aria-pressed", other === thumb ? "true" : "false");
      });
    }

    thumbs.forEach(function (thumb) {
      if (thumb.tagName === "BUTTON") thumb.addEventListener("click", function () { select(thumb); });
    });

    gallery.showImage = function (id) {
      if (!id) return;
      if (gallery.hasAttribute("data-gallery-stack")) {
        var item = gallery.querySelector('[data-image-id="' + id + '"]');
        if (item && item !== gallery.firstElementChild) {
          gallery.insertBefore(item, gallery.firstElementChild);
          var img = item.querySelector("img");
          if (img) img.loading = "eager";
        }
        return;
      }
      var thumb = gallery.querySelector('[data-gallery-thumb][data-image-id="' + id + '"]');
      if (thumb) select(thumb);
    };
  }

  /* Variant choice: price (with the original when on sale), stock, SKU and picture. */
  function initVariants(form) {
    var scope = form.closest("[data-product]") || document;
    var gallery = scope.querySelector("[data-gallery]");
    var view = scope.querySelector("[data-variant-view]");
    if (view) view.hidden = true;

    function show(input) {
      var current = scope.querySelector("[data-price-current]");
      var compare = scope.querySelector("[data-price-compare]");
      var onSale = Boolean(input.dataset.compare);
      if (current) current.textContent = input.dataset.price;
      if (compare) compare.textContent = input.dataset.compare || "";
      scope.querySelectorAll("[data-price-compare-wrap], [data-price-now-label], [data-price-save]")
        .forEach(function (part) { part.hidden = !onSale; });
      var price = scope.querySelector("[data-price]");
      if (price) price.classList.toggle("product__price--sale", onSale);
      document.querySelectorAll("[data-variant-sku]").forEach(function (sku) {
        sku.textContent = input.dataset.sku;
      });
      var status = scope.querySelector("[data-stock-status]");
      if (status) {
        status.className = status.className.replace(/stock-status--\w+/, "stock-status--" + input.dataset.stock);
        status.querySelector("[data-stock-label]").textContent = input.dataset.stockLabel;
      }
      var add = form.querySelector("[data-add-button]");
      if (add) {
        add.disabled = input.dataset.stock === "out";
        add.textContent = input.dataset.button || (add.disabled ? "Sold out" : "Add to cart");
      }
      var note = form.querySelector("[data-preorder-note]");
      if (note) {
        note.textContent = input.dataset.note || "";
        note.hidden = input.dataset.stock !== "preorder";
      }
      document.querySelectorAll("[data-notify-me]").forEach(function (notify) {
        notify.hidden = input.dataset.stock !== "out";
      });
      if (gallery && gallery.showImage) gallery.showImage(input.dataset.imageId);
      if (window.history && window.history.replaceState && input.dataset.url) {
        window.history.replaceState(null, "", input.dataset.url);
      }
    }

    form.addEventListener("change", function (event) {
      var input = event.target;
      if (input.name === "variant" && input.dataset.price) show(input);
    });
  }

  function initSubmitOnChange(field) {
    field.addEventListener("change", function () {
      if (field.form) field.form.submit();
    });
  }

  function init() {
    document.querySelectorAll("[data-site-header]").forEach(initMenu);
    document.querySelectorAll("[data-gallery]").forEach(initGallery);
    document.querySelectorAll("[data-variant-form]").forEach(initVariants);
    document.querySelectorAll("[data-submit-on-change]").forEach(initSubmitOnChange);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
