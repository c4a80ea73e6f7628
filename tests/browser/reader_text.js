// What a reader can see or hear on the page: the title, the visible text with every <details>
// opened, and the attributes browsers show or screen readers speak. Identifiers marked
// translate="no" (field names, hashes) and scripts are left out.
() => {
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  document.querySelectorAll('[translate="no"]').forEach((e) => { e.textContent = ""; });
  const out = [document.title, document.body.innerText];
  const attrs = ["aria-label", "title", "alt", "placeholder", "aria-placeholder", "aria-roledescription",
                 "aria-description", "aria-valuetext"];
  for (const el of document.querySelectorAll("*")) {
    if (el.closest("script, style, template, noscript, [translate=no]")) continue;
    for (const a of attrs) if (el.hasAttribute(a)) out.push(el.getAttribute(a));
    if (el.tagName === "INPUT" && ["submit", "button", "reset"].includes(el.type)) out.push(el.value);
    if (el.tagName === "META" && el.getAttribute("name") === "description") out.push(el.getAttribute("content"));
    if (el.tagName === "LINK" && el.hasAttribute("title")) out.push(el.getAttribute("title"));
  }
  return out.join("\n");
}
