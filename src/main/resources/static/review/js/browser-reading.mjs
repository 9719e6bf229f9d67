// Opt-in reading and replying in the Postern console with a private key that only this page holds.
// The key is never sent anywhere: it is parsed, checked against the investigator's approved fingerprint and
// unlocked here, kept in this module's memory for the page's life, and optionally kept in IndexedDB wrapped
// with AES-GCM under a PBKDF2 key from a passphrase. Decrypted text goes into the page with textContent only;
// the console's CSP enforces Trusted Types with no policy, so no HTML sink could take a string anyway.
// The page loads openpgp.min.mjs with SRI in its own script element first; this import resolves to that
// same checked module. Every word the script shows comes from the page (#bk-text), in the page's language:
// errors from OpenPGP.js, the browser or the network are mapped to one of the page's sentences, never shown.
import * as openpgp from '/console-vendor/openpgp/openpgp.min.mjs';

const PBKDF2_ITERATIONS = 600000;
const DB_NAME = 'postern-browser-reading';
const STORE = 'keys';

const panel = document.getElementById('browser-key');
const approved = (panel.dataset.approvedFingerprint || '').toUpperCase();
const maxBytes = Number(panel.dataset.maxBytes);
let privateKey = null;

const $ = (id) => document.getElementById(id);
const language = document.documentElement.lang;
const SIZES = document.querySelector('#bk-text [data-name="sizes"]').textContent.split('|');

// The page's sentence called name, with {0}, {1}… replaced by the values.
function t(name, ...values) {
  const item = document.querySelector('#bk-text [data-name="' + name + '"]');
  return item.textContent.replace(/\{(\d)\}/g, (whole, i) => String(values[Number(i)]));
}

// An error whose message is one of the page's sentences: the only kind whose message is ever shown.
class Said extends Error {}

function refusal(name, ...values) {
  return new Said(t(name, ...values));
}

// What to show for an error: its own sentence if the page wrote it, otherwise the page's sentence called
// fallback (libraries and the browser write their messages in English).
function shown(error, fallback) {
  return error instanceof Said ? error.message : t(fallback);
}

// The page's sentence for an error OpenPGP.js threw while decrypting. Its English text is only matched here
// to tell the cases apart; it is never shown.
function decryptionProblem(error) {
  if (error instanceof Said) {
    return error.message;
  }
  if (error instanceof RangeError) {
    return t('outOfMemory');
  }
  const text = String(error && error.message ? error.message : error);
  if (/Modification detected|Authentication tag mismatch/i.test(text)) {
    return t('forged');
  }
  if (/not authenticated|without integrity|missing MDC/i.test(text)) {
    return t('noIntegrity');
  }
  if (/Session key decryption failed|No decryption key packets|No public key encrypted session key/i.test(text)) {
    return t('notForThisKey');
  }
  if (/unsupported|not supported|unknown|non-preferred/i.test(text)) {
    return t('unsupported');
  }
  return t('damaged');
}

function number(value, fractionDigits) {
  try {
    return new Intl.NumberFormat(language, { maximumFractionDigits: fractionDigits }).format(value);
  } catch {
    return fractionDigits > 0 ? value.toFixed(fractionDigits) : String(value);
  }
}

function say(text, isError) {
  const status = $('bk-status');
  status.textContent = text;
  status.className = isError ? 'error' : 'notice';
  status.setAttribute('role', isError ? 'alert' : 'status');
}

function grouped(fingerprint) {
  return fingerprint.toUpperCase().replace(/(.{4})/g, '$1 ').trim();
}

// A size the way the page's language writes it (bytes to terabytes, binary multiples, as the server does).
function size(bytes) {
  let i = 0;
  while (bytes >= 1024 && i < SIZES.length - 1) {
    bytes /= 1024;
    i++;
  }
  return SIZES[i].replace('{0}', number(i === 0 ? Math.round(bytes) : bytes, i === 0 ? 0 : 1));
}

// --- IndexedDB: one record per fingerprint, {salt, iv, iterations, ciphertext}; never the key in the clear.

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function dbDo(mode, action) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

async function wrappingKey(passphrase, salt, iterations) {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false,
    ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, material,
    { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

async function keep(keyBytes, passphrase) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await wrappingKey(passphrase, salt, PBKDF2_ITERATIONS);
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder()
    .encode(approved) }, key, keyBytes);
  await dbDo('readwrite', (store) => store.put({ salt, iv, iterations: PBKDF2_ITERATIONS, ciphertext }, approved));
}

