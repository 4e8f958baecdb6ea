/* The analytics the store enabled (theme settings: GA4 measurement ID, Meta Pixel ID),
   loaded on its storefront pages only. The IDs come from this script's data attributes,
   so no inline script is needed; the store's Content-Security-Policy names exactly the
   providers' origins. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) return;
  var ga4 = script.dataset.ga4;
  var pixel = script.dataset.metaPixel;

  function load(src) {
    var tag = document.createElement("script");
    tag.async = true;
    tag.src = src;
    document.head.appendChild(tag);
  }

  if (ga4) {
    window.dataLayer = window.dataLayer || [];
    window.gtag =
      window.gtag ||
      function () {
        window.dataLayer.push(arguments);
      };
    window.gtag("js", new Date());
    window.gtag("config", ga4);
    load("https://www.googletagmanager.com/gtag/js?id=" + encodeURIComponent(ga4));
  }

  if (pixel) {
    if (!window.fbq) {
      var fbq = function () {
        if (fbq.callMethod) {
          fbq.callMethod.apply(fbq, arguments);
        } else {
          fbq.queue.push(arguments);
        }
      };
      fbq.push = fbq;
      fbq.loaded = true;
      fbq.version = "2.0";
      fbq.queue = [];
      window.fbq = fbq;
      if (!window._fbq) window._fbq = fbq;
      load("https://connect.facebook.net/en_US/fbevents.js");
    }
    window.fbq("init", pixel);
    window.fbq("track", "PageView");
  }
})();
