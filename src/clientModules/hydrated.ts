/**
 * Marks the document once React has hydrated and the first route has rendered,
 * so browser tests and the benchmark can wait for interactivity instead of guessing.
 */
export function onRouteDidUpdate(): void {
  document.documentElement.dataset.hydrated = 'true';
}