async function unwrapKept(passphrase) {
  const record = await dbDo('readonly', (store) => store.get(approved));
  if (!record) {
    throw refusal('noKept');
  }
  const key = await wrappingKey(passphrase, record.salt, record.iterations);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv,
      additionalData: new TextEncoder().encode(approved) }, key, record.ciphertext));
  } catch {
    throw refusal('wrongKeptPassphrase');
  }
}

// --- Loading and checking the key.

// Whether OpenPGP.js refused something for using an algorithm or format it does not implement.
function unsupported(error) {
  return /unsupported|not supported|unknown/i.test(String(error && error.message ? error.message : error));
}

async function parsePrivateKey(bytes) {
  const text = new TextDecoder().decode(bytes);
  try {
    return text.includes('-----BEGIN PGP')
      ? await openpgp.readPrivateKey({ armoredKey: text })
      : await openpgp.readPrivateKey({ binaryKey: bytes });
  } catch (e) {
    if (text.includes('PUBLIC KEY BLOCK')) {
      throw refusal('publicKey');
    }
    throw refusal(unsupported(e) ? 'unsupportedKey' : 'notPrivateKey');
  }
}

async function unlock(bytes, passphrase) {
  if (!approved) {
    throw refusal('noApproved');
  }
  const key = await parsePrivateKey(bytes);
  const fingerprint = key.getFingerprint().toUpperCase();
  if (fingerprint !== approved) {
    throw refusal('otherKey', grouped(fingerprint), grouped(approved));
  }
  if (key.isDecrypted()) {
    return key;
  }
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase });
  } catch (e) {
    throw refusal(unsupported(e) ? 'unsupportedKey' : 'wrongPassphrase');
  }
}

function loaded(key) {
  privateKey = key;
  $('bk-load').hidden = true;
  $('bk-unlock').hidden = true;
  $('bk-clear-button').hidden = false;
  $('bk-armored').value = '';
  $('bk-file').value = '';
  $('bk-passphrase').value = '';
  $('bk-unlock-passphrase').value = '';
  document.querySelectorAll('.bk-decrypt').forEach((b) => { b.disabled = false; });
  say(t('loaded', grouped(key.getFingerprint())));
}

async function onLoad() {
  const file = $('bk-file').files[0];
  const pasted = $('bk-armored').value.trim();
  if (!file && !pasted) {
    say(t('nothingToLoad'), true);
    return;
  }
  const bytes = file ? new Uint8Array(await file.arrayBuffer()) : new TextEncoder().encode(pasted);
  const passphrase = $('bk-passphrase').value;
  say(t('checking'));
  const key = await unlock(bytes, passphrase);
  if ($('bk-keep').checked) {
    if (passphrase.length < 8) {
      throw refusal('shortPassphrase');
    }
    await keep(bytes, passphrase);
  }
  loaded(key);
  if ($('bk-keep').checked) {
    say($('bk-status').textContent + ' ' + t('alsoKept'));
  }
}

async function onUnlock() {
  const passphrase = $('bk-unlock-passphrase').value;
  say(t('unlocking'));
  const bytes = await unwrapKept(passphrase);
  loaded(await unlock(bytes, passphrase));
}

async function onForget() {
  await dbDo('readwrite', (store) => store.delete(approved));
  $('bk-unlock').hidden = true;
  say(t('forgotten'));
}

function onClear() {
  privateKey = null;
  $('bk-load').hidden = false;
  $('bk-clear-button').hidden = true;
  document.querySelectorAll('.bk-decrypt').forEach((b) => { b.disabled = true; });
  say(t('cleared'));
}

// --- Reading.

function guessType(bytes, name) {
  const starts = (...magic) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return t('typePdf');
  if (starts(0x89, 0x50, 0x4e, 0x47)) return t('typePng');
  if (starts(0xff, 0xd8, 0xff)) return t('typeJpeg');
  if (starts(0x47, 0x49, 0x46, 0x38)) return t('typeGif');
  if (starts(0x50, 0x4b, 0x03, 0x04)) return t('typeZip');
  const dot = name.lastIndexOf('.');
  return dot > 0 ? t('typeByName', name.substring(dot + 1).toUpperCase()) : t('typeUnknown');
}

