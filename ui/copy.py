"""Copy buttons: one click puts a text (the view's link, a citation) on the reader's clipboard.

A small ``st.components.v2`` component (no iframe, no network): the buttons are built with
``textContent`` (never HTML from data), copy with the Clipboard API and fall back to a hidden
text area and ``execCommand("copy")`` where the page is not a secure context (plain http on a
LAN address). The button then says "Copied ✓" for two seconds; if both ways fail it says to
select the text and copy it by hand.
"""
from __future__ import annotations

import streamlit as st

_CSS = """
.ct-copy { display:flex; flex-wrap:wrap; gap:0.5rem; }
.ct-copy button { font: inherit; font-size: 0.875rem; line-height: 1.6; padding: 0.25rem 0.75rem;
  border: 1px solid rgba(49,51,63,0.2); border-radius: 0.5rem; background: #fff; color: rgb(49,51,63);
  cursor: pointer; min-height: 2.25rem; }
.ct-copy button:hover { border-color: #2166ac; color: #2166ac; }
.ct-copy button:focus-visible { outline: 2px solid #2166ac; outline-offset: 1px; }
"""

_JS = """
export default function(component) {
  const { parentElement, data } = component;
  let box = parentElement.querySelector('.ct-copy');
  if (!box) { box = document.createElement('div'); box.className = 'ct-copy'; parentElement.appendChild(box); }
  box.replaceChildren();
  for (const item of (data && data.items) || []) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = item.label;
    b.dataset.copy = item.name;
    b.setAttribute('aria-label', item.label);
    b.addEventListener('click', async () => {
      let ok = false;
      try { await navigator.clipboard.writeText(item.text); ok = true; } catch (e) { ok = false; }
      if (!ok) {
        const t = document.createElement('textarea');
        t.value = item.text; t.setAttribute('readonly', ''); t.style.position = 'fixed'; t.style.opacity = '0';
        box.appendChild(t); t.select();
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        t.remove();
      }
      b.textContent = ok ? 'Copied ✓' : 'Select the text and copy it';
      b.dataset.copied = ok ? '1' : '0';
      setTimeout(() => { b.textContent = item.label; delete b.dataset.copied; }, 2000);
    });
    box.appendChild(b);
  }
}
"""

_component = st.components.v2.component("coalition_copy", css=_CSS, js=_JS)


def buttons(items: list[tuple[str, str, str]], key: str) -> None:
    """Copy buttons side by side: ``(name, label, text)`` each; ``name`` is the button's ``data-copy``."""
    _component(key=key, data={"items": [{"name": n, "label": label, "text": text} for n, label, text in items]},
               height="content")
