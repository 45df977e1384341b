/* Upward: the question builder, fill-in forms that save in this browser, and print helpers.
 *
 * Plain JavaScript, no dependencies, no network: it must work from file:// (a kit opened from a
 * zip) as well as from a server. Material loads it on every page, so each feature starts only
 * if its root element is on the page. Nothing typed here leaves the machine: answers and picks
 * go to localStorage, and files are made in the browser (Blob) and handed to the reader.
 * Every message shown comes from the page (a JSON block of words from the words file, in the
 * page's language), so this file holds no words of its own.
 */
(function () {
  "use strict";

  var STORE_VERSION = 1;

  /* ---------------------------------------------------------------- shared helpers */

  /* The site's root path, so two kits opened from disk (all file:// pages share one origin)
     and the general site never read each other's answers. Material writes the relative base
     URL of every page into #__config. */
  function siteRoot() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base, location.href).pathname;
    } catch (error) {
      return location.pathname.replace(/[^/]*$/, "");
    }
  }

  function storeKey(name) {
    return "upward:" + siteRoot() + ":" + name;
  }

  /* localStorage can be missing, blocked (private modes, file:// policies) or full: every call
     is guarded, and callers learn from the return value whether anything was kept. */
  function makeStorage() {
    var local = null;
    try {
      local = window.localStorage;
      local.setItem("upward:probe", "1");
      local.removeItem("upward:probe");
    } catch (error) {
      local = null;
    }
    return {
      ok: local !== null,
      get: function (key) {
        try {
          return local ? local.getItem(key) : null;
        } catch (error) {
          return null;
        }
      },
      set: function (key, value) {
        try {
          if (!local) return false;
          local.setItem(key, value);
          return true;
        } catch (error) {
          return false; // QuotaExceededError, or a browser that refuses writes
        }
      },
      remove: function (key) {
        try {
          if (!local) return false;
          local.removeItem(key);
          return true;
        } catch (error) {
          return false;
        }
      },
    };
  }

  function readJSON(storage, key) {
    var raw = storage.get(key);
    if (!raw) return null;
    try {
      return JSON.parse(raw);
    } catch (error) {
      return null; // a damaged entry is treated as no entry
    }
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function today() {
    var now = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /* The words a feature shows, from its root's <script type="application/json" data-upward-words>.
     `t("key", {name: value})` fills {name} fields; a missing key shows as itself. */
  function wordsIn(root) {
    var words = {};
    try {
      words = JSON.parse(root.querySelector("script[data-upward-words]").textContent);
    } catch (error) {
      words = {};
    }
    var text = function (key, values) {
      var template = typeof words[key] === "string" ? words[key] : key;
      return template.replace(/\{(\w+)\}/g, function (field, name) {
        return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : field;
      });
    };
    text.locale = words.locale || undefined;
    return text;
  }

  /* A date in the page's language (the browser's own when the page does not say). */
  function longDate(value, locale) {
    var date = value ? new Date(value) : new Date();
    if (isNaN(date.getTime())) return "";
    return date.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" });
  }

  /* A file made here and handed to the reader: no server involved. */
  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var link = el("a", { href: url, download: name, hidden: "" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
  }

  /* Lower case, without accents, so "reseau" finds "réseau". */
  function fold(text) {
    return text
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  function show(node, message, isError) {
    node.textContent = message;
    node.classList.toggle("upward-status--error", !!isError);
  }

  /* ------------------------------------------------------------- question builder */

  function initBuilder(root, storage) {
    var t = wordsIn(root);
    var key = storeKey("question-builder");
    var tools = root.querySelector(".upward-builder__tools");
    var panel = root.querySelector(".upward-picks");
    var list = panel.querySelector("[data-role=picks]");
    var empty = panel.querySelector("[data-role=empty]");
    var status = panel.querySelector("[data-role=status]");
    var note = panel.querySelector("[data-role=storage-note]");
    var count = tools.querySelector("[data-role=count]");
    var search = tools.querySelector("input[type=search]");
    var selects = [].slice.call(tools.querySelectorAll("select[data-filter]"));
    var topics = [].slice.call(root.querySelectorAll(".upward-topic"));
    var bar = root.querySelector("[data-role=bar]");
    var barList = root.querySelector("[data-role=bar-list]");
    var ownForm = panel.querySelector("[data-role=own]");
    var ownInput = ownForm.querySelector("input");
    var ownCounter = 0;

    var bank = {};
    var items = [].map.call(root.querySelectorAll(".upward-builder__bank li[data-id]"), function (li) {
      var textNode = li.querySelector(".upward-q__text");
      var item = {
        id: li.getAttribute("data-id"),
        li: li,
        text: textNode.textContent.trim(),
        topic: li.getAttribute("data-topic"),
        stage: li.getAttribute("data-stage"),
        asker: li.getAttribute("data-asker"),
        purposes: (li.getAttribute("data-purposes") || "").split(" ").filter(Boolean),
        haystack: fold(li.textContent),
      };
      item.button = el("button", {
        type: "button",
        class: "md-button upward-small upward-add",
        "aria-describedby": textNode.id,
      });
      li.appendChild(item.button);
      bank[item.id] = item;
      return item;
    });

    /* Picks are {id, text} for bank questions (the text is kept in case the bank changes)
       and {text} for the reader's own. */
    var picks = restore();

    function restore() {
      var saved = readJSON(storage, key);
      if (!isPlainObject(saved) || !Array.isArray(saved.picks)) return [];
      var seen = {};
      return saved.picks
        .filter(function (pick) {
          return isPlainObject(pick) && typeof pick.text === "string" && pick.text.trim();
        })
        .map(function (pick) {
          var id = typeof pick.id === "string" && bank[pick.id] ? pick.id : null;
          return id ? { id: id, text: bank[id].text } : { text: pick.text.trim().slice(0, 500) };
        })
        .filter(function (pick) {
          var seenKey = pick.id ? "id:" + pick.id : "text:" + pick.text;
          if (seen[seenKey]) return false;
          seen[seenKey] = true;
          return true;
        });
    }

    function keyOf(pick) {
      if (pick.id) return "q-" + pick.id;
      if (!pick.key) pick.key = "own-" + ++ownCounter;
      return pick.key;
    }

    function save() {
      var data = picks.map(function (pick) {
        return pick.id ? { id: pick.id, text: pick.text } : { text: pick.text };
      });
      var kept = picks.length
        ? storage.set(key, JSON.stringify({ version: STORE_VERSION, picks: data }))
        : storage.remove(key) || !storage.ok;
      if (!kept) note.hidden = false;
    }

    function isPicked(id) {
      return picks.some(function (pick) {
        return pick.id === id;
      });
    }

    function moveButton(label, symbol, attributes) {
      var button = el("button", Object.assign({ type: "button", title: label }, attributes));
      button.appendChild(el("span", { "aria-hidden": "true" }, symbol));
      button.appendChild(el("span", { class: "upward-sr" }, label));
      return button;
    }

    /* Rebuilds the (short) list; `focus` names the control to focus afterwards, so keyboard
       users stay on the item they moved. */
    function render(focus) {
      list.textContent = "";
      picks.forEach(function (pick, index) {
        var pickKey = keyOf(pick);
        var li = el("li", { "data-key": pickKey });
        var textId = "upward-pick-" + pickKey;
        li.appendChild(el("span", { class: "upward-pick__text", id: textId }, pick.text));
        var group = el("span", { class: "upward-pick__tools" });
        var up = moveButton(t("move_up"), "↑", { "data-move": "-1", "aria-describedby": textId });
        var down = moveButton(t("move_down"), "↓", { "data-move": "1", "aria-describedby": textId });
        var remove = moveButton(t("remove"), "✕", { "data-remove": "", "aria-describedby": textId });
        up.disabled = index === 0;
        down.disabled = index === picks.length - 1;
        group.appendChild(up);
        group.appendChild(down);
        group.appendChild(remove);
        li.appendChild(group);
        list.appendChild(li);
      });
      empty.hidden = picks.length > 0;
      barList.textContent = t("bar_list", { count: picks.length });
      items.forEach(function (item) {
        var picked = isPicked(item.id);
        item.button.textContent = picked ? t("remove") : t("add");
        item.button.classList.toggle("upward-add--picked", picked);
        item.li.classList.toggle("upward-picked", picked);
      });
      if (focus) {
        var row = list.querySelector('[data-key="' + focus.key + '"]');
        var target = row && row.querySelector(focus.selector);
        if (target && target.disabled) target = row.querySelector("button:not([disabled])");
        (target || focus.fallback || ownInput).focus();
      }
    }

    function update(message, focus) {
      save();
      render(focus);
      if (message) show(status, message);
    }

    function countText() {
      return picks.length === 1 ? t("one_question") : t("questions", { count: picks.length });
    }

    /* Filters and search: hide what does not match, and the topics left empty. */
    var countTimer = null;
    function applyFilters() {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var chosen = {};
      selects.forEach(function (select) {
        chosen[select.getAttribute("data-filter")] = select.value;
      });
      var shown = 0;
      items.forEach(function (item) {
        var match =
          (!chosen.topic || item.topic === chosen.topic) &&
          (!chosen.stage || item.stage === chosen.stage || item.stage === "any") &&
          (!chosen.asker || item.asker === chosen.asker) &&
          (!chosen.purposes ||
            item.purposes.length === 0 ||
            item.purposes.indexOf(chosen.purposes) >= 0) &&
          words.every(function (word) {
            return item.haystack.indexOf(word) >= 0;
          });
        item.li.hidden = !match;
        if (match) shown += 1;
      });
      topics.forEach(function (topic) {
        topic.hidden = !topic.querySelector("li:not([hidden])");
      });
      // The count is a live region: wait for a pause in typing before it speaks.
      clearTimeout(countTimer);
      countTimer = setTimeout(function () {
        count.textContent =
          shown === items.length
            ? t("showing_all", { total: items.length })
            : shown === 0
              ? t("no_match")
              : t("showing_some", { shown: shown, total: items.length });
      }, 250);
    }

    search.addEventListener("input", applyFilters);
    selects.forEach(function (select) {
      select.addEventListener("change", applyFilters);
    });
    tools.querySelector("[data-action=reset-filters]").addEventListener("click", function () {
      search.value = "";
      selects.forEach(function (select) {
        select.value = "";
      });
      applyFilters();
    });

    root.querySelector(".upward-builder__bank").addEventListener("click", function (event) {
      var button = event.target.closest(".upward-add");
      if (!button) return;
      var item = bank[button.closest("li").getAttribute("data-id")];
      if (isPicked(item.id)) {
        picks = picks.filter(function (pick) {
          return pick.id !== item.id;
        });
        update(t("removed", { count: countText() }));
      } else {
        picks.push({ id: item.id, text: item.text });
        update(t("added", { number: picks.length }));
      }
      button.focus();
    });

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var row = button.closest("li");
      var index = [].indexOf.call(list.children, row);
      var pick = picks[index];
      if (button.hasAttribute("data-remove")) {
        picks.splice(index, 1);
        var next = picks[index] || picks[index - 1];
        update(
          t("removed", { count: countText() }),
          next ? { key: keyOf(next), selector: "[data-remove]" } : { fallback: ownInput },
        );
        return;
      }
      var to = index + Number(button.getAttribute("data-move"));
      if (to < 0 || to >= picks.length) return;
      picks.splice(index, 1);
      picks.splice(to, 0, pick);
      update(t("moved", { number: to + 1, total: picks.length }), {
        key: keyOf(pick),
        selector: '[data-move="' + button.getAttribute("data-move") + '"]',
      });
    });

    ownForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = ownInput.value.replace(/\s+/g, " ").trim();
      if (!text) {
        show(status, t("write_first"), true);
        ownInput.focus();
        return;
      }
      var duplicate = picks.some(function (pick) {
        return pick.text === text;
      });
      if (duplicate) {
        show(status, t("duplicate"), true);
        return;
      }
      picks.push({ text: text });
      ownInput.value = "";
      update(t("added_own", { number: picks.length }));
    });

    function sheet(markdown) {
      var title = t("sheet_title");
      var lines = markdown ? ["# " + title, ""] : [title, ""];
      lines.push(t("sheet_from", { date: longDate(null, t.locale) }), "");
      picks.forEach(function (pick, index) {
        lines.push(index + 1 + ". " + pick.text);
        if (!markdown) lines.push("");
      });
      return lines.join("\n").replace(/\n*$/, "\n");
    }

    panel.querySelector(".upward-picks__actions").addEventListener("click", function (event) {
        var button = event.target.closest("button[data-action]");
        if (!button) return;
        var action = button.getAttribute("data-action");
        if (action === "print") {
          window.print();
          return;
        }
        if (action === "clear") {
          if (picks.length && !window.confirm(t("confirm_clear", { count: countText() }))) {
            return;
          }
          picks = [];
          storage.remove(key);
          render();
          show(status, t("cleared"));
          return;
        }
        if (!picks.length) {
          show(status, t("pick_first"), true);
          return;
        }
        var markdown = action === "md";
        var name = t("file_name", { date: today() }) + (markdown ? ".md" : ".txt");
        download(name, sheet(markdown), markdown ? "text/markdown" : "text/plain");
        show(status, t("saved_as", { name: name }));
      });

    /* A topic link whose topic the filters hide shows every question again first, so the jump
       always lands on something. */
    /* The topic list is open where there is room, folded on a phone; the bar's "Topics" opens it. */
    var topicList = root.querySelector(".upward-builder__topics");
    if (window.matchMedia("(min-width: 60em)").matches) topicList.open = true;
    bar.querySelector("a[href='#upward-topics']").addEventListener("click", function () {
      topicList.open = true;
    });
    topicList.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      var topic = target && target.closest(".upward-topic");
      if (topic && topic.hidden) tools.querySelector("[data-action=reset-filters]").click();
    });

    if (!storage.ok) note.hidden = false;
    document.documentElement.classList.add("upward-has-builder");
    bar.hidden = false;
    tools.hidden = false;
    panel.hidden = false;
    render();
    applyFilters();
  }

  /* --------------------------------------------------------------------- forms */

  function initForm(form, storage) {
    var t = wordsIn(form);
    var id = form.getAttribute("data-upward-form");
    var key = storeKey("form:" + id);
    var status = form.querySelector("[data-role=status]");
    var note = form.querySelector("[data-role=storage-note]");
    var actions = form.querySelector(".upward-form__actions");
    var fileInput = form.querySelector("[data-role=import-file]");
    var title = form.getAttribute("aria-label") || id;
    var warning = form.querySelector("[data-role=warning]");
    var warningList = warning.querySelector("[data-role=warning-list]");
    var anyway = warning.querySelector("[data-action=anyway]");
    var required = [].slice.call(form.querySelectorAll(".upward-field[data-required]"));
    var pending = null; // what "Print anyway" or "Save anyway" goes on to do

    // On paper a help text is printed once: the same line under every goal is noise there.
    var helpSeen = {};
    [].forEach.call(form.querySelectorAll(".upward-help"), function (help) {
      var text = help.textContent.trim();
      if (helpSeen[text]) help.setAttribute("data-upward-repeat", "");
      helpSeen[text] = true;
    });

    // The fields, grouped by name (a scale is five radios with one name).
    var fields = {};
    [].forEach.call(form.elements, function (element) {
      if (!element.name || element.type === "file" || element.type === "button") return;
      (fields[element.name] = fields[element.name] || []).push(element);
    });
    var names = Object.keys(fields);

    function read() {
      var answers = {};
      names.forEach(function (name) {
        var elements = fields[name];
        var first = elements[0];
        if (first.type === "radio") {
          var checked = elements.filter(function (radio) {
            return radio.checked;
          })[0];
          answers[name] = checked ? checked.value : "";
        } else if (first.hasAttribute("data-upward-multi")) {
          // a multiple choice: the values of the boxes ticked, in the form's order
          answers[name] = elements
            .filter(function (box) {
              return box.checked;
            })
            .map(function (box) {
              return box.value;
            });
        } else if (first.type === "checkbox") {
          answers[name] = first.checked;
        } else {
          answers[name] = first.value;
        }
      });
      return answers;
    }

    /* Why an answers object does not fit this form, or "" if it does. Checked in full
       before anything is written, so a bad file changes nothing. */
    function problem(answers) {
      if (!isPlainObject(answers)) return t("no_answers");
      var keys = Object.keys(answers);
      for (var i = 0; i < keys.length; i += 1) {
        var name = keys[i];
        var value = answers[name];
        var elements = fields[name];
        if (!elements) return t("unknown_field", { name: name });
        var first = elements[0];
        if (first.hasAttribute("data-upward-multi")) {
          var values = elements.map(function (box) {
            return box.value;
          });
          if (!Array.isArray(value)) return t("not_a_list", { name: name });
          for (var j = 0; j < value.length; j += 1) {
            if (values.indexOf(value[j]) < 0) return t("not_a_choice", { value: String(value[j]), name: name });
          }
          continue;
        }
        if (first.type === "checkbox") {
          if (typeof value !== "boolean") return t("not_yes_no", { name: name });
          continue;
        }
        if (typeof value !== "string" || value.length > 20000) {
          return t("not_text", { name: name });
        }
        var allowed =
          first.type === "radio"
            ? elements.map(function (radio) {
                return radio.value;
              })
            : first.tagName === "SELECT"
              ? [].map.call(first.options, function (option) {
                  return option.value;
                })
              : null;
        if (allowed && value !== "" && allowed.indexOf(value) < 0) {
          return t("not_a_choice", { value: value, name: name });
        }
      }
      return "";
    }

    /* Sets every field: from `answers` where given, else back to its default (the page's
       prefilled value, or empty). */
    function write(answers) {
      names.forEach(function (name) {
        var has = Object.prototype.hasOwnProperty.call(answers, name);
        fields[name].forEach(function (element) {
          if (element.type === "radio") {
            element.checked = has ? element.value === answers[name] : element.defaultChecked;
          } else if (element.hasAttribute("data-upward-multi")) {
            element.checked = has ? answers[name].indexOf(element.value) >= 0 : element.defaultChecked;
          } else if (element.type === "checkbox") {
            element.checked = has ? answers[name] === true : element.defaultChecked;
          } else if (element.tagName === "SELECT") {
            var defaultOption = [].filter.call(element.options, function (option) {
              return option.defaultSelected;
            })[0];
            element.value = has ? answers[name] : defaultOption ? defaultOption.value : "";
          } else {
            element.value = has ? answers[name] : element.defaultValue;
          }
        });
      });
      markEmpty();
    }

    function save() {
      var data = { form: id, version: STORE_VERSION, saved: new Date().toISOString(), answers: read() };
      if (!storage.set(key, JSON.stringify(data))) note.hidden = false;
    }

    /* Empty dates and choices are marked, so the printout shows a blank line (not the browser's
       "dd/mm/yyyy") and a choice's options (not "Choose…"). */
    function markEmpty() {
      [].forEach.call(form.querySelectorAll("input[type=date], select"), function (element) {
        element.classList.toggle("upward-empty", !element.value);
      });
    }

    /* --- required answers: a warning before printing or saving, never a refusal */

    function control(field) {
      return field.querySelector("input, textarea, select");
    }

    function isEmpty(field) {
      var inputs = field.querySelectorAll("input, textarea, select");
      var first = inputs[0];
      if (!first) return false;
      if (first.type === "radio" || first.hasAttribute("data-upward-multi")) {  // any one chosen
        return ![].some.call(inputs, function (radio) {
          return radio.checked;
        });
      }
      if (first.type === "checkbox") return !first.checked;
      return !first.value.trim();
    }

    function missing() {
      return required.filter(isEmpty);
    }

    /* Whether the reader has answered anything: a form left as it came (blank, or with the
       organisation's prefilled facts) prints as a paper form to fill in by hand, unwarned. */
    function touched() {
      return names.some(function (name) {
        return fields[name].some(function (element) {
          if (element.type === "radio" || element.type === "checkbox") return element.checked !== element.defaultChecked;
          if (element.tagName === "SELECT") {
            // A select with no option marked starts on its first one ("Choose…").
            var start = [].filter.call(element.options, function (option) {
              return option.defaultSelected;
            })[0] || element.options[0];
            return element.value !== (start ? start.value : "");
          }
          return element.value !== element.defaultValue;
        });
      });
    }

    function markMissing(list) {
      required.forEach(function (field) {
        var empty = list.indexOf(field) >= 0;
        field.classList.toggle("upward-field--missing", empty);
        [].forEach.call(field.querySelectorAll("input, textarea, select"), function (element) {
          if (empty) element.setAttribute("aria-invalid", "true");
          else element.removeAttribute("aria-invalid");
        });
      });
    }

    function hideWarning() {
      warning.hidden = true;
      pending = null;
      markMissing([]);
    }

    function warn(list, action) {
      pending = action;
      warning.querySelector("[data-role=warning-text]").textContent =
        list.length === 1 ? t("missing_one") : t("missing_some", { count: list.length });
      warningList.textContent = "";
      list.forEach(function (field) {
        var item = el("li");
        item.appendChild(el("a", { href: "#" + control(field).id }, field.getAttribute("data-label")));
        warningList.appendChild(item);
      });
      anyway.textContent = action === "print" ? t("print_anyway") : t("save_anyway");
      markMissing(list);
      warning.hidden = false;
      warning.setAttribute("tabindex", "-1");
      warning.focus();
    }

    function goTo(field) {
      var target = control(field);
      target.focus();
      target.scrollIntoView({ block: "center" });
    }

    function exportAnswers() {
      var name = t("file_name", { form: id, date: today() }) + ".json";
      var data = { form: id, version: STORE_VERSION, saved: new Date().toISOString(), answers: read() };
      download(name, JSON.stringify(data, null, 2) + "\n", "application/json");
      show(status, t("exported", { name: name }));
    }

    function run(action) {
      if (action === "print") window.print();
      else exportAnswers();
    }

    warning.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (link) {
        event.preventDefault();
        var field = required.filter(function (candidate) {
          return "#" + control(candidate).id === link.getAttribute("href");
        })[0];
        if (field) goTo(field);
        return;
      }
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      if (button.getAttribute("data-action") === "anyway") {
        var action = pending;
        hideWarning();
        if (action) run(action);
      } else {
        var first = missing()[0];
        if (first) goTo(first);
      }
    });

    function saveAnswer(event) {
      if (event.target === fileInput) return; // choosing a file to open is not an answer
      save();
      markEmpty();
      if (!warning.hidden) {
        // The list follows the answers: it shrinks as they are given, and goes when none is left.
        var left = missing();
        if (left.length) warn(left, pending);
        else hideWarning();
      }
    }
    form.addEventListener("input", saveAnswer);
    form.addEventListener("change", saveAnswer);

    actions.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "print" || action === "export") {
        var empty = missing();
        if (empty.length && (action === "export" || touched())) warn(empty, action);
        else {
          hideWarning();
          run(action);
        }
      } else if (action === "import") {
        fileInput.click();
      } else if (action === "clear") {
        if (!window.confirm(t("confirm_clear"))) return;
        write({});
        storage.remove(key);
        hideWarning();
        show(status, t("cleared"));
      }
    });

    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      fileInput.value = ""; // so choosing the same file again fires another change
      if (!file) return;
      var refuse = function (why) {
        show(status, t("not_imported", { name: file.name, why: why }), true);
      };
      if (file.size > 1000000) {
        refuse(t("too_large"));
        return;
      }
      file.text().then(
        function (text) {
          var data;
          try {
            data = JSON.parse(text);
          } catch (error) {
            refuse(t("not_json"));
            return;
          }
          if (!isPlainObject(data) || typeof data.form !== "string" || !("answers" in data)) {
            refuse(t("not_answers"));
          } else if (data.form !== id) {
            refuse(t("other_form", { form: data.form, title: title }));
          } else if (data.version !== STORE_VERSION) {
            refuse(t("other_version", { version: String(data.version) }));
          } else if (problem(data.answers)) {
            refuse(problem(data.answers));
          } else {
            write(data.answers);
            save();
            if (!warning.hidden) hideWarning();
            var when = longDate(data.saved, t.locale);
            show(status, when ? t("imported_on", { name: file.name, date: when }) : t("imported", { name: file.name }));
          }
        },
        function () {
          refuse(t("unreadable"));
        },
      );
    });

    // Restore leniently: answers for fields this form no longer has (the kit changed since)
    // are dropped one by one rather than losing them all.
    var saved = readJSON(storage, key);
    if (isPlainObject(saved) && saved.form === id && isPlainObject(saved.answers)) {
      var usable = {};
      Object.keys(saved.answers).forEach(function (name) {
        var one = {};
        one[name] = saved.answers[name];
        if (!problem(one)) usable[name] = saved.answers[name];
      });
      write(usable);
      var when = longDate(saved.saved, t.locale);
      show(status, t("restored", { date: when || t("earlier_visit") }));
    }
    markEmpty();
    if (!storage.ok) note.hidden = false;
    actions.hidden = false;
  }

  /* ------------------------------------------------------------------- checklists */

  /* Self-check lists print a tick box per statement; on screen the box is a disabled, unlabelled
     input that a screen reader would announce as "checkbox, unchecked" with no name. It is
     decoration (the statement is the list item's text), so take it out of the accessibility tree. */
  function quietChecklists() {
    [].forEach.call(document.querySelectorAll(".task-list-control input[type=checkbox][disabled]"), function (box) {
      box.setAttribute("aria-hidden", "true");
      box.tabIndex = -1;
    });
  }

  /* ---------------------------------------------------------------------- tables */

  var PHONE = "(max-width: 44.9375em)"; // Material's breakpoint for phones

  /* On a phone a wide table becomes a stack of cards (upward.css): every cell gets its column's
     name as a label, and the row's name (its first cell with a link, else its first cell) is
     marked as the card's title. Tables of four columns or more always stack on a phone; smaller
     ones only if they would not fit. Without JavaScript a table stays a table that scrolls. */
  function cardTables() {
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;
    var tables = [].filter.call(article.querySelectorAll("table"), function (table) {
      return table.tHead && table.tHead.rows.length && table.tBodies.length;
    });
    tables.forEach(function (table) {
      var labels = [].map.call(table.tHead.rows[0].cells, function (cell) {
        return cell.textContent.trim();
      });
      var firstRow = table.tBodies[0].rows[0];
      var titleColumn = 0;
      if (firstRow) {
        var linked = [].map.call(firstRow.cells, function (cell) {
          return !!cell.querySelector("a");
        }).indexOf(true);
        if (linked > 0) titleColumn = linked;
      }
      [].forEach.call(table.tBodies, function (body) {
        [].forEach.call(body.rows, function (row) {
          [].forEach.call(row.cells, function (cell, index) {
            if (labels[index]) cell.setAttribute("data-label", labels[index]);
            if (index === titleColumn) cell.setAttribute("data-upward-title", "");
            // One box for the cell's content, so "PDF · Word" stays one value beside its label.
            if (cell.childNodes.length > 1) {
              var content = el("span", { class: "upward-cell" });
              while (cell.firstChild) content.appendChild(cell.firstChild);
              cell.appendChild(content);
            }
          });
        });
      });
      if (labels.length >= 4) table.setAttribute("data-upward-cards", "");
    });
    var phone = window.matchMedia(PHONE);
    function fitSmallTables() {
      if (!phone.matches) return;
      tables.forEach(function (table) {
        if (!table.hasAttribute("data-upward-cards") && table.scrollWidth > table.clientWidth + 1) {
          table.setAttribute("data-upward-cards", "");
        }
      });
    }
    fitSmallTables();
    if (phone.addEventListener) phone.addEventListener("change", fitSmallTables);
  }

  /* ----------------------------------------------------------------------- print */

  function preparePrint() {
    // Tabs print one after the other: give each panel its tab's name to show above it.
    [].forEach.call(document.querySelectorAll(".tabbed-set"), function (set) {
      var labels = set.querySelectorAll(".tabbed-labels > label");
      var blocks = set.querySelectorAll(".tabbed-content > .tabbed-block");
      [].forEach.call(blocks, function (block, index) {
        if (labels[index]) block.setAttribute("data-upward-tab", labels[index].textContent.trim());
      });
    });

    // No section is forced onto a new sheet (that left pages nearly empty): blocks are kept
    // whole by the print style sheet, and the text runs on.

    // Closed <details> print open, and close again afterwards.
    var opened = [];
    window.addEventListener("beforeprint", function () {
      opened = [].filter.call(document.querySelectorAll("details:not([open])"), function (details) {
        details.open = true;
        return true;
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) {
        details.open = false;
      });
      opened = [];
    });
  }

  /* --------------------------------------------------------------------- start */

  function start() {
    var storage = null;
    var builder = document.querySelector("[data-upward-builder]");
    var forms = document.querySelectorAll("form[data-upward-form]");
    if (builder || forms.length) storage = makeStorage();
    if (builder) initBuilder(builder, storage);
    [].forEach.call(forms, function (form) {
      initForm(form, storage);
    });
    quietChecklists();
    cardTables();
    preparePrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