// fetch, with a network failure (the browser's own English TypeError) turned into the page's sentence.
async function reach(url, options) {
  try {
    return await fetch(url, options);
  } catch {
    throw refusal('unreachable');
  }
}

async function fetchEncrypted(url, controller) {
  const response = await reach(url, { credentials: 'same-origin', redirect: 'error', signal: controller.signal });
  if (!response.ok) {
    throw refusal('fileNotSent', response.status);
  }
  const length = Number(response.headers.get('Content-Length'));
  if (length > maxBytes) {
    controller.abort();
    throw refusal('tooLarge', size(length), size(maxBytes));
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw refusal(e instanceof RangeError ? 'outOfMemory' : 'unreachable');
  }
}

// Refuses before decrypting when no session key in the message names one of the loaded key's (sub)keys.
function checkAddressedToKey(message) {
  const ids = message.getEncryptionKeyIDs();
  const ours = privateKey.getKeys().map((k) => k.getKeyID());
  if (ids.length > 0 && !ids.some((id) => id.isWildcard() || ours.some((own) => own.equals(id)))) {
    throw refusal('notForThisKey');
  }
}

function outputFor(row) {
  let out = row.nextElementSibling;
  if (!out || !out.classList.contains('bk-output')) {
    out = document.createElement('tr');
    out.className = 'bk-output';
    const cell = document.createElement('td');
    cell.colSpan = row.children.length;
    out.appendChild(cell);
    row.after(out);
  }
  const cell = out.firstElementChild;
  cell.replaceChildren();
  return cell;
}

async function decryptRow(row, button) {
  const cell = outputFor(row);
  const note = document.createElement('p');
  note.className = 'hint';
  note.setAttribute('role', 'status');
  note.textContent = t('decrypting');
  cell.appendChild(note);
  button.disabled = true;
  try {
    const started = performance.now();
    const encrypted = await fetchEncrypted(row.querySelector('a.download').href, new AbortController());
    let message;
    try {
      message = await openpgp.readMessage({ binaryMessage: encrypted });
    } catch {
      throw refusal('damaged');
    }
    checkAddressedToKey(message);
    const result = await openpgp.decrypt({ message, decryptionKeys: privateKey, format: 'binary' });
    const plaintext = result.data;
    const elapsed = Math.round(performance.now() - started);
    row.dataset.decryptMillis = String(elapsed);
    if (row.dataset.message === 'true') {
      const text = document.createElement('pre');
      text.className = 'bk-text';
      text.dir = 'auto';
      text.textContent = new TextDecoder('utf-8').decode(plaintext);
      note.textContent = t('decryptedText', size(plaintext.length));
      cell.appendChild(text);
    } else {
      const name = result.filename || 'decrypted';
      const link = document.createElement('a');
      link.className = 'bk-file';
      link.download = name;
      link.href = URL.createObjectURL(new Blob([plaintext], { type: 'application/octet-stream' }));
      link.textContent = t('save', name);
      note.textContent = t('decryptedFile', name, guessType(plaintext, name), size(plaintext.length)) + ' ';
      note.appendChild(link);
      link.click();
    }
  } catch (e) {
    note.className = 'error';
    note.setAttribute('role', 'alert');
    note.textContent = decryptionProblem(e);
  } finally {
    button.disabled = false;
  }
}

function addReadButtons() {
  document.querySelectorAll('tr.submission').forEach((row) => {
    const cell = row.querySelector('a.download').parentElement;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'bk-decrypt small';
    button.textContent = row.dataset.message === 'true' ? t('read') : t('decrypt');
    button.disabled = true;
    button.addEventListener('click', () => {
      if (privateKey) {
        decryptRow(row, button);
      }
    });
    cell.appendChild(button);
  });
}

// --- Replying: encrypted here to the source's reply key and to every current recipient.

