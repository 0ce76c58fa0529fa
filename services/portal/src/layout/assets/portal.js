// parkmatch portal: a little progressive JavaScript. Every page works without it.
import { isValidCreditCode } from './credit-code.js';

// Move focus to what needs reading first: the list of errors, or the one button to press.
const first = document.querySelector('[data-focus]');
if (first instanceof HTMLElement) first.focus();

// The credit code's check character, checked before the form is sent (the server checks it too).
for (const input of document.querySelectorAll('input[data-credit-code]')) {
  if (!(input instanceof HTMLInputElement)) continue;
  const error = document.getElementById(`${input.id}-error`);
  const message = input.dataset.invalidMessage ?? '';
  const show = (bad) => {
    if (!error) return;
    if (bad) {
      error.textContent = message;
      error.hidden = false;
      error.dataset.client = 'true';
      input.setAttribute('aria-invalid', 'true');
      const ids = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
      ids.add(error.id);
      input.setAttribute('aria-describedby', [...ids].join(' '));
    } else if (error.dataset.client === 'true') {
      error.textContent = '';
      error.hidden = true;
      delete error.dataset.client;
      input.removeAttribute('aria-invalid');
    }
  };
  const check = () => {
    const code = input.value.trim().toUpperCase();
    const bad = code !== '' && !isValidCreditCode(code);
    show(bad);
    return !bad;
  };
  input.addEventListener('blur', check);
  input.addEventListener('input', () => {
    if (input.getAttribute('aria-invalid') === 'true' || input.value.trim().length >= 18) check();
  });
  input.form?.addEventListener('submit', (event) => {
    if (!check()) {
      event.preventDefault();
      input.focus();
    }
  });
}

// The private link: select it all on focus, and a copy button where the clipboard is at hand.
for (const input of document.querySelectorAll('input[data-select-on-focus]')) {
  input.addEventListener('focus', () => input.select());
}
for (const button of document.querySelectorAll('button[data-copy]')) {
  if (!(button instanceof HTMLButtonElement)) continue;
  const target = document.getElementById(button.dataset.copy ?? '');
  if (!(target instanceof HTMLInputElement) || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(target.value);
      button.textContent = button.dataset.copied ?? button.textContent;
    } catch {
      target.focus();
      target.select();
    }
  });
}

// A channel's set-up form: only the address fields the chosen kind takes (all show without this).
for (const form of document.querySelectorAll('form[data-kind-fields]')) {
  const kind = form.querySelector('select[name="type"]');
  if (!kind) continue;
  const show = () => {
    for (const input of form.querySelectorAll('[data-kinds]')) {
      const field = input.closest('.field');
      if (field) field.hidden = !input.dataset.kinds.split(' ').includes(kind.value);
    }
  };
  kind.addEventListener('change', show);
  show();
}
