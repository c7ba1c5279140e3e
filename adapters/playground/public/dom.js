// @ts-check

/**
 * The element with this id, checked to be of the expected kind, so a renamed
 * id in index.html fails at load with its name rather than later as "cannot
 * read properties of null".
 * @template {Element} T
 * @param {string} id
 * @param {{ new (): T, prototype: T }} kind
 * @returns {T}
 */
export function byId(id, kind) {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) throw new Error(`The page has no ${kind.name} #${id}.`);
  return element;
}

/** @param {HTMLElement} element */
export function nearBottom(element) {
  return element.scrollHeight - element.scrollTop - element.clientHeight < 48;
}

/** @param {HTMLElement} element */
export function scrollToBottom(element) {
  element.scrollTop = element.scrollHeight;
}
