/**
 * The engine versions the app was built with, per chapter (scripts/engineVersion.ts:
 * hashes of the engine source a chapter's theory, or its simulations, depend on,
 * injected by vite.config.ts). Persisted and shipped results carry their chapter's
 * version and are used only when it matches. Outside a production build there is
 * none and nothing persisted is trusted: Node and tests have no hash, and the
 * development server takes it once at start while the engine is edited under it.
 */
type Kind = 'theory' | 'sim';
declare const __ENGINE_VERSIONS__: Record<Kind, Record<string, string>> | undefined;

const VERSIONS = import.meta.env?.PROD && typeof __ENGINE_VERSIONS__ === 'object' ? __ENGINE_VERSIONS__ : undefined;

/** The version of the code a chapter's theory results depend on. */
export function theoryVersion(chapter: string): string | undefined {
  return VERSIONS?.theory[chapter];
}

/** The version of the code a chapter's simulations (trained networks) depend on. */
export function simVersion(chapter: string): string | undefined {
  return VERSIONS?.sim[chapter];
}
