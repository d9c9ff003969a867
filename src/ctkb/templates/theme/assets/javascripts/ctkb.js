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

  /* Workflow diagrams: a full-screen view to pan and zoom with fingers, mouse, wheel or buttons
     (Panzoom, bundled from npm). Without script the diagram still scrolls and its boxes link. */
  function setupDiagram(figure) {
    if (typeof window.Panzoom !== "function") return;
    var canvas = figure.querySelector("[data-ctkb-diagram-canvas]");
    var svg = canvas.querySelector("svg");
    var open = figure.querySelector("[data-ctkb-diagram-open]");
    var close = figure.querySelector("[data-ctkb-diagram-close]");
    var extras = figure.querySelectorAll("[data-ctkb-zoom], [data-ctkb-diagram-help]");
    var panzoom = null;
    figure.querySelector("[data-ctkb-diagram-tools]").hidden = false;

    function show(isOpen) {
      figure.classList.toggle("ctkb-diagram--open", isOpen);
      document.documentElement.classList.toggle("ctkb-no-scroll", isOpen);
      open.hidden = isOpen;
      close.hidden = !isOpen;
      extras.forEach(function (element) { element.hidden = !isOpen; });
      if (isOpen) {
        figure.setAttribute("role", "dialog");
        figure.setAttribute("aria-modal", "true");
        figure.setAttribute("aria-label", figure.getAttribute("data-label"));
      } else {
        ["role", "aria-modal", "aria-label"].forEach(function (name) { figure.removeAttribute(name); });
      }
    }
    function start() {
      show(true);
      // Start with the first step in the middle of the screen, at the drawing's own size.
      var first = svg.querySelector("g.node") || svg;
      var box = first.getBoundingClientRect(), whole = svg.getBoundingClientRect();
      var startX = canvas.clientWidth / 2 - (box.left - whole.left + box.width / 2);
      panzoom = window.Panzoom(svg, { canvas: true, minScale: 0.2, maxScale: 8, step: 0.3, startX: startX, startY: 0 });
      canvas.addEventListener("wheel", panzoom.zoomWithWheel);
      close.focus();
    }
    function stop() {
      if (!panzoom) return;
      canvas.removeEventListener("wheel", panzoom.zoomWithWheel);
      panzoom.destroy();
      panzoom.resetStyle();
      svg.style.transform = "";
      panzoom = null;
      show(false);
    }
    open.addEventListener("click", start);
    close.addEventListener("click", function () { stop(); open.focus(); });
    figure.querySelectorAll("[data-ctkb-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var how = button.getAttribute("data-ctkb-zoom");
        if (how === "in") panzoom.zoomIn();
        else if (how === "out") panzoom.zoomOut();
        else panzoom.reset();
      });
    });
    figure.addEventListener("keydown", function (event) {
      if (!panzoom) return;
      if (event.key === "Escape") { stop(); open.focus(); return; }
      if (event.key !== "Tab") return;
      // Keep the keyboard inside the full-screen view, as in any dialog.
      var stops = Array.prototype.filter.call(
        figure.querySelectorAll("button, a"), function (element) { return !element.closest("[hidden]") && !element.hidden; });
      var first = stops[0], last = stops[stops.length - 1];
      if (event.shiftKey && document.activeElement === first) { last.focus(); event.preventDefault(); }
      else if (!event.shiftKey && document.activeElement === last) { first.focus(); event.preventDefault(); }
    });
    // A tap on a step's box leaves the full screen and goes to that step in the list below.
    svg.addEventListener("click", function (event) { if (panzoom && event.target.closest("a")) stop(); });
  }

  /* On-screen checklists: a screening is never kept. Leaving the page clears the ticks, so the
     browser's back-forward cache cannot bring them back to the next person holding the phone. */
  function setupScreening(form) {
    window.addEventListener("pagehide", function () { form.reset(); });
    window.addEventListener("pageshow", function () { form.reset(); });
  }

  /* "Download these results": the entries the filters show, exported in the browser, offline
     too. Every entry's exports are in one script, loaded on first use (a script, unlike a
     fetch, loads from file://). */
  var SELECTION_FILES = {
    bibtex: ["ctkb-selection.bib", "application/x-bibtex"],
    ris: ["ctkb-selection.ris", "application/x-research-info-systems"],
    "csl-json": ["ctkb-selection.json", "application/json"]
  };
  function setupSelection(box) {
    var list = document.querySelector("[data-ctkb-list]");
    if (!list || typeof Blob === "undefined") return;
    box.hidden = false;
    function withReferences(then) {
      if (window.ctkbReferences) { then(window.ctkbReferences); return; }
      var script = document.createElement("script");
      script.src = box.getAttribute("data-script");
      script.onload = function () { then(window.ctkbReferences); };
      document.head.appendChild(script);
    }
    box.querySelectorAll("button[data-format]").forEach(function (button) {
      button.addEventListener("click", function () {
        var format = button.getAttribute("data-format");
        withReferences(function (references) {
          var shown = Array.prototype.filter.call(list.children, function (item) { return !item.hidden; });
          var entries = shown.map(function (item) { return (references[item.id] || {})[format]; }).filter(Boolean);
          var text = format === "csl-json" ? JSON.stringify(entries, null, 2) + "\n" : entries.join("\n");
          var link = document.createElement("a");
          link.href = URL.createObjectURL(new Blob([text], { type: SELECTION_FILES[format][1] + ";charset=utf-8" }));
          link.download = SELECTION_FILES[format][0];
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
        });
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-md-component=search-query]").forEach(setupSearchInput);
    document.querySelectorAll("[data-ctkb-facets]").forEach(setupFacets);
    document.querySelectorAll("[data-ctkb-copy]").forEach(setupCopy);
    document.querySelectorAll("[data-ctkb-print]").forEach(setupPrint);
    document.querySelectorAll("[data-ctkb-diagram]").forEach(setupDiagram);
    document.querySelectorAll("[data-ctkb-screening]").forEach(setupScreening);
    document.querySelectorAll("[data-ctkb-selection]").forEach(setupSelection);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
