/* What a shared storefront page leaves out, for this shopper only: the cart count in the
   header and the messages waiting for them ("Added ... to your cart"). The page itself is
   the same for every shopper, so a cache can share it; this asks the store once per page
   (shop:shopper-state, never cached) and fills the placeholders in. Without JavaScript the
   cart page still shows both. */
(function () {
  "use strict";

  var script = document.currentScript;
  var url = (script && script.dataset.stateUrl) || "/cart/state.json";

  /* Headers mark the count with data-cart-count; a preset's own header may only have the
     theme's class. */
  function showCount(count) {
    document.querySelectorAll("[data-cart-count], .site-cart__count").forEach(function (badge) {
      badge.textContent = count > 0 ? String(count) : "";
    });
  }

  function showMessages(messages) {
    var region = document.querySelector("[data-shopper-messages]");
    if (!region || !messages.length || region.children.length) return;
    var box = document.createElement("div");
    box.className = "container messages";
    messages.forEach(function (message) {
      var line = document.createElement("p");
      line.className = "message message--" + String(message.level).replace(/[^a-z]/g, "");
      line.textContent = message.text;
      box.appendChild(line);
    });
    region.appendChild(box);
  }

  function refresh() {
    if (!window.fetch) return;
    fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (state) {
        if (!state) return;
        showCount(Number(state.cart_count) || 0);
        showMessages(Array.isArray(state.messages) ? state.messages : []);
      })
      .catch(function () {
        /* The page works without these; nothing to tell the shopper. */
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refresh);
  } else {
    refresh();
  }
  /* Back and forward restore pages from memory: the cart may have changed since. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) refresh();
  });
})();
