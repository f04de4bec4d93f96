// newstrace: a little behaviour on top of server-rendered pages. No inline handlers (the CSP
// forbids them); text is only ever set with textContent, never parsed as HTML.
"use strict";

(function () {
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

  // graph edges and network arrows: their evidence on hover
  document.addEventListener("mouseover", function (ev) {
    const t = ev.target instanceof Element ? ev.target.closest("[data-evidence]") : null;
    if (t) {
      showTip(t.getAttribute("data-evidence") || "", ev.clientX, ev.clientY);
      t.classList.add("hot");
    }
  });
  document.addEventListener("mouseout", function (ev) {
    const t = ev.target instanceof Element ? ev.target.closest("[data-evidence]") : null;
    if (t) {
      hideTip();
      t.classList.remove("hot");
    }
  });

  function same(attr, value) {
    return document.querySelectorAll("[" + attr + "=\"" + CSS.escape(value) + "\"]");
  }

  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth; // restart the animation
    el.classList.add("flash");
  }

  // shared passages: hovering lights up both sides; clicking scrolls to the counterpart
  document.addEventListener("mouseover", function (ev) {
    const p = ev.target instanceof Element ? ev.target.closest("[data-pair]") : null;
    if (p) same("data-pair", p.getAttribute("data-pair")).forEach(function (e) { e.classList.add("hot"); });
    const f = ev.target instanceof Element ? ev.target.closest("li[data-finding]") : null;
    if (f) same("data-finding", f.getAttribute("data-finding")).forEach(function (e) { e.classList.add("hot"); });
  });
  document.addEventListener("mouseout", function (ev) {
    const p = ev.target instanceof Element ? ev.target.closest("[data-pair]") : null;
    if (p) same("data-pair", p.getAttribute("data-pair")).forEach(function (e) { e.classList.remove("hot"); });
    const f = ev.target instanceof Element ? ev.target.closest("li[data-finding]") : null;
    if (f) same("data-finding", f.getAttribute("data-finding")).forEach(function (e) { e.classList.remove("hot"); });
  });

  document.addEventListener("click", function (ev) {
    const a = ev.target instanceof Element ? ev.target.closest("a[href^='#']") : null;
    if (!a) return;
    const id = decodeURIComponent(a.getAttribute("href").slice(1));
    const target = document.getElementById(id);
    if (!target) return;
    ev.preventDefault();
    target.scrollIntoView({ behavior: "auto", block: "center" });
    history.replaceState(null, "", "#" + id);
    const key = target.getAttribute("data-pair");
    if (key) same("data-pair", key).forEach(flash);
    else flash(target);
    document.querySelectorAll(".current").forEach(function (e) { e.classList.remove("current"); });
    target.classList.add("current");
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