async function encryptReply(text) {
  const response = await reach(panel.dataset.keysUrl, { credentials: 'same-origin', redirect: 'error' });
  if (!response.ok) {
    throw refusal('keysNotSent', response.status);
  }
  const keys = await response.json();
  const recipients = await Promise.all(keys.recipients.map((armoredKey) => openpgp.readKey({ armoredKey })));
  const sourcePacket = Uint8Array.from(atob(keys.sourceKeyPacket), (c) => c.charCodeAt(0));
  const parsed = await openpgp.PacketList.fromBinary(sourcePacket,
    { [openpgp.enums.packet.publicKey]: openpgp.PublicKeyPacket });
  const sourceKey = parsed[0];
  if (!(sourceKey instanceof openpgp.PublicKeyPacket)) {
    throw refusal('replyKeyDamaged');
  }
  const config = { preferredCompressionAlgorithm: openpgp.enums.compression.uncompressed, aeadProtect: false };
  const sessionKey = await openpgp.generateSessionKey({ encryptionKeys: recipients, config });
  // Day only, like replies written on the server: no time of day inside the message.
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const message = await openpgp.createMessage({ binary: new TextEncoder().encode(text), format: 'utf8',
    filename: 'reply.txt', date: today });
  const encrypted = await openpgp.encrypt({ message, encryptionKeys: recipients, sessionKey, format: 'binary',
    config });
  // The source's reply key is a bare key packet (its private half exists only while the source is logged in,
  // so it carries no self-signature): its session-key packet is made with OpenPGP.js's packet API.
  const pkesk = openpgp.PublicKeyEncryptedSessionKeyPacket.fromObject({ version: 3,
    encryptionKeyPacket: sourceKey, anonymousRecipient: false, sessionKey: sessionKey.data,
    sessionKeyAlgorithm: openpgp.enums.write(openpgp.enums.symmetric, sessionKey.algorithm) });
  await pkesk.encrypt(sourceKey);
  const first = new openpgp.PacketList();
  first.push(pkesk);
  const pkeskBytes = first.write();
  const whole = new Uint8Array(pkeskBytes.length + encrypted.length);
  whole.set(pkeskBytes, 0);
  whole.set(encrypted, pkeskBytes.length);
  return whole;
}

// The page's sentence for each refusal the console answers a browser-encrypted reply with.
const REPLY_REFUSALS = { 400: 'replyMalformed', 403: 'replyOff', 409: 'replyNoRecipient', 413: 'replyTooLarge' };

async function onReply(event) {
  event.preventDefault();
  const form = event.target;
  const error = $('bk-reply-error') || document.createElement('p');
  error.id = 'bk-reply-error';
  error.className = 'error';
  error.setAttribute('role', 'alert');
  const text = $('reply-text').value;
  if (!text.trim()) {
    error.textContent = t('replyEmpty');
    form.before(error);
    return;
  }
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const body = await encryptReply(text);
    const headers = { 'Content-Type': 'application/pgp-encrypted' };
    headers[panel.dataset.csrfHeader] = panel.dataset.csrfToken;
    const response = await reach(panel.dataset.replyUrl, { method: 'POST', headers, body,
      credentials: 'same-origin', redirect: 'error' });
    const outcome = await response.json().catch(() => ({ stored: false }));
    if (!response.ok || !outcome.stored) {
      throw refusal(REPLY_REFUSALS[response.status] || 'replyRefused', response.status);
    }
    window.location.assign(panel.dataset.repliedUrl);
  } catch (e) {
    error.textContent = shown(e, 'replyNotEncrypted');
    form.before(error);
    button.disabled = false;
  }
}

// --- Wiring.

function guarded(action) {
  return () => action().catch((e) => say(shown(e, 'failed'), true));
}

panel.hidden = false;
$('bk-load-button').addEventListener('click', guarded(onLoad));
$('bk-unlock-button').addEventListener('click', guarded(onUnlock));
$('bk-forget-button').addEventListener('click', guarded(onForget));
$('bk-clear-button').addEventListener('click', onClear);
addReadButtons();
const replyForm = $('reply-text') && $('reply-text').form;
if (replyForm) {
  replyForm.addEventListener('submit', onReply);
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.id = 'bk-reply-hint';
  hint.textContent = t('replyHint');
  replyForm.querySelector('button[type=submit]').before(hint);
}
if (!approved) {
  say(t('noApprovedHere'), true);
  $('bk-load').hidden = true;
} else {
  dbDo('readonly', (store) => store.count(approved)).then((count) => {
    if (count > 0) {
      $('bk-unlock').hidden = false;
      say(t('keptHere'));
    } else {
      say(t('noKeyLoaded'));
    }
  }).catch(() => say(t('noStorage')));
}
