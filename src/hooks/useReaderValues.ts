/**
 * The reader's stored values as React state, shared by every component on the
 * page (chooser, every StrategyArtifacts, the "Your values" form) and kept in
 * localStorage for this site's baseUrl.
 */
import {useCallback, useSyncExternalStore} from 'react';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {NO_VALUES, readStoredValues, serializeValues, storageKeyFor, type StoredRead, type StoredValues} from '@site/src/utils/readerValues';

interface Store {
  /** The text last read from storage and what it parsed to: a stable snapshot while the text is unchanged. */
  text: string | null;
  read: StoredRead;
  readonly listeners: Set<() => void>;
}

const stores = new Map<string, Store>();

const EMPTY_READ: StoredRead = {values: NO_VALUES, ignored: []};

function storeFor(key: string): Store {
  let store = stores.get(key);
  if (!store) {
    store = {text: null, read: EMPTY_READ, listeners: new Set()};
    stores.set(key, store);
  }
  return store;
}

function readText(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    // Storage can be disabled (privacy settings); the page then shows the defaults.
    return null;
  }
}

/** Storage is the source of truth (another tab may write it); parsing only happens when its text changes. */
function snapshot(key: string): StoredRead {
  const store = storeFor(key);
  const text = readText(key);
  if (text !== store.text) {
    store.text = text;
    store.read = readStoredValues(text);
  }
  return store.read;
}

function notify(key: string): void {
  for (const listener of storeFor(key).listeners) listener();
}

function subscribe(key: string, listener: () => void): () => void {
  const store = storeFor(key);
  store.listeners.add(listener);
  function onStorage(event: StorageEvent): void {
    // Another tab changed the values: follow it.
    if (event.key === key || event.key === null) listener();
  }
  window.addEventListener('storage', onStorage);
  return () => {
    store.listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function write(key: string, next: StoredValues): void {
  const store = storeFor(key);
  const text = Object.keys(next).length === 0 ? null : serializeValues(next);
  try {
    if (text === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, text);
  } catch {
    // Quota or disabled storage: the values still apply until the page is left.
  }
  // Even if storage refused the write, the values apply until storage changes or the page is left.
  store.text = readText(key);
  // What was just written is what the reader chose: nothing in it is left out.
  store.read = {values: next, ignored: EMPTY_READ.ignored};
  notify(key);
}

function serverSnapshot(): StoredRead {
  // The build and the first client render show the defaults, so hydration matches the static HTML.
  return EMPTY_READ;
}

export interface ReaderValuesApi {
  readonly stored: StoredValues;
  /** What the store held that could not be used, and why; empty once the reader saves values again. */
  readonly ignored: readonly string[];
  readonly update: (change: (current: StoredValues) => StoredValues) => void;
}

export function useReaderValues(): ReaderValuesApi {
  const key = storageKeyFor(useDocusaurusContext().siteConfig.baseUrl);
  const read = useSyncExternalStore(
    useCallback((listener: () => void) => subscribe(key, listener), [key]),
    () => snapshot(key),
    serverSnapshot,
  );
  const update = useCallback((change: (current: StoredValues) => StoredValues) => write(key, change(snapshot(key).values)), [key]);
  return {stored: read.values, ignored: read.ignored, update};
}
