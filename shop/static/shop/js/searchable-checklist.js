/* Lists of checkboxes that may be long (a store's products, its variants): a search box
   above each narrows the list to what matches, a count says how many are chosen, and
   "Chosen only" shows just those. Hidden items keep their state: the form sends every
   checked box, shown or not. (shop.admin_widgets.SearchableChecklist) */
(function () {
  "use strict";

  function text(item) {
    return item.textContent.trim().toLowerCase();
  }

  function enhance(list) {
    if (list.dataset.enhanced) return;
    list.dataset.enhanced = "1";
    var noun = list.dataset.searchableChecklist || "items";
    var items = Array.prototype.slice.call(list.querySelectorAll("label"));
    var tools = document.createElement("div");
    tools.className = "searchable-checklist__tools";
    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = "Search " + noun;
    search.setAttribute("aria-label", "Search " + noun);
    var chosenOnly = document.createElement("label");
    var chosenBox = document.createElement("input");
    chosenBox.type = "checkbox";
    chosenOnly.appendChild(chosenBox);
    chosenOnly.appendChild(document.createTextNode(" Chosen only"));
    var count = document.createElement("span");
    count.className = "searchable-checklist__count";
    count.setAttribute("aria-live", "polite");
    tools.appendChild(search);
    tools.appendChild(chosenOnly);
    tools.appendChild(count);
    list.parentNode.insertBefore(tools, list);

    function refresh() {
      var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var chosen = 0;
      items.forEach(function (item) {
        var box = item.querySelector("input");
        if (box && box.checked) chosen += 1;
        var label = text(item);
        var matches = words.every(function (word) { return label.indexOf(word) !== -1; });
        var shown = matches && (!chosenBox.checked || (box && box.checked));
        var row = item.parentElement && item.parentElement.tagName === "DIV" && item.parentElement !== list
          ? item.parentElement
          : item;
        row.hidden = !shown;
      });
      count.textContent = chosen + " of " + items.length + " chosen";
    }

    search.addEventListener("input", refresh);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // not a submit of the whole form
    });
    chosenBox.addEventListener("change", refresh);
    list.addEventListener("change", refresh);
    refresh();
  }

  function enhanceAll() {
    document.querySelectorAll("[data-searchable-checklist]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
