/**
 * Copies text, falling back to a hidden textarea and `execCommand('copy')` where
 * the async Clipboard API is missing (plain http on a LAN host is not a secure
 * context, so `navigator.clipboard` is undefined there).
 */
export async function copyText(text: string): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Permission denied or document not focused: the fallback below may still work.
    }
  }
  copyWithTextarea(text);
}

function copyWithTextarea(text: string): void {
  const textarea = document.createElement('textarea');
  textarea.value = text;
  textarea.setAttribute('readonly', '');
  // Off-screen but focusable; `display: none` would make the selection empty.
  textarea.style.position = 'fixed';
  textarea.style.top = '-1000px';
  textarea.style.opacity = '0';
  const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  document.body.appendChild(textarea);
  textarea.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } finally {
    textarea.remove();
    previousFocus?.focus();
  }
  if (!copied) throw new Error('The browser refused to copy. Select the text and copy it by hand.');
}

/** Offers text as a file download without a server round trip. */
export function downloadText(fileName: string, text: string, mimeType = 'text/plain'): void {
  downloadBlob(fileName, new Blob([text], {type: `${mimeType};charset=utf-8`}));
}

/** Offers bytes (a zip, say) as a file download without a server round trip. */
export function downloadBytes(fileName: string, bytes: Uint8Array<ArrayBuffer>, mimeType = 'application/octet-stream'): void {
  downloadBlob(fileName, new Blob([bytes], {type: mimeType}));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Revoke on the next task: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
