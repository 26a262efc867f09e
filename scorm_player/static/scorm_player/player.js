// The SCORM player: creates scorm-again's API with the server's state, then loads the SCO.
//
// Commits go through our own transport (scorm-again's `httpService` hook):
// - every commit carries a sequence number, so the server never rolls state back;
// - a normal commit is a synchronous POST: Commit answers "true" only once saved;
// - the last commit (Terminate, or the page being hidden) goes by fetch keepalive as
//   text/plain, authenticated by the signed token in the URL, and only with what
//   changed when the whole state is above the keepalive limit;
// - when the network is down, the latest state waits in localStorage and is replayed
//   when the connection returns or the module is opened again: nothing is lost; on a slow
//   link commits wait there too and go in the background, so the SCO does not freeze;
// - a page shown again asks the server whether the learner went on elsewhere (another tab,
//   another device) and then loads again from there;
// - only the server's own refusal drops a commit (an answer from a proxy on the way is
//   sent again); a value it refuses is left out and the rest of the commit stored;
// - a saved commit's answer carries a receipt: a signed tag and how the stored state
//   differs from what was sent. The next normal commit sends the tag back with how the
//   stored state differs from its own, and the server saves it without reading the
//   attempt first (see scorm_player/attempts.py). A receipt that no longer fits costs
//   nothing but that shortcut.
//
// SCORM 2004 multi-SCO packages are sequenced by the server: navigation requests (our
// buttons, the contents list, the SCO's adl.nav.request) go to `sequencing.navigateUrl`
// once the SCO has been taken away and its last commit has arrived; the answer names
// the page to open. Button states follow the server's adl.nav.request_valid.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("scorm-config").textContent);
  var seq = config.sequencing || null;
  var api = null;
  var finalCommit = null; // the promise of this page's last commit
  var scoNavRequest = null; // what the SCO put in adl.nav.request
  var navigating = false;
  var pendingKey = config.attemptKey + ":pending";
  var KEEPALIVE_LIMIT = 60000; // bytes: browsers refuse keepalive bodies above 64 KiB in flight
  var COMMIT_FAILED = config.version === "1.2" ? 101 : 391; // General Exception / General Commit Failure
  // This launch's commits outrank those of a page left open on the attempt (see attempts.LAUNCH_BITS).
  var sequence = config.sequenceBase;
  var acknowledged = JSON.parse(JSON.stringify(config.state || {})); // what the server holds
  var statusLine = document.getElementById("status");
  var terminated = false;
  var receipt = null; // {tag, state}: the state the server stored with the last commit
  var remembered = 0; // the sequence of the newest commit in `acknowledged`
  // What this page, before it loaded again, had to tell the learner (shown once the SCO is there).
  var NOTICE_KEY = "scorm-player-notice";
  var notice = sessionValue(NOTICE_KEY);
  sessionValue(NOTICE_KEY, null);

  function sessionValue(key, value) {
    // Read (no value), write or remove (null) a value of this tab's session storage; a
    // device without storage (disabled, a locked-down profile) loses only what it held.
    try {
      if (value === undefined) return sessionStorage.getItem(key);
      if (value === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, value);
    } catch (e) { /* no storage on this device */ }
    return null;
  }

  function say(text) { if (statusLine) statusLine.textContent = text; }

  // The server's own answer to a commit is JSON with "result". Anything else (a proxy's or
  // a firewall's 4xx, a rate limiter's 429, a login or maintenance page, even with 200)
  // was answered on the way: the commit is kept and sent again.
  function storedByServer(status, answer) {
    return status === 200 && !!answer && answer.result === "true";
  }
  function refusedByServer(status, answer) {
    // The server will never take it (a finished attempt, a value not allowed).
    return status >= 400 && status < 500 && !!answer && answer.result === "false";
  }

  function offerReload() {
    // Another page stored newer progress, or finished the attempt: loading this one again
    // goes on from there.
    var button = document.getElementById("reload");
    if (!button || !button.hidden) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.location.reload(); });
  }

  function byteLength(text) { return new TextEncoder().encode(text).length; }

  function readPending() {
    try { return JSON.parse(localStorage.getItem(pendingKey) || "null"); } catch (e) { return null; }
  }
  function writePending(body) {
    try {
      localStorage.setItem(pendingKey, JSON.stringify(body));
      // Any page of the site sends it from there (deliver_pending.js), to an address that expires.
      localStorage.setItem(config.attemptKey + ":url", config.keptCommitUrl);
      return true;
    } catch (e) { return false; }
  }
  function forgetPending(key) {
    localStorage.removeItem(key + ":pending");
    localStorage.removeItem(key + ":url");
  }
  function clearPending(upTo) {
    var pending = readPending();
    if (pending && pending.seq <= upTo) forgetPending(config.attemptKey);
    if (ownKept && ownKept.seq <= upTo) ownKept = null;
  }

  // The server computes total_time; scorm-again adds it to the final commit.
  function withoutServerFields(data) {
    var copy = JSON.parse(JSON.stringify(data || {}));
    if (copy.cmi) {
      delete copy.cmi.total_time;
      if (copy.cmi.core) delete copy.cmi.core.total_time;
    }
    return copy;
  }

  function changedSince(bases, value) {
    // What differs from any of `bases` (what the server holds, and what it may hold: commits
    // sent whose answer has not come), object by object down to the values: the server
    // merges a commit into its state, arrays entry by entry (keyed by index, as scorm-again
    // sends them; the server gives them as lists).
    bases = bases.map(function (base) { return Array.isArray(base) ? Object.assign({}, base) : base; });
    if (Array.isArray(value)) value = Object.assign({}, value);
    if (!isObject(value) || !bases.every(isObject)) return value;
    var diff = {};
    Object.keys(value).forEach(function (key) {
      var differing = bases.filter(function (base) { return !same(value[key], base[key]); });
      if (!differing.length) return;
      var inAll = differing.every(function (base) { return has(base, key); });
      diff[key] = inAll ? changedSince(differing.map(function (base) { return base[key]; }), value[key]) : value[key];
    });
    return diff;
  }

  // This page's commits sent whose answer has not come (a few of the latest): the server
  // may hold any of them.
  var unanswered = [];
  function sending(body) {
    if (unanswered.some(function (sent) { return sent.seq === body.seq; })) return; // sent again
    unanswered.push({ seq: body.seq, cmi: body.cmi });
    if (unanswered.length > 8) unanswered.shift();
  }

  function remember(data) {
    // After a successful save the server holds data merged over what it had.
    Object.keys(data.cmi || {}).forEach(function (key) {
      if (key === "core") {
        acknowledged.cmi.core = acknowledged.cmi.core || {};
        Object.keys(data.cmi.core).forEach(function (f) { acknowledged.cmi.core[f] = data.cmi.core[f]; });
      } else {
        acknowledged.cmi[key] = data.cmi[key];
      }
    });
  }

  // --- Receipts. A change is [path] (remove) or [path, value] (set), as in scorm_player/cmi/state.py.

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function same(a, b) { return a === b || JSON.stringify(a) === JSON.stringify(b); }

  function delta(source, target, path, changes) {
    if (isObject(source) && isObject(target)) {
      Object.keys(target).forEach(function (key) {
        if (!has(source, key)) changes.push([path.concat([key]), target[key]]);
        else if (!same(source[key], target[key])) delta(source[key], target[key], path.concat([key]), changes);
      });
      Object.keys(source).forEach(function (key) { if (!has(target, key)) changes.push([path.concat([key])]); });
    } else if (Array.isArray(source) && Array.isArray(target) && source.length === target.length) {
      source.forEach(function (item, index) {
        if (!same(item, target[index])) delta(item, target[index], path.concat([index]), changes);
      });
    } else {
      changes.push([path, target]);
    }
    return changes;
  }

  function withDelta(state, changes) {
    changes.forEach(function (change) {
      var path = change[0];
      if (!path.length) { state = change[1]; return; }
      var holder = state;
      for (var i = 0; i < path.length - 1; i++) holder = holder[path[i]];
      if (change.length === 2) holder[path[path.length - 1]] = change[1];
      else delete holder[path[path.length - 1]];
    });
    return state;
  }

  function indexedAsLists(value) {
    // A copy in which each object keyed "0" to "n-1" is the list it stands for: scorm-again
    // sends arrays so, the server stores lists (as cmi.indexed_as_lists).
    if (Array.isArray(value)) return value.map(indexedAsLists);
    if (!isObject(value)) return value;
    var keys = Object.keys(value);
    var indexed = has(value, "0") && keys.every(function (key, index) { return has(value, String(index)); });
    if (indexed) return keys.map(function (key, index) { return indexedAsLists(value[String(index)]); });
    var copy = {};
    keys.forEach(function (key) { copy[key] = indexedAsLists(value[key]); });
    return copy;
  }

  function inLoadingOrder(value) {
    // The state with each entry's id and type first: scorm-again loads elements in the order
    // of their keys (the server stores them sorted) and checks each against what it depends
    // on, an interaction's response against its type, an entry's elements against its id.
    if (Array.isArray(value)) return value.map(inLoadingOrder);
    if (!isObject(value)) return value;
    var ordered = {};
    ["id", "type"].concat(Object.keys(value)).forEach(function (key) {
      if (has(value, key) && !has(ordered, key)) ordered[key] = inLoadingOrder(value[key]);
    });
    return ordered;
  }

  // The element scorm-again opens an entry of each array with (any value, even one refused).
  var ENTRY_OPENED_BY = { correct_responses: "pattern", comments_from_learner: "comment", comments_from_lms: "comment" };

  function hasValues(value) {
    if (isObject(value) || Array.isArray(value)) return Object.keys(value).some(function (key) { return hasValues(value[key]); });
    return value !== "" && value !== null && value !== undefined;
  }

  function loadState(cmi) {
    // Value by value: scorm-again's loadFromJSON stops at the first value it refuses (the
    // SCO would not start), and loads nothing for an array entry that holds no value (one
    // the SCO's API opened for a value it refused: the server keeps it, so that the entries
    // after it keep their indexes). Such an entry is opened as scorm-again opens it; a value
    // refused is left out of this page's commits while the SCO leaves it empty, so that the
    // stored value stays.
    var ordered = inLoadingOrder(cmi);
    (function load(value, element) {
      Object.keys(value).forEach(function (key) {
        var name = element + "." + key;
        var child = value[key];
        if (Array.isArray(child)) {
          child.forEach(function (entry, index) {
            if (!isObject(entry)) return;
            if (!hasValues(entry)) {
              try { api.setCMIValue(name + "." + index + "." + (ENTRY_OPENED_BY[key] || "id"), ""); } catch (e) { /* opened all the same */ }
            }
            load(entry, name + "." + index); // its own arrays may hold entries kept empty
          });
        } else if (isObject(child)) {
          load(child, name);
        } else if (hasValues(child)) {
          var one = {};
          one[key] = child;
          try { api.loadFromJSON(one, element); } catch (e) { refusedValues[name] = ""; }
        }
      });
    })(ordered, "cmi");
  }

  function sentState(body) {
    // What the server reads from a commit body (its "cmi" and "adl"), arrays as lists.
    var state = { cmi: body.cmi };
    if (body.adl) state.adl = body.adl;
    return indexedAsLists(state);
  }

  function keepReceipt(body, answer) {
    if (body.seq < remembered || (answer && answer.held)) return; // an answer that came after a later commit's; one held
    try {
      receipt = answer && answer.stored ? { tag: answer.stored.tag, state: withDelta(sentState(body), answer.stored.delta) } : null;
    } catch (e) { receipt = null; }
  }

  function withReceipt(body) {
    if (!receipt) return body;
    try {
      var sent = {};
      Object.keys(body).forEach(function (key) { sent[key] = body[key]; });
      sent.stored = { tag: receipt.tag, delta: delta(sentState(body), receipt.state, [], []) };
      return sent;
    } catch (e) {
      return body; // the server reads the attempt instead
    }
  }

  function postSync(body) {
    sending(body);
    var request = new XMLHttpRequest();
    request.open("POST", config.commitUrl, false);
    request.setRequestHeader("Content-Type", "application/json");
    request.send(JSON.stringify(body));
    var answer = {};
    try { answer = JSON.parse(request.responseText); } catch (e) { answer = {}; }
    return { status: request.status, answer: answer };
  }

  function onSaved(body, answer) {
    // Whether the server stored this commit. "applied": false: another page on the same
    // attempt stored progress this page has not seen (one opened later, or one opened
    // earlier that went on after this one opened), unless what it holds is this commit or
    // a later one of this page (a commit sent again after its answer was lost, one kept on
    // the device that arrived after the next).
    clearPending(body.seq);
    if (answer && answer.held) {
      // Not stored, but what it carries of the learner's is what is stored (a tab only
      // looked at stored since): nothing lost, and this page's receipt still holds.
      say(config.messages.saved);
      return true;
    }
    if (answer && answer.applied === false && !(answer.sequence >= body.seq && ownCommit(answer.sequence))) {
      // The receipt still proves what this page last stored: with it, this page takes the
      // attempt back if the other page stored nothing of the learner's (attempts._take_back).
      acknowledged = { cmi: {} }; // unknown now: a last commit sends everything
      return false;
    }
    if (!answer || answer.applied !== false) {
      if (body.seq > remembered) {
        remembered = body.seq;
        unanswered = unanswered.filter(function (sent) { return sent.seq > remembered; });
        receipt = null; // a commit sent whole keeps its own (keepReceipt); others may have sent only part
        remember(body);
      }
    }
    if (answer && answer.sequence > sequence && body.seq <= sequence) {
      // This page's commit took the attempt back from a page opened after it that stored
      // nothing of the learner's: its commits are numbered from the server's from now on.
      // (Not so for a commit that page left on the device, replayed from here.)
      sequence = config.sequence = answer.sequence;
      if (ownKept && ownKept.seq < sequence) {
        // Kept before, numbered as the pages that now rank below: the server would not take
        // it. It goes again numbered from here on.
        ownKept = Object.assign({}, ownKept, { seq: ++sequence, base: config.sequence });
        writePending(ownKept);
        setTimeout(deliverInBackground, 0);
      }
    }
    say(config.messages.saved);
    if (!navigating) refreshNavigation();
    return true;
  }

  function ownCommit(number) { return number > config.sequenceBase && number <= sequence; }

  function nextBody(finished, data) {
    // base: the stored commit this page's state was loaded from. If a page opened earlier
    // has stored more since, this page's state is behind it and the server keeps none of it.
    sequence += 1;
    return leaveOutRefused({ seq: sequence, base: config.sequence, finished: finished, cmi: data.cmi || {} });
  }

  // --- Values the server refused. scorm-again and the server may judge a value differently
  // (an interaction's response checked against a type the SCO set after it): the server
  // refuses the commit (422) and names each value. The rest is stored without them, and
  // this page's commits leave them out while the SCO holds them so: one value not allowed
  // does not keep the rest of the learner's progress from being saved.
  var refusedValues = {}; // element (as the server names it) -> the value refused

  function atPath(body, element) {
    // [holder, key] of an element of a commit body ("cmi.interactions.0.type"), or null.
    var keys = element.split(".");
    var holder = body;
    for (var i = 0; i < keys.length - 1 && holder; i++) holder = typeof holder === "object" ? holder[keys[i]] : null;
    var key = keys[keys.length - 1];
    return holder && typeof holder === "object" && has(holder, key) ? [holder, key] : null;
  }

  function leaveOutRefused(body) {
    Object.keys(refusedValues).forEach(function (element) {
      var found = atPath(body, element);
      // Null is a value not sent; an array entry is sent empty (its indexes stay).
      if (found && same(found[0][found[1]], refusedValues[element])) found[0][found[1]] = /^\d+$/.test(found[1]) ? {} : null;
    });
    return body;
  }

  function withoutRefused(body, answer) {
    // A copy of a refused commit without the values its answer names, or null when none of
    // them is left in it to leave out.
    var copy = JSON.parse(JSON.stringify(body));
    var found = ((answer && answer.errors) || []).filter(function (error) {
      if (typeof error.element !== "string") return false;
      // An entry's id refused: the entry is another one than the server's there; none of it goes.
      var element = error.element.replace(/^(.*\.\d+)\.id$/, "$1");
      var at = atPath(copy, element);
      if (!at || at[0][at[1]] === null || same(at[0][at[1]], {})) return false;
      refusedValues[element] = at[0][at[1]];
      return true;
    });
    return found.length ? leaveOutRefused(copy) : null;
  }

  function storeWithoutRefused(body, answer) {
    // The SCO's Commit still answers false: the values refused are not saved.
    var message = answer.message;
    for (var tries = 0; tries < 3; tries++) {
      body = withoutRefused(body, answer);
      if (!body) return;
      var result;
      try { result = postSync(withReceipt(body)); } catch (e) { result = { status: 0, answer: {} }; }
      if (storedByServer(result.status, result.answer)) {
        if (onSaved(body, result.answer)) keepReceipt(body, result.answer);
        say(message);
        return;
      }
      if (!refusedByServer(result.status, result.answer)) { queueOffline(body); return; }
      answer = result.answer;
    }
  }

  var finishQueued = false; // this page's Terminate waits in the queue
  // This page's newest commit kept on the device, until the server has it. The device's copy
  // is shared with the attempt's other tabs: a later tab's may replace it there.
  var ownKept = null;

  function keepOnDevice(body) {
    // The newest state wins; a finish stays a finish. Only this page's own finish counts:
    // a queued commit left by an earlier visit must not end the session of this one. A
    // page opened later on the attempt numbers its commits higher: its queued commit stays.
    var queued = readPending();
    if (queued && queued.seq > body.seq) return false;
    if (finishQueued) body.finished = true;
    if (body.finished) finishQueued = true;
    if (!writePending(body)) return false;
    ownKept = body;
    return true;
  }

  function queueOffline(body) {
    // false when the device could not keep it (storage full or disabled)
    var kept = keepOnDevice(body);
    say(kept ? config.messages.offline : config.messages.failed);
    return kept;
  }

  // Browsers refuse a keepalive request while this page's others in flight hold 64 KiB
  // with it (a Terminate as the tab closes, while the commit sent as it was hidden is still
  // on its way on a slow link): the bytes of those in flight.
  var keepaliveInFlight = 0;

  function sendFinal(body) {
    // Page may be closing: keep a copy first, then hand the request to the browser.
    keepOnDevice(body);
    var withStored = withReceipt(body); // a page hidden and shown again goes on with its receipt
    var text = JSON.stringify(withStored);
    var whole = true;
    var room = KEEPALIVE_LIMIT - keepaliveInFlight;
    if (byteLength(text) > room) {
      var bases = [acknowledged.cmi || {}].concat(unanswered.map(function (sent) { return sent.cmi; }));
      var diff = { seq: body.seq, base: body.base, finished: body.finished, cmi: changedSince(bases, body.cmi) };
      if (body.adl) diff.adl = body.adl;
      text = JSON.stringify(diff);
      whole = false;
    }
    function saved(answer) {
      if (onSaved(body, answer) && whole) keepReceipt(body, answer);
    }
    var bytes = byteLength(text);
    if (bytes <= room && window.fetch) {
      keepaliveInFlight += bytes;
      sending(body);
      finalCommit = fetch(config.commitUrl, {
        method: "POST", body: text, keepalive: true, credentials: "same-origin",
        headers: { "Content-Type": "text/plain;charset=UTF-8" },
      }).then(function (response) {
        return response.json().catch(function () { return null; }).then(function (answer) {
          if (storedByServer(response.status, answer)) saved(answer);
          else if (refusedByServer(response.status, answer)) {
            var rest = response.status === 422 && withoutRefused(body, answer);
            if (rest && keepOnDevice(rest)) deliverInBackground(); // the page is still there: the rest goes now
            else clearPending(body.seq); // never taken
          }
          // else stays kept: sent again
        });
      }).catch(function () { say(config.messages.offline); }) // stays queued; replayed when online
        .then(function () { keepaliveInFlight -= bytes; });
      return true;
    }
    try {
      // Too large even as a diff (beside the others in flight): a synchronous request works
      // while the page is alive.
      whole = true;
      var result = postSync(withStored);
      if (storedByServer(result.status, result.answer)) saved(result.answer);
    } catch (e) { /* stays queued */ }
    return true;
  }

  var transport = {
    processHttpRequest: function (url, params, immediate) {
      if (config.review) {
        // A review stores nothing: the learner's result stays as it is.
        if (immediate) {
          terminated = true;
          if (seq && !navigating) setTimeout(afterScoTerminated, 0);
        }
        return { result: "true", errorCode: 0 };
      }
      var data = withoutServerFields(params);
      var body = nextBody(!!immediate, data);
      if (data.adl) body.adl = data.adl;
      if (scoNavRequest && scoNavRequest !== "_none_") {
        // scorm-again commits adl.data only; a suspendAll keeps the attempt for a resume.
        body.adl = body.adl || {};
        body.adl.nav = { request: scoNavRequest };
      }
      if (immediate) {
        terminated = true;
        sendFinal(body);
        if (seq && !navigating) setTimeout(afterScoTerminated, 0); // Terminate is still running in the SCO
        return { result: "true", errorCode: 0 };
      }
      if (slowLink && window.fetch && keepOnDevice(body)) {
        // Kept on this device, which counts as saved (as offline): the SCO goes on at once.
        say(navigator.onLine === false ? config.messages.offline : config.messages.slowLink);
        deliverInBackground();
        return { result: "true", errorCode: 0 };
      }
      var started = Date.now();
      try {
        var result = postSync(withReceipt(body));
        // Not after a refusal: the SCO must go on hearing the server's answers.
        var slow = Date.now() - started >= SLOW_COMMIT_MS;
        if (slow && (result.answer.applied || result.status === 0 || result.status >= 500)) slowLink = true;
        if (storedByServer(result.status, result.answer)) {
          if (!onSaved(body, result.answer)) {
            say(config.messages.superseded);
            offerReload();
            return { result: "false", errorCode: COMMIT_FAILED, errorMessage: config.messages.superseded };
          }
          keepReceipt(body, result.answer);
          return { result: "true", errorCode: 0 };
        }
        if (refusedByServer(result.status, result.answer)) {
          // The server refused what was sent (its answer names each element and why).
          say(result.answer.message || config.messages.failed);
          if (result.status === 409) offerReload(); // the attempt was finished elsewhere: a new one starts
          if (result.status === 422) storeWithoutRefused(body, result.answer);
          return { result: "false", errorCode: COMMIT_FAILED, errorMessage: result.answer.message };
        }
        // Not stored: no network, the server busy (5xx), or answered on the way (a proxy, a
        // login page). Kept on this device, it goes with the next commit or when back online.
        var kept = queueOffline(body);
        return result.status === 0 && kept ? { result: "true", errorCode: 0 } : { result: "false", errorCode: COMMIT_FAILED };
      } catch (e) {
        // Network down: the state is safe on this device and is sent when it returns.
        if (Date.now() - started >= SLOW_COMMIT_MS) slowLink = true;
        if (queueOffline(body)) return { result: "true", errorCode: 0 };
        return { result: "false", errorCode: COMMIT_FAILED, errorMessage: config.messages.failed };
      }
    },
    updateSettings: function () {},
  };

  // A queued commit is sent until the server has it: again after a network error, a 5xx
  // (the server busy or restarting) or no answer within DELIVERY_TIMEOUT (a stalled link:
  // a new connection may get through) or an answer that is not the server's, waiting
  // longer each time; the server's own refusal (4xx) means it will never take it (a
  // finished attempt) and it is dropped, or sent at once without the values it refused.
  var RETRY_DELAYS = [1000, 2000, 5000, 10000, 30000];
  // Deliveries waiting for their next try (the replay on loading, the background chain, the
  // one before a navigation): the connection's return starts them at once.
  var waitingRetries = [];
  window.addEventListener("online", function () {
    if (waitingRetries.length) waitingRetries.splice(0).forEach(function (retry) { retry(); });
    else if (api) deliverInBackground();
  });
  var DELIVERY_TIMEOUT = 30000;

  function deliverPending(done, tries) {
    // This page's own kept commit, else what the device kept for the attempt (an earlier
    // visit's, another tab's).
    var pending = ownKept || readPending();
    if (!pending || !window.fetch) { done(null); return; }
    tries = tries || 0;
    function again() {
      var timer = setTimeout(next, RETRY_DELAYS[Math.min(tries, RETRY_DELAYS.length - 1)]);
      function retry() { clearTimeout(timer); next(); }
      function next() {
        var waiting = waitingRetries.indexOf(retry);
        if (waiting >= 0) waitingRetries.splice(waiting, 1);
        deliverPending(done, tries + 1);
      }
      waitingRetries.push(retry);
    }
    // Longer each try: a large state on a thin link may need more than the first allows.
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, DELIVERY_TIMEOUT << Math.min(tries, 3));
    var started = Date.now();
    var sent = ownCommit(pending.seq) ? withReceipt(pending) : pending; // its receipt may take the attempt back
    sending(pending);
    fetch(config.commitUrl, {
      method: "POST", body: JSON.stringify(sent), credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, signal: controller ? controller.signal : undefined,
    }).then(function (response) {
      clearTimeout(timer);
      return response.json().catch(function () { return null; }).then(function (answer) {
        if (storedByServer(response.status, answer)) {
          clearPending(pending.seq);
          done(pending, answer, Date.now() - started);
        } else if (refusedByServer(response.status, answer)) {
          var rest = response.status === 422 && withoutRefused(pending, answer);
          if (rest) {
            // Sent again at once without the values refused, kept so in their place.
            if (ownKept && ownKept.seq === pending.seq) ownKept = rest;
            var kept = readPending();
            if (kept && kept.seq === pending.seq) writePending(rest);
            deliverPending(done, tries);
            return;
          }
          clearPending(pending.seq); // a newer one kept meanwhile stays
          say(answer.message || config.messages.failed);
          if (response.status === 409) offerReload(); // the attempt was finished elsewhere
          done(null);
        } else {
          again(); // the server busy (5xx), or answered on the way
        }
      });
    }, function () { clearTimeout(timer); again(); });
  }

  // A slow link: a commit waits for the server while the SCO is frozen (a synchronous
  // request has no timeout). Once one has taken SLOW_COMMIT_MS, or this page took as long
  // to answer, or while the browser reports a slow link, commits are kept on this device
  // and sent in the background, one at a time, the newest state only; a delivery answered
  // quickly brings the synchronous commits back.
  var SLOW_COMMIT_MS = 2000;
  var slowLink = startsSlow();
  var delivering = false;

  function startsSlow() {
    try {
      var load = performance.getEntriesByType("navigation")[0];
      return linkLooksSlow() || (!!load && load.responseStart - load.requestStart >= SLOW_COMMIT_MS);
    } catch (e) { return false; }
  }

  function linkLooksSlow() {
    // The browser's own estimate of the link (Chrome, Android's browsers).
    var link = navigator.connection;
    return !!link && (/2g/.test(link.effectiveType || "") || link.rtt >= SLOW_COMMIT_MS / 2);
  }

  // A phone that moves onto a slow link mid-module need not freeze the SCO first.
  if (navigator.connection && navigator.connection.addEventListener) {
    navigator.connection.addEventListener("change", function () {
      if (linkLooksSlow()) slowLink = true;
    });
  }

  function deliverInBackground() {
    if (delivering) return;
    delivering = true;
    deliverPending(function (sent, answer, took) {
      delivering = false;
      if (!sent || !ownCommit(sent.seq)) {
        // Refused (a finished attempt, a value not allowed), or not this page's: its commits
        // go synchronously again, and the SCO hears the server's answers.
        slowLink = slowLink && !!sent;
        return;
      }
      if (!onSaved(sent, answer)) {
        slowLink = false;
        say(config.messages.superseded);
        offerReload();
        return;
      }
      keepReceipt(sent, answer); // a kept commit is whole
      if (ownKept) {
        say(config.messages.slowLink);
        deliverInBackground(); // a newer state was kept meanwhile
      } else if (took < SLOW_COMMIT_MS / 2) {
        slowLink = false;
      }
    });
  }

  function replayPending(then) {
    var pending = readPending();
    if (pending && pending.seq <= config.sequence) {
      // The server holds this commit or a newer one (the answer to a page's last commit
      // arrives after the page is gone): nothing to replay.
      forgetPending(config.attemptKey);
    }
    // The SCO starts only once the server holds what was saved on this device, and from
    // it: the page loads again when the server holds more than this page started from
    // (on a reload, the old page's last commit arrives after the new page's launch).
    // Started from an older state, its commits would roll that progress back.
    if (readPending()) say(config.messages.replaying);
    deliverPending(function (saved, answer) {
      then(!!saved && !!answer && answer.sequence > config.sequence);
    });
  }

  function start() {
    var settings = {
      lmsCommitUrl: config.commitUrl,
      autocommit: true,
      autocommitSeconds: 30,
      httpService: transport,
      logLevel: 5,
    };
    if (seq) {
      // adl.nav.request_valid.choice.{target=…}: what the server's sequencer allows now.
      settings.scoItemIdValidator = function (target) { return !!(seq.validity.choice || {})[target]; };
    }
    if (config.version === "1.2") {
      api = window.API = new window.Scorm12API(settings);
    } else {
      api = window.API_1484_11 = new window.Scorm2004API(settings);
    }
    loadState(config.state.cmi || {});
    if (seq) seedRequestValid(seq.validity, true);
    if (config.version !== "1.2") {
      api.on("SetValue.adl.nav.request", function (element, value) { scoNavRequest = value; });
    }
    // A slow link may take a while to bring the SCO: say so until it has loaded.
    var frame = document.getElementById("sco");
    say(config.messages.navigating);
    frame.addEventListener("load", function () {
      if (statusLine && statusLine.textContent === config.messages.navigating) {
        say(notice || (config.review ? config.messages.review : ""));
      }
    }, { once: true });
    frame.src = config.launchUrl;

    // The SCO may be closed without Terminate: keep what it reported. A phone may discard
    // a page in the background without "pagehide": save when it is hidden, too.
    window.addEventListener("pagehide", function () {
      if (!terminated) saveUnterminated();
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && !terminated) saveUnterminated();
      if (document.visibilityState === "visible") onShownAgain();
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) onShownAgain(); // back from the browser's page cache
    });
  }

  // The SCO's file addresses stop working then (with a margin for the learner to finish a page).
  var contentDeadline = config.contentValidSeconds ? Date.now() + (config.contentValidSeconds - 30 * 60) * 1000 : Infinity;

  function onShownAgain() {
    // Once this page's own last commit (as it was hidden) has its answer; and again a
    // moment later, as the other page's last commit may still be on its way.
    (finalCommit || Promise.resolve()).then(function () {
      goOnFromNewerProgress();
      setTimeout(goOnFromNewerProgress, 2500);
    });
  }

  function goOnFromNewerProgress() {
    // The learner is back on this page, from another tab or another device, where they may
    // have gone on: then this page's state is behind what is stored, and what they do here
    // would not be saved. It loads again, from that progress, before they go on. Not when
    // the other page stored nothing of the learner's (a tab only looked at) and left them
    // on this activity: this page goes on, and its next commit takes the attempt back. Nor
    // while this page's own commit waits on the device (its state is the newest), unless
    // the page was left so long that the SCO's files would be refused (a tab left open
    // overnight): it loads again from what is stored and kept, as when it is opened.
    var expired = Date.now() > contentDeadline;
    if (config.review || terminated || navigating || !window.fetch || (ownKept && !expired)) return;
    var body = receipt ? { cmi: receipt.state.cmi, stored: { tag: receipt.tag, delta: [] } } : {};
    if (receipt && receipt.state.adl) body.adl = receipt.state.adl;
    fetch(config.storedUrl, {
      method: "POST", body: JSON.stringify(body), credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (stored) {
      if (!stored || terminated || navigating) return;
      if (stored.closed && !seq) {
        // Finished elsewhere: loading again would start the module over, the learner's choice.
        say(config.messages.finishedElsewhere);
        offerReload();
        return;
      }
      var elsewhere = stored.sequence > config.sequence && !ownCommit(stored.sequence);
      // (The sequencer may have moved on even after this page took the attempt back.)
      var wentOn = stored.closed || !stored.current || (elsewhere && !stored.same_learner_data);
      if (!wentOn && !expired) return;
      navigating = true; // this page is going: its SCO's Terminate asks for no navigation
      if (wentOn) sessionValue(NOTICE_KEY, config.messages.wentOnElsewhere);
      // The sequencer says where: its current activity, else its page (a course finished or
      // suspended elsewhere is not started again on its own).
      if (seq) window.location.href = window.location.pathname + "?ended=1";
      else window.location.reload();
    }).catch(function () {}); // offline: loading again would show the browser's error page
  }

  function saveUnterminated() {
    // The SCO is going away without Terminate: keep what it reported.
    if (config.review) return;
    try {
      sendFinal(nextBody(false, withoutServerFields(api.renderCommitCMI(false))));
    } catch (e) { /* nothing more can be done while unloading */ }
  }

  // --- Sequencing: navigation requests and their validity

  function seedRequestValid(validity, beforeInitialize) {
    // SCORM 2004 RTE 4.4: the SCO reads adl.nav.request_valid.*; the server decides them.
    if (!api || !api.adl || !validity) return;
    try {
      var valid = api.adl.nav.request_valid;
      if (beforeInitialize) {
        valid.continue = validity.continue ? "true" : "false";
        valid.previous = validity.previous ? "true" : "false";
      } else {
        valid._continue = validity.continue ? "true" : "false";
        valid._previous = validity.previous ? "true" : "false";
      }
    } catch (e) { /* an older runtime: the SCO sees "unknown" */ }
  }

  function requestButtons() { return document.querySelectorAll("[data-request]"); }

  function applyValidity(validity) {
    requestButtons().forEach(function (button) {
      var request = button.getAttribute("data-request");
      if (request === "continue" || request === "previous") button.disabled = !validity[request];
    });
  }

  var refreshTimer = null;
  var refreshes = 0;
  function refreshNavigation() {
    // The contents list's statuses and what may be opened now: the sequencer's valid
    // requests, or the SCORM 1.2 parts whose prerequisites this SCO's progress met.
    var statusUrl = seq ? seq.statusUrl : config.parts && config.parts.statusUrl;
    if (!statusUrl) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () {
      var number = ++refreshes;
      fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (view) {
          // An older answer arriving last (a slow link) would undo a newer one.
          if (!view || navigating || number !== refreshes) return;
          if (seq) {
            seq.validity = view.validity;
            applyValidity(view.validity);
            seedRequestValid(view.validity, false);
          }
          view.toc.forEach(showContentsEntry);
        }).catch(function () {});
    }, 300);
  }

  function showContentsEntry(entry) {
    var id = CSS.escape(entry.identifier);
    var state = document.querySelector(seq ? '[data-activity="' + id + '"]' : '[data-sco="' + id + '"]');
    if (state) {
      state.textContent = entry.label;
      state.setAttribute("data-completion", entry.completion_status);
      state.setAttribute("data-success", entry.success_status);
    }
    var open = seq ? entry.can_choose : entry.available;
    var locked = document.querySelector('[data-locked="' + id + '"]');
    if (locked && open) {
      var link = document.createElement("a");
      link.href = "?sco=" + encodeURIComponent(entry.identifier) + (seq ? "&choose=" + seq.choiceToken : "");
      if (seq) link.setAttribute("data-choice", entry.identifier);
      link.textContent = locked.textContent;
      locked.replaceWith(link);
    }
    document.querySelectorAll('.navbar [data-part="' + id + '"]').forEach(function (step) { step.hidden = !open; });
  }

  function takeScoAway() {
    // Removing the frame runs the SCO's unload handler (Terminate) now; then what it
    // reported must reach the server before the navigation request does. The sequencer
    // decides from it, and a navigation that starts a new attempt on this activity closes
    // the one this device still holds progress for: the server would refuse it later.
    var frame = document.getElementById("sco");
    if (frame && api) {
      frame.remove();
      if (!terminated) saveUnterminated();
    }
    var commit = finalCommit || Promise.resolve();
    var timeout = new Promise(function (resolve) { setTimeout(resolve, 8000); });
    return Promise.race([commit.catch(function () {}), timeout]).then(function () {
      if (!ownKept && !readPending()) return null;
      // Not saved yet (offline, the server busy, or slow): sent again until it is.
      say(config.messages.savingBeforeNavigation);
      return new Promise(function (resolve) { deliverPending(resolve); });
    });
  }

  function whenReachable(then, tries) {
    // Loading a page while offline shows the browser's error page instead of this one.
    tries = tries || 0;
    fetch(seq.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(then, function () {
        setTimeout(function () { whenReachable(then, tries + 1); }, RETRY_DELAYS[Math.min(tries, RETRY_DELAYS.length - 1)]);
      });
  }

  function navigate(request, target) {
    if (navigating) return;
    navigating = true;
    requestButtons().forEach(function (button) { button.disabled = true; });
    say(config.messages.navigating);
    // The SCO terminates as it is taken away, most often leaving cmi.exit empty: its last
    // commit must say it goes for a Suspend All, or the attempt it resumes would be closed.
    if (request === "suspendAll") scoNavRequest = request;
    takeScoAway().then(function () {
      return fetch(seq.navigateUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": seq.csrfToken },
        body: JSON.stringify({ request: request, target: target || null }),
      });
    }).then(function (response) {
      return response.json().catch(function () { return {}; });
    }).then(function (answer) {
      if (!answer.ok && answer.message) sessionValue(NOTICE_KEY, answer.message);
      window.location.href = answer.url || window.location.pathname;
    }).catch(function () {
      // Lost on the way, or its answer was: the server's sequencer says where the learner
      // is once it can be reached (sending the request again could carry it out twice).
      say(config.messages.connectionLost);
      whenReachable(function () { window.location.href = window.location.pathname; });
    });
  }

  function afterScoTerminated() {
    var wanted = scoNavRequest || "_none_";
    if (wanted === "_none_") {
      refreshNavigation();
      return;
    }
    var target = null;
    var match = /^\{target=([^}]+)\}(choice|jump)$/.exec(wanted);
    if (match) { target = match[1]; wanted = match[2]; }
    navigate(wanted, target);
  }

  function wireNavigation() {
    requestButtons().forEach(function (button) {
      button.addEventListener("click", function () { navigate(button.getAttribute("data-request"), button.getAttribute("data-target")); });
    });
    var toc = document.querySelector("nav.toc");
    if (toc) {
      toc.addEventListener("click", function (event) {
        var link = event.target.closest("[data-choice]");
        if (!link) return;
        event.preventDefault();
        navigate("choice", link.getAttribute("data-choice"));
      });
    }
  }

  function wireScoLinks() {
    // SCORM 1.2 parts: the next page reads the leaving SCO's statuses (the contents list,
    // prerequisites), so its last commit must land before that page is asked for.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('nav.toc a[href^="?sco="], .navbar a[href^="?sco="]');
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (navigating) return;
      navigating = true;
      say(config.messages.navigating);
      takeScoAway().then(function () { window.location.href = link.href; });
    });
  }

  if (seq) wireNavigation();
  else if (config.commitUrl) wireScoLinks();
  if (!config.commitUrl) { // no SCO on this page: only navigation
    if (notice) say(notice);
    return;
  }
  // On a phone the SCO needs the screen: the contents list folds away, a tap opens it.
  var contents = document.querySelector("nav.toc details");
  if (contents && window.matchMedia("(max-width: 40rem)").matches) contents.open = false;
  try {
    (config.closedKeys || []).forEach(forgetPending);
  } catch (e) { /* no storage on this device */ }

  // A state saved offline on an earlier visit goes first; the page then restarts from it.
  replayPending(function (replayed) {
    if (replayed && !sessionValue(pendingKey + ":reloaded")) {
      sessionValue(pendingKey + ":reloaded", "1");
      window.location.reload();
      return;
    }
    sessionValue(pendingKey + ":reloaded", null);
    start();
  });
})();
