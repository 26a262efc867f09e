// The module's SCO: slides one at a time, then a short quiz, reported to the LMS through
// the SCORM API (1.2 "API" or 2004 "API_1484_11") found in a parent frame.
// Written in ES5 for old phone browsers; no libraries.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("module-data").textContent);
  var labels = data.labels;
  var is2004 = data.version === "2004";
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  var QUIZ = slides.length; // the quiz comes after the last slide
  var quiz = document.getElementById("quiz");
  var done = document.getElementById("done");
  var prevButton = document.getElementById("prev");
  var nextButton = document.getElementById("next");
  var pager = document.getElementById("pager");
  var progressText = document.getElementById("progress-text");
  var bar = document.getElementById("bar");
  var notice = document.getElementById("notice");
  var form = document.getElementById("quiz-form");
  var quizError = document.getElementById("quiz-error");
  var result = document.getElementById("result");
  var startedAt = new Date().getTime();
  var state = { position: 0, furthest: 0, answers: [], submitted: false, passed: false, finished: false };

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, name) { return String(values[name]); });
  }

  // --- The LMS -------------------------------------------------------------------

  var E = is2004 ? {
    entry: "cmi.entry", location: "cmi.location", exit: "cmi.exit", session: "cmi.session_time",
    raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max", response: "learner_response",
    wrong: "incorrect", passing: "cmi.scaled_passing_score"
  } : {
    entry: "cmi.core.entry", location: "cmi.core.lesson_location", exit: "cmi.core.exit",
    session: "cmi.core.session_time", raw: "cmi.core.score.raw", min: "cmi.core.score.min",
    max: "cmi.core.score.max", response: "student_response", wrong: "wrong", passing: "cmi.student_data.mastery_score"
  };

  function findApi(name) {
    var win = window;
    for (var level = 0; win && level < 12; level += 1) {
      try { if (win[name]) return win[name]; } catch (e) { return null; } // another origin: stop
      if (win.parent === win) break;
      win = win.parent;
    }
    try { if (window.opener && window.opener[name]) return window.opener[name]; } catch (e) { /* closed or foreign */ }
    return null;
  }

  var api = findApi(is2004 ? "API_1484_11" : "API");
  var connected = false;

  function call(name12, name2004, args) {
    if (!connected) return "";
    try { return String(api[is2004 ? name2004 : name12].apply(api, args)); } catch (e) { return ""; }
  }
  function get(element) { return call("LMSGetValue", "GetValue", [element]); }
  function set(element, value) { return call("LMSSetValue", "SetValue", [element, String(value)]); }
  function commit() { return call("LMSCommit", "Commit", [""]); }
  function terminate() {
    var answer = call("LMSFinish", "Terminate", [""]);
    connected = false;
    return answer;
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function sessionTime() {
    var centiseconds = Math.max(1, Math.floor((new Date().getTime() - startedAt) / 10));
    var seconds = Math.floor(centiseconds / 100), cs = centiseconds % 100;
    var hours = Math.floor(seconds / 3600), minutes = Math.floor(seconds / 60) % 60;
    seconds = seconds % 60;
    if (is2004) return "PT" + hours + "H" + minutes + "M" + seconds + "." + two(cs) + "S";
    return two(hours) + ":" + two(minutes) + ":" + two(seconds) + "." + two(cs); // CMITimespan
  }

  function passingScore() {
    // The LMS's threshold wins over the one built into the page (they normally agree).
    var value = parseFloat(get(E.passing));
    if (isNaN(value)) return data.passingScore;
    return is2004 ? value : value / 100;
  }

  function finishedStatus() {
    if (is2004) return get("cmi.completion_status") === "completed";
    var status = get("cmi.core.lesson_status");
    return status === "completed" || status === "passed" || status === "failed";
  }

  // Saved on every move: the bookmark, what was read and answered, and the progress.
  function save() {
    if (!connected) return;
    set(E.location, state.position === QUIZ ? "quiz" : String(state.position));
    set("cmi.suspend_data", JSON.stringify({ f: state.furthest, a: state.answers, s: state.submitted ? 1 : 0, p: state.passed ? 1 : 0 }));
    if (!finishedStatus()) {
      if (is2004) {
        set("cmi.completion_status", "incomplete");
      } else {
        set("cmi.core.lesson_status", "incomplete");
      }
    }
    if (is2004) {
      var measure = state.submitted ? 1 : Math.min(1, (state.furthest + 1) / (QUIZ + 1));
      set("cmi.progress_measure", measure.toFixed(2));
    }
    set(E.session, sessionTime());
    commit();
  }

  function restore() {
    var location = get(E.location);
    var saved = null;
    try { saved = JSON.parse(get("cmi.suspend_data") || "null"); } catch (e) { saved = null; }
    if (saved && typeof saved === "object") {
      state.furthest = Math.min(QUIZ, parseInt(saved.f, 10) || 0);
      state.answers = saved.a instanceof Array ? saved.a : [];
      state.submitted = saved.s === 1;
      state.passed = saved.p === 1;
    }
    if (location === "quiz") return QUIZ;
    var index = parseInt(location, 10);
    return isNaN(index) ? null : Math.max(0, Math.min(QUIZ, index));
  }

  // --- Showing slides -------------------------------------------------------------

  function show(position, focus) {
    state.position = position;
    state.furthest = Math.max(state.furthest, position);
    slides.forEach(function (slide, index) { slide.hidden = index !== position; });
    quiz.hidden = position !== QUIZ;
    done.hidden = true;
    pager.hidden = false;
    prevButton.disabled = position === 0;
    nextButton.hidden = position === QUIZ;
    nextButton.textContent = position === QUIZ - 1 ? labels.to_quiz : labels.next;
    progressText.textContent = position === QUIZ ? labels.quiz_page : format(labels.page, { n: position + 1, total: QUIZ });
    bar.style.width = Math.round(100 * (position + 1) / (QUIZ + 1)) + "%";
    if (position === QUIZ) showAnswers();
    if (focus) {
      var heading = position === QUIZ ? document.getElementById("quiz-title") : slides[position].querySelector("h1");
      heading.focus();
      window.scrollTo(0, 0);
    }
    save();
  }

  prevButton.addEventListener("click", function () { if (state.position > 0) show(state.position - 1, true); });
  nextButton.addEventListener("click", function () { if (state.position < QUIZ) show(state.position + 1, true); });

  // --- The quiz -------------------------------------------------------------------

  var LETTERS = "abcdefghij";

  function chosen(index) {
    var checked = form.querySelector("input[name='q" + (index + 1) + "']:checked");
    return checked ? parseInt(checked.value, 10) : null;
  }

  function showAnswers() {
    // After a resume: tick what the learner had chosen, and the result if they had submitted.
    data.questions.forEach(function (question, index) {
      var answer = state.answers[index];
      var input = typeof answer === "number" && form.querySelector("input[name='q" + (index + 1) + "'][value='" + answer + "']");
      if (input) input.checked = true;
    });
    if (state.submitted && state.answers.length === data.questions.length && result.hidden) showResult(false);
  }

  function interactionIndexes() {
    // 2004: update the records written by an earlier try; 1.2 interactions are a journal: append.
    var count = parseInt(get("cmi.interactions._count"), 10) || 0;
    var byId = {};
    if (is2004) {
      for (var n = 0; n < count; n += 1) byId[get("cmi.interactions." + n + ".id")] = n;
    }
    return data.questions.map(function (question, index) {
      var id = "q" + (index + 1);
      if (byId.hasOwnProperty(id)) return byId[id];
      count += 1;
      return count - 1;
    });
  }

  function record(correctCount) {
    if (!connected) return;
    var indexes = interactionIndexes();
    data.questions.forEach(function (question, index) {
      var prefix = "cmi.interactions." + indexes[index] + ".";
      var given = state.answers[index];
      set(prefix + "id", "q" + (index + 1));
      set(prefix + "type", "choice");
      if (is2004) set(prefix + "description", question.prompt.slice(0, 250));
      set(prefix + "correct_responses.0.pattern", LETTERS.charAt(question.answer));
      set(prefix + E.response, LETTERS.charAt(given));
      set(prefix + "result", given === question.answer ? "correct" : E.wrong);
      set(prefix + "weighting", "1");
    });
    var percent = Math.round(100 * correctCount / data.questions.length);
    set(E.raw, percent);
    set(E.min, 0);
    set(E.max, 100);
    if (is2004) {
      set("cmi.score.scaled", (percent / 100).toFixed(2));
      set("cmi.completion_status", "completed");
      set("cmi.success_status", state.passed ? "passed" : "failed");
    } else {
      set("cmi.core.lesson_status", state.passed ? "passed" : "failed");
    }
  }

  function correctCount() {
    var count = 0;
    data.questions.forEach(function (question, index) { if (state.answers[index] === question.answer) count += 1; });
    return count;
  }

  function showResult(focus) {
    var correct = correctCount(), total = data.questions.length;
    data.questions.forEach(function (question, index) {
      var feedback = document.getElementById("q" + (index + 1) + "-feedback");
      var right = state.answers[index] === question.answer;
      feedback.className = "feedback " + (right ? "right" : "wrong");
      feedback.textContent = (right ? labels.correct : format(labels.incorrect, { answer: question.choices[question.answer] })) +
        (question.explanation ? " " + question.explanation : "");
      feedback.hidden = false;
    });
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) { input.disabled = true; });
    document.getElementById("submit-quiz").hidden = true;
    document.getElementById("result-title").textContent = state.passed ? labels.passed_title : labels.failed_title;
    document.getElementById("result-text").textContent = format(labels.score, {
      correct: correct, total: total, percent: Math.round(100 * correct / total)
    });
    document.getElementById("finish").textContent = state.passed ? labels.finish : labels.finish_failed;
    document.getElementById("retry").hidden = state.passed;
    result.className = "result " + (state.passed ? "passed" : "failed");
    result.hidden = false;
    if (focus) result.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var answers = [];
    for (var index = 0; index < data.questions.length; index += 1) {
      var answer = chosen(index);
      if (answer === null) {
        quizError.textContent = format(labels.unanswered, { n: index + 1 });
        quizError.hidden = false;
        form.querySelector("input[name='q" + (index + 1) + "']").focus();
        return;
      }
      answers.push(answer);
    }
    quizError.hidden = true;
    state.answers = answers;
    state.submitted = true;
    var correct = correctCount();
    state.passed = correct / data.questions.length >= passingScore() - 1e-9;
    record(correct);
    save();
    showResult(true);
  });

  document.getElementById("retry").addEventListener("click", function () {
    state.answers = [];
    form.reset();
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) { input.disabled = false; });
    Array.prototype.forEach.call(form.querySelectorAll(".feedback"), function (feedback) { feedback.hidden = true; });
    document.getElementById("submit-quiz").hidden = false;
    result.hidden = true;
    save();
    form.querySelector("input").focus();
  });

  document.getElementById("review").addEventListener("click", function () { show(0, true); });

  document.getElementById("finish").addEventListener("click", function () {
    state.finished = true;
    if (connected) {
      set(E.exit, is2004 ? "normal" : ""); // a normal exit: the attempt is over
      set(E.session, sessionTime());
      terminate();
    }
    quiz.hidden = true;
    pager.hidden = true;
    done.hidden = false;
    progressText.textContent = labels.done_title;
    document.getElementById("done-title").focus();
  });

  document.getElementById("restart").addEventListener("click", function () {
    notice.hidden = true;
    show(0, true);
  });

  // Leaving before the end keeps the attempt open, to resume at the bookmark.
  window.addEventListener("pagehide", function () {
    if (state.finished || !connected) return;
    set(E.exit, "suspend");
    set(E.session, sessionTime());
    terminate();
  });

  // --- Start ------------------------------------------------------------------------

  document.documentElement.className += " js";
  if (api) {
    try { connected = String(api[is2004 ? "Initialize" : "LMSInitialize"]("")) === "true"; } catch (e) { connected = false; }
  }
  var start = 0;
  var noticeText = document.getElementById("notice-text");
  if (connected) {
    if (get(E.entry) === "resume") {
      var bookmark = restore();
      if (bookmark) {
        start = bookmark;
        noticeText.textContent = bookmark === QUIZ ? labels.resumed_quiz : format(labels.resumed, { n: bookmark + 1 });
        notice.hidden = false;
      }
    }
  } else {
    noticeText.textContent = labels.no_lms;
    document.getElementById("restart").hidden = true;
    notice.hidden = false;
  }
  show(start, false);
})();
