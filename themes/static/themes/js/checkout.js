/* Checkout: the shipping methods and the totals follow the address as it changes.
   Without this file the page works the same: "Update shipping options" posts the form and
   the page comes back with the rates of the address typed. With it, a change of country,
   postal code or shipping method fetches the checkout page for that address (same origin,
   GET) and puts its shipping methods, its totals and the total to confirm in place. The
   server prices every order again and refuses a total the shopper was not shown. */
(function () {
  "use strict";

  function init(layout) {
    var form = layout.querySelector(".checkout__form");
    if (!form || !window.fetch || !window.DOMParser) return;
    layout.classList.add("js-checkout");
    // Gone rather than hidden: pressing Enter in a field submits with the form's first
    // submit button, which must be "Place order" here.
    var update = form.querySelector("[data-update-shipping]");
    if (update) update.remove();
    var asked = 0;

    function params() {
      var query = new URLSearchParams();
      ["country", "postal_code"].forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field && field.value) query.set(name, field.value);
      });
      var chosen = form.querySelector('input[name="shipping_rate"]:checked');
      if (chosen) query.set("shipping_rate", chosen.value);
      return query;
    }

    function swap(page, selector) {
      var fresh = page.querySelector(selector);
      var current = layout.querySelector(selector);
      if (fresh && current) current.replaceWith(fresh);
    }

    function refresh() {
      var ticket = ++asked;
      layout.classList.add("is-updating");
      fetch(window.location.pathname + "?" + params().toString(), {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          if (ticket !== asked) return;
          var page = new DOMParser().parseFromString(html, "text/html");
          swap(page, "[data-shipping-choices]");
          swap(page, "[data-checkout-totals]");
          var quoted = page.querySelector("[data-quoted-total]");
          var total = page.querySelector("[data-place-order-total]");
          if (quoted) form.querySelector("[data-quoted-total]").value = quoted.value;
          if (total) form.querySelector("[data-place-order-total]").textContent = total.textContent;
        })
        .catch(function () {
          /* The page keeps what it showed; placing the order checks the total again. */
        })
        .then(function () {
          if (ticket === asked) layout.classList.remove("is-updating");
        });
    }

    form.addEventListener("change", function (event) {
      var name = event.target.name;
      if (name === "country" || name === "postal_code" || name === "shipping_rate") refresh();
    });
  }

  document.querySelectorAll(".checkout").forEach(init);
})();
