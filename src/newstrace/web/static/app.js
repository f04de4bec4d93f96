// newstrace: a little behaviour on top of server-rendered pages. No inline handlers (the CSP
// forbids them); text is only ever set with textContent, never parsed as HTML. The app puts
// newstrace.drawing.JUMP_SCRIPT (markJump, pulseJump: where a jump lands, as the HTML report marks it) before it.

(function () {
  "use strict";
  const tip = document.getElementById("tip");

  function showTip(text, x, y) {
    if (!tip) return;
    tip.textContent = text;
    tip.hidden = false;
    const w = tip.offsetWidth;
    tip.style.left = Math.max(4, Math.min(x + 12, window.innerWidth - w - 8)) + "px";
    tip.style.top = (y + 14 + window.scrollY) + "px";
  }

  function hideTip() {
    if (tip) tip.hidden = true;
  }

  // graph edges and network arrows: their evidence on hover, and on keyboard focus beside the arrow
  function evidence(ev, on) {
    const t = ev.target instanceof Element ? ev.target.closest("[data-evidence]") : null;
    if (!t) return;
    if (on) {
      const box = t.getBoundingClientRect();
      const x = ev.type === "focusin" ? box.left : ev.clientX;
      const y = ev.type === "focusin" ? box.bottom : ev.clientY;
      showTip(t.getAttribute("data-evidence") || "", x, y);
      t.classList.add("hot");
    } else {
      hideTip();
      t.classList.remove("hot");
    }
  }
  document.addEventListener("mouseover", function (ev) { evidence(ev, true); });
  document.addEventListener("mouseout", function (ev) { evidence(ev, false); });
  document.addEventListener("focusin", function (ev) { evidence(ev, true); });
  document.addEventListener("focusout", function (ev) { evidence(ev, false); });

  // what Tab brings up shows whole, its ring too (drawing.FOCUS_RING's scroll-margin keeps room for
  // it): the browser leaves alone a control that shows in part sideways, a title's link past the
  // right edge of a phone's table that scrolls, its ring cut off there; nearest: no scroll where it
  // is in sight already
  document.addEventListener("focusin", function (ev) {
    const t = ev.target;
    if (t instanceof Element && t.matches(":focus-visible")) t.scrollIntoView({ block: "nearest", inline: "nearest" });
  });

  function same(attr, value) {
    return document.querySelectorAll("[" + attr + "=\"" + CSS.escape(value) + "\"]");
  }

  // shared passages: hovering (or tabbing to) one lights up both sides, a finding lights up its
  // evidence; clicking (or Enter) goes to the counterpart
  function light(ev, on) {
    const p = ev.target instanceof Element ? ev.target.closest("[data-pair]") : null;
    if (p) same("data-pair", p.getAttribute("data-pair")).forEach(function (e) { e.classList.toggle("hot", on); });
    const f = ev.target instanceof Element ? ev.target.closest("li[data-finding]") : null;
    if (f) same("data-finding", f.getAttribute("data-finding")).forEach(function (e) { e.classList.toggle("hot", on); });
  }
  document.addEventListener("mouseover", function (ev) { light(ev, true); });
  document.addEventListener("mouseout", function (ev) { light(ev, false); });
  document.addEventListener("focusin", function (ev) { light(ev, true); });
  document.addEventListener("focusout", function (ev) { light(ev, false); });

  // the skip link is left to the browser, which focuses <main> (tabindex -1)
  document.addEventListener("click", function (ev) {
    const a = ev.target instanceof Element ? ev.target.closest("a[href^='#']:not(.skip)") : null;
    if (!a) return;
    const id = decodeURIComponent(a.getAttribute("href").slice(1));
    const target = document.getElementById(id);
    if (!target) return;
    ev.preventDefault();
    jump(target, id);
  });

  // a jump: the words centred, pulsing, outlined whole (until focus or a press goes elsewhere) and focused
  function jump(target, id) {
    target.scrollIntoView({ behavior: "auto", block: "center" });
    history.replaceState(null, "", "#" + id);
    const key = target.getAttribute("data-pair");
    // a finding's words cut into pieces (a shared passage's edge inside them): all of them, not the first
    const evKey = target.getAttribute("data-ev");
    const pieces = evKey ? Array.from(same("data-ev", evKey)) : [target];
    pulseJump(key ? same("data-pair", key) : pieces);  // a shared passage: both its ends
    markJump(pieces);
    // focus follows the jump, so the next Tab goes on from the evidence, not from the finding
    // (a highlighted span is not focusable by itself; the default the handler cancels moved it)
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }

  // a page opened at a finding's words (the story page's link to a claim only one article
  // carries): jumped to as a click on its jump does; the browser left them at the window's top edge,
  // unmarked among the other highlights
  // (at load: the browser's own scroll to the fragment comes after this script, undoing a jump made sooner)
  window.addEventListener("load", function () {
    if (location.hash.length <= 1) return;
    let id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* a stray "%" typed in the address: as it is */ }
    const target = document.getElementById(id);
    if (target && target.hasAttribute("data-ev")) jump(target, id);
  });

  // "Compare selected" (Articles, a story's list): the ticks counted beside the button, and once
  // as many are ticked as /compare takes (the form's data-most), the others cannot be ticked: a
  // 9th was refused only after the press, on a page of its own
  document.querySelectorAll("form.pick[data-most]").forEach(function (pick) {
    const most = parseInt(pick.getAttribute("data-most") || "0", 10);
    const boxes = Array.from(pick.querySelectorAll("input[type=checkbox][name=ids]"));
    const count = pick.querySelector(".pick-count");
    const idle = count ? count.textContent : "";
    function update() {
      const n = boxes.filter(function (b) { return b.checked; }).length;
      const full = most > 0 && n >= most;
      boxes.forEach(function (b) {
        if (b.checked) return;
        b.disabled = full;
        if (full) b.title = "at most " + most + " articles are compared: untick one to pick this one";
        else b.removeAttribute("title");
      });
      if (!count) return;
      if (!n) count.textContent = idle;
      else if (full) count.textContent = "(" + n + " ticked, the most compared at once: untick one to pick another)";
      else count.textContent = "(" + n + " ticked of 2 to " + most + " articles)";
    }
    pick.addEventListener("change", update);
    update(); // a page the browser restores keeps its ticks
  });

  // upload: drop files anywhere on the form
  const form = document.querySelector("form.upload");
  if (form) {
    const input = form.querySelector("input[type=file]");
    form.addEventListener("dragover", function (ev) { ev.preventDefault(); form.classList.add("dragging"); });
    form.addEventListener("dragleave", function () { form.classList.remove("dragging"); });
    form.addEventListener("drop", function (ev) {
      ev.preventDefault();
      form.classList.remove("dragging");
      if (input && ev.dataTransfer && ev.dataTransfer.files.length) input.files = ev.dataTransfer.files;
    });
  }
})();
