/*
 * Loaded first, as a classic script, on every engine-check page: keeps what the page said
 * (console errors and warnings, uncaught errors, rejected promises) in the page itself, because
 * classic WebDriver (WebKit) has no console log to read back and the three engines must be read
 * the same way. report() is what tools/engines.mjs reads.
 */
(function () {
  var said = { errors: [], warnings: [] };
  var text = function (args) {
    return Array.prototype.map.call(args, function (a) {
      return a instanceof Error ? a.name + ': ' + a.message : typeof a === 'string' ? a : String(a);
    }).join(' ');
  };
  var keep = function (list, original) {
    return function () {
      list.push(text(arguments));
      return original.apply(console, arguments);
    };
  };
  console.error = keep(said.errors, console.error);
  console.warn = keep(said.warnings, console.warn);
  addEventListener('error', function (event) {
    // Resource errors (an <img> 404) reach here too, without a message: those are the kit's business
    // to handle and are judged by what renders, not counted as exceptions.
    if (event.message) said.errors.push('uncaught: ' + event.message + ' (' + event.filename + ':' + event.lineno + ')');
  });
  // A blocked style, script or policy on the strict-CSP page: the engine's own console message is
  // out of reach of classic WebDriver, the event is not. Zero is what SECURITY.md promises.
  addEventListener('securitypolicyviolation', function (event) {
    said.errors.push('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' (' + (event.sourceFile || '?') + ':' + event.lineNumber + ')');
  });
  addEventListener('unhandledrejection', function (event) {
    var r = event.reason;
    said.errors.push('unhandled rejection: ' + (r && r.message ? r.name + ': ' + r.message : String(r)));
  });

  /**
   * Every element whose tag starts with drop-, light DOM and inside any open shadow root (dropkit's
   * own, a marketplace's component). A clip's card buttons follow the clip's drop: a data-expect on
   * the clip is theirs too, as [element, expected state] pairs.
   */
  function dropElements(root, out, expect) {
    root.querySelectorAll('*').forEach(function (el) {
      if (el.localName.indexOf('drop-') === 0) out.push([el, el.getAttribute('data-expect') || (el.localName === 'drop-button' ? expect : null)]);
      if (el.shadowRoot) dropElements(el.shadowRoot, out, el.localName === 'drop-clip' ? el.getAttribute('data-expect') : null);
    });
    return out;
  }

  /** Every lang the element writes in its shadow DOM, in order: which words it marks as which language. */
  function langs(root) {
    if (!root) return [];
    var seen = [];
    root.querySelectorAll('[lang]').forEach(function (el) {
      var lang = el.getAttribute('lang');
      if (seen.indexOf(lang) < 0) seen.push(lang);
    });
    return seen.sort();
  }

  function partText(root, part) {
    var el = root && root.querySelector('[part~="' + part + '"]');
    return el ? el.textContent.replace(/\s+/g, ' ').trim() : null;
  }

  window.__engines = {
    report: function () {
      var elements = dropElements(document, [], null).map(function (pair) {
        var el = pair[0];
        var root = el.shadowRoot;
        var box = el.getBoundingClientRect();
        return {
          tag: el.localName,
          id: el.id || null,
          defined: Boolean(customElements.get(el.localName)),
          shadow: Boolean(root && root.children.length > 0),
          height: Math.round(box.height),
          width: Math.round(box.width),
          state: el.getAttribute('state'),
          playback: el.getAttribute('playback'),
          variant: el.getAttribute('variant'),
          expect: pair[1],
          expectPlayback: el.getAttribute('data-expect-playback'),
          expectVariant: el.getAttribute('data-expect-variant'),
          expectPrice: el.getAttribute('data-expect-price'),
          expectLangs: el.getAttribute('data-expect-langs'),
          price: partText(root, 'price'),
          langs: langs(root),
          text: ((root ? root.textContent : '') || '').replace(/\s+/g, ' ').trim().slice(0, 160),
          moment: partText(root, 'moment'),
        };
      });
      var video = document.querySelector('drop-clip');
      var v = video && video.shadowRoot && video.shadowRoot.querySelector('video');
      return JSON.stringify({
        errors: said.errors,
        warnings: said.warnings,
        elements: elements,
        trustedTypes: typeof window.trustedTypes === 'object',
        webm: v ? v.canPlayType('video/webm; codecs="vp9"') || v.canPlayType('video/webm') : null,
        title: document.title,
      });
    },
  };
})();
