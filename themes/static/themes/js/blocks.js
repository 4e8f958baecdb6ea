/* Behaviour of the page-building blocks. Every block works without this file:

   - video: the poster links to the video on its own site; here a click swaps in the
     player instead (nothing loads from the video host before that click);
   - promo banner: the end date is shown; here it becomes a live countdown, and the
     banner goes away when the time is up;
   - newsletter: the form posts and shows a result page; here it posts in the background
     and shows the answer under the form.

   The storefront's Content-Security-Policy allows no inline script: behaviour lives here.
   Blocks link this file themselves (base.html stays as it is). */
(function () {
  "use strict";
  // Each block that needs this file links it; the browser may run it more than once.
  if (window.storefrontBlocksReady) return;
  window.storefrontBlocksReady = true;

  function initVideo(frame) {
    var play = frame.querySelector("[data-video-play]");
    if (!play) return;
    var label = play.querySelector(".visually-hidden");
    if (label) label.textContent = ": " + frame.dataset.videoTitle;
    play.removeAttribute("target");
    play.addEventListener("click", function (event) {
      event.preventDefault();
      var iframe = document.createElement("iframe");
      iframe.src = frame.dataset.embedUrl;
      iframe.title = frame.dataset.videoTitle || "Video";
      iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      iframe.allowFullscreen = true;
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      iframe.className = "video-block__player";
      frame.replaceChildren(iframe);
      frame.classList.add("video-block__frame--playing");
      iframe.focus();
    });
  }

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  function initCountdown(banner) {
    var until = Date.parse(banner.dataset.countdownUntil);
    var clock = banner.querySelector("[data-countdown]");
    var label = banner.querySelector("[data-countdown-label]");
    if (isNaN(until) || !clock) return;
    function tick() {
      var left = Math.floor((until - Date.now()) / 1000);
      if (left <= 0) {
        banner.hidden = true;
        var section = banner.closest(".stream__block");
        if (section) section.hidden = true;
        return false;
      }
      var days = Math.floor(left / 86400);
      var hours = Math.floor((left % 86400) / 3600);
      var minutes = Math.floor((left % 3600) / 60);
      var text = (days ? days + "d " : "") + pad(hours) + ":" + pad(minutes) + ":" + pad(left % 60);
      clock.textContent = "Ends in " + text;
      return true;
    }
    if (!tick()) return;
    clock.hidden = false;
    if (label) label.classList.add("visually-hidden");
    var timer = window.setInterval(function () {
      if (!tick()) window.clearInterval(timer);
    }, 1000);
  }

  function initNewsletter(form) {
    var status = form.querySelector("[data-newsletter-status]");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button.disabled) return;
      button.disabled = true;
      status.textContent = "";
      status.className = "newsletter__status";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          status.textContent = answer.message;
          status.classList.add(answer.ok ? "newsletter__status--ok" : "newsletter__status--error");
          if (answer.ok) form.classList.add("newsletter__form--done");
        })
        .catch(function () {
          status.textContent = "Something went wrong. Please try again.";
          status.classList.add("newsletter__status--error");
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  }

  function init() {
    document.querySelectorAll("[data-video]").forEach(initVideo);
    document.querySelectorAll("[data-countdown-until]").forEach(initCountdown);
    document.querySelectorAll("[data-newsletter]").forEach(initNewsletter);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
