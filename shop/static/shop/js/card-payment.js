// The card payment page: mounts Stripe's Payment Element and confirms the PaymentIntent.
// Card details go from Stripe's frame to Stripe; the order is marked paid by Stripe's
// webhook, never by this page. Where Stripe.js cannot load, the page says so.
(function () {
  "use strict";

  function start() {
    var form = document.getElementById("card-payment-form");
    if (!form) return;
    var loading = form.querySelector("[data-card-loading]");
    var error = form.querySelector("[data-card-error]");
    var submit = form.querySelector("[data-card-submit]");

    function show(message) {
      error.textContent = message;
      error.hidden = false;
    }

    if (typeof window.Stripe !== "function") {
      loading.hidden = true;
      show("The secure card form could not load. Check your connection and reload this page.");
      return;
    }
    var options = {};
    if (form.dataset.stripeAccount) options.stripeAccount = form.dataset.stripeAccount;
    var stripe = window.Stripe(form.dataset.publishableKey, options);
    var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
    var element = elements.create("payment");
    element.on("ready", function () {
      loading.hidden = true;
      submit.hidden = false;
    });
    element.on("loaderror", function (event) {
      loading.hidden = true;
      show((event.error && event.error.message) || "The secure card form could not load.");
    });
    element.mount("#payment-element");

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (submit.disabled) return;
      submit.disabled = true;
      error.hidden = true;
      stripe
        .confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.returnUrl } })
        .then(function (result) {
          // Reached only when the payment could not start: a redirect follows otherwise.
          if (result.error) show(result.error.message);
          submit.disabled = false;
        });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
