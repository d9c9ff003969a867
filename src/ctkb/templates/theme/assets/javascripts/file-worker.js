/* Search in the offline copy without freezing the page.
 *
 * Opened from file://, a page may not start a worker from a file: address, so Material runs its
 * search worker in an iframe (the iframe-worker shim, loaded just after this script). The iframe
 * shares the page's thread: building the index froze the page for about a second, several on a
 * cheap phone. A worker made from a Blob is allowed, and runs on its own thread. This script
 * stands in for `Worker` on file:// pages: when Material first posts to its search worker, it
 * loads file-worker-sources.js (written by the build: Material's worker and the lunr language
 * scripts, as text) and starts the worker from a Blob. The index arrives as JSON text (see
 * ctkb/search.py) and is parsed in the worker too. If a browser refuses the Blob worker, the
 * iframe is used as before. Nothing is requested outside the copy.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || !window.Worker || !window.Blob || !window.URL) return;

  var NativeWorker = window.Worker;
  var Fallback = null;  // the iframe worker, once its shim has assigned window.Worker
  var script = document.currentScript;
  var SOURCES = script ? new URL("file-worker-sources.js", script.src).href : null;
  var sources = null;  // a promise of {file name: source text}, loaded once per page

  /* Runs first inside the Blob worker: scripts the worker imports come from the embedded
   * sources (a Blob worker cannot read file: addresses), and the index is parsed from text. */
  function prelude() {
    var scripts = self.__ctkbScripts;
    var load = self.importScripts;
    self.importScripts = function () {
      for (var i = 0; i < arguments.length; i++) {
        var name = String(arguments[i]).split("?")[0].split("/").pop();
        if (!Object.prototype.hasOwnProperty.call(scripts, name)) throw new Error("not in this copy: " + name);
        load.call(self, URL.createObjectURL(new Blob([scripts[name]], { type: "text/javascript" })));
      }
    };
    var listen = self.addEventListener;
    self.addEventListener = function (type, listener, options) {
      if (type !== "message") return listen.call(self, type, listener, options);
      return listen.call(self, type, function (event) {
        var message = event.data;
        if (message && message.data && typeof message.data.docs === "string") {
          message.data.docs = JSON.parse(message.data.docs);
        }
        listener({ data: message });
      }, options);
    };
  }

  function loadSources() {
    if (!sources) {
      sources = new Promise(function (resolve) {
        if (!SOURCES) return resolve(null);
        var tag = document.createElement("script");
        tag.src = SOURCES;
        tag.onload = function () { resolve(window.__ctkbWorkerSources || null); };
        tag.onerror = function () { resolve(null); };
        document.head.appendChild(tag);
      });
    }
    return sources;
  }

  function parsed(message) {  // for the iframe: the index as the worker expects it
    if (message && message.data && typeof message.data.docs === "string") {
      return { type: message.type, data: Object.assign({}, message.data, { docs: JSON.parse(message.data.docs) }) };
    }
    return message;
  }

  class FileWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = String(url);
      this.onmessage = null;
      this.onerror = null;
      this.worker = null;
      this.threaded = false;
      this.queue = [];  // posted before the worker exists
      this.unanswered = [];  // posted to the Blob worker before it first answered: replayed if it fails
    }

    postMessage(message) {
      if (this.worker) return this.send(message);
      this.queue.push(message);
      if (this.queue.length === 1) this.start();
    }

    send(message) {
      if (!this.threaded) return this.worker.postMessage(parsed(message));
      if (this.unanswered) this.unanswered.push(message);
      this.worker.postMessage(message);
    }

    start() {
      var self = this;
      loadSources().then(function (found) {
        var name = self.url.split("?")[0].split("/").pop();
        try {
          if (!found || !found[name]) throw new Error("no embedded worker");
          var scripts = Object.assign({}, found);
          delete scripts[name];
          var blob = new Blob([
            "self.__ctkbScripts = ", JSON.stringify(scripts), ";\n(", prelude.toString(), ")();\n", found[name],
          ], { type: "text/javascript" });
          self.attach(new NativeWorker(URL.createObjectURL(blob)), true);
        } catch (error) {
          self.fallBack();
        }
        var queue = self.queue;
        self.queue = [];
        queue.forEach(function (message) { self.send(message); });
      });
    }

    attach(worker, threaded) {
      var self = this;
      this.worker = worker;
      this.threaded = threaded;
      worker.addEventListener("message", function (event) {
        self.unanswered = null;
        self.dispatchEvent(new MessageEvent("message", { data: event.data }));
        if (self.onmessage) self.onmessage(event);
      });
      worker.addEventListener("error", function (event) {
        if (self.threaded && self.unanswered) {  // the Blob worker never started: use the iframe
          var replay = self.unanswered;
          self.fallBack();
          replay.forEach(function (message) { self.send(message); });
          return;
        }
        self.dispatchEvent(new ErrorEvent("error", { message: event.message, error: event.error }));
        if (self.onerror) self.onerror(event);
      });
    }

    fallBack() {
      if (this.worker && this.threaded) this.worker.terminate();
      this.unanswered = null;
      this.attach(new (Fallback || NativeWorker)(this.url), false);
    }

    terminate() {
      if (this.worker) this.worker.terminate();
    }
  }

  /* The iframe-worker shim, loaded next, assigns window.Worker on file:// pages: keep its worker
   * as the fallback and go on answering with ours. */
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get: function () { return FileWorker; },
    set: function (value) { Fallback = value; },
  });
})();
