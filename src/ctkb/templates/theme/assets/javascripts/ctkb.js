/* ctkb: facets on list pages, copy and print buttons, search on paste. No dependencies, works from file://.
   Without JavaScript the full list stays visible and the filter form stays hidden. */
(function () {
  "use strict";

  function setupFacets(form) {
    var list = document.querySelector("[data-ctkb-list]");
    var status = document.querySelector("[data-ctkb-status]");
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    var names = [];
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (names.indexOf(box.name) < 0) names.push(box.name);
    });

    function fold(text) {
      return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }
    var texts = items.map(function (item) { return fold(item.textContent); });

    function readState() {
      var state = { q: "", from: "", to: "" };
      names.forEach(function (name) { state[name] = []; });
      new URLSearchParams(location.hash.slice(1)).forEach(function (value, key) {
        if (Array.isArray(state[key])) state[key] = value.split(",").filter(Boolean);
        else if (key in state) state[key] = value;
      });
      return state;
    }

    function writeForm(state) {
      form.elements.q.value = state.q;
      if (form.elements.from) form.elements.from.value = state.from;
      if (form.elements.to) form.elements.to.value = state.to;
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = state[box.name].indexOf(box.value) >= 0;
      });
      /* A facet with a choice made (e.g. from a shared link) is shown open. */
      form.querySelectorAll("details").forEach(function (details) {
        if (details.querySelector("input:checked")) details.open = true;
      });
    }

    function formState() {
      var state = {
        q: form.elements.q.value.trim(),
        from: form.elements.from ? form.elements.from.value : "",
        to: form.elements.to ? form.elements.to.value : ""
      };
      names.forEach(function (name) {
        state[name] = Array.prototype.slice.call(form.querySelectorAll("input[name=" + name + "]:checked"))
          .map(function (box) { return box.value; });
      });
      return state;
    }

    /* An item matches when, for every facet with a choice, it has one of the chosen values. */
    function matches(index, state, except) {
      var item = items[index];
      for (var i = 0; i < names.length; i++) {
        var name = names[i], chosen = state[name];
        if (name === except || !chosen.length) continue;
        var values = (item.getAttribute("data-" + name) || "").split(" ");
        if (!chosen.some(function (value) { return values.indexOf(value) >= 0; })) return false;
      }
      var year = parseInt(item.getAttribute("data-year"), 10);
      if (state.from && !(year >= parseInt(state.from, 10))) return false;
      if (state.to && !(year <= parseInt(state.to, 10))) return false;
      if (state.q) {
        var words = fold(state.q).split(/\s+/);
        for (var w = 0; w < words.length; w++) if (texts[index].indexOf(words[w]) < 0) return false;
      }
      return true;
    }

    function apply(state) {
      var shown = 0;
      items.forEach(function (item, index) {
        var visible = matches(index, state, null);
        item.hidden = !visible;
        if (visible) shown++;
      });
      /* Live counts: how many items each option would give, other choices unchanged. */
      form.querySelectorAll("[data-ctkb-count]").forEach(function (counter) {
        var pair = counter.getAttribute("data-ctkb-count").split("=");
        var count = 0;
        items.forEach(function (item, index) {
          var values = (item.getAttribute("data-" + pair[0]) || "").split(" ");
          if (values.indexOf(pair[1]) >= 0 && matches(index, state, pair[0])) count++;
        });
        counter.textContent = "(" + count + ")";
      });
      if (status) {
        status.textContent = status.getAttribute("data-template")
          .replace("{shown}", shown).replace("{total}", items.length);
      }
      if (active) {
        var count = form.querySelectorAll("input[type=checkbox]:checked").length +
          (state.q ? 1 : 0) + (state.from ? 1 : 0) + (state.to ? 1 : 0);
        active.textContent = count ? active.getAttribute("data-template").replace("{count}", count) : "";
      }
    }

    function toHash(state) {
      var params = new URLSearchParams();
      if (state.q) params.set("q", state.q);
      names.forEach(function (name) { if (state[name].length) params.set(name, state[name].join(",")); });
      if (state.from) params.set("from", state.from);
      if (state.to) params.set("to", state.to);
      return params.toString();
    }

    function update() {
      var state = formState();
      apply(state);
      var hash = toHash(state);
      /* replaceState is refused on file:// pages; setting the hash works everywhere. */
      if (location.hash.slice(1) !== hash) {
        try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); }
        catch (error) { location.hash = hash; }
      }
    }

    /* Folded on a phone (one "Filters" control above the list), open on a wide screen. */
    var panel = form.querySelector("[data-ctkb-filter-panel]");
    var active = form.querySelector("[data-ctkb-active]");
    if (panel && window.matchMedia("(min-width: 60em)").matches) panel.open = true;
    form.hidden = false;
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    window.addEventListener("hashchange", function () { var s = readState(); writeForm(s); apply(s); });
    var initial = readState();
    writeForm(initial);
    apply(initial);
  }

  function setupCopy(button) {
    var target = document.getElementById(button.getAttribute("data-ctkb-copy"));
    if (!target) return;
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      var text = target.textContent.trim();
      function done() {
        button.textContent = button.getAttribute("data-copied");
        setTimeout(function () { button.textContent = label; }, 2000);
      }
      function fallback() {
        var area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); done(); } finally { document.body.removeChild(area); }
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  }

  /* Checklists: the browser's print dialog, where A4 or Letter is chosen. */
  function setupPrint(button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  /* Material's search runs when a key is released; a pasted, dictated or autocompleted query
     changes the box without one, so such a change is passed on as a key release. */
  function setupSearchInput(box) {
    box.addEventListener("input", function (event) {
      if (!event.isComposing) box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  }

  function init() {
    document.querySelectorAll("[data-md-component=search-query]").forEach(setupSearchInput);
    document.querySelectorAll("[data-ctkb-facets]").forEach(setupFacets);
    document.querySelectorAll("[data-ctkb-copy]").forEach(setupCopy);
    document.querySelectorAll("[data-ctkb-print]").forEach(setupPrint);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
