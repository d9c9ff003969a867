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

  /* Legal basis on procedure and role pages: one country's lines, or every country's. Without
     script every line shows. The choice is not stored; "?country=GT" in the address preselects. */
  function setupCountryFilter(box) {
    var select = box.querySelector("select");
    var lists = document.querySelectorAll("[data-ctkb-legal-basis]");
    function apply() {
      var chosen = select.value;
      lists.forEach(function (list) {
        Array.prototype.forEach.call(list.children, function (line) {
          if (!chosen) line.hidden = line.hasAttribute("data-ctkb-one-country");
          else line.hidden = line.hasAttribute("data-ctkb-every-country") || line.dataset.country !== chosen;
        });
      });
    }
    var asked = new URLSearchParams(location.search).get("country");
    if (asked && select.querySelector('option[value="' + asked.replace(/[^A-Z]/g, "") + '"]')) select.value = asked;
    box.hidden = false;
    select.addEventListener("change", apply);
    apply();
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

  /* On-screen checklists and the quiz: nothing is kept. Leaving the page clears the form, so the
     browser's back-forward cache cannot bring it back to the next person holding the phone. */
  function clearOnLeave(form) {
    window.addEventListener("pagehide", function () { form.reset(); });
    window.addEventListener("pageshow", function () { form.reset(); });
  }

  /* Offer `text` as a file made in the browser: nothing is sent, and the address is freed after. */
  function download(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
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
          download(SELECTION_FILES[format][0], SELECTION_FILES[format][1], text);
        });
      });
    });
  }

  /* The self-assessment: answers stay in the page. Scores, chart and recommendations are drawn
     here; answers leave the device only in a file the person chooses to download, and a file can
     be loaded back (to continue) or as an earlier assessment (to compare). Nothing is stored. */
  var SVG_NS = "http://www.w3.org/2000/svg";
  function setupAssessment(tool) {
    var data = JSON.parse(document.getElementById("ctkb-assessment-data").textContent);
    var ui = JSON.parse(document.getElementById("ctkb-assessment-ui").textContent);
    var form = tool.querySelector("form");
    var earlier = null;
    var questions = {};
    data.areas.forEach(function (area) {
      area.questions.forEach(function (question) { questions[question.id] = { area: area, question: question }; });
    });
    tool.hidden = false;
    var dateInput = form.elements.date;
    function today() { return new Date().toISOString().slice(0, 10); }
    if (!dateInput.value) dateInput.value = today();

    function current() {
      var answers = {};
      Object.keys(questions).forEach(function (id) {
        var checked = form.querySelector('input[name="' + id + '"]:checked');
        answers[id] = checked ? Number(checked.value) : null;
      });
      return {
        format: "ctkb-self-assessment", version: 1, date: dateInput.value || today(), language: data.lang,
        organisation: form.elements.organisation.value.trim(), country: form.elements.country.value, answers: answers
      };
    }
    function scores(answers) {
      return data.areas.map(function (area) {
        var levels = area.questions.map(function (q) { return answers[q.id]; })
          .filter(function (level) { return level !== null && level !== undefined; });
        var sum = levels.reduce(function (a, b) { return a + b; }, 0);
        return { area: area, answered: levels.length, total: area.questions.length,
                 score: levels.length ? Math.round(100 * sum / (3 * levels.length)) : null };
      });
    }
    function el(name, attrs, text) {
      var node = document.createElementNS(SVG_NS, name);
      Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function chart(now, before) {
      var rowHeight = before ? 44 : 30, left = 34, width = 300, top = 8;
      var svg = el("svg", { viewBox: "0 0 " + (left + width + 46) + " " + (top + rowHeight * now.length + 4),
                            role: "img", "aria-labelledby": "ctkb-chart-title", class: "ctkb-assessment-chart" });
      svg.appendChild(el("title", { id: "ctkb-chart-title" }, ui.chart_title));
      now.forEach(function (row, index) {
        var y = top + index * rowHeight;
        svg.appendChild(el("text", { x: 0, y: y + 15, class: "ctkb-chart-label" }, String(row.area.number)));
        svg.appendChild(el("rect", { x: left, y: y + 2, width: width, height: 18, class: "ctkb-chart-track" }));
        if (row.score !== null) {
          svg.appendChild(el("rect", { x: left, y: y + 2, width: width * row.score / 100, height: 18, class: "ctkb-chart-bar" }));
        }
        svg.appendChild(el("text", { x: left + width + 6, y: y + 15, class: "ctkb-chart-value" },
                           row.score === null ? "–" : row.score + "%"));
        if (before) {
          var old = before[index];
          svg.appendChild(el("rect", { x: left, y: y + 24, width: width * (old.score || 0) / 100, height: 10, class: "ctkb-chart-earlier" }));
          svg.appendChild(el("text", { x: left + width + 6, y: y + 33, class: "ctkb-chart-value ctkb-chart-earlier-value" },
                             old.score === null ? "–" : old.score + "%"));
        }
      });
      return svg;
    }
    function render() {
      var state = current();
      var now = scores(state.answers);
      var before = earlier ? scores(earlier.answers) : null;
      var answered = now.reduce(function (a, row) { return a + row.answered; }, 0);
      var status = tool.querySelector("[data-ctkb-answered]");
      status.textContent = status.getAttribute("data-template")
        .replace("{answered}", answered).replace("{total}", Object.keys(questions).length);
      var holder = tool.querySelector("[data-ctkb-chart]");
      holder.replaceChildren(chart(now, before));
      var legend = document.createElement("p");
      legend.className = "ctkb-meta";
      legend.textContent = before ? ui.legend_compare.replace("{now}", state.date).replace("{earlier}", earlier.date) : ui.legend;
      holder.appendChild(legend);
      tool.querySelector("[data-ctkb-earlier-col]").hidden = !before;
      var body = tool.querySelector("[data-ctkb-scores] tbody");
      body.replaceChildren();
      now.forEach(function (row, index) {
        var tr = document.createElement("tr");
        var cells = [row.area.number + ". " + row.area.title, row.answered + " / " + row.total,
                     row.score === null ? "–" : row.score + "%"];
        if (before) cells.push(before[index].score === null ? "–" : before[index].score + "%");
        cells.forEach(function (text, i) {
          var cell = document.createElement(i ? "td" : "th");
          if (!i) cell.scope = "row";
          cell.textContent = text;
          tr.appendChild(cell);
        });
        body.appendChild(tr);
      });
      var list = tool.querySelector("[data-ctkb-recommendations]");
      list.replaceChildren();
      var todo = Object.keys(questions).filter(function (id) {
        return state.answers[id] !== null && state.answers[id] < 3;
      }).sort(function (a, b) {
        return state.answers[a] - state.answers[b] || questions[a].area.number - questions[b].area.number;
      });
      todo.forEach(function (id) {
        var entry = questions[id], level = entry.question.levels[state.answers[id]];
        var item = document.createElement("li");
        var strong = document.createElement("strong");
        strong.textContent = entry.question.text;
        item.appendChild(strong);
        item.appendChild(document.createTextNode(" (" + ui.level + " " + state.answers[id] + ") " + level.next_step));
        level.resources.forEach(function (resource, i) {
          item.appendChild(document.createTextNode(i ? " · " : " "));
          var link = document.createElement("a");
          link.href = data.root + resource.href + ".html";
          link.textContent = resource.title;
          item.appendChild(link);
        });
        list.appendChild(item);
      });
      if (!todo.length) {
        var none = document.createElement("li");
        none.textContent = answered ? ui.all_done : ui.none_yet;
        list.appendChild(none);
      }
    }
    function csvCell(value) {
      var text = value === null || value === undefined ? "" : String(value);
      return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    function toCsv(state) {
      var lines = ["date,organisation,country,question,level"];
      Object.keys(questions).forEach(function (id) {
        lines.push([state.date, state.organisation, state.country, id, state.answers[id]].map(csvCell).join(","));
      });
      return lines.join("\n") + "\n";
    }
    function parseCsv(text) {
      var rows = [], row = [], cell = "", quoted = false;
      for (var i = 0; i < text.length; i++) {
        var c = text[i];
        if (quoted) {
          if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
          else if (c === '"') quoted = false;
          else cell += c;
        } else if (c === '"') quoted = true;
        else if (c === ",") { row.push(cell); cell = ""; }
        else if (c === "\n" || c === "\r") {
          if (c === "\r" && text[i + 1] === "\n") i++;
          row.push(cell); rows.push(row); row = []; cell = "";
        } else cell += c;
      }
      if (cell || row.length) { row.push(cell); rows.push(row); }
      return rows.filter(function (r) { return r.join("") !== ""; });
    }
    function readAnswers(name, text) {
      var state;
      if (/^\s*\{/.test(text)) {
        state = JSON.parse(text);
        if (state.format !== "ctkb-self-assessment") throw new Error(ui.error_format);
      } else {
        var rows = parseCsv(text), head = rows.shift() || [];
        if (head.join(",") !== "date,organisation,country,question,level") throw new Error(ui.error_format);
        state = { date: rows.length ? rows[0][0] : "", organisation: rows.length ? rows[0][1] : "",
                  country: rows.length ? rows[0][2] : "", answers: {} };
        rows.forEach(function (r) { state.answers[r[3]] = r[4] === "" ? null : Number(r[4]); });
      }
      var answers = state.answers || {};
      Object.keys(answers).forEach(function (id) {
        var level = answers[id];
        if (!questions[id]) throw new Error(ui.error_question.replace("{question}", id));
        if (level !== null && [0, 1, 2, 3].indexOf(level) < 0) throw new Error(ui.error_level.replace("{question}", id));
      });
      return { date: String(state.date || ""), organisation: String(state.organisation || ""),
               country: String(state.country || ""), answers: answers };
    }
    tool.querySelectorAll("input[data-ctkb-load]").forEach(function (input) {
      input.addEventListener("change", function () {
        var file = input.files[0], error = tool.querySelector("[data-ctkb-file-error]");
        error.textContent = "";
        if (!file) return;
        var reader = new FileReader();
        reader.onload = function () {
          try {
            var state = readAnswers(file.name, String(reader.result));
            if (input.getAttribute("data-ctkb-load") === "earlier") {
              earlier = state;
            } else {
              form.querySelectorAll('input[type="radio"]').forEach(function (radio) { radio.checked = false; });
              dateInput.value = state.date || today();
              form.elements.organisation.value = state.organisation;
              form.elements.country.value = state.country;
              Object.keys(state.answers).forEach(function (id) {
                var level = state.answers[id];
                if (level === null) return;
                var radio = form.querySelector('input[name="' + id + '"][value="' + level + '"]');
                if (radio) radio.checked = true;
              });
            }
            render();
          } catch (problem) {
            error.textContent = file.name + ": " + (problem instanceof SyntaxError ? ui.error_format : problem.message);
          }
          input.value = "";
        };
        reader.readAsText(file);
      });
    });
    tool.querySelector('[data-ctkb-action="json"]').addEventListener("click", function () {
      var state = current();
      download("ctkb-self-assessment-" + state.date + ".json", "application/json", JSON.stringify(state, null, 2) + "\n");
    });
    tool.querySelector('[data-ctkb-action="csv"]').addEventListener("click", function () {
      var state = current();
      download("ctkb-self-assessment-" + state.date + ".csv", "text/csv", toCsv(state));
    });
    tool.querySelector('[data-ctkb-action="print"]').addEventListener("click", function () {
      document.body.classList.add("ctkb-printing-results");
      window.print();
    });
    window.addEventListener("afterprint", function () { document.body.classList.remove("ctkb-printing-results"); });
    form.addEventListener("change", render);
    form.addEventListener("reset", function () { setTimeout(function () { dateInput.value = today(); render(); }, 0); });
    render();
  }

  /* The self-study quiz: each answer is checked in the page, with the reason and the page to read.
     Nothing is stored or sent; leaving the page clears it, as on the checklists. */
  function setupQuiz(form) {
    var score = form.querySelector("[data-ctkb-quiz-score]");
    var questions = form.querySelectorAll("fieldset[data-answer]");
    function tally() {
      var checked = form.querySelectorAll("fieldset[data-checked]");
      var right = form.querySelectorAll("fieldset[data-checked=right]").length;
      score.textContent = checked.length ? score.getAttribute("data-template")
        .replace("{right}", right).replace("{checked}", checked.length).replace("{total}", questions.length) : "";
    }
    questions.forEach(function (fieldset) {
      var button = fieldset.querySelector("[data-ctkb-check]");
      var feedback = fieldset.querySelector("[data-ctkb-feedback]");
      var verdict = fieldset.querySelector("[data-ctkb-verdict]");
      button.hidden = false;
      button.addEventListener("click", function () {
        var chosen = fieldset.querySelector("input:checked");
        feedback.hidden = false;
        if (!chosen) { verdict.textContent = verdict.getAttribute("data-none"); return; }
        var answer = fieldset.getAttribute("data-answer");
        var correct = fieldset.querySelector('input[value="' + answer + '"]').parentNode.textContent.trim();
        var right = chosen.value === answer;
        fieldset.setAttribute("data-checked", right ? "right" : "wrong");
        verdict.textContent = right ? verdict.getAttribute("data-right")
          : verdict.getAttribute("data-wrong").replace("{answer}", correct);
        tally();
      });
      fieldset.addEventListener("change", function () {
        fieldset.removeAttribute("data-checked");
        feedback.hidden = true;
        tally();
      });
    });
    form.addEventListener("reset", function () {
      questions.forEach(function (fieldset) {
        fieldset.removeAttribute("data-checked");
        fieldset.querySelector("[data-ctkb-feedback]").hidden = true;
      });
      setTimeout(tally, 0);
    });
    clearOnLeave(form);
  }

  /* The field kit: "Save for offline use" registers the service worker (generated by Workbox at
     build time) and stores the kit's files in its cache, with progress; "Remove the saved copy"
     undoes both. Nothing happens until the reader asks, and only the site's own files are kept. */
  var KIT_CACHE = "ctkb-site";
  function setupFieldKit(box) {
    if (location.protocol === "file:" || !("serviceWorker" in navigator) || !window.caches) return;
    var ui = JSON.parse(box.querySelector("[data-ctkb-kit-ui]").textContent);
    var part = function (name) { return box.querySelector("[data-ctkb-kit-" + name + "]"); };
    var status = part("status"), progress = part("progress"), confirm = part("confirm");
    var root = new URL(box.getAttribute("data-root"), location.href).href.replace(/index\.html$/, "");
    var version = box.getAttribute("data-version");
    var kit = null;
    box.hidden = false;
    function say(text) { status.textContent = text; }
    function megabytes(bytes) { return (bytes / 1e6).toFixed(1) + " MB"; }
    function saved(yes) { part("remove").hidden = !yes; }
    function loadKit() {
      if (kit) return Promise.resolve(kit);
      return fetch(box.getAttribute("data-kit"), { cache: "no-cache" })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (data) { kit = data; return data; });
    }
    part("save").addEventListener("click", function () {
      loadKit().then(function (data) {
        var size = part("size");
        size.textContent = size.getAttribute("data-template").replace("{files}", data.files.length)
          .replace("{download}", megabytes(data.download)).replace("{stored}", megabytes(data.stored));
        confirm.hidden = false;
        part("go").focus();
      }, function (error) { say(ui.failed.replace("{error}", error.message)); });
    });
    part("cancel").addEventListener("click", function () { confirm.hidden = true; part("save").focus(); });
    part("go").addEventListener("click", function () {
      confirm.hidden = true;
      var files = kit.files, done = 0, next = 0, failed = null;
      progress.hidden = false;
      progress.max = files.length;
      say(ui.saving.replace("{done}", 0).replace("{total}", files.length));
      navigator.serviceWorker.register(box.getAttribute("data-sw"), { scope: root })
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function () { return caches.open(KIT_CACHE); })
        .then(function (cache) {
          function worker() {
            if (next >= files.length || failed) return Promise.resolve();
            var url = new URL(files[next++], root).href;
            return fetch(url, { cache: "no-cache" }).then(function (response) {
              if (!response.ok) throw new Error(response.status + " " + url);
              return cache.put(url, response);
            }).then(function () {
              done += 1;
              progress.value = done;
              say(ui.saving.replace("{done}", done).replace("{total}", files.length));
              return worker();
            }, function (error) { failed = error; });
          }
          return Promise.all([worker(), worker(), worker(), worker()]);
        })
        .then(function () {
          progress.hidden = true;
          if (failed) throw failed;
          say(ui.ready.replace("{version}", kit.version || version));
          saved(true);
        })
        .catch(function (error) {
          progress.hidden = true;
          say(ui.failed.replace("{error}", error.message || error));
        });
    });
    part("remove").addEventListener("click", function () {
      navigator.serviceWorker.getRegistrations()
        .then(function (registrations) { return Promise.all(registrations.map(function (r) { return r.unregister(); })); })
        .then(function () { return caches.keys(); })
        .then(function (keys) { return Promise.all(keys.map(function (key) { return caches.delete(key); })); })
        .then(function () { saved(false); say(ui.removed); });
    });
    part("reload").addEventListener("click", function () { location.reload(); });
    var controlled = Boolean(navigator.serviceWorker.controller);
    if (controlled) { saved(true); say(ui.saved.replace("{version}", version)); }
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (controlled) part("update").hidden = false;  // a new service worker: a new version was published
      controlled = true;
    });
  }

  function init() {
    document.querySelectorAll("[data-md-component=search-query]").forEach(setupSearchInput);
    document.querySelectorAll("[data-ctkb-facets]").forEach(setupFacets);
    document.querySelectorAll("[data-ctkb-copy]").forEach(setupCopy);
    document.querySelectorAll("[data-ctkb-print]").forEach(setupPrint);
    document.querySelectorAll("[data-ctkb-diagram]").forEach(setupDiagram);
    document.querySelectorAll("[data-ctkb-country-filter]").forEach(setupCountryFilter);
    document.querySelectorAll("[data-ctkb-screening]").forEach(clearOnLeave);
    document.querySelectorAll("[data-ctkb-selection]").forEach(setupSelection);
    document.querySelectorAll("[data-ctkb-assessment]").forEach(setupAssessment);
    document.querySelectorAll("[data-ctkb-quiz]").forEach(setupQuiz);
    document.querySelectorAll("[data-ctkb-fieldkit]").forEach(setupFieldKit);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
